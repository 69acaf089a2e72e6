/**
 * Who may do what in 考核督查, pure predicates over the actor and a scheme (no database).
 *
 * - 督查室 (unit code `supervision`) staff, division heads and director are the assessors: they draw
 *   up schemes, edit the indicator tree while a draft, publish, and give organisation scores.
 * - Closing a period (freezing its results and its inputs' snapshot) and recomputing a closed one are for
 *   the 督查室's division head or director.
 * - The results' drill-down and exports follow `readResults`; each counted record is shown by its own module's policy.
 * - Users with the `rater` role give expert scores (专业评估), each seeing only their own until the period closes.
 * - Every business user may read a published or closed scheme; a draft only the assessors. Results
 *   while the period runs: the assessors, leaders and directors; everyone once closed.
 *
 * The abilities do not look at the scheme's state: a write on a scheme in the wrong state is a 409
 * (`assessment.closed`, `assessment.not_draft`, `assessment.not_published`), checked after authorization.
 * The buttons (`schemeActions`) do combine both.
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';

/** The unit whose staff run the assessment (督查室). */
export const ASSESSMENT_OFFICE_CODE = 'supervision';

/** A scheme as the policy needs it. */
export interface SchemeFacts {
  status: string;
}

/** An assessor: a 督查室 staff member, division head or director. */
export function isAssessor(a: Actor): boolean {
  return isBusinessUser(a) && a.unitCode === ASSESSMENT_OFFICE_CODE && hasRole(a, 'staff', 'division_head', 'director');
}

const read = (a: Actor, s: SchemeFacts) => isBusinessUser(a) && (s.status !== 'draft' || isAssessor(a));
const manage = (a: Actor, s: SchemeFacts) => read(a, s) && isAssessor(a);
const close = (a: Actor, s: SchemeFacts) => manage(a, s) && hasRole(a, 'division_head', 'director');
const scoreOrg = manage;
const scoreExpert = (a: Actor, s: SchemeFacts) => read(a, s) && hasRole(a, 'rater');
const readResults = (a: Actor, s: SchemeFacts) => read(a, s) && (isAssessor(a) || hasRole(a, 'leader', 'director') || s.status === 'closed');

/** The named abilities of 考核督查. `create` takes `null` (no row yet). */
export const assessmentPolicy = {
  /** Draw up a scheme: an assessor. */
  create: (a: Actor, _row: null) => isAssessor(a),
  /** Read a scheme and its indicator tree. */
  read,
  /** Edit the indicator tree, publish: an assessor. */
  manage,
  /** Give organisation scores (组织考核): an assessor. */
  scoreOrg,
  /** Give expert scores (专业评估): a rater. */
  scoreExpert,
  /** See the results and ranking. */
  readResults,
  /** Close the period and freeze the results, and recompute them explicitly afterwards: the 督查室's division head or director. */
  close,
  /** Open the leaders' 驾驶舱: leaders, directors and the assessors. */
  cockpit: (a: Actor, _row: null) => isBusinessUser(a) && (hasRole(a, 'leader', 'director') || isAssessor(a)),
  /** 刷新 the 驾驶舱's figures before the next scheduled refresh: whoever may open it. */
  refreshCockpit: (a: Actor, _row: null) => isBusinessUser(a) && (hasRole(a, 'leader', 'director') || isAssessor(a)),
};

/** The buttons of a scheme, in the order the web lists them. */
export const schemeActions = {
  editIndicators: (a: Actor, s: SchemeFacts) => manage(a, s) && s.status === 'draft',
  publish: (a: Actor, s: SchemeFacts) => manage(a, s) && s.status === 'draft',
  scoreOrg: (a: Actor, s: SchemeFacts) => scoreOrg(a, s) && s.status === 'published',
  scoreExpert: (a: Actor, s: SchemeFacts) => scoreExpert(a, s) && s.status === 'published',
  results: (a: Actor, s: SchemeFacts) => readResults(a, s) && s.status !== 'draft',
  close: (a: Actor, s: SchemeFacts) => close(a, s) && s.status === 'published',
  recompute: (a: Actor, s: SchemeFacts) => close(a, s) && s.status === 'closed',
  /** 修订: a new draft version of a published or closed scheme. */
  revise: (a: Actor, s: SchemeFacts) => manage(a, s) && s.status !== 'draft',
};
