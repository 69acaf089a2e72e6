/** The 会议 configuration: kinds, gates, checklists per meeting kind and the handler units (把关清单可配置). */
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { assertUnits } from '../meetings.checks.js';
import { GATE_INFO, MEETING_KIND_INFO } from '../meetings.gates.js';
import { isHandler, isManager, meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { MATERIAL_KIND_INFO } from '../meetings.schema.js';
import { MEETING_STATES, TOPIC_STATES } from '../meetings.workflow.js';
import { config } from './common.js';

/** Kinds, gates, checklists and handler units (any business user may read them). */
export async function getConfig(ctx: AppContext, actor: Actor) {
  const { cfg, cfgVersion } = await config(ctx.db);
  return {
    kinds: Object.entries(MEETING_KIND_INFO).map(([key, v]) => ({ key, ...v })),
    gates: Object.entries(GATE_INFO).map(([key, v]) => ({ key, zh: v.zh, en: v.en, perUnit: v.perUnit === true })),
    materialKinds: Object.entries(MATERIAL_KIND_INFO).map(([key, v]) => ({ key, ...v })),
    topicStates: Object.entries(TOPIC_STATES).map(([key, v]) => ({ key, zh: v.zh, en: v.en })),
    meetingStates: Object.entries(MEETING_STATES).map(([key, v]) => ({ key, zh: v.zh, en: v.en })),
    checklists: cfg.checklists,
    handlerUnitIds: cfg.handlerUnitIds,
    version: cfgVersion,
    me: {
      handler: isHandler(actor, cfg),
      manager: isManager(actor, cfg),
      configure: meetingsPolicy.configure(actor, cfg),
      propose: meetingsPolicy.propose(actor, null),
    },
  };
}

/** Changes the checklists per meeting kind and the handler units. */
export async function putConfig(
  ctx: AppContext,
  actor: Actor,
  input: { version: number; checklists: repo.MeetingsConfig['checklists']; handlerUnitIds: number[] },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    authorize(actor, meetingsPolicy.configure, cfg, { action: 'meetings.config_update', targetType: 'setting', targetId: 'meetings.config' });
    await assertUnits(trx, input.handlerUnitIds);
    const next = { checklists: input.checklists, handlerUnitIds: [...new Set(input.handlerUnitIds)] };
    const version = await repo.writeConfig(trx, input.version, next, ctx.clock.now());
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.config_update',
      targetType: 'setting',
      targetId: 'meetings.config',
      changes: diffFields(cfg as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
    });
    return { version };
  });
}
