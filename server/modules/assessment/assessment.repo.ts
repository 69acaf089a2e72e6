/** Every query of 考核督查. Each function takes the handle to run on (the db, or the caller's transaction). */
import type { Db, Trx } from '../../db/client.js';
import type { AssessmentIndicatorTable, AssessmentSchemeTable } from './repo/assessment.tables.js';
import './repo/assessment.tables.js';
import './repo/assessment.extra-tables.js';
import * as names from '../../platform/names.js';

type H = Db | Trx;

export type SchemeRow = Omit<AssessmentSchemeTable, 'id' | 'version'> & { id: number; version: number };
export type IndicatorRow = Omit<AssessmentIndicatorTable, 'id' | 'version'> & { id: number; version: number };

/** One scheme, or undefined. */
export function loadScheme(db: H, id: number): Promise<SchemeRow | undefined> {
  return db.selectFrom('assessment_scheme').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Schemes, newest period first; drafts only when `withDrafts`. */
export function listSchemes(db: H, withDrafts: boolean): Promise<SchemeRow[]> {
  let q = db.selectFrom('assessment_scheme').selectAll();
  if (!withDrafts) q = q.where('status', '!=', 'draft');
  return q.orderBy('period_from', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/** Inserts a scheme (status draft); returns its id. */
export async function insertScheme(trx: Trx, row: Omit<SchemeRow, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('assessment_scheme').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The scheme's indicators in tree order (parents before children, by seq). */
export function listIndicators(db: H, schemeId: number): Promise<IndicatorRow[]> {
  return db.selectFrom('assessment_indicator').selectAll().where('scheme_id', '=', schemeId).orderBy('seq').orderBy('id').execute();
}

/** Removes a draft scheme's indicators (its tree is replaced whole). */
export async function deleteIndicators(trx: Trx, schemeId: number): Promise<void> {
  await trx.deleteFrom('assessment_indicator').where('scheme_id', '=', schemeId).execute();
}

/** Inserts one indicator; returns its id. */
export async function insertIndicator(trx: Trx, row: Omit<IndicatorRow, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('assessment_indicator').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Active units among `ids`. */
export async function activeUnits(db: H, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
}

/** The default assessed units: every active department and lower-level office. */
export async function defaultUnitIds(db: H): Promise<number[]> {
  const rows = await db.selectFrom('unit').select('id').where('kind', 'in', ['department', 'lower']).where('active', '=', 1).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Names of units by id (full names; `server/platform/names.ts`). */
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'full');

/** A score as stored. */
export interface ScoreRow {
  indicator_id: number;
  unit_id: number;
  rater_id: number;
  kind: string;
  score: number;
  evidence: string | null;
}

/** The scheme's scores; only `raterId`'s when given. */
export function listScores(db: H, schemeId: number, raterId?: number): Promise<ScoreRow[]> {
  let q = db.selectFrom('assessment_score').select(['indicator_id', 'unit_id', 'rater_id', 'kind', 'score', 'evidence']).where('scheme_id', '=', schemeId);
  if (raterId !== undefined) q = q.where('rater_id', '=', raterId);
  return q.orderBy('id').execute();
}

/** Writes a rater's score of a unit on a leaf (a second score of the same cell replaces the first, bumping its version). */
export async function upsertScore(trx: Trx, row: ScoreRow & { scheme_id: number }, at: string): Promise<void> {
  await trx
    .insertInto('assessment_score')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['indicator_id', 'unit_id', 'rater_id']).doUpdateSet((eb) => ({
        score: row.score,
        evidence: row.evidence,
        updated_at: at,
        version: eb('assessment_score.version', '+', 1),
      })),
    )
    .execute();
}

/** A snapshot row of the inputs (one source, one unit). */
export interface InputSnapshotRow {
  source: string;
  unit_id: number;
  counts: string;
  refs: string | null;
  taken_at: string;
}

/** Replaces a scheme's inputs snapshot with `rows`. */
export async function replaceInputSnapshot(trx: Trx, schemeId: number, rows: readonly InputSnapshotRow[]): Promise<void> {
  await trx.deleteFrom('assessment_input').where('scheme_id', '=', schemeId).execute();
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('assessment_input')
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, scheme_id: schemeId })))
      .execute();
}

/** The snapshot rows of a scheme (one source, one unit when given). */
export function listInputSnapshot(db: H, schemeId: number, filter: { source?: string; unitId?: number } = {}): Promise<InputSnapshotRow[]> {
  let q = db.selectFrom('assessment_input').select(['source', 'unit_id', 'counts', 'refs', 'taken_at']).where('scheme_id', '=', schemeId);
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
  return q.orderBy('id').execute();
}
