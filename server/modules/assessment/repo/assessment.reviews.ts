/** The SQL of 加减分 (adjustments) and 申诉 (appeals). */
import type { Db, Trx } from '../../../db/client.js';
import type { AssessmentAdjustmentTable, AssessmentAppealTable } from './assessment.extra-tables.js';

type H = Db | Trx;

/** An adjustment as stored. */
export type AdjustmentRow = Omit<AssessmentAdjustmentTable, 'id' | 'version'> & { id: number; version: number };
/** An appeal as stored. */
export type AppealRow = Omit<AssessmentAppealTable, 'id' | 'version'> & { id: number; version: number };

/** One adjustment, or undefined. */
export function loadAdjustment(db: H, id: number): Promise<AdjustmentRow | undefined> {
  return db.selectFrom('assessment_adjustment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A scheme's adjustments (of `unitId` only when given), oldest first. */
export function listAdjustments(db: H, schemeId: number, unitId?: number): Promise<AdjustmentRow[]> {
  let q = db.selectFrom('assessment_adjustment').selectAll().where('scheme_id', '=', schemeId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.orderBy('id').execute();
}

/** The approved adjustments of a scheme (what the ranking adds). */
export function approvedAdjustments(db: H, schemeId: number) {
  return db
    .selectFrom('assessment_adjustment')
    .select(['unit_id', 'kind', 'points'])
    .where('scheme_id', '=', schemeId)
    .where('status', '=', 'approved')
    .execute();
}

/** Inserts an adjustment; returns its id. */
export async function insertAdjustment(trx: Trx, row: Omit<AdjustmentRow, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('assessment_adjustment').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** One appeal, or undefined. */
export function loadAppeal(db: H, id: number): Promise<AppealRow | undefined> {
  return db.selectFrom('assessment_appeal').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A scheme's appeals (of `unitId` only when given), oldest first. */
export function listAppeals(db: H, schemeId: number, unitId?: number): Promise<AppealRow[]> {
  let q = db.selectFrom('assessment_appeal').selectAll().where('scheme_id', '=', schemeId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.orderBy('id').execute();
}

/** Pending appeals across schemes, oldest first, at most `limit` (the decider's 工作台 and the loose ends). */
export function pendingAppeals(db: H, limit: number) {
  return db
    .selectFrom('assessment_appeal')
    .innerJoin('assessment_scheme', 'assessment_scheme.id', 'assessment_appeal.scheme_id')
    .select([
      'assessment_appeal.id',
      'assessment_appeal.scheme_id',
      'assessment_appeal.unit_id',
      'assessment_appeal.created_at',
      'assessment_scheme.name as scheme_name',
      'assessment_scheme.status as scheme_status',
    ])
    .where('assessment_appeal.status', '=', 'pending')
    .orderBy('assessment_appeal.id')
    .limit(limit)
    .execute();
}

/** A pending appeal on `adjustmentId`, if any. */
export function pendingAppealOn(db: H, adjustmentId: number) {
  return db.selectFrom('assessment_appeal').select('id').where('adjustment_id', '=', adjustmentId).where('status', '=', 'pending').executeTakeFirst();
}

/** Inserts an appeal; returns its id. */
export async function insertAppeal(trx: Trx, row: Omit<AppealRow, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('assessment_appeal').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The scheme that revises `schemeId`, if any. */
export function revisionOf(db: H, schemeId: number) {
  return db.selectFrom('assessment_scheme').select('id').where('revision_of', '=', schemeId).executeTakeFirst();
}
