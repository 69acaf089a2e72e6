/** The SQL of 群众评价: surveys, their one-time codes (hashes only) and the anonymous answers. */
import { sql } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { AssessmentSurveyTable } from './assessment.extra-tables.js';

type H = Db | Trx;

/** A survey as stored. */
export type SurveyRow = Omit<AssessmentSurveyTable, 'id' | 'version'> & { id: number; version: number };

/** One survey, or undefined. */
export function loadSurvey(db: H, id: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('assessment_survey').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The survey of a leaf, if one was opened. */
export function surveyOfIndicator(db: H, indicatorId: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('assessment_survey').selectAll().where('indicator_id', '=', indicatorId).executeTakeFirst();
}

/** The surveys of a scheme. */
export function listSurveys(db: H, schemeId: number): Promise<SurveyRow[]> {
  return db.selectFrom('assessment_survey').selectAll().where('scheme_id', '=', schemeId).orderBy('id').execute();
}

/** Inserts a survey (open); returns its id. */
export async function insertSurvey(trx: Trx, row: Omit<SurveyRow, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('assessment_survey').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Stores the hashes of new codes. */
export async function insertCodes(trx: Trx, surveyId: number, hashes: readonly string[]): Promise<void> {
  for (let i = 0; i < hashes.length; i += 200)
    await trx
      .insertInto('assessment_survey_code')
      .values(hashes.slice(i, i + 200).map((code_hash) => ({ code_hash, survey_id: surveyId, used: 0 })))
      .execute();
}

/** The survey a code hash belongs to, and whether it was used. */
export function findCode(db: H, hash: string) {
  return db.selectFrom('assessment_survey_code').select(['survey_id', 'used']).where('code_hash', '=', hash).executeTakeFirst();
}

/**
 * Marks a code used if it was not: the one conditional UPDATE that makes "one answer per code" hold
 * under concurrency (a second request finds `used = 1` and changes nothing). True when this call used it.
 */
export async function consumeCode(trx: Trx, hash: string, surveyId: number): Promise<boolean> {
  const r = await trx
    .updateTable('assessment_survey_code')
    .set({ used: 1 })
    .where('code_hash', '=', hash)
    .where('survey_id', '=', surveyId)
    .where('used', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts an answer (no code, no time finer than the day). */
export async function insertAnswer(trx: Trx, row: { survey_id: number; answered_on: string; ratings: string; comment: string | null }): Promise<void> {
  await trx.insertInto('assessment_survey_answer').values(row).execute();
}

/** The answers' ratings of a survey (for the aggregate only). */
export async function answerRatings(db: H, surveyId: number): Promise<string[]> {
  const rows = await db.selectFrom('assessment_survey_answer').select('ratings').where('survey_id', '=', surveyId).execute();
  return rows.map((r) => r.ratings);
}

/** How many codes a survey has, and how many were used. */
export async function codeCounts(db: H, surveyId: number): Promise<{ total: number; used: number }> {
  const r = await db
    .selectFrom('assessment_survey_code')
    .select((eb) => [eb.fn.countAll().as('total'), eb.fn.sum<number | string | null>('used').as('used')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), used: Number(r.used ?? 0) };
}

/** Counts one request of `key` in the minute starting at `window` (the platform's `rate_limit` table); returns the count so far. */
export async function countRequest(db: H, key: string, window: string): Promise<number> {
  const res = await sql<{ count: number }>`
      INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${window}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1 RETURNING count`.execute(db);
  return Number(res.rows[0]!.count);
}

/** Forgets the earlier minutes of `key`. */
export async function pruneRequests(db: H, key: string, window: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('key', '=', key).where('window_start', '<', window).execute();
}
