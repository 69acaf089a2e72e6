/**
 * 领导驾驶舱 (first part): the current period's ranking (考比树 results, frozen once closed), this
 * year's 督办 counts per assessed unit (supervision's `countsByUnit`), this week's 信息流转
 * (information's `unitStatistics`) and this year's 发文配额执行 (documents' `assessmentCounts`), each
 * through the module's contract. Computed on request (no incremental aggregates yet): the answer says when.
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
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(new Date(`${today}T00:00:00Z`).getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
  const info = new Map(((await ctx.services.information?.unitStatistics(ctx.db, { from: monday, to: today }, unitIds)) ?? []).map((r) => [r.unitId, r]));
  const docs = (await ctx.services.documents?.assessmentCounts?.(ctx.db, { from, to: today }, unitIds)) ?? {};
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
    information: {
      from: monday,
      to: today,
      units: unitIds.map((unitId) => {
        const r = info.get(unitId);
        return { unitId, unitName: names.get(unitId) ?? '', reported: r?.reported ?? 0, adopted: r?.adopted.total ?? 0, instructions: r?.instructions ?? 0 };
      }),
    },
    documents: {
      from,
      to: today,
      units: unitIds.map((unitId) => ({
        unitId,
        unitName: names.get(unitId) ?? '',
        issued: docs[unitId]?.counts.issued ?? 0,
        withinQuota: docs[unitId]?.counts.withinQuota ?? 0,
      })),
    },
  };
}
