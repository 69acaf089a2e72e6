/** The 考核督查 policy and arithmetic as tables, no database. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { expertScore, meanScore, rank, weightedTotal, weightProblem } from './assessment.formulas.js';
import { assessmentPolicy, schemeActions } from './assessment.policy.js';

function actor(unitCode: string, roles: Role[], adminRole: Actor['adminRole'] = null): Actor {
  return { id: 1, username: 'u', name: 'u', unitId: 1, unitName: '', unitCode, roles, clearance: 1, adminRole, ip: null, locale: 'zh-CN' };
}

const A = {
  head: actor('supervision', ['division_head']),
  staff: actor('supervision', ['staff']),
  liaisonAtSupervision: actor('supervision', ['liaison']),
  director: actor('office', ['director', 'leader']),
  rater: actor('general', ['rater']),
  liaison: actor('ndrc', ['liaison']),
  secadmin: actor('confidential', ['secadmin'], 'secadmin'),
};
type Who = keyof typeof A;
const draft = { status: 'draft' };
const published = { status: 'published' };
const closed = { status: 'closed' };

describe('assessment policy', () => {
  const table: [string, { status: string }, Who[]][] = [
    ['read', draft, ['head', 'staff']],
    ['read', published, ['head', 'staff', 'liaisonAtSupervision', 'director', 'rater', 'liaison']],
    ['manage', published, ['head', 'staff']],
    ['scoreOrg', published, ['head', 'staff']],
    ['scoreExpert', published, ['rater']],
    ['readResults', published, ['head', 'staff', 'director']],
    ['readResults', closed, ['head', 'staff', 'liaisonAtSupervision', 'director', 'rater', 'liaison']],
    ['cockpit', published, ['head', 'staff', 'director']],
    ['refreshCockpit', published, ['head', 'staff', 'director']],
    ['close', published, ['head']],
  ];
  for (const [ability, row, allowed] of table)
    it(`${ability} on a ${row.status} scheme: ${allowed.join(', ')}`, () => {
      const policy = assessmentPolicy as unknown as Record<string, (a: Actor, r: { status: string }) => boolean>;
      for (const who of Object.keys(A) as Who[]) expect([who, policy[ability]!(A[who], row)]).toEqual([who, allowed.includes(who)]);
    });

  it('creates: the assessors only', () => {
    expect((Object.keys(A) as Who[]).filter((w) => assessmentPolicy.create(A[w], null))).toEqual(['head', 'staff']);
  });

  it('buttons follow the state', () => {
    expect(presentActions(A.head, schemeActions, draft)).toEqual(['editIndicators', 'publish']);
    expect(presentActions(A.head, schemeActions, published)).toEqual(['scoreOrg', 'results', 'close', 'revise']);
    expect(presentActions(A.head, schemeActions, closed)).toEqual(['results', 'recompute', 'revise']);
    expect(presentActions(A.staff, schemeActions, closed)).toEqual(['results', 'revise']);
    expect(presentActions(A.director, schemeActions, closed)).toEqual(['results']);
    expect(presentActions(A.rater, schemeActions, published)).toEqual(['scoreExpert']);
    expect(presentActions(A.liaison, schemeActions, closed)).toEqual(['results']);
  });
});

describe('考比树 arithmetic', () => {
  it('checks the weights level by level, 共性 plus each unit’s 个性', () => {
    const leafOf = (name: string, weight: number, extra: object = {}) => ({ name, weight, scope: 'common' as const, method: 'org' as const, ...extra });
    expect(weightProblem([leafOf('a', 60), leafOf('b', 40)], [1, 2])).toBeNull();
    expect(weightProblem([leafOf('a', 60), leafOf('b', 30)], [1, 2])).toEqual({ parent: null, unitId: null, sum: 90 });
    expect(weightProblem([{ ...leafOf('p', 100), children: [leafOf('a', 50), leafOf('b', 51)] }], [1])).toEqual({ parent: 'p', unitId: null, sum: 101 });
    const specific = (unitId: number, weight: number) => ({ name: `s${unitId}`, weight, scope: 'specific' as const, unitId, method: 'org' as const });
    expect(weightProblem([leafOf('c', 70), specific(1, 30), specific(2, 30)], [1, 2])).toBeNull();
    expect(weightProblem([leafOf('c', 70), specific(1, 30)], [1, 2])).toEqual({ parent: null, unitId: 2, sum: 70 });
  });

  it('weights, expert trimming, ranking with 先进 and 落后', () => {
    expect(
      weightedTotal([
        { indicatorId: 1, pathWeight: 40, score: 50 },
        { indicatorId: 2, pathWeight: 60, score: 100 },
      ]),
    ).toBe(80);
    expect(expertScore([60, 70, 80, 90])).toBe(75);
    expect(expertScore([10, 70, 80, 90, 100])).toBe(80); // 10 and 100 dropped
    expect(expertScore([])).toBeNull();
    expect(meanScore([90, 80])).toBe(85);
    const rows = [
      { unitId: 1, total: 70 },
      { unitId: 2, total: 90 },
      { unitId: 3, total: 70 },
      { unitId: 4, total: 50 },
    ];
    expect(rank(rows, 1, 1).map((r) => [r.unitId, r.rank, r.mark])).toEqual([
      [2, 1, 'advanced'],
      [1, 2, null],
      [3, 2, null],
      [4, 4, 'lagging'],
    ]);
    expect(rank(rows.slice(0, 1), 3, 3).map((r) => r.mark)).toEqual(['advanced']);
  });
});
