/**
 * Optimistic locking (乐观锁) in one place: every table with a `version` column is written by
 * `update … where id = ? and version = ?`; no row updated means someone else wrote first → 409.
 */
import type { Trx } from '../db/client.js';
import type { DB } from '../db/schema.js';
import type { AuditInput, AuditTrail } from './audit.js';
import { StaleVersionError } from './errors.js';

/** 409 `stale_version` (with the current version) unless the client's version is the loaded row's. */
export function assertVersion(row: { version: number }, expected: number): void {
  if (row.version !== expected) throw new StaleVersionError({ current: row.version });
}

/**
 * Writes `set` to the row `id` if it is still at `version`, bumps the version and, when given,
 * appends the audit entry in the same transaction. Returns the new version; 0 rows → 409 `stale_version`.
 */
export async function updateVersioned<T extends keyof DB & string>(
  trx: Trx,
  table: T,
  row: { id: number; version: number },
  set: Record<string, unknown>,
  audit?: { trail: AuditTrail; entry: AuditInput },
): Promise<number> {
  const res = await trx
    .updateTable(table as never)
    .set({ ...set, version: row.version + 1 } as never)
    .where('id' as never, '=', row.id as never)
    .where('version' as never, '=', row.version as never)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
  if (audit) await audit.trail.append(trx, audit.entry);
  return row.version + 1;
}
