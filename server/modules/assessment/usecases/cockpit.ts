/**
 * 领导驾驶舱 (first part): the current period's ranking (考比树 results, frozen once closed) and this
 * year's 督办 counts per assessed unit, from supervision's `countsByUnit`. Computed on request (no
 * incremental aggregates yet): the answer says when.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { ResultsView } from '../../../../common/assessment.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { computeResults } from './results.js';

/** The 驾驶舱 figures for leaders, directors and the 督查室 (403 for others). */
export async function cockpit(ctx: AppContext, actor: Actor) {
  authorize(actor, assessmentPolicy.cockpit, null, { action: 'assessment.cockpit', targetType: 'assessment_scheme', targetId: null });
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const schemes = (await repo.listSchemes(ctx.db, false)).filter((s) => s.period_from <= today);
  const current = schemes.find((s) => s.period_to >= today) ?? schemes[0];
  let ranking: ResultsView['rows'] = [];
  if (current && assessmentPolicy.readResults(actor, current))
    ranking =
      current.status === 'closed' && current.results
        ? (JSON.parse(current.results) as ResultsView).rows
        : (await computeResults(ctx, actor, current, ctx.db)).rows;
  const from = `${today.slice(0, 4)}-01-01`;
  const counts = (await ctx.services.supervision?.countsByUnit?.(ctx.db, from, today)) ?? {};
  const unitIds = current ? unitIdsOf(current) : Object.keys(counts).map(Number);
  const names = await repo.unitNames(ctx.db, unitIds);
  return {
    today,
    computedAt: iso(now),
    scheme: current ? { id: current.id, name: current.name, period: current.period, status: current.status as 'draft' | 'published' | 'closed' } : null,
    ranking: ranking.map(({ unitId, unitName, total, rank, mark }) => ({ unitId, unitName, total, rank, mark })),
    supervision: {
      from,
      to: today,
      units: unitIds.map((unitId) => {
        const c = counts[unitId] ?? { closed: 0, closedOnTime: 0, returned: 0 };
        return { unitId, unitName: names.get(unitId) ?? '', ...c, onTimeRate: c.closed ? Math.round((1000 * c.closedOnTime) / c.closed) / 10 : null };
      }),
    },
  };
}
