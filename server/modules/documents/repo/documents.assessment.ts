/** Queries behind 考核督查's 公文 figures: the outgoing documents issued by units in a period, and which of some documents a reader may open. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { documentVisibleTo } from './documents.visibility.js';

type H = Db | Trx;

/** Outgoing documents numbered (印发) with a 成文日期 in [from, to] (China dates), of `unitIds` (all when null), in id order. */
export function issuedInPeriod(db: H, from: string, to: string, unitIds: readonly number[] | null) {
  let q = db
    .selectFrom('document')
    .select(['id', 'owner_unit_id', 'doc_type', 'body_html', 'over_quota_approval_id'])
    .where('direction', '=', 'out')
    .where('doc_no', 'is not', null)
    .where('doc_date', '>=', from)
    .where('doc_date', '<=', to);
  if (unitIds) q = q.where('owner_unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
  return q.orderBy('id').execute();
}

/** Of `ids`, the documents `actor` may read (the read policy as SQL), with their titles. */
export function readableDocuments(db: H, actor: Actor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('document')
    .select(['document.id', 'document.title'])
    .where('document.id', 'in', [...ids])
    .where(documentVisibleTo(actor))
    .orderBy('document.id')
    .execute();
}
