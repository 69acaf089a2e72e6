/** Queries of 计划发文、配额 and 超配额审批, and the length guide setting. */
import { sql } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import { updateVersioned } from '../../../platform/versioned.js';

type H = Db | Trx;

const LENGTH_GUIDE_KEY = 'documents.length_guide';

/** The stored length guide (字数 by type), without defaults. */
export async function storedLengthGuide(db: H): Promise<Record<string, number>> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', LENGTH_GUIDE_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as Record<string, number>) : {};
}

/** Stores the length guide; returns the setting key (the audit target). */
export async function writeLengthGuide(trx: Trx, guide: Record<string, number>, at: string): Promise<string> {
  await trx
    .insertInto('setting')
    .values({ key: LENGTH_GUIDE_KEY, value: JSON.stringify(guide), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(guide), updated_at: at }))
    .execute();
  return LENGTH_GUIDE_KEY;
}

/** Sets the plan and quota of (unit, year, type). */
export async function upsertQuota(trx: Trx, r: { unitId: number; year: number; docType: string; plan: number; quota: number }, at: string): Promise<void> {
  await trx
    .insertInto('document_quota')
    .values({ unit_id: r.unitId, year: r.year, doc_type: r.docType, plan: r.plan, quota: r.quota, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'year', 'doc_type']).doUpdateSet({ plan: r.plan, quota: r.quota, updated_at: at, version: sql`document_quota.version + 1` }),
    )
    .execute();
}

/** One over-quota request. */
export async function findApproval(db: H, id: number) {
  return db.selectFrom('document_quota_approval').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Files an over-quota request; returns its id. */
export async function insertApproval(
  trx: Trx,
  r: { unitId: number; year: number; docType: string; title: string; reason: string; requestedBy: number; at: string },
): Promise<number> {
  const row = await trx
    .insertInto('document_quota_approval')
    .values({
      unit_id: r.unitId,
      year: r.year,
      doc_type: r.docType,
      title: r.title,
      reason: r.reason,
      requested_by: r.requestedBy,
      status: 'pending',
      decided_by: null,
      decision_comment: null,
      decided_at: null,
      document_id: null,
      created_at: r.at,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the decision of an over-quota request if it is still at `version`; returns the new version (409 otherwise). */
export async function decideApprovalRow(
  trx: Trx,
  ap: { id: number; version: number },
  d: { status: 'approved' | 'rejected'; by: number; comment: string; at: string },
): Promise<number> {
  return updateVersioned(trx, 'document_quota_approval', ap, {
    status: d.status,
    decided_by: d.by,
    decision_comment: d.comment,
    decided_at: d.at,
    updated_at: d.at,
  });
}

/** Uses an approved request for a new draft; returns false if it was no longer approved. */
export async function useApproval(trx: Trx, id: number, documentId: number, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('document_quota_approval')
    .set({ status: 'used', document_id: documentId, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** How many over-quota requests of a year were granted (approved or used), for one unit or all. */
export async function countGrantedApprovals(db: H, year: number, unitId: number | null): Promise<number> {
  const r = await db
    .selectFrom('document_quota_approval')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('year', '=', year)
    .where('status', 'in', ['approved', 'used'])
    .$if(unitId !== null, (q) => q.where('unit_id', '=', unitId!))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Over-quota requests of a year, newest first, for one unit or all. */
export async function listApprovalRows(db: H, year: number, unitId: number | null) {
  return db
    .selectFrom('document_quota_approval')
    .innerJoin('unit', 'unit.id', 'document_quota_approval.unit_id')
    .innerJoin('user', 'user.id', 'document_quota_approval.requested_by')
    .select([
      'document_quota_approval.id',
      'unit.short_name as unit_name',
      'document_quota_approval.doc_type',
      'document_quota_approval.title',
      'document_quota_approval.reason',
      'document_quota_approval.status',
      'document_quota_approval.decision_comment',
      'document_quota_approval.decided_at',
      'document_quota_approval.version',
      'user.name as requester',
      'document_quota_approval.document_id',
    ])
    .where('document_quota_approval.year', '=', year)
    .$if(unitId !== null, (q) => q.where('document_quota_approval.unit_id', '=', unitId!))
    .orderBy('document_quota_approval.id', 'desc')
    .execute();
}
