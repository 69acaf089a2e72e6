/**
 * Who may do what in 考核督查's 群众评价, 加减分, 申诉 and 修订 — pure predicates (no database),
 * composed from the scheme abilities of `assessment.policy.ts`.
 *
 * - 群众评价 surveys are opened, given codes and closed by the assessors (督查室); their aggregate is
 *   read by whoever may read the results.
 * - 加减分 are proposed by an assessor and approved (or rejected) by the 督查室's division head or
 *   director — the same people who close a period.
 * - 申诉: the liaison of an assessed unit appeals for that unit; the 督查室's division head or
 *   director decides.
 * - 修订: an assessor makes a new draft version of a published or closed scheme.
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { assessmentPolicy, type SchemeFacts } from './assessment.policy.js';

/** A scheme with its assessed units. */
export interface SchemeUnitsFacts extends SchemeFacts {
  unitIds: readonly number[];
}

/** The named abilities of 群众评价, 加减分, 申诉 and 修订. */
export const reviewPolicy = {
  /** Open a survey, generate its codes, close it: an assessor. */
  manageSurvey: (a: Actor, s: SchemeFacts) => assessmentPolicy.manage(a, s),
  /** Read a survey's aggregate: whoever reads the results. */
  readSurvey: (a: Actor, s: SchemeFacts) => assessmentPolicy.readResults(a, s),
  /** Propose a deduction or bonus: an assessor. */
  proposeAdjustment: (a: Actor, s: SchemeFacts) => assessmentPolicy.manage(a, s),
  /** Approve or reject a proposed deduction or bonus: the 督查室's division head or director. */
  decideAdjustment: (a: Actor, s: SchemeFacts) => assessmentPolicy.close(a, s),
  /** See every unit's 加减分 and 申诉: the assessors, leaders and directors (a unit's own people see their unit's). */
  readAllReviews: (a: Actor, s: SchemeFacts) => assessmentPolicy.read(a, s) && (assessmentPolicy.manage(a, s) || hasRole(a, 'leader', 'director')),
  /** Appeal for an assessed unit: that unit's liaison. */
  appeal: (a: Actor, s: SchemeUnitsFacts) => assessmentPolicy.read(a, s) && hasRole(a, 'liaison') && s.unitIds.includes(a.unitId),
  /** Decide an appeal: the 督查室's division head or director. */
  decideAppeal: (a: Actor, s: SchemeFacts) => assessmentPolicy.close(a, s),
  /** 修订: make a new draft version of a published or closed scheme: an assessor. */
  revise: (a: Actor, s: SchemeFacts) => assessmentPolicy.manage(a, s),
  /** Read and change the module settings: the 督查室's division head or director. */
  manageSettings: (a: Actor, _row: null) => isBusinessUser(a) && assessmentPolicy.close(a, { status: 'published' }),
};
