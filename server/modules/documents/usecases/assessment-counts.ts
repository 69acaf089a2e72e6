/**
 * 考核督查's 公文 figures per unit for a period (`DocumentsContract.assessmentCounts`): documents issued,
 * those issued within the quota (no 超配额审批 used), those within the length guide (文风 简短准), each
 * with the documents counted; and which counted documents a reader may open (`readableRecords`).
 */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { countInto, type CountedRef, type ReadableRecord, type UnitCounted } from '../../../platform/counted.js';
import { htmlToText } from '../documents.sanitize.js';
import { issuedInPeriod, readableDocuments } from '../repo/documents.assessment.js';
import { lengthGuide } from './length-guide.js';

/** Body length in characters as the length guide counts it (whitespace left out). */
const charsOf = (html: string) => htmlToText(html).replace(/\s/g, '').length;

/** Per unit: `issued`, `withinQuota`, `withinLength`, with the documents behind each (no content). */
export async function assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>> {
  const guide = await lengthGuide(db);
  const out: Record<number, UnitCounted> = {};
  for (const d of await issuedInPeriod(db, period.from, period.to, unitIds ?? null)) {
    const ref = { type: 'document', id: d.id };
    countInto(out, d.owner_unit_id, 'issued', ref);
    if (d.over_quota_approval_id === null) countInto(out, d.owner_unit_id, 'withinQuota', ref);
    const limit = guide[d.doc_type];
    if (limit === undefined || charsOf(d.body_html) <= limit) countInto(out, d.owner_unit_id, 'withinLength', ref);
  }
  for (const u of Object.values(out)) for (const k of ['issued', 'withinQuota', 'withinLength']) u.counts[k] ??= 0;
  return out;
}

/** Of the counted `refs`, those of type `document` that `actor` may read, with title and link. */
export async function readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  const ids = refs.filter((r) => r.type === 'document').map((r) => r.id);
  const rows = await readableDocuments(db, actor, [...new Set(ids)]);
  return rows.map((r) => ({ type: 'document', id: r.id, title: r.title, link: `/documents/${r.id}` }));
}
