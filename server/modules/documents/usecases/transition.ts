/** Applies a workflow step (incoming or outgoing): load → authorize → the step's handler → engine → record → index. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { documentState, insertStep } from '../documents.repo.js';
import type { TransitionInput } from '../documents.schema.js';
import { STEPS, type StepContext, type StepPlan } from '../documents.steps.js';
import { INTERNAL_ACTIONS, workflowOf } from '../documents.workflow.js';
import { loadReadable, reindex } from './common.js';

/** 办理: one step of a document's workflow with its side effects, record, audit and notifications, in one transaction. */
export async function transitionDocument(ctx: AppContext, actor: Actor, id: number, action: string, input: TransitionInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await loadReadable(trx, actor, id);
    const wf = workflowOf(d);
    // own keys only: 'constructor' or 'to_string' pass the route's pattern but name no step
    const t = !INTERNAL_ACTIONS.includes(action) && Object.hasOwn(wf.transitions, action) ? wf.transitions[action] : undefined;
    if (!t) throw new RuleError('workflow.invalid_transition', { state: wf.states[d.status]?.zh ?? d.status, action });
    // the engine's checks, before any side effect: refusals come first and nothing is half-done
    assertVersion(d, input.version);
    if (!t.from.includes(d.status)) throw new ConflictError('workflow.invalid_transition', { state: wf.states[d.status]?.zh ?? d.status, action: t.label.zh });
    authorize(actor, t.allowed, d, { action: `${wf.name}.${action}`, targetType: 'document', targetId: id });

    const now = ctx.clock.now();
    const s: StepContext = {
      ctx,
      trx,
      actor,
      d,
      action,
      input,
      at: iso(now),
      today: chinaDate(now),
      msg: (kind, title, body = '') => ({ kind, title, body, link: `/documents/${id}`, level: d.level }),
    };
    const plan: StepPlan = { set: {}, notify: [], wfInput: { ...input }, comment: input.comment ?? null, after: null };
    await STEPS[d.direction][action]?.(s, plan);

    const detail: Record<string, unknown> = {};
    if (plan.comment) detail.comment = plan.comment;
    if (plan.set.supervision_item_id) detail.supervisionItemId = plan.set.supervision_item_id;
    const r = await ctx.workflow.apply(trx, wf, {
      row: d,
      action,
      actor,
      version: input.version,
      input: plan.wfInput,
      set: plan.set,
      notify: plan.notify,
      detail,
    });
    if (plan.after) await plan.after();
    await insertStep(trx, { documentId: id, action, from: r.from, to: r.status, actor, comment: plan.comment, at: s.at });
    await reindex(ctx, trx, [id]);
    return { id, status: r.status, version: (await documentState(trx, id)).version };
  });
}
