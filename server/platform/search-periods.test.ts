import { describe, expect, it } from 'vitest';
import { PERIOD_DAYS, PERIOD_LEVELS, periodOf, periodRangeTags, periodStart, periodTags, searchDocId } from './search-store.js';
import { periodMatch, windowsOf, withinDates, type Window } from './search-periods.js';
import { parseQuery } from './search-text.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Whether window `w` holds the documents of period `p`. */
function holds(w: Window, p: number): boolean {
  return 'from' in w ? periodStart(p) >= w.from : w.lo <= p && p <= w.hi;
}

describe('search periods', () => {
  it('a document id falls in the period of its date, PERIOD_DAYS days each', () => {
    const id = (date: string) => searchDocId(date, 5, 123);
    expect(periodOf(id('1970-01-01'))).toBe(0);
    expect(periodOf(id('1970-01-10'))).toBe(0);
    expect(periodOf(id('1970-01-11'))).toBe(1);
    const day = Date.parse('2026-12-07T00:00:00Z') / 86_400_000;
    const p = periodOf(id('2026-12-07'));
    expect(p).toBe(Math.floor(day / PERIOD_DAYS));
    // the largest type and item id of a day stay in its period; the next period starts at its first day
    expect(periodOf(searchDocId('2026-12-07', 63, 2 ** 31 - 1))).toBe(p);
    expect(periodOf(periodStart(p + 1))).toBe(p + 1);
    expect(periodOf(periodStart(p + 1) - 1)).toBe(p);
    expect(periodOf(searchDocId(null, 1, 1))).toBe(0);
    expect(periodTags(p)).toHaveLength(PERIOD_LEVELS);
  });

  it('the keys of a range of periods name exactly the documents of those periods, in few keys', () => {
    const r = rng(7);
    for (let i = 0; i < 400; i++) {
      const lo = Math.floor(r() * 2500);
      const hi = lo + Math.floor(r() * (i % 4 === 0 ? 2000 : 200));
      const keys = new Set(periodRangeTags(lo, hi));
      if (hi - lo < 2 ** (PERIOD_LEVELS - 1)) expect(keys.size, `${lo}…${hi}`).toBeLessThanOrEqual(2 * PERIOD_LEVELS);
      for (const p of [lo - 2, lo - 1, lo, lo + 1, Math.floor((lo + hi) / 2), hi - 1, hi, hi + 1, hi + 2, hi + 600].filter((x) => x >= 0))
        expect(
          periodTags(p).some((t) => keys.has(t)),
          `${lo}…${hi} period ${p}`,
        ).toBe(lo <= p && p <= hi);
    }
  });

  it('the windows cover every period exactly once, newest first, each holding twice the documents of the one before', () => {
    const r = rng(11);
    for (let run = 0; run < 60; run++) {
      const top = Math.floor(r() * 3000);
      // counts per period, newest first, with gaps (and periods past top: future-dated documents)
      const counts: [number, number][] = [];
      for (let p = top + 5; p >= 0; p--) if (r() < (run % 3 === 0 ? 0.05 : 0.7)) counts.push([p, 1 + Math.floor(r() * 900)]);
      const first = 500 + Math.floor(r() * 5000);
      const ws = windowsOf(counts, top, first);
      expect(ws[0]).toEqual({ from: periodStart(top + 1) });
      for (let p = 0; p <= top + 6; p++) expect(ws.filter((w) => holds(w, p)).length, `run ${run} period ${p}`).toBe(1);
      const ranges = ws.slice(1) as { lo: number; hi: number }[];
      expect(ranges.at(-1)!.lo).toBe(0);
      ranges.forEach((w, i) => {
        if (i > 0) expect(w.hi).toBe(ranges[i - 1]!.lo - 1);
        const docs = counts.filter(([p]) => w.lo <= p && p <= w.hi).reduce((a, [, n]) => a + n, 0);
        // every window but the last holds at least its share, and would hold less without its oldest period
        if (i < ranges.length - 1) {
          expect(docs).toBeGreaterThanOrEqual(first * 2 ** i);
          expect(docs - counts.find(([p]) => p === w.lo)![1]).toBeLessThan(first * 2 ** i);
        }
      });
    }
  });

  it('a search within dates reads only the windows that can hold them, cut to their periods', () => {
    const r = rng(5);
    const day = (p: number) => new Date((p * PERIOD_DAYS + Math.floor(r() * PERIOD_DAYS)) * 86_400_000).toISOString().slice(0, 10);
    for (let run = 0; run < 60; run++) {
      const top = 2000 + Math.floor(r() * 900);
      const counts: [number, number][] = [];
      for (let p = top + 3; p >= 0; p--) if (r() < 0.6) counts.push([p, 1 + Math.floor(r() * 900)]);
      const ws = windowsOf(counts, top, 3000);
      const lo = Math.floor(r() * (top + 3));
      const hi = lo + Math.floor(r() * 300);
      const dates = { from: run % 5 === 1 ? undefined : day(lo), to: run % 5 === 2 ? undefined : day(hi) };
      const [plo, phi] = [dates.from ? lo : 0, dates.to ? hi : Infinity];
      const cut = withinDates(ws, dates);
      for (let p = 0; p <= top + 4; p++) {
        const n = cut.filter((w) => holds(w, p)).length;
        if (p <= top) expect(n, `run ${run} period ${p}`).toBe(plo <= p && p <= phi ? 1 : 0);
        else expect(n, `run ${run} period ${p}`).toBe(plo <= p && p <= phi ? 1 : n);
      }
    }
    // an unreadable date cuts nothing
    expect(withinDates(windowsOf([[9, 5]], 9, 1), { from: 'x', to: 'y' })).toEqual(windowsOf([[9, 5]], 9, 1));
  });

  it('sends the bigrams of a term to the index and checks its phrase and 1-character terms on the row', () => {
    const m = periodMatch('grams', parseQuery('数字政府 营商 督 abc').terms, [['_v1_all', '_v1_u2']]);
    expect(m.index).toBe(`('_v1_all' | '_v1_u2') & '数字' & '字政' & '政府' & '营商' & 'abc':*`);
    expect(m.onRow).toHaveLength(1);
    expect(periodMatch('tgrams', parseQuery('营商').terms, [['_v0_all']]).onRow).toEqual([]);
  });
});
