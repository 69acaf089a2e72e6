/**
 * 领导驾驶舱: the current period's ranking (考比树 results, frozen once closed), this year's 督办 counts per
 * assessed unit (supervision's `countsByUnit`), this week's 信息流转 (information's `unitStatistics`) and this
 * year's 发文配额执行 (documents' `assessmentCounts`), each through the module's contract.
 *
 * The figures are a snapshot (`assessment_cockpit`, one row), not recomputed per request: the job
 * `assessment.cockpit_refresh` recomputes them every `cockpitRefreshMinutes` (a setting, 5 by default) and
 * schedules its next run; a read finding them older than that (or of another day, or marked stale because a
 * scheme was published, closed or recomputed) computes them itself and stores them — so the answer is never
 * older than the interval, which the page states. Refreshes are serialized (SQLite's immediate transactions,
 * an advisory lock on PostgreSQL) and each recheck the row first, so concurrent readers and several app
 * processes compute once (and runs scheduled by different computations merge). The viewer's policy is applied when answering: the ranking only to those who may
 * read the scheme's results, as before.
 */
import { performance } from 'node:perf_hooks';
import type { Db, Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR, type Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { cockpitResponse, ResultsView } from '../../../../common/assessment.js';
import type { z } from 'zod';
import { assessmentPolicy } from '../assessment.policy.js';
import { unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { lockCockpit, loadCockpit, markCockpitStale, storeCockpit, type AssessmentCockpitTable } from '../repo/assessment.cockpit.js';
import { readAssessmentSettings } from '../assessment.settings.js';
import { computeResults } from './results.js';

/** The refresh job's kind. */
export const COCKPIT_JOB = 'assessment.cockpit_refresh';
/** 刷新 by hand: figures younger than this are answered as they are (one computation per half minute at most). */
export const MANUAL_REFRESH_FLOOR_MS = 30_000;
/** A snapshot stamped this far after now (another process's clock) still counts as fresh; further, it is recomputed. */
const CLOCK_SKEW_MS = 60_000;

type CockpitView = z.infer<typeof cockpitResponse>;
/** The stored figures: the answer before the viewer's policy. */
type Figures = Omit<CockpitView, 'refreshMinutes' | 'canRefresh'>;

/** Computes every figure over all rows, on `db` (the refreshing transaction). */
export async function computeCockpitFigures(ctx: AppContext, db: Db | Trx, now: Date): Promise<Figures> {
  const today = chinaDate(now);
  const schemes = (await repo.listSchemes(db, false)).filter((s) => s.period_from <= today);
  const current = schemes.find((s) => s.period_to >= today) ?? schemes[0];
  let ranking: ResultsView['rows'] = [];
  if (current)
    ranking =
      current.status === 'closed' && current.results
        ? (JSON.parse(current.results) as ResultsView).rows
        : (await computeResults(ctx, SYSTEM_ACTOR, current, db)).rows; // the actor only words the formulas, not kept here
  const from = `${today.slice(0, 4)}-01-01`;
  const counts = (await ctx.services.supervision?.countsByUnit?.(db, from, today)) ?? {};
  const unitIds = current ? unitIdsOf(current) : Object.keys(counts).map(Number);
  const names = await repo.unitNames(db, unitIds);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(new Date(`${today}T00:00:00Z`).getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
  const info = new Map(((await ctx.services.information?.unitStatistics(db, { from: monday, to: today }, unitIds)) ?? []).map((r) => [r.unitId, r]));
  const docs = (await ctx.services.documents?.assessmentCounts?.(db, { from, to: today }, unitIds)) ?? {};
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

/**
 * The next run is due this long after a computation: a minute (half the interval when shorter) before the
 * snapshot gets too old, so the scheduler's poll (30 s by default) runs it before any read has to.
 */
function jobLeadMs(minutes: number): number {
  return minutes * 60_000 - Math.min(60_000, minutes * 30_000);
}

/** Whether a snapshot may be answered at `now`: not marked stale, of today, at most `maxAgeMs` old. */
function fresh(row: AssessmentCockpitTable | undefined, now: Date, maxAgeMs: number): row is AssessmentCockpitTable {
  if (!row || row.stale) return false;
  const at = new Date(row.computed_at);
  const age = now.getTime() - at.getTime();
  return age <= maxAgeMs && age >= -CLOCK_SKEW_MS && chinaDate(at) === chinaDate(now);
}

/**
 * In `trx`, under the refresh lock: answers the stored snapshot if it is fresh within `maxAgeMs` (another
 * request, process or the job just computed it), else computes and stores it; either way the next job is
 * scheduled one interval after the snapshot (idempotent: one job per due time). `computed` says which.
 */
async function refreshIn(ctx: AppContext, trx: Trx, maxAgeMs: (minutes: number) => number) {
  await lockCockpit(trx);
  const now = ctx.clock.now();
  const minutes = (await readAssessmentSettings(trx)).value.cockpitRefreshMinutes;
  let row = await loadCockpit(trx);
  const computed = !fresh(row, now, maxAgeMs(minutes)) || row!.refresh_minutes !== minutes;
  if (computed) {
    const t = performance.now();
    const figures = await computeCockpitFigures(ctx, trx, now);
    const stored = { figures: JSON.stringify(figures), computedAt: iso(now), computeMs: Math.round(performance.now() - t), refreshMinutes: minutes };
    await storeCockpit(trx, stored);
    row = { id: 1, figures: stored.figures, computed_at: stored.computedAt, compute_ms: stored.computeMs, refresh_minutes: minutes, stale: 0 };
  }
  const next = new Date(new Date(row!.computed_at).getTime() + jobLeadMs(minutes));
  await ctx.scheduler.schedule(trx, { kind: COCKPIT_JOB, targetType: 'assessment_cockpit', targetId: 1, dueAt: next });
  return { row: row!, minutes, computed };
}

/** The snapshot as `actor` may see it: the ranking only with `readResults` on the scheme. */
function present(actor: Actor, row: AssessmentCockpitTable, minutes: number): CockpitView {
  const f = JSON.parse(row.figures) as Figures;
  return {
    ...f,
    computedAt: row.computed_at,
    ranking: f.scheme && assessmentPolicy.readResults(actor, f.scheme) ? f.ranking : [],
    refreshMinutes: minutes,
    canRefresh: assessmentPolicy.refreshCockpit(actor, null),
  };
}

/** The 驾驶舱 figures for leaders, directors and the 督查室 (403 for others), at most `cockpitRefreshMinutes` old. */
export async function cockpit(ctx: AppContext, actor: Actor): Promise<CockpitView> {
  authorize(actor, assessmentPolicy.cockpit, null, { action: 'assessment.cockpit', targetType: 'assessment_scheme', targetId: null });
  const row = await loadCockpit(ctx.db); // one query: the interval is stored with the figures (a change of it marks them stale)
  if (fresh(row, ctx.clock.now(), row?.refresh_minutes ? row.refresh_minutes * 60_000 : -1)) return present(actor, row, row.refresh_minutes);
  const r = await ctx.db.transaction().execute((trx) => refreshIn(ctx, trx, (m) => m * 60_000));
  return present(actor, r.row, r.minutes);
}

/** 刷新: recomputes now unless computed in the last half minute (audited as `assessment.cockpit_refresh` when it computed). */
export async function refreshCockpitNow(ctx: AppContext, actor: Actor): Promise<CockpitView> {
  authorize(actor, assessmentPolicy.refreshCockpit, null, { action: 'assessment.cockpit_refresh', targetType: 'assessment_cockpit', targetId: 1 });
  return ctx.db.transaction().execute(async (trx) => {
    const r = await refreshIn(ctx, trx, () => MANUAL_REFRESH_FLOOR_MS);
    if (r.computed)
      await ctx.audit.append(trx, {
        actor,
        action: 'assessment.cockpit_refresh',
        targetType: 'assessment_cockpit',
        targetId: 1,
        detail: { computeMs: r.row.compute_ms },
      });
    return present(actor, r.row, r.minutes);
  });
}

/**
 * The job `assessment.cockpit_refresh`, in the claiming transaction: recomputes when the snapshot is as old
 * as a run is due after it (or stale), else — a read or another run computed it since this run was scheduled —
 * only schedules the run due after that snapshot, so the runs scheduled by reads merge into one chain.
 */
export async function refreshCockpitJob(ctx: AppContext, trx: Trx): Promise<void> {
  await refreshIn(ctx, trx, (m) => jobLeadMs(m) - 5_000);
}

/** Recomputes the snapshot now whatever its age (the bench, the CLI); returns how long the computation took. */
export async function refreshCockpit(ctx: AppContext): Promise<number> {
  const r = await ctx.db.transaction().execute((trx) => refreshIn(ctx, trx, () => -Infinity));
  return r.row.compute_ms;
}

/** Marks the snapshot stale in `trx` (a scheme was published, closed or recomputed) and asks the job to run now. */
export async function invalidateCockpit(ctx: AppContext, trx: Trx): Promise<void> {
  await markCockpitStale(trx);
  await ctx.scheduler.schedule(trx, { kind: COCKPIT_JOB, targetType: 'assessment_cockpit', targetId: 1, dueAt: ctx.clock.now() });
}
