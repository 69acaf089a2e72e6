/**
 * Who may do what in 保密档案: pure predicates over the actor and loaded rows.
 *
 * - 档案处 (unit code `archives`: staff, division head, director) archives items directly (no request
 *   step: the office's 档案处 receives every closed item), numbers them, approves or refuses 借阅.
 * - 机要保密处 (unit code `confidential`) decides the 解密/延期/降密 reviews when a 保密期限 ends.
 * - The owning division (立卷单位) reads its own records.
 * - Anyone of the office itself (units of kind office/division/committee) browses the 案卷目录 up to their
 *   clearance and may ask to borrow; a borrower reads the record and its bundle only while the loan is
 *   approved and its return date not past, and never above their clearance (`canSee`).
 * - Liaisons of other units and the 三员 see nothing (404). The same read rule as SQL is in `archives.repo.ts`.
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';

/** The units and the actor's place, resolved per request. */
export interface ArchiveScope {
  archivesUnitId: number | null;
  secrecyUnitId: number | null;
  /** The actor's unit belongs to the office itself (browses the catalogue). */
  inOffice: boolean;
}

/** A record as the policy needs it. */
export interface RecordFacts extends ArchiveScope {
  level: number;
  ownerUnitId: number;
  /** The actor holds an approved loan of the record whose return date is not past. */
  onLoan: boolean;
  /** The actor has a loan request or loan of the record still open. */
  loanOpen: boolean;
}

/** A loan as the policy needs it. */
export interface LoanFacts extends ArchiveScope {
  status: string;
  borrowerId: number;
  level: number;
}

/** A review as the policy needs it. */
export interface ReviewFacts extends ArchiveScope {
  status: string;
  level: number;
}

/** 档案处: staff, division head or director of the archives unit. */
export function isArchivist(a: Actor, s: ArchiveScope): boolean {
  return s.archivesUnitId !== null && a.unitId === s.archivesUnitId && isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'director');
}

/** 机要保密处: staff, division head or director of the confidential unit. */
export function isSecrecyOfficer(a: Actor, s: ArchiveScope): boolean {
  return s.secrecyUnitId !== null && a.unitId === s.secrecyUnitId && isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'director');
}

const read = (a: Actor, r: RecordFacts) =>
  canSee(a, { level: r.level, unitIds: [r.ownerUnitId, ...(isArchivist(a, r) || isSecrecyOfficer(a, r) ? [a.unitId] : [])], shared: r.onLoan });
const browse = (a: Actor, r: RecordFacts) => read(a, r) || (isBusinessUser(a) && r.inOffice && r.level <= a.clearance);

/** The abilities on a record, in the order the web shows its buttons. */
export const recordActions = {
  read,
  /** Sees the entry in the 案卷目录 (title, 档号, 密级), not its content. */
  browse,
  download: read,
  /** Those who browse but may not read (not the 档案处, the owner or the 机要保密处), with no request or loan open. */
  borrow: (a: Actor, r: RecordFacts) => browse(a, r) && !read(a, r) && !r.loanOpen,
};

/** The abilities on a loan. */
export const loanActions = {
  read: (a: Actor, l: LoanFacts) => isBusinessUser(a) && (a.id === l.borrowerId || (isArchivist(a, l) && a.clearance >= l.level)),
  approve: (a: Actor, l: LoanFacts) => isArchivist(a, l) && a.clearance >= l.level && l.status === 'requested',
  refuse: (a: Actor, l: LoanFacts) => isArchivist(a, l) && a.clearance >= l.level && l.status === 'requested',
  return: (a: Actor, l: LoanFacts) => isBusinessUser(a) && (a.id === l.borrowerId || isArchivist(a, l)) && l.status === 'approved',
};

/** The abilities on a secrecy review. */
export const reviewActions = {
  read: (a: Actor, r: ReviewFacts) => isSecrecyOfficer(a, r) && a.clearance >= r.level,
  decide: (a: Actor, r: ReviewFacts) => isSecrecyOfficer(a, r) && a.clearance >= r.level && r.status === 'pending',
};

/** Abilities without a row. */
export const officeActions = {
  archive: (a: Actor, s: ArchiveScope) => isArchivist(a, s),
  /** The 案卷目录 and its export: the office's own users (filtered by clearance), the owning divisions. */
  catalogue: (a: Actor, _s: ArchiveScope) => isBusinessUser(a),
  manageLoans: (a: Actor, s: ArchiveScope) => isArchivist(a, s),
  reviewQueue: (a: Actor, s: ArchiveScope) => isSecrecyOfficer(a, s),
};

export const archivesPolicy = { ...recordActions, ...officeActions };
