/** Queries behind 考核督查's 资源共享 figures: the uses credited to units in a period, and which items a reader may see. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { entryVisibleTo } from './library.visibility.js';

type H = Db | Trx;

/** Uses of `kinds` recorded in [fromAt, toAt) (ISO instants), credited to `unitIds` (all when null), in id order. */
export function usesInPeriod(db: H, fromAt: string, toAt: string, kinds: readonly string[], unitIds: readonly number[] | null) {
  let q = db
    .selectFrom('library_use')
    .select(['id', 'item_id', 'unit_id', 'kind'])
    .where('kind', 'in', [...kinds])
    .where('created_at', '>=', fromAt)
    .where('created_at', '<', toAt);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
  return q.orderBy('id').execute();
}

/** Of `ids`, the items whose entry `actor` may see, with their titles. */
export function readableEntries(db: H, actor: Actor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('library_item')
    .select(['library_item.id', 'library_item.title'])
    .where('library_item.id', 'in', [...ids])
    .where(entryVisibleTo(actor))
    .orderBy('library_item.id')
    .execute();
}
