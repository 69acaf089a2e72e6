/**
 * 考核督查's 信息 figures with the records behind them (`InformationContract.assessmentCounts`): per unit
 * for a period, reported, adopted, 批示, 迟报 and 漏报 — the counts of `unitStatistics` — each with the
 * first `COUNTED_CAP` reports (or 漏报 events) counted; and which of them a reader may open
 * (`readableRecords`, the module's own read rules for reports and events).
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { COUNTED_CAP, type CountedRef, type ReadableRecord, type UnitCounted } from '../../../platform/counted.js';
import type { InfoPeriod } from '../information.contract.js';
import { countedInfoRecords, readableEvents, readableReports } from '../repo/information.counted.js';
import { bounds, unitStatistics } from './statistics.js';

const REPORT = 'info_item';
const EVENT = 'info_event';

/** Per unit (of `unitIds`) for the period: the counts and the records behind each. */
export async function assessmentCounts(db: Db, period: InfoPeriod, unitIds: readonly number[]): Promise<Record<number, UnitCounted>> {
  const { from, to } = bounds(period);
  const [stats, rec] = await Promise.all([unitStatistics(db, period, unitIds), countedInfoRecords(db, from, to, unitIds, COUNTED_CAP)]);
  const out: Record<number, UnitCounted> = {};
  for (const r of stats)
    out[r.unitId] = {
      counts: { reported: r.reported, adopted: r.adopted.total, instructions: r.instructions, late: r.late, missed: r.missed },
      refs: {},
    };
  const add = (key: string, type: string, rows: readonly { unit_id: number; id: number }[]) => {
    for (const row of rows) {
      const u = out[row.unit_id];
      if (u) (u.refs[key] ??= []).push({ type, id: Number(row.id) });
    }
  };
  add('reported', REPORT, rec.reported);
  add('late', REPORT, rec.late);
  add('adopted', REPORT, rec.adopted);
  add('instructions', REPORT, rec.instructions);
  add('missed', EVENT, rec.missed);
  return out;
}

/** Of the counted `refs`, the reports and events `actor` may read, with title and link. */
export async function readableRecords(db: Db, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  const ids = (type: string) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const [reports, events] = await Promise.all([readableReports(db, actor, ids(REPORT)), readableEvents(db, actor, ids(EVENT))]);
  return [
    ...reports.map((r) => ({ type: REPORT, id: r.id, title: r.title, link: `/information/items/${r.id}` })),
    ...events.map((e) => ({ type: EVENT, id: e.id, title: e.title, link: '/information/events' })),
  ];
}
