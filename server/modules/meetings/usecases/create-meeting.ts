/** Creates a meeting (筹备中) with its attendees and those excused. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertLevel, assertUsers } from '../meetings.checks.js';
import type { MeetingKind } from '../meetings.gates.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { config, reindex } from './common.js';
import { getMeeting } from './read-meetings.js';

/** Input of a new meeting. */
export interface MeetingInput {
  title: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt?: string | null;
  place: string;
  chairId: number;
  level: number;
  attendeeIds: number[];
  excused: { userId: number; reason: string }[];
}

/** Creates a meeting (audited as `meetings.meeting_create`). */
export async function createMeeting(ctx: AppContext, actor: Actor, input: MeetingInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    authorize(actor, meetingsPolicy.createMeeting, cfg, { action: 'meetings.meeting_create', targetType: 'meeting' });
    await assertLevel(ctx, trx, actor, input.level);
    if (input.endsAt && input.endsAt < input.startsAt) throw new RuleError('meetings.ends_before_start');
    await assertUsers(trx, [input.chairId, ...input.attendeeIds, ...input.excused.map((e) => e.userId)]);
    const at = iso(ctx.clock.now());
    const id = await repo.insertMeeting(trx, {
      title: input.title,
      kind: input.kind,
      starts_at: new Date(input.startsAt).toISOString(),
      ends_at: input.endsAt ? new Date(input.endsAt).toISOString() : null,
      place: input.place,
      chair_id: input.chairId,
      level: input.level,
      status: 'planned',
      minutes_summary: null,
      minutes_no: null,
      handler_unit_id: actor.unitId,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await repo.setAttendees(
      trx,
      id,
      input.attendeeIds.filter((u) => !input.excused.some((e) => e.userId === u)),
      input.excused,
    );
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.meeting_create',
      targetType: 'meeting',
      targetId: id,
      detail: { title: input.title, kind: input.kind, startsAt: input.startsAt, level: input.level, attendees: input.attendeeIds.length },
    });
    await reindex(ctx, trx, { meetings: [id] });
    return getMeeting(ctx, actor, id, trx);
  });
}
