/**
 * 件件有着落 of 政务值班, the SQL: duty-log entries not yet ended (or 突发事件 whose written report is
 * not filed), pending swap requests, the desk's manager, and the rows the checker looks at.
 */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';
import { entriesVisibleTo, type H } from '../duty.repo.js';
import type { Desk } from '../duty.policy.js';

/** Entry states that are not ended. */
export const OPEN_ENTRY_STATES = ['open', 'awaiting_instruction'];
/** Entry states that end an entry (with an outcome). */
export const ENDED_ENTRY_STATES = ['handled', 'transferred'];

/** Not ended, or a 突发事件 whose written report is still due. */
function pending(eb: ExpressionBuilder<DB, 'duty_entry'>) {
  return eb.or([eb('duty_entry.status', 'in', OPEN_ENTRY_STATES), eb.and([eb('duty_entry.kind', '=', 'emergency'), eb('duty_entry.reported_at', 'is', null)])]);
}

function entries(db: H) {
  return db
    .selectFrom('duty_entry')
    .leftJoin('duty_shift', 'duty_shift.id', 'duty_entry.shift_id')
    .leftJoin('user as owner', 'owner.id', 'duty_entry.owner_user_id')
    .leftJoin('unit as owner_unit', 'owner_unit.id', 'owner.unit_id')
    .select([
      'duty_entry.id',
      'duty_entry.summary',
      'duty_entry.status',
      'duty_entry.kind',
      'duty_entry.received_at',
      'duty_entry.report_due_at',
      'duty_entry.reported_at',
      'duty_entry.owner_user_id',
      'duty_entry.outcome',
      'duty_entry.outcome_kind',
      'duty_shift.date as shift_date',
      'duty_shift.shift as shift_kind',
      'owner.disabled as owner_disabled',
      'owner.unit_id as owner_unit_id',
      'owner_unit.active as owner_unit_active',
    ]);
}

export type LooseEntryRow = Awaited<ReturnType<typeof openEntries>>[number];

/** Pending entries the actor may read (the duty log's read rule), oldest first, at most `cap`. */
export function openEntries(db: H, actor: Actor, d: Desk, cap: number) {
  return entries(db)
    .where(entriesVisibleTo(actor, d))
    .where((eb) => pending(eb))
    .orderBy('duty_entry.received_at')
    .orderBy('duty_entry.id')
    .limit(cap)
    .execute();
}

/**
 * Entries the checker reports: pending ones without an owner, with a disabled owner or an inactive
 * owner's unit, 突发事件 without a report time limit; ended ones without a recorded outcome.
 */
export function entriesToCheck(db: H) {
  return entries(db)
    .where((eb) =>
      eb.or([
        eb.and([
          pending(eb),
          eb.or([
            eb('duty_entry.owner_user_id', 'is', null),
            eb('owner.disabled', '!=', 0),
            eb('owner_unit.active', '!=', 1),
            eb.and([eb('duty_entry.kind', '=', 'emergency'), eb('duty_entry.reported_at', 'is', null), eb('duty_entry.report_due_at', 'is', null)]),
          ]),
        ]),
        eb.and([
          eb('duty_entry.status', 'in', ENDED_ENTRY_STATES),
          eb.or([eb('duty_entry.outcome', 'is', null), eb('duty_entry.outcome', '=', ''), eb('duty_entry.outcome_kind', 'is', null)]),
        ]),
      ]),
    )
    .orderBy('duty_entry.id')
    .execute();
}

/** Pending swap requests with their shift, earliest shift first (at most `cap`). */
export function pendingSwaps(db: H, cap: number) {
  return db
    .selectFrom('duty_swap')
    .innerJoin('duty_shift', 'duty_shift.id', 'duty_swap.shift_id')
    .select(['duty_swap.id', 'duty_swap.role', 'duty_shift.date', 'duty_shift.shift'])
    .where('duty_swap.status', '=', 'pending')
    .orderBy('duty_shift.date')
    .orderBy('duty_swap.id')
    .limit(cap)
    .execute();
}

/** The 值班室 unit (code `duty`): the owner of an entry nobody owns yet. */
export function dutyRoomUnit(db: H) {
  return db.selectFrom('unit').select(['id', 'active']).where('code', '=', 'duty').executeTakeFirst();
}

/**
 * The desk's manager (值班负责人), who answers for pending swaps: an enabled division head or director
 * of an active desk unit, else an enabled director of the office (lowest id first); undefined if none.
 */
export async function deskManager(db: H, d: Desk): Promise<{ id: number; unitId: number } | undefined> {
  const find = (unitIds: readonly number[], roles: string[]) =>
    unitIds.length
      ? db
          .selectFrom('user')
          .innerJoin('unit', 'unit.id', 'user.unit_id')
          .select(['user.id', 'user.unit_id'])
          .where('user.disabled', '=', 0)
          .where('unit.active', '=', 1)
          .where('user.unit_id', 'in', [...unitIds])
          .where((eb) =>
            eb.exists(
              eb.selectFrom('user_role').select('user_role.user_id').whereRef('user_role.user_id', '=', 'user.id').where('user_role.role', 'in', roles),
            ),
          )
          .orderBy('user.id')
          .limit(1)
          .executeTakeFirst()
      : Promise.resolve(undefined);
  const m = (await find(d.dutyUnitIds, ['division_head', 'director'])) ?? (await find(d.officeUnitId !== null ? [d.officeUnitId] : [], ['director']));
  return m ? { id: m.id, unitId: m.unit_id } : undefined;
}
