/** 提出调研选题: a division or a unit proposes; edited by the proposer (or the 调研室) while undecided. */
import type { z } from 'zod';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import type { Trx } from '../../../db/client.js';
import { officeActions, proposalActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import type { proposalBody, proposalUpdateBody } from '../research.schema.js';
import { loadProposal, presentProposals } from './common.js';

export type ProposalInput = z.infer<typeof proposalBody>;
export type ProposalUpdate = z.infer<typeof proposalUpdateBody>;

/** The level is enabled and within the actor's clearance; the lead unit is active. */
export async function checkLevelAndUnit(ctx: AppContext, trx: Trx, actor: Actor, level: number, unitId: number): Promise<void> {
  const { value } = await ctx.settings.get(trx);
  if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
  if (level > actor.clearance) throw new RuleError('research.level_too_high');
  if (!(await repo.activeUnitIds(trx, [unitId])).has(unitId)) throw new RuleError('research.unknown_unit');
}

/** 提出: a new proposal of the actor's unit (audited as `research.propose`). */
export async function propose(ctx: AppContext, actor: Actor, input: ProposalInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await repo.desk(trx);
    authorize(actor, officeActions.propose, d, { action: 'research.propose', targetType: 'research_proposal' });
    const level = input.level ?? 0;
    await checkLevelAndUnit(ctx, trx, actor, level, input.leadUnitId);
    const at = iso(ctx.clock.now());
    const id = await repo.insertProposal(trx, {
      year: input.year ?? chinaYear(ctx.clock.now()),
      title: input.title,
      background: input.background,
      level,
      unit_id: actor.unitId,
      proposed_by: actor.id,
      lead_unit_id: input.leadUnitId,
      status: 'proposed',
      decline_reason: null,
      decision_id: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'research.propose',
      targetType: 'research_proposal',
      targetId: id,
      changes: { status: [null, 'proposed'], level: [null, level] },
      detail: { leadUnitId: input.leadUnitId },
    });
    const deskStaff = (await repo.usersOf(trx, d.researchUnitIds, ['division_head'])).filter((u) => u !== actor.id);
    await ctx.notifier.send(trx, deskStaff, {
      kind: 'research.propose',
      title: '新的调研选题',
      body: `${actor.unitName}提出调研选题「${input.title}」`,
      link: `/research/proposals`,
      level,
    });
    return (await presentProposals(trx, actor, d, [(await repo.findProposal(trx, id))!]))[0]!;
  });
}

/** 修改选题 (versioned; audited as `research.update_proposal` with the changed field names). */
export async function updateProposal(ctx: AppContext, actor: Actor, id: number, input: ProposalUpdate) {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadProposal(trx, actor, id, 'research.update_proposal');
    authorize(actor, proposalActions.edit, p.facts, { action: 'research.update_proposal', targetType: 'research_proposal', targetId: id });
    assertVersion(p.row, input.version);
    const level = input.level ?? p.row.level;
    await checkLevelAndUnit(ctx, trx, actor, level, input.leadUnitId);
    const set = { title: input.title, background: input.background, lead_unit_id: input.leadUnitId, level, year: input.year ?? p.row.year };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(set)) if ((p.row as Record<string, unknown>)[k] !== v) changes[k] = [(p.row as Record<string, unknown>)[k], v];
    if (!Object.keys(changes).length) throw new RuleError('research.no_change');
    await updateVersioned(trx, 'research_proposal', p.row, { ...set, updated_at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, { actor, action: 'research.update_proposal', targetType: 'research_proposal', targetId: id, changes });
    return (await presentProposals(trx, actor, p.desk, [(await repo.findProposal(trx, id))!]))[0]!;
  });
}
