/**
 * 课题节点: the managers add a milestone with its deadline (a reminder job `research.milestone_due`
 * for the morning of the day before); a team member completes it (versioned, audited, the job cancelled).
 */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import type { Job } from '../../../platform/scheduler.js';
import { milestoneActions, topicActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import { loadTopic, presentMilestone, reloadTopic } from './common.js';

/** The reminder's instant: 09:00 China time on the day before the deadline. */
export function reminderAt(dueDate: string): Date {
  return new Date(new Date(`${dueDate}T09:00:00+08:00`).getTime() - 86_400_000);
}

/** 添加节点 (audited as `research.add_milestone`). */
export async function addMilestone(ctx: AppContext, actor: Actor, topicId: number, input: { title: string; dueDate: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadTopic(trx, actor, topicId, 'research.add_milestone');
    authorize(actor, topicActions.addMilestone, t.facts, { action: 'research.add_milestone', targetType: 'research_topic', targetId: topicId });
    if (input.dueDate > t.row.end_date) throw new RuleError('research.milestone_after_end');
    const at = iso(ctx.clock.now());
    const id = await repo.insertMilestone(trx, {
      topic_id: topicId,
      title: input.title,
      due_date: input.dueDate,
      status: 'open',
      done_by: null,
      done_at: null,
      note: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.scheduler.schedule(trx, { kind: 'research.milestone_due', targetType: 'research_milestone', targetId: id, dueAt: reminderAt(input.dueDate) });
    await ctx.audit.append(trx, {
      actor,
      action: 'research.add_milestone',
      targetType: 'research_milestone',
      targetId: id,
      changes: { due_date: [null, input.dueDate] },
      detail: { topicId },
    });
    return reloadTopic(ctx, trx, actor, topicId);
  });
}

/** 节点完成 by a team member (409 on a stale version; audited as `research.complete_milestone`). */
export async function completeMilestone(ctx: AppContext, actor: Actor, id: number, input: { version: number; note: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await repo.findMilestone(trx, id);
    const t = m ? await loadTopic(trx, actor, m.topic_id, 'research.complete_milestone') : undefined;
    const facts = m && t ? { topic: t.facts, status: m.status } : undefined;
    authorize(actor, milestoneActions.complete, facts, { action: 'research.complete_milestone', targetType: 'research_milestone', targetId: id });
    assertVersion(m!, input.version);
    const at = iso(ctx.clock.now());
    await updateVersioned(trx, 'research_milestone', m!, { status: 'done', done_by: actor.id, done_at: at, note: input.note || null, updated_at: at });
    await ctx.scheduler.cancel(trx, 'research_milestone', id, 'research.milestone_due');
    await ctx.audit.append(trx, {
      actor,
      action: 'research.complete_milestone',
      targetType: 'research_milestone',
      targetId: id,
      changes: { status: ['open', 'done'] },
      detail: { topicId: m!.topic_id, late: m!.due_date < chinaDate(ctx.clock.now()) },
    });
    const managers = [...(t!.row.leader_id !== null ? [t!.row.leader_id] : [])].filter((u) => u !== actor.id);
    await ctx.notifier.send(trx, managers, {
      kind: 'research.milestone',
      title: '课题节点已完成',
      body: `${t!.row.number}「${t!.row.title}」节点「${m!.title}」已完成`,
      link: `/research/topics/${t!.row.id}`,
      level: t!.row.level,
    });
    const row = (await repo.findMilestone(trx, id))!;
    const users = await repo.userNames(trx, [actor.id]);
    return presentMilestone(ctx, actor, t!.facts, row, users);
  });
}

/** The job `research.milestone_due`: reminds the team and the 负责人 of a still open milestone of a running 课题. */
export async function remindMilestone(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const m = await repo.findMilestone(trx, job.targetId);
  if (!m || m.status !== 'open') return;
  const t = await repo.findTopic(trx, m.topic_id);
  if (!t || t.status !== 'in_progress') return;
  const members = await repo.membersOf(trx, [t.id]);
  const to = [...new Set([...(t.leader_id !== null ? [t.leader_id] : []), ...members.map((x) => x.user_id)])];
  await ctx.notifier.send(trx, to, {
    kind: 'research.milestone_due',
    title: '调研节点即将到期',
    body: `${t.number}「${t.title}」节点「${m.title}」${m.due_date}到期，请按时完成`,
    link: `/research/topics/${t.id}`,
    level: t.level,
  });
}
