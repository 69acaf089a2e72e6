/**
 * Who may do what in 政务接待: named abilities, each a pure predicate over the actor and a loaded row.
 *
 * A plan is known to the 接待处 (found by unit code), to the office's directors who approve it, and to
 * the responsible units and persons of its itinerary items — each within their clearance (the plan's
 * 密级 covers the guests' details; 内部 by default). The 接待处 staff draft, submit, change, record
 * costs and close; the 接待处's division head approves first, an office director second. An item is
 * marked done by the 接待处, its responsible person or a member of its responsible unit. The same read
 * rule as SQL is in `reception.repo.ts` (`visiblePlans`).
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';

/** The units the policy knows by code. */
export interface Desk {
  /** 接待处 */
  receptionUnitIds: readonly number[];
  /** The general office (办公厅), whose directors approve. */
  officeUnitId: number | null;
}

/** A plan as the policy needs it. */
export interface PlanFacts extends Desk {
  level: number;
  status: string;
  draftedBy: number;
  itemUnitIds: readonly number[];
  itemPersonIds: readonly number[];
}

/** An itinerary item and its plan. */
export interface ItemFacts {
  plan: PlanFacts;
  status: string;
  unitId: number | null;
  personId: number | null;
}

/** A member of the 接待处 holding a business role. */
export function isReception(a: Actor, d: Desk): boolean {
  return isBusinessUser(a) && d.receptionUnitIds.includes(a.unitId) && hasRole(a, 'staff', 'division_head', 'director');
}

/** The 接待处's division head (first approval). */
export function isReceptionHead(a: Actor, d: Desk): boolean {
  return isReception(a, d) && hasRole(a, 'division_head');
}

/** A director of the general office (second approval). */
export function isDirector(a: Actor, d: Desk): boolean {
  return isBusinessUser(a) && d.officeUnitId !== null && a.unitId === d.officeUnitId && hasRole(a, 'director');
}

const read = (a: Actor, p: PlanFacts) =>
  canSee(a, {
    level: p.level,
    unitIds: [...p.itemUnitIds, ...(isReception(a, p) || isDirector(a, p) ? [a.unitId] : [])],
    userIds: [p.draftedBy, ...p.itemPersonIds],
  });
const staffOn = (a: Actor, p: PlanFacts, states: readonly string[]) => read(a, p) && isReception(a, p) && states.includes(p.status);
const approver = (a: Actor, p: PlanFacts) =>
  read(a, p) && ((p.status === 'submitted' && isReceptionHead(a, p)) || (p.status === 'head_approved' && isDirector(a, p)));

/** The abilities on a plan, in the order the web shows its buttons. */
export const planActions = {
  read,
  /** Draft edits, or a versioned change after approval (修改方案). */
  edit: (a: Actor, p: PlanFacts) => staffOn(a, p, ['draft', 'approved']),
  submit: (a: Actor, p: PlanFacts) => staffOn(a, p, ['draft']),
  approve: approver,
  return: approver,
  recordCosts: (a: Actor, p: PlanFacts) => staffOn(a, p, ['approved']),
  close: (a: Actor, p: PlanFacts) => staffOn(a, p, ['approved']),
  export: read,
};

/** The abilities on an itinerary item (the plan must be approved, the item open). */
export const itemActions = {
  markDone: (a: Actor, i: ItemFacts) =>
    read(a, i.plan) &&
    i.plan.status === 'approved' &&
    i.status === 'open' &&
    (isReception(a, i.plan) || (i.personId !== null && a.id === i.personId) || (i.unitId !== null && a.unitId === i.unitId && isBusinessUser(a))),
  cancel: (a: Actor, i: ItemFacts) => staffOn(a, i.plan, ['approved']) && i.status === 'open',
};

/** Abilities without a plan: drafting (the 接待处). */
export const officeActions = {
  draft: (a: Actor, d: Desk) => isReception(a, d),
};

export const receptionPolicy = { ...planActions, ...itemActions, ...officeActions };
