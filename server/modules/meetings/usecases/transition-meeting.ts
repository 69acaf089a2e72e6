/** 发出会议通知 / 会议召开 / 印发纪要 / 取消会议: one step of a meeting's workflow, carrying its agenda's topics along. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate, chinaYear, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { nextSerial } from '../../../platform/numbering.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { meetingWorkflow, topicWorkflow } from '../meetings.workflow.js';
import { config, loadMeeting, reindex, type LoadedMeeting } from './common.js';
import { getMeeting } from './read-meetings.js';

/** A meeting step. */
export type MeetingAction = 'notify' | 'hold' | 'finalize' | 'cancel';
type Notice = { userIds: number[]; message: { kind: string; title: string; body: string; link: string; level: number } };

/** The notices a step sends (会议通知 to the chair and expected attendees; a cancellation to everyone once notified). */
function notices(m: LoadedMeeting, action: MeetingAction, att: repo.AttendeeRecord[], topicCount: number): Notice[] {
  const r = m.row;
  const when = `${chinaDate(new Date(r.starts_at))} ${new Date(new Date(r.starts_at).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
  const link = `/meetings/${r.id}`;
  if (action === 'notify') {
    const expected = att.filter((a) => a.attendance === 'expected').map((a) => a.user_id);
    const body = `时间：${when}；地点：${r.place}；议题 ${topicCount} 项。请按时出席并签到。`;
    return [{ userIds: [r.chair_id, ...expected], message: { kind: 'meetings.notice', title: `会议通知：${r.title}`, body, link, level: r.level } }];
  }
  if (action === 'cancel' && r.status === 'notified') {
    const body = `原定 ${when} 在${r.place}召开的会议取消。`;
    return [
      {
        userIds: [r.chair_id, ...att.map((a) => a.user_id)],
        message: { kind: 'meetings.cancelled', title: `会议取消：${r.title}`, body, link, level: r.level },
      },
    ];
  }
  return [];
}

/** Finalising decides the topics on the agenda; cancelling sends them back to 调度. */
async function carryTopics(ctx: AppContext, trx: Trx, actor: Actor, id: number, action: MeetingAction, agendaRows: repo.TopicRecord[]): Promise<void> {
  const topicWf = topicWorkflow(() => true);
  for (const t of agendaRows) {
    if (t.status !== 'scheduled') continue;
    if (action === 'finalize')
      await ctx.workflow.apply(trx, topicWf, { row: t, action: 'decide', actor, version: t.version, input: {}, detail: { meetingId: id } });
    if (action === 'cancel')
      await ctx.workflow.apply(trx, topicWf, {
        row: t,
        action: 'unschedule',
        actor,
        version: t.version,
        input: {},
        set: { meeting_id: null, agenda_order: null },
        detail: { meetingId: id, reason: 'meeting_cancelled' },
      });
  }
}

/** One meeting step (audited by the engine as `meetings.meeting.<action>`). */
export async function transitionMeeting(ctx: AppContext, actor: Actor, id: number, action: MeetingAction, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const m = await loadMeeting(trx, actor, cfg, id, 'meetings.meeting_transition');
    const wf = meetingWorkflow((a) => meetingsPolicy.manageMeeting(a, m.facts));
    const at = iso(ctx.clock.now());
    const agendaRows = await repo.agenda(trx, id);
    const set: Record<string, unknown> = {};
    const att = await repo.attendees(trx, id);
    if (action === 'notify' && !agendaRows.length) throw new RuleError('meetings.agenda_empty');
    // 会议召开 is recorded on the day of the meeting or after, never ahead of it
    const day = chinaDate(new Date(m.row.starts_at));
    if (action === 'hold' && chinaDate(ctx.clock.now()) < day) throw new RuleError('meetings.not_yet_held', { date: day });
    if (action === 'finalize') {
      if (!m.row.minutes_summary?.trim()) throw new RuleError('meetings.minutes_missing');
      set.minutes_no = await nextSerial(trx, `meetings.minutes.${m.row.kind}`, chinaYear(new Date(m.row.starts_at)));
    }
    const notify = notices(m, action, att, agendaRows.length);
    await ctx.workflow.apply(trx, wf, {
      row: m.row,
      action,
      actor,
      version,
      input: {},
      set,
      notify: notify.map((n) => ({ ...n, userIds: n.userIds.filter((u) => u !== actor.id) })),
    });
    if (action === 'notify') await repo.markAttendeesNotified(trx, id, at);
    await carryTopics(ctx, trx, actor, id, action, agendaRows);
    await reindex(ctx, trx, { meetings: [id], topics: agendaRows.map((t) => t.id) });
    return getMeeting(ctx, actor, id, trx);
  });
}
