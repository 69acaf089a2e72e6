/**
 * 件件有着落 of 会议: meetings not yet held (time limit: the meeting day), held meetings whose 纪要 is
 * not issued (time limit: MINUTES_DAYS working days after the meeting), and 议定事项 not yet turned
 * into a 督办 item (time limit: the decision's due date), and the checker's findings.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { WorkCalendar } from '../../../platform/deadlines.js';
import { limitDate, mostUrgent } from '../../../platform/loose-ends.js';
import type { LooseEnd, LooseEndProblem, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { MEETING_STATES } from '../meetings.workflow.js';
import { readConfig } from '../meetings.repo.js';
import { meetingsVisibleTo } from './meetings.visibility.js';

/** Working days after a meeting within which its 纪要 is issued. */
export const MINUTES_DAYS = 5;
const NOT_HELD = ['planned', 'notified'] as const;

async function openItems(cal: WorkCalendar, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const w = { actor, handler: (await readConfig(db)).value.handlerUnitIds.includes(actor.unitId) };
  const meetings = await db
    .selectFrom('meeting')
    .select(['id', 'title', 'starts_at', 'status', 'handler_unit_id', 'created_by'])
    .where('status', 'in', [...NOT_HELD, 'held'])
    .where(meetingsVisibleTo(w))
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const decisions = await db
    .selectFrom('meeting_decision')
    .innerJoin('meeting', 'meeting.id', 'meeting_decision.meeting_id')
    .select([
      'meeting_decision.id',
      'meeting_decision.meeting_id',
      'meeting_decision.seq',
      'meeting.title',
      'meeting_decision.lead_unit_id',
      'meeting_decision.created_by',
      'meeting_decision.due_date',
    ])
    .where('meeting_decision.supervision_item_id', 'is', null)
    .where('meeting_decision.level', '<=', actor.clearance)
    .where(meetingsVisibleTo(w))
    .orderBy('meeting_decision.due_date')
    .orderBy('meeting_decision.id')
    .limit(limit)
    .execute();
  return mostUrgent(
    [
      ...meetings.map((m) => {
        const day = limitDate(m.starts_at)!;
        return {
          module: 'meetings',
          type: m.status === 'held' ? 'minutes' : 'meeting',
          id: m.id,
          title: m.title,
          ownerUnitId: m.handler_unit_id,
          ownerUserId: m.created_by,
          deadline: m.status === 'held' ? cal.addWorkingDays(day, MINUTES_DAYS) : day,
          status: m.status === 'held' ? '纪要待印发' : (MEETING_STATES[m.status as keyof typeof MEETING_STATES]?.zh ?? m.status),
          link: `/meetings/${m.id}`,
        };
      }),
      ...decisions.map((d) => ({
        module: 'meetings',
        type: 'decision',
        id: d.id,
        title: `${d.title}（议定事项${d.seq}）`,
        ownerUnitId: d.lead_unit_id,
        ownerUserId: d.created_by,
        deadline: limitDate(d.due_date),
        status: '议定待落实',
        link: `/meetings/${d.meeting_id}`,
      })),
    ],
    limit,
  );
}

function problems(r: {
  unit_id: number | null;
  unit_active: number | null;
  user_id: number | null;
  user_disabled: number | null;
  limit: string | null;
}): LooseEndProblem[] {
  const out: LooseEndProblem[] = [];
  if (r.unit_id === null || r.unit_active !== 1) out.push('no_owner_unit');
  if (r.user_id === null || r.user_disabled !== 0) out.push('no_responsible_person');
  if (!r.limit) out.push('no_time_limit');
  return out;
}

async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  const meetings = await db
    .selectFrom('meeting')
    .leftJoin('unit', 'unit.id', 'meeting.handler_unit_id')
    .leftJoin('user', 'user.id', 'meeting.created_by')
    .select([
      'meeting.id',
      'meeting.starts_at as limit',
      'unit.id as unit_id',
      'unit.active as unit_active',
      'user.id as user_id',
      'user.disabled as user_disabled',
    ])
    .where('meeting.status', 'in', [...NOT_HELD, 'held'])
    .where((eb) =>
      eb.or([eb('unit.id', 'is', null), eb('unit.active', '!=', 1), eb('user.id', 'is', null), eb('user.disabled', '!=', 0), eb('meeting.starts_at', '=', '')]),
    )
    .execute();
  for (const m of meetings) for (const problem of problems(m)) out.push({ module: 'meetings', type: 'meeting', id: m.id, problem });
  const decisions = await db
    .selectFrom('meeting_decision')
    .leftJoin('unit', 'unit.id', 'meeting_decision.lead_unit_id')
    .leftJoin('user', 'user.id', 'meeting_decision.created_by')
    .select([
      'meeting_decision.id',
      'meeting_decision.due_date as limit',
      'unit.id as unit_id',
      'unit.active as unit_active',
      'user.id as user_id',
      'user.disabled as user_disabled',
    ])
    .where('meeting_decision.supervision_item_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('unit.id', 'is', null),
        eb('unit.active', '!=', 1),
        eb('user.id', 'is', null),
        eb('user.disabled', '!=', 0),
        eb('meeting_decision.due_date', 'is', null),
        eb('meeting_decision.due_date', '=', ''),
      ]),
    )
    .execute();
  for (const d of decisions) for (const problem of problems(d)) out.push({ module: 'meetings', type: 'decision', id: d.id, problem });
  // ended without outcome: 纪要 issued without its number or summary
  const minuted = await db
    .selectFrom('meeting')
    .select('id')
    .where('status', '=', 'minuted')
    .where((eb) => eb.or([eb('minutes_no', 'is', null), eb('minutes_summary', 'is', null), eb(sql`TRIM(minutes_summary)`, '=', '')]))
    .execute();
  for (const m of minuted) out.push({ module: 'meetings', type: 'meeting', id: m.id, problem: 'no_outcome' });
  return out;
}

/** The meetings module's registration on the 件件有着落 board. */
export function meetingsLooseEnds(cal: WorkCalendar): LooseEndsProvider {
  return { open: (db, actor, { limit }) => openItems(cal, db, actor, limit), check };
}
