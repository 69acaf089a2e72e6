/** Statistics of 督查督办 (调研分析), the overdue figure per unit and the 定期分类汇总分析 DOCX — all visibility-filtered. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { overdueTasksCreatedIn } from '../repo/supervision.lists.js';
import { overdueCountsAggregated, statsRowsAggregated } from '../repo/supervision.stats-aggregates.js';
import { overdueCountsByUnit, statsRows } from '../repo/supervision.stats.js';
import { SOURCE_NAMES } from '../supervision.constants.js';
import { renderSummary } from '../supervision.documents.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { ITEM_STATES } from '../supervision.workflow.js';
import { today } from './common.js';

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`;
}

/**
 * 超期任务（按单位）: open tasks past their time limit now, per unit — the dashboard's red figure, from the open-task
 * counts kept by triggers (`exact`: from the rows, the reference the tests compare with).
 */
export async function overdueByUnit(ctx: AppContext, actor: Actor, opts: { exact?: boolean } = {}) {
  const th = ctx.calendar.lightThresholds(ctx.clock.now(), (await readSettings(ctx.db)).value.yellowDays);
  const rows = await (opts.exact ? overdueCountsByUnit : overdueCountsAggregated)(ctx.db, actor, th.today);
  const names = await repo.unitNames(
    ctx.db,
    rows.map((r) => r.unitId),
  );
  const items = rows
    .map((r) => ({ unitId: r.unitId, unitName: names.get(r.unitId) ?? '', overdue: Number(r.overdue) }))
    .sort((a, b) => b.overdue - a.overdue || a.unitId - b.unitId);
  return { today: th.today, total: items.reduce((a, r) => a + r.overdue, 0), items };
}

/** Statistics (调研分析): by unit, by source, by month, lights, extensions and returns — all visibility-filtered (`exact`: from the rows, not the count tables). */
export async function stats(ctx: AppContext, actor: Actor, q: { from?: string; to?: string }, opts: { exact?: boolean } = {}) {
  const db = ctx.db;
  const s = (await readSettings(ctx.db)).value;
  const th = ctx.calendar.lightThresholds(ctx.clock.now(), s.yellowDays);
  const from = q.from ? `${q.from}T00:00:00.000Z` : '0000';
  const to = q.to ? `${q.to}T23:59:59.999Z` : '9999';
  // the count tables kept by triggers answer the bulk; `exact` counts every row (the reference the tests compare with)
  const { byUnitRows, bySourceRows, byMonthRows, byStatusRows, extRows } = opts.exact
    ? await statsRows(db, actor, th, from, to)
    : await statsRowsAggregated(db, actor, th, q);
  const units = await repo.unitNames(
    db,
    byUnitRows.map((r) => r.unitId),
  );
  const byUnit = byUnitRows
    .map((r) => ({
      unitId: r.unitId,
      unitName: units.get(r.unitId) ?? '',
      assigned: Number(r.assigned),
      closed: Number(r.closed),
      onTime: Number(r.onTime),
      onTimeRate: Number(r.closed) ? Number(r.onTime) / Number(r.closed) : null,
      overdue: Number(r.overdue),
      yellow: Number(r.yellow),
      returns: Number(r.returns ?? 0),
      extensions: Number(r.extensions ?? 0),
    }))
    .sort((a, b) => b.assigned - a.assigned || a.unitId - b.unitId);
  const sum = (k: 'assigned' | 'closed' | 'onTime' | 'overdue' | 'yellow' | 'returns' | 'extensions') => byUnit.reduce((a, r) => a + r[k], 0);
  return {
    range: { from: q.from ?? null, to: q.to ?? null },
    totals: {
      items: bySourceRows.reduce((a, r) => a + Number(r.count), 0),
      itemsClosed: bySourceRows.reduce((a, r) => a + Number(r.closed), 0),
      tasks: sum('assigned'),
      tasksClosed: sum('closed'),
      onTimeRate: sum('closed') ? sum('onTime') / sum('closed') : null,
      overdue: sum('overdue'),
      yellow: sum('yellow'),
      returns: sum('returns'),
      extensions: extRows.reduce((a, r) => a + Number(r.count), 0),
      extensionsApproved: Number(extRows.find((r) => r.status === 'approved')?.count ?? 0),
      extensionsRefused: Number(extRows.find((r) => r.status === 'refused')?.count ?? 0),
    },
    byUnit,
    bySource: bySourceRows.map((r) => ({
      source: r.source,
      sourceName: SOURCE_NAMES[r.source]?.zh ?? r.source,
      count: Number(r.count),
      closed: Number(r.closed),
    })),
    byMonth: byMonthRows.map((r) => ({ month: r.month, registered: Number(r.registered), closed: Number(r.closed) })),
    byStatus: byStatusRows.map((r) => ({
      status: r.status,
      statusName: ITEM_STATES[r.status as keyof typeof ITEM_STATES]?.zh ?? r.status,
      count: Number(r.count),
    })),
  };
}

/** 定期分类汇总分析 as DOCX for a date range (visibility-filtered, audited). */
export async function summaryDocx(ctx: AppContext, actor: Actor, q: { from: string; to: string }): Promise<{ filename: string; buffer: Buffer }> {
  const st = await stats(ctx, actor, q);
  const th = ctx.calendar.lightThresholds(ctx.clock.now(), 3);
  const overdue = await overdueTasksCreatedIn(ctx.db, actor, th.today, q);
  const units = await repo.unitNames(
    ctx.db,
    overdue.map((o) => o.unit_id),
  );
  const buffer = await renderSummary({
    from: q.from,
    to: q.to,
    date: today(ctx),
    office: actor.unitName ? `市委办公厅${actor.unitName}` : '督查室',
    totals: {
      items: st.totals.items,
      closed: st.totals.itemsClosed,
      overdue: st.totals.overdue,
      onTimeRate: st.totals.onTimeRate === null ? '—' : pct(st.totals.onTimeRate, 1),
      extensions: st.totals.extensions,
      returns: st.totals.returns,
    },
    bySource: st.bySource.map((r) => ({ source: r.sourceName, count: r.count, closed: r.closed })),
    byUnit: st.byUnit.map((r) => ({ unit: r.unitName, assigned: r.assigned, closed: r.closed, onTimeRate: pct(r.onTime, r.closed), overdue: r.overdue })),
    overdue: overdue.map((o) => ({ number: o.number, title: o.title, unit: units.get(o.unit_id) ?? '', deadline: o.deadline })),
  });
  await ctx.audit.record(ctx.db, { actor, action: 'supervision.summary_export', detail: { from: q.from, to: q.to, items: st.totals.items } });
  return { filename: `督查督办定期分类汇总分析（${q.from}至${q.to}）.docx`, buffer };
}
