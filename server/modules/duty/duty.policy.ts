/**
 * Who may do what at the duty desk (政务值班): named abilities, each a pure predicate over the actor
 * and a loaded row (no database). The same read rule for the duty log as SQL is in `repo/duty.visibility.ts`.
 *
 * The duty desk (值班室) is staffed by the office's 值班室 and 秘书处 (the desk units, found by unit
 * code); their division heads, and the office's directors, manage the roster. The roster is known to
 * the whole office (the office and its divisions) and to leaders. A duty-log entry is known to the
 * desk, to its owner, the leader on duty it was put to, the unit it was transferred to, and the
 * office's directors — each within their clearance.
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';

/** The desk as every row of the policy carries it. */
export interface Desk {
  /** 值班室 and 秘书处 */
  dutyUnitIds: readonly number[];
  /** The general office itself and its divisions. */
  officeUnitIds: readonly number[];
  /** The general office (办公厅) unit, whose directors oversee the desk. */
  officeUnitId: number | null;
}

/** A shift of the roster. */
export interface ShiftFacts extends Desk {
  leaderId: number;
  staffId: number;
  status: string;
}

/** A swap request. */
export interface SwapFacts extends Desk {
  status: string;
}

/** A duty-log entry. */
export interface EntryFacts extends Desk {
  level: number;
  kind: string;
  status: string;
  ownerId: number | null;
  leaderId: number | null;
  registeredBy: number;
  targetUnitId: number | null;
  reported: boolean;
}

/** A hand-over and the two shifts it joins. */
export interface HandoverFacts extends Desk {
  status: string;
  incoming: { leaderId: number; staffId: number };
}

const OPEN = ['open', 'awaiting_instruction'];

/** A member of a desk unit holding a business role. */
export function isDesk(a: Actor, d: Desk): boolean {
  return isBusinessUser(a) && d.dutyUnitIds.includes(a.unitId) && hasRole(a, 'staff', 'division_head', 'director');
}

/** The office's directors (主任、副主任). */
function isOfficeDirector(a: Actor, d: Desk): boolean {
  return isBusinessUser(a) && d.officeUnitId !== null && a.unitId === d.officeUnitId && hasRole(a, 'director');
}

/** 值班负责人: a desk unit's division head, or the office's directors. */
export function isManager(a: Actor, d: Desk): boolean {
  return (isDesk(a, d) && hasRole(a, 'division_head', 'director')) || isOfficeDirector(a, d);
}

const readRoster = (a: Actor, d: Desk) => isBusinessUser(a) && (d.officeUnitIds.includes(a.unitId) || hasRole(a, 'leader'));
const onShift = (a: Actor, s: { leaderId: number; staffId: number }) => a.id === s.leaderId || a.id === s.staffId;
const readEntry = (a: Actor, e: EntryFacts) =>
  canSee(a, {
    level: e.level,
    unitIds: [...(e.targetUnitId !== null ? [e.targetUnitId] : []), ...(isDesk(a, e) ? [a.unitId] : [])],
    userIds: [e.registeredBy, ...(e.ownerId !== null ? [e.ownerId] : []), ...(e.leaderId !== null ? [e.leaderId] : [])],
  }) ||
  (isOfficeDirector(a, e) && e.level <= a.clearance);
const handle = (a: Actor, e: EntryFacts) => readEntry(a, e) && isDesk(a, e) && e.status === 'open';

/** The named abilities of 政务值班. */
export const dutyPolicy = {
  /** See the roster: the office and its divisions, and leaders. */
  readRoster,
  /** Generate a month, approve swaps: the desk's division heads and the office's directors. */
  manageRoster: (a: Actor, d: Desk) => isManager(a, d),
  /** Ask for a swap: whoever is on the shift, or a manager, while the shift has not been handed over. */
  requestSwap: (a: Actor, s: ShiftFacts) => readRoster(a, s) && s.status === 'scheduled' && (onShift(a, s) || isManager(a, s)),
  /** Approve or refuse a pending swap. */
  decideSwap: (a: Actor, s: SwapFacts) => isManager(a, s) && s.status === 'pending',
  /** Register an incoming call, fax, telegram or e-mail: the desk. */
  register: (a: Actor, d: Desk) => isDesk(a, d),
  /** Read a duty-log entry. */
  readEntry,
  /** Record the outcome of an open entry (on the spot, 转办 to a unit, into 督查督办, to the leader on duty). */
  handle,
  /** Give the instructions asked for: the leader on duty it was put to, or a manager. */
  instruct: (a: Actor, e: EntryFacts) => readEntry(a, e) && e.status === 'awaiting_instruction' && (a.id === e.leaderId || isManager(a, e)),
  /** Name the entry's owner (承办人): the desk, while it is open. */
  assignOwner: (a: Actor, e: EntryFacts) => readEntry(a, e) && isDesk(a, e) && OPEN.includes(e.status),
  /** File the written report of a 突发事件: the desk, once. */
  report: (a: Actor, e: EntryFacts) => readEntry(a, e) && isDesk(a, e) && e.kind === 'emergency' && !e.reported,
  /** Sign the hand-over of a shift: whoever is on it, or a manager, while it is scheduled. */
  signHandover: (a: Actor, s: ShiftFacts) => s.status === 'scheduled' && (isManager(a, s) || (readRoster(a, s) && onShift(a, s))),
  /** Confirm a signed hand-over: whoever is on the incoming shift, or a manager. */
  confirmHandover: (a: Actor, h: HandoverFacts) => h.status === 'signed' && (isManager(a, h) || (readRoster(a, h) && onShift(a, h.incoming))),
};

/** The buttons of an entry, in the order the web lists them (`actions` of an entry's view). */
export const entryActions = {
  onSpot: handle,
  toUnit: handle,
  toSupervision: handle,
  toLeader: (a: Actor, e: EntryFacts) => handle(a, e) && e.leaderId !== null,
  instruct: dutyPolicy.instruct,
  assignOwner: dutyPolicy.assignOwner,
  report: dutyPolicy.report,
};
