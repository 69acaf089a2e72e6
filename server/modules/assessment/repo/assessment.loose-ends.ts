/**
 * 件件有着落 of 考核督查, the SQL: schemes not closed with their creator, schemes closed without their
 * frozen results, and who may still give expert scores.
 */
import type { Db, Trx } from '../../../db/client.js';

type H = Db | Trx;

function schemes(db: H) {
  return db
    .selectFrom('assessment_scheme')
    .innerJoin('user as creator', 'creator.id', 'assessment_scheme.created_by')
    .select([
      'assessment_scheme.id',
      'assessment_scheme.name',
      'assessment_scheme.status',
      'assessment_scheme.period_to',
      'assessment_scheme.unit_ids',
      'assessment_scheme.created_by',
      'creator.disabled as creator_disabled',
    ]);
}

/** Schemes not closed (published only unless `withDrafts`), earliest period end first, at most `limit`. */
export function openSchemes(db: H, withDrafts: boolean, limit: number) {
  return schemes(db)
    .where('assessment_scheme.status', 'in', withDrafts ? ['draft', 'published'] : ['published'])
    .orderBy('assessment_scheme.period_to')
    .orderBy('assessment_scheme.id')
    .limit(limit)
    .execute();
}

/** Every scheme not closed (for the checker). */
export function allOpenSchemes(db: H) {
  return schemes(db).where('assessment_scheme.status', 'in', ['draft', 'published']).orderBy('assessment_scheme.id').execute();
}

/** Schemes closed without their frozen results or the time they were closed. */
export function closedWithoutResults(db: H) {
  return db
    .selectFrom('assessment_scheme')
    .select('id')
    .where('status', '=', 'closed')
    .where((eb) => eb.or([eb('results', 'is', null), eb('results', '=', ''), eb('closed_at', 'is', null)]))
    .orderBy('id')
    .execute();
}

/** The assessment office (督查室) by its code, with whether it is active. */
export function officeUnit(db: H, code: string) {
  return db.selectFrom('unit').select(['id', 'active']).where('code', '=', code).executeTakeFirst();
}

/** How many enabled users hold the `rater` role (专业评估 has someone to score it). */
export async function enabledRaters(db: H): Promise<number> {
  const r = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user.disabled', '=', 0)
    .where('user_role.role', '=', 'rater')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
