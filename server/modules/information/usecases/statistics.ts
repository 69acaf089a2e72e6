/** Statistics per unit and period: reported, adopted by level, 批示, 迟报, 漏报 (the assessment module reads the same function). */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import type { InfoPeriod, UnitInfoStatistics } from '../information.contract.js';
import { informationPolicy } from '../information.policy.js';
import { statisticsRows, unitNames } from '../information.repo.js';
import { requestStatisticsRows } from '../repo/information.requests.js';
import { statisticsRowsAggregated } from '../repo/information.stats-aggregates.js';

/** `[from, to]` China dates as the instants `[start of from, start of the day after to)`. */
export function bounds(p: InfoPeriod): { from: string; to: string } {
  if (p.from > p.to) throw new RuleError('information.bad_period');
  const start = new Date(`${p.from}T00:00:00+08:00`);
  const end = new Date(new Date(`${p.to}T00:00:00+08:00`).getTime() + 86_400_000);
  return { from: iso(start), to: iso(end) };
}

/**
 * {@inheritDoc InformationContract.unitStatistics}
 * From the trigger-kept count tables; `exact`: counted from the rows (the reference the tests compare with).
 */
export async function unitStatistics(db: Db, period: InfoPeriod, unitIds?: readonly number[], opts: { exact?: boolean } = {}): Promise<UnitInfoStatistics[]> {
  const { from, to } = bounds(period);
  const counts = opts.exact ? statisticsRows : statisticsRowsAggregated;
  const [rows, requests] = await Promise.all([counts(db, from, to, unitIds), requestStatisticsRows(db, from, to, unitIds)]);
  const out = new Map<number, UnitInfoStatistics>();
  const of = (unitId: number) => {
    let s = out.get(unitId);
    if (!s)
      out.set(
        unitId,
        (s = {
          unitId,
          unitName: '',
          reported: 0,
          adopted: { total: 0, recorded: 0, special: 0, upper: 0 },
          instructions: 0,
          late: 0,
          missed: 0,
          requestsAsked: 0,
          requestsAnswered: 0,
        }),
      );
    return s;
  };
  for (const r of rows.reported) Object.assign(of(r.unit_id), { reported: Number(r.n), late: Number(r.late ?? 0) });
  for (const r of rows.adopted) {
    const s = of(r.unit_id);
    const lvl = r.lvl as 'recorded' | 'special' | 'upper';
    if (lvl in s.adopted) s.adopted[lvl] += Number(r.n);
    s.adopted.total += Number(r.n);
  }
  for (const r of rows.instructions) of(r.unit_id).instructions = Number(r.n);
  for (const r of rows.missed) of(r.unit_id).missed = Number(r.n);
  for (const r of requests) Object.assign(of(r.unit_id), { requestsAsked: Number(r.asked), requestsAnswered: Number(r.answered ?? 0) });
  const names = await unitNames(db, [...out.keys()]);
  for (const s of out.values()) s.unitName = names.get(s.unitId) ?? '';
  return [...out.values()].sort((a, b) => b.reported - a.reported || a.unitId - b.unitId);
}

/** The statistics route: 信息处, leaders and directors see every unit; others their own unit. */
export async function statisticsFor(ctx: AppContext, actor: Actor, period: InfoPeriod) {
  authorize(actor, informationPolicy.viewStats, null, { action: 'information.statistics', targetType: 'info_item' });
  const units = informationPolicy.viewAllStats(actor, null) ? undefined : [actor.unitId];
  return { from: period.from, to: period.to, units: await unitStatistics(ctx.db, period, units) };
}
