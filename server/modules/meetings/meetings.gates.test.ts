import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLISTS, evaluateGates, failedGates, type GateEntryFact, type GateKey } from './meetings.gates.js';

const decision = DEFAULT_CHECKLISTS.standing_committee;
const allPassed = (units: number[]): GateEntryFact[] => [
  { gateKey: 'situation_clear', unitId: 0, status: 'confirmed' },
  { gateKey: 'legal_review', unitId: 0, status: 'confirmed' },
  { gateKey: 'expert_review', unitId: 0, status: 'confirmed' },
  { gateKey: 'democratic', unitId: 0, status: 'confirmed' },
  ...units.map((unitId) => ({ gateKey: 'consensus', unitId, status: 'confirmed' })),
];

describe('evaluateGates (决策把关)', () => {
  it('passes a decision topic with every gate confirmed', () => {
    expect(failedGates(evaluateGates(decision, { needsExpert: true, concernedUnitIds: [7, 8] }, allPassed([7, 8])))).toEqual([]);
  });

  it.each<[GateKey, boolean]>([
    ['situation_clear', false],
    ['legal_review', false],
    ['expert_review', true],
    ['democratic', false],
  ])('each gate alone blocks: %s', (gate, needsExpert) => {
    const entries = allPassed([7]).filter((e) => e.gateKey !== gate);
    const failed = failedGates(evaluateGates(decision, { needsExpert, concernedUnitIds: [7] }, entries));
    expect(failed.map((g) => g.key)).toEqual([gate]);
  });

  it('专家论证 applies only when the topic needs it', () => {
    const entries = allPassed([]).filter((e) => e.gateKey !== 'expert_review');
    const evals = evaluateGates(decision, { needsExpert: false, concernedUnitIds: [] }, entries);
    expect(evals.find((g) => g.key === 'expert_review')!.state).toBe('not_required');
    expect(failedGates(evals)).toEqual([]);
  });

  it('会前协商一致 needs every concerned department; one dissent blocks until resolved', () => {
    const topic = { needsExpert: false, concernedUnitIds: [7, 8] };
    const base = allPassed([]);
    const pending = evaluateGates(decision, topic, [...base, { gateKey: 'consensus', unitId: 7, status: 'confirmed' }]);
    expect(pending.find((g) => g.key === 'consensus')).toMatchObject({
      state: 'pending',
      units: [
        { unitId: 7, state: 'passed' },
        { unitId: 8, state: 'pending' },
      ],
    });
    const dissent = evaluateGates(decision, topic, [
      ...base,
      { gateKey: 'consensus', unitId: 7, status: 'confirmed' },
      { gateKey: 'consensus', unitId: 8, status: 'dissent' },
    ]);
    expect(failedGates(dissent).map((g) => [g.key, g.state])).toEqual([['consensus', 'dissent']]);
    const resolved = evaluateGates(decision, topic, [
      ...base,
      { gateKey: 'consensus', unitId: 7, status: 'confirmed' },
      { gateKey: 'consensus', unitId: 8, status: 'confirmed' },
    ]);
    expect(failedGates(resolved)).toEqual([]);
  });

  it('会前协商一致 is not required without concerned departments', () => {
    expect(evaluateGates(decision, { needsExpert: false, concernedUnitIds: [] }, []).find((g) => g.key === 'consensus')!.state).toBe('not_required');
  });

  it('a lighter checklist (部署工作类) asks only its own gates', () => {
    const failed = failedGates(evaluateGates(DEFAULT_CHECKLISTS.deployment, { needsExpert: true, concernedUnitIds: [7] }, []));
    expect(failed.map((g) => g.key)).toEqual(['situation_clear', 'materials_ready']);
  });

  it('a confirmation from another unit or for another gate does not count', () => {
    const evals = evaluateGates(decision, { needsExpert: false, concernedUnitIds: [7] }, [
      ...allPassed([]),
      { gateKey: 'consensus', unitId: 9, status: 'confirmed' },
      { gateKey: 'situation_clear', unitId: 7, status: 'confirmed' },
    ]);
    expect(failedGates(evals).map((g) => g.key)).toEqual(['consensus']);
  });
});
