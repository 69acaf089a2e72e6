/**
 * 件件有着落 of 信访, the SQL: cases not closed (with what their owner, person and time limit need),
 * closed cases answered but not followed up (回访), and the rows the checker looks at.
 */
import { sql } from 'kysely';
import type { H, Viewer } from '../petitions.repo.js';
import { visible } from '../petitions.repo.js';

/** A case with its registrar, handler and units, as the board and the checker read it. */
function cases(db: H) {
  return db
    .selectFrom('petition_case')
    .innerJoin('user as registrar', 'registrar.id', 'petition_case.registered_by')
    .leftJoin('unit as registrar_unit', 'registrar_unit.id', 'registrar.unit_id')
    .leftJoin('user as handler', 'handler.id', 'petition_case.handler_id')
    .leftJoin('unit as case_unit', 'case_unit.id', 'petition_case.unit_id')
    .select([
      'petition_case.id',
      'petition_case.number',
      'petition_case.subject',
      'petition_case.status',
      'petition_case.unit_id',
      'petition_case.handler_id',
      'petition_case.registered_by',
      'petition_case.created_at',
      'petition_case.accept_due',
      'petition_case.accepted_at',
      'petition_case.handle_due',
      'petition_case.answer',
      'petition_case.answered_at',
      'petition_case.outcome',
      'registrar.unit_id as registrar_unit_id',
      'registrar.disabled as registrar_disabled',
      'registrar_unit.active as registrar_unit_active',
      'handler.disabled as handler_disabled',
      'case_unit.active as case_unit_active',
    ]);
}

export type LooseCaseRow = Awaited<ReturnType<typeof openCasesWithLimit>>[number];

/**
 * Open cases the viewer may read that run on a stored time limit (转办: 受理时限; after 受理: 办理时限),
 * by that limit (none first), at most `limit`.
 */
export function openCasesWithLimit(db: H, v: Viewer, limit: number) {
  return cases(db)
    .where(visible(v))
    .where('petition_case.status', '!=', 'closed')
    .where((eb) => eb.or([eb('petition_case.status', '=', 'transferred'), eb('petition_case.accepted_at', 'is not', null)]))
    .orderBy(sql`coalesce(case when petition_case.status = 'transferred' then petition_case.accept_due else petition_case.handle_due end, '')`)
    .orderBy('petition_case.id')
    .limit(limit)
    .execute();
}

/** Open cases the viewer may read that were never transferred and accepted (登记, or answered directly), oldest first. */
export function openCasesFromRegistration(db: H, v: Viewer, limit: number) {
  return cases(db)
    .where(visible(v))
    .where('petition_case.status', 'in', ['registered', 'answered'])
    .where('petition_case.accepted_at', 'is', null)
    .orderBy('petition_case.created_at')
    .orderBy('petition_case.id')
    .limit(limit)
    .execute();
}

/** Closed cases the viewer may read answered without a 回访, oldest answer first. */
export function closedWithoutFollowUp(db: H, v: Viewer | null, limit: number) {
  let q = cases(db)
    .where('petition_case.status', '=', 'closed')
    .where('petition_case.answered_at', 'is not', null)
    .where('petition_case.followed_up_at', 'is', null);
  if (v) q = q.where(visible(v));
  return q.orderBy('petition_case.answered_at').orderBy('petition_case.id').limit(limit).execute();
}

/**
 * Open cases that may lack an active owner unit, an enabled responsible person or a time limit (the
 * checker decides), and closed ones without an answer or an outcome.
 */
export function casesToCheck(db: H) {
  return cases(db)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('petition_case.status', '!=', 'closed'),
          eb.or([
            eb('case_unit.active', '!=', 1),
            eb('registrar_unit.active', '!=', 1),
            eb('handler.disabled', '!=', 0),
            eb('registrar.disabled', '!=', 0),
            eb.and([
              eb('petition_case.status', '=', 'transferred'),
              eb.or([eb('petition_case.accept_due', 'is', null), eb('petition_case.accept_due', '=', '')]),
            ]),
            eb.and([
              eb('petition_case.status', '!=', 'transferred'),
              eb('petition_case.accepted_at', 'is not', null),
              eb.or([eb('petition_case.handle_due', 'is', null), eb('petition_case.handle_due', '=', '')]),
            ]),
          ]),
        ]),
        eb.and([
          eb('petition_case.status', '=', 'closed'),
          eb.or([
            eb('petition_case.answer', 'is', null),
            eb('petition_case.answer', '=', ''),
            eb('petition_case.outcome', 'is', null),
            eb('petition_case.outcome', '=', ''),
          ]),
        ]),
      ]),
    )
    .orderBy('petition_case.id')
    .execute();
}

/** Closed cases answered without a 回访 whose registrar is disabled or whose registrar's unit is inactive. */
export function followUpsToCheck(db: H) {
  return cases(db)
    .where('petition_case.status', '=', 'closed')
    .where('petition_case.answered_at', 'is not', null)
    .where('petition_case.followed_up_at', 'is', null)
    .where((eb) => eb.or([eb('registrar.disabled', '!=', 0), eb('registrar_unit.active', '!=', 1)]))
    .orderBy('petition_case.id')
    .execute();
}
