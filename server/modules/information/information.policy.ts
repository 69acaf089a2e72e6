/**
 * Who may do what with an information item: named abilities, each a pure predicate over the actor
 * and a loaded item (no database). The same read rule as SQL is `infoVisibleTo` in the repo.
 * 信息处 is the unit with code `information`; 督查室 the unit with code `supervision`.
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { canSee } from '../../platform/authz.js';
import { INFO_DESK_UNIT_CODE, SUPERVISION_DESK_UNIT_CODE } from './information.constants.js';
import type { InfoRequestRow } from './repo/information.request-tables.js';
import type { InfoItemRow } from './repo/information.tables.js';

/** An item with what its policy needs beyond the row. */
export interface LoadedInfoItem extends InfoItemRow {
  /** 批示 written on the item. */
  instructionCount: number;
  /** 批示 not yet turned into a 批示件. */
  openInstructionCount: number;
}

const DESK_ROLES = ['staff', 'division_head'] as const;
const REPORTER_ROLES = ['liaison', 'staff', 'division_head', 'director'] as const;

/** A member of 信息处 (staff or division head): the editors of 采编. */
export function isInfoDesk(a: Actor): boolean {
  return isBusinessUser(a) && a.unitCode === INFO_DESK_UNIT_CODE && hasRole(a, ...DESK_ROLES);
}

/** A member of 督查室 (staff or division head). */
export function isSupervisionDesk(a: Actor): boolean {
  return isBusinessUser(a) && a.unitCode === SUPERVISION_DESK_UNIT_CODE && hasRole(a, ...DESK_ROLES);
}

/** A leader or office director: reads adopted items and writes 批示. */
export function isLeader(a: Actor): boolean {
  return isBusinessUser(a) && hasRole(a, 'leader', 'director');
}

/**
 * 密级 AND need-to-know: the reporting unit; 信息处 (everything up to its clearance); leaders and
 * directors for adopted items; 督查室 for items carrying a 批示.
 */
export function canReadItem(a: Actor, r: LoadedInfoItem): boolean {
  const shared = isInfoDesk(a) || (isLeader(a) && r.adopt_level !== null) || (isSupervisionDesk(a) && r.instructionCount > 0);
  return canSee(a, { level: r.level, unitIds: [r.unit_id], shared });
}

const open = (r: LoadedInfoItem) => r.status === 'submitted' || r.status === 'taken';

/** The named abilities of the 信息 module. Row abilities take a loaded item; the others `null`. */
export const informationPolicy = {
  /** 密级 AND need-to-know. */
  read: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r),
  /** 采编: take a submitted report into editing. */
  take: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && isInfoDesk(a) && r.status === 'submitted',
  /** Return a report to its unit with a reason. */
  return: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && isInfoDesk(a) && r.origin === 'report' && open(r),
  /** Edit the text (the original and every edit are kept). */
  edit: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && isInfoDesk(a) && r.status === 'taken',
  /** Merge into one item with others. */
  merge: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && isInfoDesk(a) && r.origin === 'report' && open(r),
  /** 采用 at a level (again at another level once adopted). */
  adopt: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && isInfoDesk(a) && (r.status === 'taken' || r.status === 'adopted'),
  /** 续报: a member of the reporting unit follows up a report of the unit. */
  followUp: (a: Actor, r: LoadedInfoItem) =>
    canReadItem(a, r) && r.origin === 'report' && a.unitId === r.unit_id && hasRole(a, ...REPORTER_ROLES) && r.status !== 'returned',
  /** 批示: a leader on an adopted item. */
  instruct: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && hasRole(a, 'leader') && r.status === 'adopted',
  /** 转督办: 督查室 turns a 批示 into a 批示件. */
  convert: (a: Actor, r: LoadedInfoItem) => canReadItem(a, r) && isSupervisionDesk(a) && r.openInstructionCount > 0,
  /** 报送: a unit's liaison, staff, division head or director. */
  submit: (a: Actor, _row?: unknown) => isBusinessUser(a) && hasRole(a, ...REPORTER_ROLES),
  /** Register an event known to the office (until the duty desk exists): 信息处. */
  registerEvent: (a: Actor, _row?: unknown) => isInfoDesk(a),
  /** Statistics of the actor's own unit: any business user. */
  viewStats: (a: Actor, _row?: unknown) => isBusinessUser(a),
  /** Every unit's statistics and the time-limit settings: 信息处, leaders and directors (others see their own unit). */
  viewAllStats: (a: Actor, _row?: unknown) => isInfoDesk(a) || isLeader(a),
  /** Change the reporting time limits: 信息处's division head. */
  manageSettings: (a: Actor, _row?: unknown) => isInfoDesk(a) && hasRole(a, 'division_head'),
};

/** The abilities on a loaded item, shown as the item's `actions`. */
export const itemAbilities = {
  take: informationPolicy.take,
  return: informationPolicy.return,
  edit: informationPolicy.edit,
  merge: informationPolicy.merge,
  adopt: informationPolicy.adopt,
  followUp: informationPolicy.followUp,
  instruct: informationPolicy.instruct,
  convert: informationPolicy.convert,
};

/** The name of an ability of the 信息 policy. */
export type InformationAbility = keyof typeof informationPolicy;

/** A 约稿 with the units it asks. */
export interface LoadedInfoRequest extends InfoRequestRow {
  unitIds: number[];
}

/** 约稿: 密级 AND need-to-know — 信息处 (up to its clearance) and the members of the asked units. */
export function canReadRequest(a: Actor, r: LoadedInfoRequest): boolean {
  return canSee(a, { level: r.level, unitIds: r.unitIds, shared: isInfoDesk(a) });
}

/** The named abilities of 约稿. Row abilities take a loaded request; `create` takes `null`. */
export const requestPolicy = {
  /** 密级 AND need-to-know. */
  read: (a: Actor, r: LoadedInfoRequest) => canReadRequest(a, r),
  /** 答复: a reporter of an asked unit, while the request is open (by submitting a report linked to it). */
  answer: (a: Actor, r: LoadedInfoRequest) => canReadRequest(a, r) && r.status === 'open' && r.unitIds.includes(a.unitId) && hasRole(a, ...REPORTER_ROLES),
  /** 结束约稿: 信息处, while open. */
  close: (a: Actor, r: LoadedInfoRequest) => canReadRequest(a, r) && isInfoDesk(a) && r.status === 'open',
  /** 发起约稿: 信息处. */
  create: (a: Actor, _row?: unknown) => isInfoDesk(a),
};

/** The abilities on a loaded request, shown as the request's `actions`. */
export const requestAbilities = { answer: requestPolicy.answer, close: requestPolicy.close };
