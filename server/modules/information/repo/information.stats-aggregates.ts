/**
 * The 信息 statistics from the trigger-kept count tables (migration 202612081400): per China day and unit, the
 * reports by effective 采用 level with their 迟报, the (批示, report) pairs and the 漏报 events. A period of whole
 * China days reads the days' rows; any other period (an edge inside a day) is counted from the rows by
 * `statisticsRows`, which stays the exact reference the property test compares with.
 */
import { sql, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import { statisticsRows } from '../information.repo.js';
import './information.tables.js';

type H = Db | Trx;
type Rows = Awaited<ReturnType<typeof statisticsRows>>;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China day starting at `instant` (an ISO string as `toISOString` writes it), or null if it is not such a start. */
export function chinaDayStarting(instant: string): string | null {
  const t = Date.parse(instant);
  if (Number.isNaN(t) || new Date(t).toISOString() !== instant) return null;
  const local = t + CHINA_OFFSET_MS;
  return local % DAY_MS === 0 ? new Date(local).toISOString().slice(0, 10) : null;
}

/** `[from, to)` as the whole China days `[fromDay, toDay]`, or null when an edge falls inside a day. */
export function wholeChinaDays(from: string, to: string): { fromDay: string; toDay: string } | null {
  const fromDay = chinaDayStarting(from);
  const end = chinaDayStarting(to);
  if (!fromDay || !end) return null;
  const toDay = new Date(Date.parse(`${end}T00:00:00.000Z`) - DAY_MS).toISOString().slice(0, 10);
  return { fromDay, toDay };
}

/**
 * The same counts as `statisticsRows(db, from, to, unitIds)` (reported and late per unit, adopted per unit and
 * level, 批示 and 漏报 per unit), from the count tables when `[from, to)` is whole China days.
 */
export async function statisticsRowsAggregated(db: H, from: string, to: string, unitIds?: readonly number[]): Promise<Rows> {
  const days = wholeChinaDays(from, to);
  if (!days) return statisticsRows(db, from, to, unitIds);
  const only = unitIds ? sql<SqlBool>`unit_id IN (${sql.join(unitIds.length ? [...unitIds] : [0])})` : sql<SqlBool>`1 = 1`;
  /** A per-day count table's sum per unit over the days. */
  const perUnit = (table: 'info_stat_instruction' | 'info_stat_missed') =>
    db
      .selectFrom(table)
      .select(['unit_id', (eb) => eb.fn.sum<number>('cnt').as('n')])
      .where('day', '>=', days.fromDay)
      .where('day', '<=', days.toDay)
      .where(only)
      .groupBy('unit_id')
      .execute();
  const [byLevel, instructions, missed] = await Promise.all([
    db
      .selectFrom('info_stat_report')
      .select(['unit_id', 'lvl', (eb) => eb.fn.sum<number>('cnt').as('n'), (eb) => eb.fn.sum<number>('late_sum').as('late')])
      .where('day', '>=', days.fromDay)
      .where('day', '<=', days.toDay)
      .where(only)
      .groupBy(['unit_id', 'lvl'])
      .execute(),
    perUnit('info_stat_instruction'),
    perUnit('info_stat_missed'),
  ]);
  const reported = new Map<number, { unit_id: number; n: number; late: number }>();
  const adopted: { unit_id: number; lvl: string; n: number }[] = [];
  for (const r of byLevel) {
    const n = Number(r.n);
    // a key whose rows all left keeps a row with cnt 0: not a count
    if (n === 0) continue;
    const s = reported.get(r.unit_id) ?? { unit_id: r.unit_id, n: 0, late: 0 };
    s.n += n;
    s.late += Number(r.late ?? 0);
    reported.set(r.unit_id, s);
    if (r.lvl !== '') adopted.push({ unit_id: r.unit_id, lvl: r.lvl, n });
  }
  const present = (rows: { unit_id: number; n: number | string }[]) => rows.map((r) => ({ unit_id: r.unit_id, n: Number(r.n) })).filter((r) => r.n !== 0);
  return { reported: [...reported.values()], adopted, instructions: present(instructions), missed: present(missed) };
}
