/** Time is injected: the domain asks the clock, never `Date.now()`, so tests can move it. */

/** A source of the current time. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock a test can set and advance. */
export class FakeClock implements Clock {
  constructor(private t: Date = new Date('2026-03-02T01:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** ISO-8601 UTC text of an instant, the storage form of every `*_at` column. */
export function iso(d: Date): string {
  return d.toISOString();
}

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no DST). */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The year of an instant in China Standard Time. */
export function chinaYear(d: Date): number {
  return Number(chinaDate(d).slice(0, 4));
}
