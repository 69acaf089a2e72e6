/**
 * Working-day aware time limits (时限) and their lights: green on track, yellow near the limit,
 * red overdue. Dates are China calendar dates (YYYY-MM-DD); weekends and holidays come from a
 * configurable calendar where 调休 workdays on weekends are marked too.
 */
import type { Light } from '../../common/enums.js';
import type { Db } from '../db/client.js';
import { chinaDate } from './clock.js';

const DAY = 86_400_000;

function toUtcDate(d: string): Date {
  return new Date(`${d}T00:00:00Z`);
}
function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A holiday calendar: explicit days off and explicit workdays (调休) over the default Mon–Fri week. */
export class WorkCalendar {
  private days = new Map<string, boolean>();

  /** Replaces the calendar's explicit days. */
  setDays(entries: Iterable<{ date: string; workday: number | boolean }>): void {
    this.days = new Map([...entries].map((e) => [e.date, Boolean(e.workday)]));
    this.thresholds.clear();
  }

  /** Loads the explicit days from the holiday table. */
  async load(db: Db): Promise<void> {
    this.setDays(await db.selectFrom('holiday').select(['date', 'workday']).execute());
  }

  /** True when `date` is a working day. */
  isWorkday(date: string): boolean {
    const explicit = this.days.get(date);
    if (explicit !== undefined) return explicit;
    const dow = toUtcDate(date).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The date `n` working days after `date` (n ≥ 0; 0 gives the next working day on or after it). */
  addWorkingDays(date: string, n: number): string {
    let d = toUtcDate(date);
    while (!this.isWorkday(fmt(d))) d = new Date(d.getTime() + DAY);
    let left = n;
    while (left > 0) {
      d = new Date(d.getTime() + DAY);
      if (this.isWorkday(fmt(d))) left--;
    }
    return fmt(d);
  }

  /** Working days from `from` (exclusive) up to `to` (inclusive); negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number {
    if (from === to) return 0;
    const sign = from < to ? 1 : -1;
    const [a, b] = sign > 0 ? [from, to] : [to, from];
    let count = 0;
    let d = toUtcDate(a);
    const end = toUtcDate(b).getTime();
    // bounded: time limits are within a few years
    while (d.getTime() < end) {
      d = new Date(d.getTime() + DAY);
      if (this.isWorkday(fmt(d))) count++;
    }
    return sign * count;
  }

  /**
   * The dates that bound the lights at `now`, for SQL: a deadline before `today` is red, one up to
   * `yellowUntil` is yellow, a later one green.
   */
  lightThresholds(now: Date, yellowDays = 3): Readonly<{ today: string; yellowUntil: string }> {
    return this.thresholdsOf(chinaDate(now), yellowDays);
  }

  /** `lightThresholds` counted from the calendar: the working days after `today`, one by one. */
  private countThresholds(today: string, yellowDays: number): { today: string; yellowUntil: string } {
    let d = toUtcDate(today);
    let left = yellowDays;
    while (left > 0) {
      d = new Date(d.getTime() + DAY);
      if (this.isWorkday(fmt(d))) left--;
    }
    // the last calendar day still within `yellowDays` working days
    let next = new Date(d.getTime() + DAY);
    while (!this.isWorkday(fmt(next))) next = new Date(next.getTime() + DAY);
    return { today, yellowUntil: fmt(new Date(next.getTime() - DAY)) };
  }

  /**
   * The light of a time limit at `now`: red after the deadline date, yellow within `yellowDays` working days. The
   * thresholds of a day are counted once (`thresholdsOf`): counting the working days up to each deadline walked every
   * day to it, hundreds for a limit a year or two out, for every row of a ledger page (#17, W2).
   */
  light(deadline: string | null, now: Date, opts: { done?: boolean; yellowDays?: number } = {}): Light {
    if (opts.done || deadline === null) return 'none';
    const t = this.thresholdsOf(chinaDate(now), opts.yellowDays ?? 3);
    if (deadline < t.today) return 'red';
    return deadline <= t.yellowUntil ? 'yellow' : 'green';
  }

  private thresholds = new Map<string, Readonly<{ today: string; yellowUntil: string }>>();

  /** `lightThresholds` of a China date, kept until the calendar's days change (a handful of keys a day; every ledger request asks). */
  private thresholdsOf(today: string, yellowDays: number): Readonly<{ today: string; yellowUntil: string }> {
    const key = `${today}|${yellowDays}`;
    let t = this.thresholds.get(key);
    if (!t) {
      if (this.thresholds.size >= 64) this.thresholds.clear();
      this.thresholds.set(key, (t = Object.freeze(this.countThresholds(today, yellowDays))));
    }
    return t;
  }
}

/**
 * 2026 public holidays and adjusted workdays as seeded for the demo. The office keeps this table
 * current from the State Council's yearly notice.
 */
export const DEMO_HOLIDAYS_2026: { date: string; workday: number; name: string }[] = [
  ...['2026-01-01', '2026-01-02', '2026-01-03'].map((date) => ({ date, workday: 0, name: '元旦' })),
  { date: '2026-01-04', workday: 1, name: '元旦调休' },
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map((date) => ({
    date,
    workday: 0,
    name: '春节',
  })),
  { date: '2026-02-14', workday: 1, name: '春节调休' },
  { date: '2026-02-28', workday: 1, name: '春节调休' },
  ...['2026-04-04', '2026-04-05', '2026-04-06'].map((date) => ({ date, workday: 0, name: '清明节' })),
  ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((date) => ({ date, workday: 0, name: '劳动节' })),
  { date: '2026-05-09', workday: 1, name: '劳动节调休' },
  ...['2026-06-19', '2026-06-20', '2026-06-21'].map((date) => ({ date, workday: 0, name: '端午节' })),
  ...['2026-09-25', '2026-09-26', '2026-09-27'].map((date) => ({ date, workday: 0, name: '中秋节' })),
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({ date, workday: 0, name: '国庆节' })),
  { date: '2026-09-20', workday: 1, name: '国庆节调休' },
  { date: '2026-10-10', workday: 1, name: '国庆节调休' },
];
