/**
 * 考核结果: each unit's weighted sum over the leaves that apply to it — automatic leaves from the
 * source modules' contracts (`inputs.ts`; never their tables), organisation leaves the assessors' mean, expert
 * leaves the raters' mean (highest and lowest dropped from 5 raters) — ranked, with 先进 / 落后.
 * A closed period answers its frozen results.
 */
import type { ResultsView } from '../../../../common/assessment.js';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { AUTO_FORMULAS, expertScore, meanScore, rank, weightedTotal, type AutoInputs } from '../assessment.formulas.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { formulaText, leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { loadReadable } from './common.js';
import { gatherInputs, sourcesOf, type GatheredInputs } from './inputs.js';
import { resultInputs } from './results-inputs.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The counts of an automatic leaf's formula for a unit (0 for a count the source did not give). */
export function leafInputs(g: GatheredInputs, autoKey: string | null, unitId: number): AutoInputs | null {
  const f = autoKey ? AUTO_FORMULAS[autoKey] : undefined;
  if (!f) return null;
  const counts = g.sources[f.source]?.units[unitId]?.counts ?? {};
  return Object.fromEntries(f.inputs.map((i) => [i.key, counts[i.key] ?? 0]));
}

/**
 * Computes the results of a scheme (on `db`, which may be the closing transaction) from `given`
 * inputs (the snapshot), or from the inputs taken now.
 */
export async function computeResults(ctx: AppContext, actor: Actor, s: repo.SchemeRow, db: Db | Trx, given?: GatheredInputs): Promise<ResultsView> {
  const unitIds = unitIdsOf(s);
  const leaves = leavesOf(await repo.listIndicators(db, s.id), unitIds);
  const scores = await repo.listScores(db, s.id);
  const inputsOf = given ?? (await gatherInputs(ctx, db, s, sourcesOf(leaves), unitIds, iso(ctx.clock.now())));
  const names = await repo.unitNames(db, unitIds);
  const extra = await resultInputs(db, s); // 群众评价, 加减分, the expert drop rule (results-inputs.ts)
  const rows = unitIds.map((unitId) => {
    const parts = leaves
      .filter((l) => l.unitIds.includes(unitId))
      .map((l) => {
        const mine = scores.filter((x) => x.indicator_id === l.row.id && x.unit_id === unitId).map((x) => x.score);
        let score: number | null;
        let inputs: AutoInputs | null = null;
        if (l.row.method === 'auto') {
          inputs = leafInputs(inputsOf, l.row.auto_key, unitId);
          score = inputs ? AUTO_FORMULAS[l.row.auto_key!]!.score(inputs) : null;
        } else if (l.row.method === 'public') score = extra.publicScore(l.row.id, unitId);
        else score = l.row.method === 'expert' ? expertScore(mine, extra.expertDropAt) : meanScore(mine);
        const value = score ?? 0;
        return {
          indicatorId: l.row.id,
          name: l.row.name,
          method: l.row.method as 'auto' | 'org' | 'expert' | 'public',
          pathWeight: round2(l.pathWeight),
          score: value,
          weighted: round2((l.pathWeight * value) / 100),
          missing: score === null,
          formula: formulaText(actor, l.row.auto_key),
          autoKey: l.row.method === 'auto' ? l.row.auto_key : null,
          inputs,
          raters: l.row.method === 'public' ? extra.publicAnswers(l.row.id, unitId) : mine.length,
        };
      });
    const adjustment = extra.adjustment(unitId);
    const total = round2(weightedTotal(parts.map((p) => ({ ...p, pathWeight: p.pathWeight }))) + adjustment);
    return { unitId, unitName: names.get(unitId) ?? '', total, adjustment, leaves: parts };
  });
  return {
    schemeId: s.id,
    status: s.status as 'draft' | 'published' | 'closed',
    frozen: false,
    computedAt: iso(ctx.clock.now()),
    topN: s.top_n,
    bottomN: s.bottom_n,
    schemeRevision: s.revision ?? 1,
    rows: rank(rows, s.top_n, s.bottom_n),
  };
}

/** The results of a scheme: frozen once closed, computed now while the period runs (404 / 403 by policy). */
export async function getResults(ctx: AppContext, actor: Actor, id: number): Promise<ResultsView> {
  const s = await loadReadable(ctx.db, actor, id, 'assessment.results_read');
  authorize(actor, assessmentPolicy.readResults, s, { action: 'assessment.results_read', targetType: 'assessment_scheme', targetId: id });
  if (s.status === 'closed' && s.results) return { ...(JSON.parse(s.results) as ResultsView), status: 'closed', frozen: true };
  return computeResults(ctx, actor, s, ctx.db);
}
