/**
 * The steps of a case: 转办 to a responsible unit (with the 受理 time limit), 受理 by the unit (with the
 * 办理 time limit), the unit's 办复, 答复 to the petitioner, 办结 (only with an answer and an outcome), and
 * 回访 (satisfaction). Each: transaction → load → authorize → check → workflow (audited) → notify.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { caseActions } from '../petitions.policy.js';
import * as repo from '../petitions.repo.js';
import { caseWorkflow } from '../petitions.workflow.js';
import { afterDue, config, dueDate, loadCase, presentCase, reindex } from './common.js';

/** The input of a step. */
export interface StepInput {
  version: number;
  unitId?: number;
  text?: string;
  outcome?: string;
  satisfaction?: 'satisfied' | 'basically' | 'unsatisfied';
}

export type StepName = 'transfer' | 'accept' | 'reply' | 'answer' | 'close';
const ROLES_OF_UNIT = ['liaison', 'division_head', 'director'];

/** Takes one workflow step on a case. */
export async function step(ctx: AppContext, actor: Actor, id: number, name: StepName, input: StepInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const action = `petitions.${name}`;
    const c = await loadCase(trx, actor, cfg, id, action);
    authorize(actor, caseActions[name], c.facts, { action, targetType: 'petition_case', targetId: id });
    assertVersion(c.row, input.version);
    const now = ctx.clock.now();
    const at = iso(now);
    const text = input.text?.trim() ?? '';
    let set: Record<string, unknown> = {};
    let notify: { userIds: number[]; title: string; body: string }[] = [];
    const label = `${c.row.number}「${c.row.subject}」`;
    if (name === 'transfer') {
      if (!input.unitId || !(await repo.activeUnit(trx, input.unitId))) throw new RuleError('petitions.unknown_unit');
      const acceptDue = dueDate(ctx, cfg, now, cfg.acceptDays);
      set = { unit_id: input.unitId, handler_id: null, transferred_at: at, accept_due: acceptDue };
      await ctx.scheduler.schedule(trx, {
        kind: 'petitions.overdue',
        targetType: 'petition_case',
        targetId: id,
        dueAt: afterDue(acceptDue),
        payload: { stage: 'accept', due: acceptDue },
      });
      notify = [
        { userIds: await repo.usersOf(trx, [input.unitId], ROLES_OF_UNIT), title: '信访件转办', body: `${label}已转你单位办理，请于${acceptDue}前受理` },
      ];
    } else if (name === 'accept') {
      const handleDue = dueDate(ctx, cfg, now, cfg.handleDays);
      set = { handler_id: actor.id, accepted_at: at, handle_due: handleDue };
      await ctx.scheduler.schedule(trx, {
        kind: 'petitions.overdue',
        targetType: 'petition_case',
        targetId: id,
        dueAt: afterDue(handleDue),
        payload: { stage: 'handle', due: handleDue },
      });
    } else if (name === 'reply') {
      if (!text) throw new RuleError('workflow.missing_fields', { fields: 'text' });
      set = { unit_reply: text, replied_at: at };
      notify = [{ userIds: await repo.usersOf(trx, cfg.staffUnitIds, ['staff', 'division_head']), title: '信访件办复', body: `${label}责任单位已办复` }];
    } else if (name === 'answer') {
      if (!text) throw new RuleError('workflow.missing_fields', { fields: 'text' });
      set = { answer: text, answered_at: at };
    } else {
      if (!c.row.answer) throw new RuleError('petitions.reply_required');
      if (!input.outcome?.trim()) throw new RuleError('petitions.outcome_required');
      set = { outcome: input.outcome.trim(), closed_at: at };
    }
    const wf = caseWorkflow((a, t) => caseActions[t as StepName](a, c.facts));
    await ctx.workflow.apply(trx, wf, {
      row: c.row,
      action: name,
      actor,
      version: input.version,
      input: {},
      set,
      notify: notify
        .filter((n) => n.userIds.length)
        .map((n) => ({ userIds: n.userIds, message: { kind: 'petitions', title: n.title, body: n.body, link: `/petitions/${id}` } })),
    });
    const after = (await repo.findCase(trx, id))!;
    if (name === 'transfer' || name === 'accept') await reindex(ctx, trx, cfg, after);
    return presentCase(ctx, trx, actor, cfg, after);
  });
}

/** 回访: records the petitioner's satisfaction after the answer (audited as `petitions.follow_up`). */
export async function followUp(ctx: AppContext, actor: Actor, id: number, input: StepInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const c = await loadCase(trx, actor, cfg, id, 'petitions.follow_up');
    authorize(actor, caseActions.followUp, c.facts, { action: 'petitions.follow_up', targetType: 'petition_case', targetId: id });
    assertVersion(c.row, input.version);
    if (!input.satisfaction) throw new RuleError('workflow.missing_fields', { fields: 'satisfaction' });
    const set = {
      satisfaction: input.satisfaction,
      follow_up: input.text?.trim() || null,
      followed_up_at: iso(ctx.clock.now()),
      updated_at: iso(ctx.clock.now()),
    };
    await repo.updateCase(trx, c.row, set);
    await ctx.audit.append(trx, {
      actor,
      action: 'petitions.follow_up',
      targetType: 'petition_case',
      targetId: id,
      changes: { satisfaction: [c.row.satisfaction, input.satisfaction], follow_up: [c.row.follow_up, set.follow_up] },
    });
    return presentCase(ctx, trx, actor, cfg, (await repo.findCase(trx, id))!);
  });
}
