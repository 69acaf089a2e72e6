/**
 * Who may do what in 信访: named abilities, each a pure predicate over the actor and a loaded row.
 * Need-to-know: a case is known to the 信访 staff (the configured 信访 units), the office's leadership
 * (overseer units: they read, masked), and the responsible unit it is transferred to. The petitioner's
 * personal data (name, ID number, phone, address) is seen only by the 信访 staff and the user assigned
 * (the unit's handler who accepted the case); everyone else gets it masked. The same read rule as SQL
 * is in `repo/petitions.visibility.ts`.
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';

/** The configured units: 信访 staff units and the overseers (read-only, masked). */
export interface PetitionUnits {
  staffUnitIds: readonly number[];
  overseerUnitIds: readonly number[];
}

/** A case as the policy needs it. */
export interface CaseFacts extends PetitionUnits {
  level: number;
  status: string;
  unitId: number | null;
  handlerId: number | null;
}

/** 信访 staff: staff, division head or director of a 信访 unit. */
export function isStaff(a: Actor, c: PetitionUnits): boolean {
  return c.staffUnitIds.includes(a.unitId) && isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'director');
}

/** Whether the actor's unit oversees every case (reads all, masked). */
export function isOverseer(a: Actor, c: PetitionUnits): boolean {
  return c.overseerUnitIds.includes(a.unitId) && isBusinessUser(a) && hasRole(a, 'director', 'leader', 'division_head');
}

/** A member of the responsible unit who may act for it. */
function unitMember(a: Actor, c: CaseFacts): boolean {
  return c.unitId !== null && a.unitId === c.unitId && hasRole(a, 'liaison', 'staff', 'division_head', 'director');
}

const read = (a: Actor, c: CaseFacts) =>
  canSee(a, {
    level: c.level,
    unitIds: [...(c.unitId !== null ? [c.unitId] : []), ...(isStaff(a, c) || isOverseer(a, c) ? [a.unitId] : [])],
    userIds: c.handlerId !== null ? [c.handlerId] : [],
  });
const staffOn = (a: Actor, c: CaseFacts, states: readonly string[]) => read(a, c) && isStaff(a, c) && states.includes(c.status);

/** The abilities on a case, in the order the web shows its buttons. */
export const caseActions = {
  read,
  /** Sees the petitioner's personal data in clear. */
  seePersonal: (a: Actor, c: CaseFacts) => read(a, c) && (isStaff(a, c) || (c.handlerId !== null && a.id === c.handlerId)),
  transfer: (a: Actor, c: CaseFacts) => staffOn(a, c, ['registered', 'transferred']),
  accept: (a: Actor, c: CaseFacts) => read(a, c) && c.status === 'transferred' && unitMember(a, c),
  reply: (a: Actor, c: CaseFacts) => read(a, c) && c.status === 'accepted' && (a.id === c.handlerId || unitMember(a, c)),
  answer: (a: Actor, c: CaseFacts) => staffOn(a, c, ['replied', 'registered']),
  followUp: (a: Actor, c: CaseFacts) => staffOn(a, c, ['answered', 'closed']),
  close: (a: Actor, c: CaseFacts) => staffOn(a, c, ['registered', 'transferred', 'accepted', 'replied', 'answered']),
};

/** Abilities without a case: registering and configuring (the 信访 staff). */
export const officeActions = {
  register: (a: Actor, c: PetitionUnits) => isStaff(a, c),
  /** Settings: a head of a 信访 unit, or a director of the overseeing office. */
  configure: (a: Actor, c: PetitionUnits) => (isStaff(a, c) || isOverseer(a, c)) && hasRole(a, 'division_head', 'director'),
  /** Statistics and exports: anyone who may see some cases (the list filters by visibility). */
  statistics: (a: Actor, _c: PetitionUnits) => isBusinessUser(a),
};

export const petitionsPolicy = { ...caseActions, ...officeActions };
