/**
 * 评分: an assessor's organisation scores (组织考核, with evidence) and a rater's expert scores
 * (专业评估). Each sees and writes only their own scores while the period runs.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import type { ScoreInput } from '../assessment.schema.js';
import { assertStatus, loadReadable } from './common.js';

/** What the actor scores in a scheme: org (assessor) before expert (rater); null when neither. */
function kindOf(actor: Actor, s: repo.SchemeRow): 'org' | 'expert' | null {
  if (assessmentPolicy.scoreOrg(actor, s)) return 'org';
  if (assessmentPolicy.scoreExpert(actor, s)) return 'expert';
  return null;
}

/** The actor's scoring sheet: the leaves of their method, the units each applies to, and their own scores only. */
export async function scoringSheet(ctx: AppContext, actor: Actor, id: number) {
  const s = await loadReadable(ctx.db, actor, id, 'assessment.scoring_read');
  const kind = kindOf(actor, s);
  const leaves = kind ? leavesOf(await repo.listIndicators(ctx.db, id), unitIdsOf(s)).filter((l) => l.row.method === kind) : [];
  const own = kind ? await repo.listScores(ctx.db, id, actor.id) : [];
  const names = await repo.unitNames(ctx.db, unitIdsOf(s));
  return {
    schemeId: id,
    status: s.status as 'draft' | 'published' | 'closed',
    kind,
    leaves: leaves.map((l) => ({ id: l.row.id, name: l.row.name, method: kind!, rubric: l.row.rubric, unitIds: l.unitIds })),
    units: unitIdsOf(s).map((u) => ({ id: u, name: names.get(u) ?? '' })),
    cells: own.map((c) => ({ indicatorId: c.indicator_id, unitId: c.unit_id, score: c.score, evidence: c.evidence })),
  };
}

/** Saves the actor's scores (audited as `assessment.score` with the cells' ids; 409 once closed). */
export async function saveScores(ctx: AppContext, actor: Actor, id: number, scores: ScoreInput[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id, 'assessment.score');
    const kind = kindOf(actor, s);
    authorize(actor, (a, row) => kind !== null && assessmentPolicy.read(a, row), s, {
      action: 'assessment.score',
      targetType: 'assessment_scheme',
      targetId: id,
    });
    assertStatus(s, 'published');
    const leaves = new Map(leavesOf(await repo.listIndicators(trx, id), unitIdsOf(s)).map((l) => [l.row.id, l]));
    const at = iso(ctx.clock.now());
    for (const c of scores) {
      const leaf = leaves.get(c.indicatorId);
      if (!leaf || leaf.row.method !== kind || !leaf.unitIds.includes(c.unitId))
        throw new RuleError('assessment.not_scorable', { name: leaf?.row.name ?? String(c.indicatorId) });
      if (kind === 'org' && !c.evidence) throw new RuleError('assessment.evidence_required');
      await repo.upsertScore(
        trx,
        { scheme_id: id, indicator_id: c.indicatorId, unit_id: c.unitId, rater_id: actor.id, kind: kind!, score: c.score, evidence: c.evidence ?? null },
        at,
      );
    }
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.score',
      targetType: 'assessment_scheme',
      targetId: id,
      detail: { kind, cells: scores.map((c) => `${c.indicatorId}:${c.unitId}`) },
    });
    return { saved: scores.length };
  });
}
