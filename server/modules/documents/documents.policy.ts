/**
 * Who may do what with a 公文: an object of named abilities, each a pure predicate over the actor
 * and a loaded document (no database). Use cases call `authorize(actor, documentsPolicy.edit, d, …)`;
 * the detail page's flags come from `presentAbilities`. The same read rule as SQL lives in
 * `repo/documents.visibility.ts`; the steps of the two workflows are in `documents.workflow.ts`.
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { canSee } from '../../platform/authz.js';
import type { DocumentRow } from './repo/documents.tables.js';

/** A document row with the relations its policy needs. */
export interface LoadedDocument extends DocumentRow {
  /** 承办 units (lead and co). */
  handlerUnitIds: number[];
  /** 传阅 recipients. */
  circulationUserIds: number[];
  /** Every named reviewer (any round). */
  reviewerIds: number[];
  /** Reviewers whose decision is still pending in the current round. */
  pendingReviewerIds: number[];
  /** 会签 units still to countersign. */
  pendingCountersignUnitIds: number[];
  /** 联合发文 co-issuing units. */
  jointUnitIds: number[];
  /** An explicit share grant names the actor or the actor's unit. */
  shared: boolean;
}

const CLERK_ROLES = ['staff', 'division_head', 'director'] as const;
const HANDLER_ROLES = ['staff', 'division_head', 'director', 'liaison'] as const;

/** 密级 AND need-to-know: owner unit, handling/co-issuing unit, or a named person (drafter, signer, leader, reviewer, 传阅 recipient), or shared. */
export function canReadDocument(a: Actor, d: LoadedDocument): boolean {
  return canSee(a, {
    level: d.level,
    unitIds: [d.owner_unit_id, ...(d.lead_unit_id ? [d.lead_unit_id] : []), ...d.handlerUnitIds, ...d.jointUnitIds],
    userIds: [d.created_by, ...(d.signer_id ? [d.signer_id] : []), ...(d.leader_id ? [d.leader_id] : []), ...d.reviewerIds, ...d.circulationUserIds],
    shared: d.shared,
  });
}

/** 文书: a staff member, division head or director of the owning unit (registers, numbers, archives). */
export function isOwnerClerk(a: Actor, d: LoadedDocument): boolean {
  return canReadDocument(a, d) && a.unitId === d.owner_unit_id && hasRole(a, ...CLERK_ROLES);
}

/**
 * 签收 of a copy delivered to the actor's unit: its 文书 or its 联络员 — every recipient unit has someone
 * who is told of the delivery and may sign for it, also a unit of the city without an office staff.
 */
export function isReceiver(a: Actor, d: LoadedDocument): boolean {
  return canReadDocument(a, d) && a.unitId === d.owner_unit_id && hasRole(a, ...CLERK_ROLES, 'liaison');
}

/** A member of a 承办 unit who may write its reply. */
export function isHandler(a: Actor, d: LoadedDocument): boolean {
  return canReadDocument(a, d) && d.handlerUnitIds.includes(a.unitId) && hasRole(a, ...HANDLER_ROLES);
}

/** Archived documents are read-only for everyone. */
export function isReadOnly(d: Pick<LoadedDocument, 'status'>): boolean {
  return d.status === 'archived' || d.status === 'returned';
}

/** The named abilities of the 公文 module. Row abilities take a loaded document; the others `null`. */
export const documentsPolicy = {
  /** 密级 AND need-to-know. */
  read: (a: Actor, d: LoadedDocument) => canReadDocument(a, d),
  /** Edit the fields of an outgoing draft (or, after 签发, with return to the signer). */
  edit: (a: Actor, d: LoadedDocument) =>
    d.direction === 'out' && ['draft', 'signed', 'checked'].includes(d.status) && (a.id === d.created_by || isOwnerClerk(a, d)) && canReadDocument(a, d),
  /** Upload an attachment: the owner unit's clerks or the drafter, while not read-only. */
  attach: (a: Actor, d: LoadedDocument) => !isReadOnly(d) && (isOwnerClerk(a, d) || (a.id === d.created_by && canReadDocument(a, d))),
  /** Read receipt of a 传阅: only the recipient. */
  markRead: (a: Actor, d: LoadedDocument) => canReadDocument(a, d) && d.circulationUserIds.includes(a.id),
  /** Render to DOCX/PDF: anyone who may read an outgoing document. */
  render: (a: Actor, d: LoadedDocument) => d.direction === 'out' && canReadDocument(a, d),
  /** Set plans, quotas, the length guide; decide over-quota approvals: office directors. */
  manageQuota: (a: Actor, _row?: unknown) => isBusinessUser(a) && hasRole(a, 'director'),
  /** Draft an outgoing document or request an over-quota approval. */
  draft: (a: Actor, _row?: unknown) => isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'director', 'leader'),
  /** Sign in (签收) / register a paper document received by the actor's unit. */
  receive: (a: Actor, _row?: unknown) => isBusinessUser(a) && hasRole(a, ...CLERK_ROLES),
  /** Quota statistics and over-quota requests (each sees what its role allows): any business user. */
  viewQuota: (a: Actor, _row?: unknown) => isBusinessUser(a),
  /** Every unit's quota statistics: directors and leaders (others see their own unit). */
  viewAllQuotas: (a: Actor, _row?: unknown) => isBusinessUser(a) && hasRole(a, 'director', 'leader'),
};

/** The name of an ability of the 公文 policy. */
export type DocumentsAbility = keyof typeof documentsPolicy;
