/**
 * The course of a plan: 报送 (every item with a time, a responsible unit and person), 处长审核, 主任审批
 * (then 第1版 and the responsible persons notified), 退回 with a reason, and 办结 (every item done or
 * cancelled, the actual costs of done items and a summary). Each: transaction → load → authorize →
 * check → workflow (audited) → notify.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { planActions } from '../reception.policy.js';
import * as repo from '../reception.repo.js';
import { planWorkflow, type StepName } from '../reception.workflow.js';
import { loadPlan, reloadAndPresent } from './common.js';

/** The input of a step. */
export interface StepInput {
  version: number;
  reason?: string;
  summary?: string;
}

const positions = (items: readonly repo.ItemRecord[], pick: (i: repo.ItemRecord) => boolean) =>
  items
    .map((i, n) => (pick(i) ? `第${n + 1}项` : null))
    .filter((x): x is string => x !== null)
    .join('、');

/** Takes one workflow step on a plan. */
export async function step(ctx: AppContext, actor: Actor, id: number, name: StepName, input: StepInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const action = `reception.${name}`;
    const p = await loadPlan(trx, actor, id, action);
    authorize(actor, planActions[name], p.facts, { action, targetType: 'reception_plan', targetId: id });
    assertVersion(p.row, input.version);
    const at = iso(ctx.clock.now());
    const label = `${p.row.number}「${p.row.title}」`;
    const link = `/reception/plans/${id}`;
    let set: Record<string, unknown> = {};
    const notify: { userIds: number[]; title: string; body: string }[] = [];
    if (name === 'submit') {
      if (!p.items.length) throw new RuleError('reception.no_items');
      const incomplete = positions(p.items, (i) => i.starts_at === null || i.unit_id === null || i.person_id === null);
      if (incomplete) throw new RuleError('reception.incomplete_items', { items: incomplete });
      set = { return_reason: null };
      notify.push({ userIds: await repo.usersOf(trx, p.desk.receptionUnitIds, ['division_head']), title: '接待方案待审核', body: `${label}已报送，请审核` });
    } else if (name === 'approve' && p.row.status === 'submitted') {
      set = { head_approved_by: actor.id, head_approved_at: at };
      const directors = p.desk.officeUnitId !== null ? await repo.usersOf(trx, [p.desk.officeUnitId], ['director']) : [];
      notify.push({ userIds: directors, title: '接待方案待审批', body: `${label}处长已审核，请审批` });
    } else if (name === 'approve') {
      set = { approved_by: actor.id, approved_at: at, revision: 1 };
      const persons = p.items.flatMap((i) => (i.person_id !== null ? [i.person_id] : []));
      notify.push({ userIds: [p.row.drafted_by], title: '接待方案已批准', body: `${label}已批准` });
      notify.push({ userIds: persons, title: '接待任务', body: `${label}已批准，请按日程安排落实您负责的事项` });
    } else if (name === 'return') {
      if (!input.reason?.trim()) throw new RuleError('reception.reason_required');
      set = { return_reason: input.reason.trim(), head_approved_by: null, head_approved_at: null };
      notify.push({ userIds: [p.row.drafted_by], title: '接待方案退回', body: `${label}被退回：${input.reason.trim()}` });
    } else {
      const open = positions(p.items, (i) => i.status === 'open');
      if (open) throw new RuleError('reception.items_open', { items: open });
      const missing = positions(p.items, (i) => i.status === 'done' && i.actual_cost === null);
      if (missing) throw new RuleError('reception.costs_missing', { items: missing });
      if (!input.summary?.trim()) throw new RuleError('reception.summary_required');
      set = { summary: input.summary.trim(), closed_at: at };
    }
    const wf = planWorkflow((a, t) => planActions[t](a, p.facts));
    await ctx.workflow.apply(trx, wf, {
      row: p.row,
      action: name,
      actor,
      version: input.version,
      input: {},
      set,
      notify: notify
        .map((n) => ({ ...n, userIds: n.userIds.filter((u) => u !== actor.id) }))
        .filter((n) => n.userIds.length)
        .map((n) => ({ userIds: n.userIds, message: { kind: 'reception', title: n.title, body: n.body, link, level: p.row.level } })),
    });
    return reloadAndPresent(ctx, trx, actor, id);
  });
}
