/** Edits a meeting before it is held (optimistic lock): time, place, chair, 密级 and attendees. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { assertLevel, assertUsers } from '../meetings.checks.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { closed, loadManaged, reindex } from './common.js';
import type { MeetingInput } from './create-meeting.js';
import { getMeeting } from './read-meetings.js';

/** Input of a meeting's edit. */
export type UpdateMeetingInput = { version: number } & Partial<MeetingInput>;

/** Replaces the attendees when the input names them; returns the audit change of the attendance, if any. */
async function replaceAttendees(trx: Trx, id: number, input: UpdateMeetingInput): Promise<[unknown, unknown] | undefined> {
  if (!input.attendeeIds && !input.excused) return undefined;
  const current = await repo.attendees(trx, id);
  const expected = input.attendeeIds ?? current.filter((a) => a.attendance === 'expected').map((a) => a.user_id);
  const excused = input.excused ?? current.filter((a) => a.attendance === 'excused').map((a) => ({ userId: a.user_id, reason: a.excuse_reason ?? '' }));
  await repo.setAttendees(
    trx,
    id,
    expected.filter((u) => !excused.some((e) => e.userId === u)),
    excused,
  );
  return [current.map((a) => `${a.user_id}:${a.attendance}`), [...expected.map((u) => `${u}:expected`), ...excused.map((e) => `${e.userId}:excused`)]];
}

/** Edits a meeting (audited as `meetings.meeting_update` with the changed fields and attendance). */
export async function updateMeeting(ctx: AppContext, actor: Actor, id: number, input: UpdateMeetingInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, id, 'meetings.meeting_update');
    if (!meetingsPolicy.editAgenda(actor, m.facts)) throw closed(m.row);
    assertVersion(m.row, input.version);
    if (input.level !== undefined) {
      await assertLevel(ctx, trx, actor, input.level);
      if ((await repo.agenda(trx, id)).some((t) => t.level > input.level!)) throw new RuleError('meetings.topic_level_above_meeting');
    }
    const startsAt = input.startsAt ? new Date(input.startsAt).toISOString() : m.row.starts_at;
    const endsAt = input.endsAt === undefined ? m.row.ends_at : input.endsAt ? new Date(input.endsAt).toISOString() : null;
    if (endsAt && endsAt < startsAt) throw new RuleError('meetings.ends_before_start');
    await assertUsers(trx, [...(input.chairId ? [input.chairId] : []), ...(input.attendeeIds ?? []), ...(input.excused ?? []).map((e) => e.userId)]);
    const patch = {
      title: input.title,
      starts_at: input.startsAt ? startsAt : undefined,
      ends_at: input.endsAt === undefined ? undefined : endsAt,
      place: input.place,
      chair_id: input.chairId,
      level: input.level,
    };
    const changes = diffFields(m.row as unknown as Record<string, unknown>, patch);
    await repo.updateMeeting(trx, m.row, { ...patch, updated_at: iso(ctx.clock.now()) });
    const attendance = await replaceAttendees(trx, id, input);
    if (attendance) changes.attendees = attendance;
    await ctx.audit.append(trx, { actor, action: 'meetings.meeting_update', targetType: 'meeting', targetId: id, changes });
    await reindex(ctx, trx, { meetings: [id], topics: (await repo.agenda(trx, id)).map((t) => t.id) });
    return getMeeting(ctx, actor, id, trx);
  });
}
