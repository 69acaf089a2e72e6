/**
 * 保密期限 review (解密/延期审查): when a record's secrecy period ends, the scheduled job puts it in the
 * 机要保密处's queue; the level changes ONLY here, by a recorded decision with its reason, audited:
 * 解密 (→ 公开), 延期 (a new end date, same level), 降密 (a lower level and a new end date).
 */
import type { Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR, type Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { LEVELS } from '../../../../common/enums.js';
import { officeActions, reviewActions, type ArchiveScope } from '../archives.policy.js';
import * as repo from '../archives.repo.js';
import { DECISION_NAMES, type Decision } from '../archives.constants.js';
import { scheduleSecrecy, today } from './common.js';

type ReviewWithRecord = repo.ReviewRow & { level: number; title: string; archive_no: string; secrecy_until: string | null };

/** A review as the API shows it. */
export function presentReview(actor: Actor, scope: ArchiveScope, r: ReviewWithRecord, users: Map<number, string>) {
  const facts = { ...scope, status: r.status, level: r.level };
  return {
    id: r.id,
    recordId: r.record_id,
    archiveNo: r.archive_no,
    title: r.title,
    level: r.level,
    secrecyUntil: r.secrecy_until,
    dueDate: r.due_date,
    status: r.status,
    decision: r.decision,
    decisionName: r.decision ? (DECISION_NAMES[r.decision as Decision] ?? null) : null,
    oldLevel: r.old_level,
    newLevel: r.new_level,
    newUntil: r.new_until,
    reason: r.reason,
    decidedBy: r.decided_by !== null ? { id: r.decided_by, name: users.get(r.decided_by) ?? '' } : null,
    decidedAt: r.decided_at,
    version: r.version,
    actions: presentActions(actor, reviewActions, facts).filter((a) => a !== 'read'),
  };
}

/** The job: a record's 保密期限 ended → a pending review (once), the 机要保密处 notified. The level is not touched. */
export async function secrecyDue(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const row = await repo.findRecord(trx, job.targetId);
  const until = (job.payload as { until?: string } | null)?.until;
  // a later decision moved the end date (or declassified): this job is stale
  if (!row || row.level === 0 || !row.secrecy_until || row.secrecy_until !== until) return;
  if (await repo.pendingReview(trx, row.id)) return;
  const at = iso(ctx.clock.now());
  const id = await repo.insertReview(trx, {
    record_id: row.id,
    due_date: row.secrecy_until,
    status: 'pending',
    decision: null,
    old_level: row.level,
    new_level: null,
    new_until: null,
    reason: null,
    decided_by: null,
    decided_at: null,
    created_at: at,
    updated_at: at,
  });
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'archives.secrecy_due',
    targetType: 'archive_review',
    targetId: id,
    detail: { recordId: row.id, dueDate: row.secrecy_until, level: row.level },
  });
  const scope = await repo.officeUnits(trx);
  const officers = await repo.usersOfUnit(trx, scope.secrecyUnitId, ['staff', 'division_head', 'director']);
  await ctx.notifier.send(trx, officers, {
    kind: 'archives.secrecy_due',
    title: `保密期限届满：${row.archive_no}`,
    body: '请作出解密、延期或降密决定',
    link: '/archives/reviews',
    level: row.level,
  });
}

/** What the 机要保密处 decides. */
export interface DecideInput {
  version: number;
  decision: Decision;
  reason: string;
  newLevel?: number | null;
  newUntil?: string | null;
}

function planOf(level: number, input: DecideInput, day: string): { level: number; until: string | null } {
  if (input.decision === 'declassify') return { level: 0, until: null };
  if (!input.newUntil) throw new RuleError('archives.bad_decision');
  if (input.newUntil <= day) throw new RuleError('archives.until_past');
  if (input.decision === 'extend') return { level, until: input.newUntil };
  const newLevel = input.newLevel ?? -1;
  if (newLevel < 1 || newLevel >= level) throw new RuleError('archives.bad_decision');
  return { level: newLevel, until: input.newUntil };
}

/** Records the decision on a pending review and applies it to the record, audited. */
export async function decide(ctx: AppContext, actor: Actor, id: number, input: DecideInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await repo.findReview(trx, id);
    const scope = await repo.scopeOf(trx, actor);
    const facts = r ? { ...scope, status: r.status, level: r.level } : undefined;
    authorize(actor, reviewActions.read, facts, { action: 'archives.review_decide', targetType: 'archive_review', targetId: id, mode: 'read' });
    authorize(actor, reviewActions.decide, facts!, { action: 'archives.review_decide', targetType: 'archive_review', targetId: id });
    assertVersion(r!, input.version);
    const record = (await repo.findRecord(trx, r!.record_id))!;
    const plan = planOf(record.level, input, today(ctx));
    const at = iso(ctx.clock.now());
    await updateVersioned(trx, 'archive_review', r!, {
      status: 'decided',
      decision: input.decision,
      new_level: plan.level,
      new_until: plan.until,
      reason: input.reason.trim(),
      decided_by: actor.id,
      decided_at: at,
      updated_at: at,
    });
    await updateVersioned(trx, 'archive_record', record, { level: plan.level, secrecy_until: plan.until, updated_at: at });
    await scheduleSecrecy(ctx, trx, record.id, plan.until);
    await ctx.audit.append(trx, {
      actor,
      action: 'archives.review_decide',
      targetType: 'archive_record',
      targetId: record.id,
      changes: { level: [record.level, plan.level], secrecy_until: [record.secrecy_until, plan.until], reason: [null, input.reason] },
      detail: { reviewId: id, decision: input.decision, from: LEVELS[record.level]?.key ?? record.level, to: LEVELS[plan.level]?.key ?? plan.level },
    });
    const r2 = (await repo.findReview(trx, id))!;
    const users = await repo.userNames(trx, [actor.id]);
    return presentReview(actor, scope, r2, users);
  });
}

/** The review queue (机要保密处; others get none). */
export async function listReviews(ctx: AppContext, actor: Actor, status?: string) {
  const scope = await repo.scopeOf(ctx.db, actor);
  if (!officeActions.reviewQueue(actor, scope)) return { items: [] };
  const rows = await repo.listReviews(ctx.db, actor, status);
  const users = await repo.userNames(
    ctx.db,
    rows.map((r) => r.decided_by),
  );
  return { items: rows.map((r) => presentReview(actor, scope, r, users)) };
}
