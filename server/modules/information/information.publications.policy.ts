/**
 * Who may do what with 信息刊物 (publications and their issues): pure predicates over the actor and a
 * loaded issue. The same read rule as SQL is `issueVisibleTo` in `repo/information.publications.ts`.
 * - 信息处 (staff, division head) edits drafts; its division head signs first, the office director last.
 * - Readers: the issue's readership (units and users) once published; leaders and directors read every
 *   published issue; the director also the issues waiting for the last signature.
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { canSee } from '../../platform/authz.js';
import { isInfoDesk, isLeader } from './information.policy.js';
import type { LoadedIssue } from './repo/information.publications.js';

/** 密级 AND need-to-know over an issue. */
export function canReadIssue(a: Actor, r: LoadedIssue): boolean {
  const published = r.status === 'published';
  const shared = (published && (r.reader || isLeader(a))) || (r.status === 'head_signed' && hasRole(a, 'director'));
  return canSee(a, { level: r.level, unitIds: [r.unit_id], userIds: r.director_signed_by ? [r.director_signed_by] : [], shared });
}

const desk = (a: Actor, r: LoadedIssue) => canReadIssue(a, r) && isInfoDesk(a);
const deskHead = (a: Actor) => isInfoDesk(a) && hasRole(a, 'division_head');

/** The named abilities of 信息刊物. */
export const publicationsPolicy = {
  /** 密级 AND need-to-know. */
  read: (a: Actor, r: LoadedIssue) => canReadIssue(a, r),
  /** Items, their order and the 按语 of a draft. */
  edit: (a: Actor, r: LoadedIssue) => desk(a, r) && r.status === 'draft',
  /** Send the draft for sign-off. */
  submit: (a: Actor, r: LoadedIssue) => desk(a, r) && r.status === 'draft',
  /** Give the draft up (it never had a number). */
  abandon: (a: Actor, r: LoadedIssue) => desk(a, r) && r.status === 'draft',
  /** 处长审签: 信息处's division head. */
  headSign: (a: Actor, r: LoadedIssue) => desk(a, r) && deskHead(a) && r.status === 'submitted',
  /** 主任签发: the office director; the issue gets its number. */
  directorSign: (a: Actor, r: LoadedIssue) => canReadIssue(a, r) && isBusinessUser(a) && hasRole(a, 'director') && r.status === 'head_signed',
  /** Return to the editor with a reason: whoever may sign it now. */
  return: (a: Actor, r: LoadedIssue) =>
    (desk(a, r) && deskHead(a) && r.status === 'submitted') || (canReadIssue(a, r) && hasRole(a, 'director') && r.status === 'head_signed'),
  /** 已阅: a reader of a published issue. */
  markRead: (a: Actor, r: LoadedIssue) => canReadIssue(a, r) && r.status === 'published',
  /** Who read it and when: 信息处. */
  viewReceipts: (a: Actor, r: LoadedIssue) => desk(a, r) && r.status === 'published',
  /** Start an issue: 信息处. */
  create: (a: Actor, _row?: unknown) => isInfoDesk(a),
  /** Add, rename, deactivate publications and set their readership and 密级: 信息处's division head. */
  managePublications: (a: Actor, _row?: unknown) => deskHead(a),
};

/** The abilities on a loaded issue, shown as its `actions`. */
export const issueAbilities = {
  edit: publicationsPolicy.edit,
  submit: publicationsPolicy.submit,
  abandon: publicationsPolicy.abandon,
  headSign: publicationsPolicy.headSign,
  directorSign: publicationsPolicy.directorSign,
  return: publicationsPolicy.return,
  markRead: publicationsPolicy.markRead,
  viewReceipts: publicationsPolicy.viewReceipts,
};

/** Issue states. */
export const ISSUE_STATES = {
  draft: { zh: '编辑中', en: 'Draft' },
  submitted: { zh: '待处长审签', en: 'Awaiting the division head' },
  head_signed: { zh: '待主任签发', en: 'Awaiting the director' },
  published: { zh: '已印发', en: 'Published' },
  abandoned: { zh: '已作废', en: 'Abandoned' },
} as const;

/** 采用 levels from lowest to highest; an item fits a publication at or above its `min_adopt_level`. */
export const ADOPT_ORDER = ['recorded', 'special', 'upper'] as const;
export const fittingLevels = (min: string): string[] => ADOPT_ORDER.slice(Math.max(0, ADOPT_ORDER.indexOf(min as (typeof ADOPT_ORDER)[number]))) as string[];
