/**
 * Who may do what with a 公文: pure predicates over a loaded document, and the SQL visibility
 * filter (`visibleTo`) composed from the platform's authz core.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Selectable } from 'kysely';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { canSee, visibleTo } from '../../platform/authz.js';
import type { DocumentTable } from './documents.types.js';

/** A document row with the relations its policy needs. */
export interface LoadedDocument extends Selectable<DocumentTable> {
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

/** A member of a 承办 unit who may write its reply. */
export function isHandler(a: Actor, d: LoadedDocument): boolean {
  return canReadDocument(a, d) && d.handlerUnitIds.includes(a.unitId) && hasRole(a, ...HANDLER_ROLES);
}

/** Archived documents are read-only for everyone. */
export function isReadOnly(d: Pick<LoadedDocument, 'status'>): boolean {
  return d.status === 'archived' || d.status === 'returned';
}

export const documentsPolicy = {
  read: canReadDocument,
  /** Edit the fields of an outgoing draft (or, after 签发, with return to the signer). */
  edit: (a: Actor, d: LoadedDocument) =>
    d.direction === 'out' && ['draft', 'signed', 'checked'].includes(d.status) && (a.id === d.created_by || isOwnerClerk(a, d)) && canReadDocument(a, d),
  attach: (a: Actor, d: LoadedDocument) => !isReadOnly(d) && (isOwnerClerk(a, d) || (a.id === d.created_by && canReadDocument(a, d))),
  /** Read receipt of a 传阅: only the recipient. */
  markRead: (a: Actor, d: LoadedDocument) => canReadDocument(a, d) && d.circulationUserIds.includes(a.id),
  /** Render to DOCX/PDF: anyone who may read an outgoing document. */
  render: (a: Actor, d: LoadedDocument) => d.direction === 'out' && canReadDocument(a, d),
  /** Set plans, quotas, the length guide; decide over-quota approvals: office directors. */
  manageQuota: (a: Actor) => isBusinessUser(a) && hasRole(a, 'director'),
  /** Draft an outgoing document or request an over-quota approval. */
  draft: (a: Actor) => isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'director', 'leader'),
  /** Sign in (签收) / register a paper document received by the actor's unit. */
  receive: (a: Actor) => isBusinessUser(a) && hasRole(a, ...CLERK_ROLES),
};

/** SQL: the documents `actor` may see (lists, counts, search, exports, statistics). */
export function documentVisibleTo(actor: Actor): RawBuilder<SqlBool> {
  const extra: Expression<SqlBool>[] = [
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_handler dh WHERE dh.document_id = document.id AND dh.unit_id = ${actor.unitId})`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_circulation dc WHERE dc.document_id = document.id AND dc.user_id = ${actor.id})`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_review dr WHERE dr.document_id = document.id AND (dr.reviewer_id = ${actor.id} OR (dr.kind = 'countersign' AND dr.unit_id = ${actor.unitId})))`,
  ];
  return visibleTo(actor, {
    itemType: 'document',
    id: 'document.id',
    level: 'document.level',
    units: ['document.owner_unit_id', 'document.lead_unit_id'],
    users: ['document.created_by', 'document.signer_id', 'document.leader_id'],
    extra,
  });
}
