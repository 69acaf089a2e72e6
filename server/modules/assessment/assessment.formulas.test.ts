/**
 * Property: an automatic indicator's score of a unit depends on that unit's own counts only — the
 * counts of any other unit may change (or appear, or vanish) without changing it. (That records outside
 * the period are never counted is checked against the databases in assessment.indicators.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitCounted } from '../../platform/counted.js';
import { AUTO_FORMULAS, INPUT_NAMES, type AutoSource } from './assessment.formulas.js';
import type { GatheredInputs } from './usecases/inputs.js';
import { leafInputs } from './usecases/results.js';

const SOURCES = Object.keys(INPUT_NAMES) as AutoSource[];
const countsArb = fc.record(
  Object.fromEntries(SOURCES.flatMap((s) => Object.keys(INPUT_NAMES[s]).map((k) => [`${s}.${k}`, fc.nat({ max: 500 })]))) as Record<
    string,
    fc.Arbitrary<number>
  >,
);

/** Gathered inputs from per-unit counts keyed `source.key`. */
function gathered(units: Map<number, Record<string, number>>): GatheredInputs {
  const g: GatheredInputs = { takenAt: '2028-01-01T00:00:00.000Z', sources: {} };
  for (const s of SOURCES) {
    const byUnit: Record<number, UnitCounted> = {};
    for (const [u, c] of units) byUnit[u] = { counts: Object.fromEntries(Object.keys(INPUT_NAMES[s]).map((k) => [k, c[`${s}.${k}`]!])), refs: {} };
    g.sources[s] = { listed: true, units: byUnit };
  }
  return g;
}

const scoreOf = (g: GatheredInputs, key: string, unit: number) => AUTO_FORMULAS[key]!.score(leafInputs(g, key, unit)!);

describe('automatic indicators', () => {
  it("a unit's score does not change when another unit's records change", () => {
    fc.assert(
      fc.property(countsArb, fc.array(countsArb, { maxLength: 5 }), fc.array(countsArb, { maxLength: 5 }), (mine, others, changed) => {
        const a = new Map<number, Record<string, number>>([[1, mine], ...others.map((c, i) => [i + 2, c] as [number, Record<string, number>])]);
        const b = new Map<number, Record<string, number>>([[1, mine], ...changed.map((c, i) => [i + 2, c] as [number, Record<string, number>])]);
        for (const key of Object.keys(AUTO_FORMULAS)) {
          const s = scoreOf(gathered(a), key, 1);
          expect(scoreOf(gathered(b), key, 1)).toBe(s);
          expect(s >= 0 && s <= 100).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a unit absent from a source scores as if every count were 0', () => {
    const empty: GatheredInputs = { takenAt: '', sources: {} };
    expect(Object.fromEntries(Object.keys(AUTO_FORMULAS).map((k) => [k, scoreOf(empty, k, 7)]))).toEqual({
      'supervision.on_time_rate': 0,
      'supervision.return_rate': 0,
      'information.reported': 0,
      'information.adoption_rate': 0,
      'information.instructions': 0,
      'information.timeliness': 100,
      'documents.quota': 100,
      'documents.length': 100,
      'meetings.first_pass': 0,
      'meetings.decisions_on_time': 100,
      'library.sharing': 0,
      'research.on_time_rate': 100,
      'research.conversions': 0,
    });
  });

  it('调研: on-time rate over 课题 due (100 when none due); 转化 × 25, at most 100', () => {
    const f = (key: string, c: Record<string, number>) => AUTO_FORMULAS[key]!.score(c);
    expect([f('research.on_time_rate', { finishedOnTime: 2, due: 3 }), f('research.on_time_rate', { finishedOnTime: 0, due: 0 })]).toEqual([66.67, 100]);
    expect([f('research.conversions', { conversions: 3 }), f('research.conversions', { conversions: 5 })]).toEqual([75, 100]);
  });
});
