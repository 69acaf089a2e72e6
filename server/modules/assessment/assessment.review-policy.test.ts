/** 群众评价, 加减分, 申诉 and 修订: the policy as a table, the survey aggregate and the expert drop threshold, no database. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { expertScore } from './assessment.formulas.js';
import { reviewPolicy } from './assessment.review-policy.js';
import { aggregate } from './usecases/survey-aggregate.js';

function actor(unitId: number, unitCode: string, roles: Role[], adminRole: Actor['adminRole'] = null): Actor {
  return { id: 1, username: 'u', name: 'u', unitId, unitName: '', unitCode, roles, clearance: 1, adminRole, ip: null, locale: 'zh-CN' };
}

const A = {
  head: actor(10, 'supervision', ['division_head']),
  staff: actor(10, 'supervision', ['staff']),
  director: actor(2, 'office', ['director', 'leader']),
  rater: actor(3, 'general', ['rater']),
  liaison: actor(20, 'ndrc', ['liaison']),
  staffOfAssessed: actor(20, 'ndrc', ['staff']),
  liaisonElsewhere: actor(30, 'education', ['liaison']),
  secadmin: actor(4, 'confidential', ['secadmin'], 'secadmin'),
};
type Who = keyof typeof A;
const published = { status: 'published', unitIds: [20, 21] };
const closed = { status: 'closed', unitIds: [20, 21] };
const draft = { status: 'draft', unitIds: [20, 21] };

describe('assessment review policy', () => {
  const table: [keyof typeof reviewPolicy, { status: string; unitIds: number[] }, Who[]][] = [
    ['manageSurvey', published, ['head', 'staff']],
    ['readSurvey', published, ['head', 'staff', 'director']],
    ['readSurvey', closed, ['head', 'staff', 'director', 'rater', 'liaison', 'staffOfAssessed', 'liaisonElsewhere']],
    ['proposeAdjustment', published, ['head', 'staff']],
    ['decideAdjustment', published, ['head']],
    ['readAllReviews', closed, ['head', 'staff', 'director']],
    ['appeal', closed, ['liaison']],
    ['appeal', draft, []],
    ['decideAppeal', closed, ['head']],
    ['revise', published, ['head', 'staff']],
    ['revise', closed, ['head', 'staff']],
  ];
  for (const [ability, row, allowed] of table)
    it(`${ability} on a ${row.status} scheme: ${allowed.join(', ') || 'nobody'}`, () => {
      const policy = reviewPolicy as unknown as Record<string, (a: Actor, r: typeof row) => boolean>;
      for (const who of Object.keys(A) as Who[]) expect([who, policy[ability]!(A[who], row)]).toEqual([who, allowed.includes(who)]);
    });

  it('settings: the 督查室 head only', () => {
    expect((Object.keys(A) as Who[]).filter((w) => reviewPolicy.manageSettings(A[w], null))).toEqual(['head']);
  });
});

describe('survey aggregate and the expert drop rule', () => {
  it('means per unit over questions and answers, hidden below the minimum, scored (mean − 1) / 4 × 100', () => {
    const answers = [JSON.stringify({ 1: [5, 3], 2: [1, 1] }), JSON.stringify({ 1: [4, 4] }), JSON.stringify({ 1: [5, 5] })];
    expect(aggregate(answers, [1, 2, 3], 2)).toEqual([
      { unitId: 1, answers: 3, mean: 4.33, score: 83.33 },
      { unitId: 2, answers: 1, mean: null, score: null },
      { unitId: 3, answers: 0, mean: null, score: null },
    ]);
    expect(aggregate(answers, [2], 1)).toEqual([{ unitId: 2, answers: 1, mean: 1, score: 0 }]);
  });

  it('drops the highest and lowest from the configured number of raters on', () => {
    expect(expertScore([10, 70, 80, 90])).toBe(62.5); // default 5: all kept
    expect(expertScore([10, 70, 80, 90], 4)).toBe(75); // 10 and 90 dropped
    expect(expertScore([10, 70, 80], 3)).toBe(70);
    expect(expertScore([10, 70], 3)).toBe(40);
  });
});
