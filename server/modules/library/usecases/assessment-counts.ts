/**
 * 考核督查's 资源共享 figures per unit for a period (`LibraryContract.assessmentCounts`): the uses
 * 提供 / 应用 / 转化 credited to the unit owning the item, with the items counted; and which counted
 * items a reader may see (`readableRecords`, the catalogue entry's read rule).
 */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { countInto, type CountedRef, type ReadableRecord, type UnitCounted } from '../../../platform/counted.js';
import { readableEntries, usesInPeriod } from '../repo/library.assessment.js';
import { DAY } from './common.js';

const KINDS = ['provided', 'applied', 'converted'] as const;

/** Per unit: `provided`, `applied`, `converted` uses recorded in the period (China dates, inclusive), with the items behind each. */
export async function assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>> {
  const fromAt = iso(new Date(`${period.from}T00:00:00+08:00`));
  const toAt = iso(new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + DAY));
  const out: Record<number, UnitCounted> = {};
  for (const u of await usesInPeriod(db, fromAt, toAt, KINDS, unitIds ?? null)) countInto(out, u.unit_id, u.kind, { type: 'library_item', id: u.item_id });
  for (const u of Object.values(out)) for (const k of KINDS) u.counts[k] ??= 0;
  return out;
}

/** Of the counted `refs`, the 资源 items whose entry `actor` may see, with title and link. */
export async function readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  const ids = [...new Set(refs.filter((r) => r.type === 'library_item').map((r) => r.id))];
  return (await readableEntries(db, actor, ids)).map((r) => ({ type: 'library_item', id: r.id, title: r.title, link: `/library/items/${r.id}` }));
}
