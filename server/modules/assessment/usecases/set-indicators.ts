/** 编辑考比树: replaces a draft scheme's indicator tree, checking the weights level by level. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { AUTO_FORMULAS, weightProblem } from '../assessment.formulas.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import type { IndicatorInput } from '../assessment.schema.js';
import { assertStatus, loadReadable } from './common.js';
import { getScheme } from './read-schemes.js';

const MAX_DEPTH = 3;

/** 422 for the first broken rule of the tree: depth, 个性 units, leaf methods and formulas, weights per level. */
export function checkTree(actor: Actor, nodes: readonly IndicatorInput[], unitIds: readonly number[], names: Map<number, string>): void {
  const walk = (ns: readonly IndicatorInput[], depth: number) => {
    if (ns.length && depth > MAX_DEPTH) throw new RuleError('assessment.tree_too_deep');
    for (const n of ns) {
      if (n.scope === 'specific' && (!n.unitId || !unitIds.includes(n.unitId))) throw new RuleError('assessment.specific_unit', { name: n.name });
      if (!n.children?.length) {
        if (!n.method) throw new RuleError('assessment.leaf_method', { name: n.name });
        if (n.method === 'auto' && !(n.autoKey && AUTO_FORMULAS[n.autoKey])) throw new RuleError('assessment.unknown_formula', { name: n.name });
      }
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(nodes, 1);
  const p = weightProblem(
    nodes.map(function norm(n): Parameters<typeof weightProblem>[0][number] {
      return { ...n, children: n.children?.map(norm) };
    }),
    unitIds,
  );
  if (!p) return;
  const en = actor.locale === 'en-US';
  let level = p.parent === null ? (en ? 'the top level' : '一级指标') : en ? `the indicators under "${p.parent}"` : `“${p.parent}”的下级指标`;
  if (p.unitId !== null) level += en ? ` for ${names.get(p.unitId) ?? p.unitId}` : `（${names.get(p.unitId) ?? p.unitId}）`;
  throw new RuleError('assessment.weights_sum', { level, sum: p.sum });
}

async function insertTree(trx: Trx, schemeId: number, nodes: readonly IndicatorInput[], parentId: number | null, at: string, seq: { n: number }) {
  for (const n of nodes) {
    const leaf = !n.children?.length;
    const id = await repo.insertIndicator(trx, {
      scheme_id: schemeId,
      parent_id: parentId,
      seq: seq.n++,
      name: n.name,
      weight: n.weight,
      scope: n.scope,
      unit_id: n.scope === 'specific' ? (n.unitId ?? null) : null,
      method: leaf ? (n.method ?? null) : null,
      auto_key: leaf && n.method === 'auto' ? (n.autoKey ?? null) : null,
      rubric: leaf && n.method !== 'auto' ? (n.rubric ?? null) : null,
      created_at: at,
      updated_at: at,
    });
    await insertTree(trx, schemeId, n.children ?? [], id, at, seq);
  }
}

/** Replaces the tree of a draft scheme (audited as `assessment.indicators_update`). */
export async function setIndicators(ctx: AppContext, actor: Actor, id: number, input: { version: number; indicators: IndicatorInput[] }) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id, 'assessment.indicators_update');
    authorize(actor, assessmentPolicy.manage, s, { action: 'assessment.indicators_update', targetType: 'assessment_scheme', targetId: id });
    assertStatus(s, 'draft');
    assertVersion(s, input.version);
    const unitIds = unitIdsOf(s);
    checkTree(actor, input.indicators, unitIds, await repo.unitNames(trx, unitIds));
    const at = iso(ctx.clock.now());
    await repo.deleteIndicators(trx, id);
    await insertTree(trx, id, input.indicators, null, at, { n: 1 });
    await updateVersioned(trx, 'assessment_scheme', s, { updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.indicators_update',
      targetType: 'assessment_scheme',
      targetId: id,
      changes: { indicators: [null, null] },
    });
    return getScheme(ctx, actor, id, trx);
  });
}
