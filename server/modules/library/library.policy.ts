/**
 * Who may do what in the library (资源共享). Two levels of reading: the entry (title, summary,
 * keywords, owner, date — findable by everyone cleared when filed as a 查阅条目) and the content
 * (body and attachments — classification AND need-to-know: own unit, scope, or a share grant from
 * an approved access request or a circulation).
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { canSee } from '../../platform/authz.js';

/** What the policy needs of an item. */
export interface ItemFacts {
  level: number;
  ownerUnitId: number;
  createdBy: number;
  scope: string;
  catalog: boolean;
  scopeUnits: readonly number[];
  scopeUsers: readonly number[];
  /** A share grant names the actor or the actor's unit. */
  shared: boolean;
}

/** Opening the content of an item (正文与附件). */
export function canReadContent(a: Actor, i: ItemFacts): boolean {
  if (!isBusinessUser(a) || i.level > a.clearance) return false;
  if (i.scope === 'everyone') return true;
  return canSee(a, { level: i.level, unitIds: [i.ownerUnitId, ...i.scopeUnits], userIds: [i.createdBy, ...i.scopeUsers], shared: i.shared });
}

/** Seeing the entry of an item (查阅条目: title, summary, keywords, owner, date). */
export function canReadEntry(a: Actor, i: ItemFacts): boolean {
  if (!isBusinessUser(a) || i.level > a.clearance) return false;
  return i.catalog || canReadContent(a, i);
}

/** Whether the actor decides the item's access requests: its filer, or a head of its owner unit, or the office director. */
export function canDecide(a: Actor, i: Pick<ItemFacts, 'ownerUnitId' | 'createdBy' | 'level'>): boolean {
  if (!isBusinessUser(a) || i.level > a.clearance) return false;
  return a.id === i.createdBy || (a.unitId === i.ownerUnitId && hasRole(a, 'division_head', 'director'));
}

/** Opening a forum topic: any business user cleared for its level; a hidden topic only for the moderators (directors). */
export function canOpenTopic(a: Actor, t: { level: number; status: string }): boolean {
  return isBusinessUser(a) && t.level <= a.clearance && (t.status !== 'hidden' || hasRole(a, 'director'));
}

/** The library's rules over loaded rows. */
export const libraryPolicy = {
  readContent: canReadContent,
  readEntry: canReadEntry,
  /** File an item: any business user, for their own unit. */
  create: (a: Actor) => isBusinessUser(a),
  /** Edit an item: its filer or a head of its owner unit. */
  edit: (a: Actor, i: ItemFacts) => canReadContent(a, i) && (a.id === i.createdBy || (a.unitId === i.ownerUnitId && hasRole(a, 'division_head', 'director'))),
  /** Ask for the content: sees the entry but not the content. */
  requestAccess: (a: Actor, i: ItemFacts) => canReadEntry(a, i) && !canReadContent(a, i),
  decide: canDecide,
  /** Circulate (传阅) an item: whoever may read its content. */
  circulate: (a: Actor, i: ItemFacts) => canReadContent(a, i),
  /** Record that the item was applied in one's work, or converted into a document/decision. */
  recordUse: (a: Actor, i: ItemFacts) => canReadContent(a, i),
  /** Issue 议政会 notices: office directors and division heads of the office. */
  issueNotice: (a: Actor) => isBusinessUser(a) && hasRole(a, 'director', 'division_head'),
  /** Moderate the forum (pin, close, hide): the office (directors). */
  moderate: (a: Actor) => isBusinessUser(a) && hasRole(a, 'director'),
  /** Set the weights of the use score. */
  manageWeights: (a: Actor) => isBusinessUser(a) && hasRole(a, 'director'),
  /** Manage a distribution list: its creator, or a head of its unit. */
  manageList: (a: Actor, l: { createdBy: number; ownerUnitId: number }) =>
    isBusinessUser(a) && (a.id === l.createdBy || (a.unitId === l.ownerUnitId && hasRole(a, 'division_head', 'director'))),
  /** See a distribution list: its manager, a member of its unit, or a subscriber. */
  readList: (a: Actor, l: { createdBy: number; ownerUnitId: number; subscribed: boolean }) =>
    isBusinessUser(a) && (a.id === l.createdBy || a.unitId === l.ownerUnitId || l.subscribed),
  /** Read a forum topic: any business user cleared for its level. */
  readTopic: (a: Actor, t: { level: number }) => isBusinessUser(a) && t.level <= a.clearance,
  /** Open a topic: readable, and a hidden one only for moderators. */
  openTopic: (a: Actor, t: { level: number; status: string }) => canOpenTopic(a, t),
  /** Reply to a topic: it opens and is open. */
  reply: (a: Actor, t: { level: number; status: string }) => canOpenTopic(a, t) && t.status === 'open',
  /** Open a topic on the forum: any business user. */
  createTopic: (a: Actor) => isBusinessUser(a),
  /** Create a 定期分送 list: any business user, for their own unit. */
  createList: (a: Actor) => isBusinessUser(a),
  /** See an access request: whoever decides its item's requests, or its requester. */
  readRequest: (a: Actor, r: { item: ItemFacts; requesterId: number }) => canDecide(a, r.item) || a.id === r.requesterId,
  /** Sign one's read receipt of a circulation: a business user among its recipients, cleared for the item. */
  signReceipt: (a: Actor, c: { recipient: boolean; level: number }) => isBusinessUser(a) && c.recipient && c.level <= a.clearance,
  /** 催阅 a circulation: its sender. */
  remind: (a: Actor, c: { createdBy: number }) => isBusinessUser(a) && a.id === c.createdBy,
  /** See every receipt of a circulation (not just one's own): its sender and the item's owner unit. */
  readAllReceipts: (a: Actor, c: { createdBy: number; ownerUnitId: number }) => a.id === c.createdBy || a.unitId === c.ownerUnitId,
};
