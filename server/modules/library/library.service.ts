/**
 * The 资源共享 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the
 * 工作台 and other modules keep one object to call. Each write use case is one transaction:
 * load → authorize → write → audit → search index → notify; the SQL is in `library.repo.ts` and `repo/`.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef } from '../../platform/counted.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import type { FileFromModuleInput } from './library.contract.js';
import type { LibraryKind, NoticeCategory, UseKind } from './library.constants.js';
import type { ItemFilter } from './repo/library.items.js';
import type { ItemInput } from './usecases/create-item.js';
import type { CirculateInput } from './usecases/circulate.js';
import type { ModerateAction } from './usecases/topic-writes.js';
import type { AccessRequestRow } from './library.workflow.js';
import {
  assessmentCounts,
  circulate,
  circulations,
  createItem,
  decideRequest,
  distribute,
  distributions,
  download,
  fileFromModule,
  forum,
  issueNotice,
  itemDetail,
  items,
  manageDistribution,
  receipts,
  recordUse,
  requestAccess,
  requests,
  topicWrites,
  updateItem,
  useStats,
  workbench,
} from './usecases/index.js';

export type { ItemInput } from './usecases/create-item.js';

/** A page of a list. */
export interface Page<T> {
  total: number;
  items: T[];
}

/** The library module's services (`ctx.services.library`). */
export class LibraryService {
  constructor(private readonly ctx: AppContext) {}

  // ---------------------------------------------------------------- items

  /** Lists items whose entry the actor may see; `canOpen` says whether the content opens. */
  listItems(actor: Actor, q: ItemFilter) {
    return items.listItems(this.ctx, actor, q);
  }

  /** Files an item (or a 查阅条目) for the actor's unit. */
  createItem(actor: Actor, input: ItemInput): Promise<{ id: number; version: number }> {
    return createItem.createItem(this.ctx, actor, input);
  }

  /** Changes an item (optimistic lock on `version`). */
  updateItem(actor: Actor, id: number, input: Partial<ItemInput> & { version: number }): Promise<{ version: number }> {
    return updateItem.updateItem(this.ctx, actor, id, input);
  }

  /** The item as the actor may see it (opening the content counts a view and signs receipts). */
  getItem(actor: Actor, id: number) {
    return itemDetail.getItem(this.ctx, actor, id);
  }

  /** Streams an attachment of an item the actor may open, counting a download. */
  download(actor: Actor, itemId: number, fileId: number) {
    return download.downloadAttachment(this.ctx, actor, itemId, fileId);
  }

  /** Records that the item was applied (应用) or converted (转化). */
  recordUse(actor: Actor, itemId: number, input: { kind: 'applied' | 'converted'; note: string }): Promise<{ uses: Record<string, number> }> {
    return recordUse.recordUse(this.ctx, actor, itemId, input);
  }

  /** 相似条目: the items most like this one that the actor may see. */
  similar(actor: Actor, itemId: number, limit = 6) {
    return itemDetail.similarItems(this.ctx, actor, itemId, limit);
  }

  // ---------------------------------------------------------------- access requests

  /** Asks the item's owner to open its content (查阅申请). */
  requestAccess(actor: Actor, itemId: number, input: { reason: string }): Promise<{ id: number }> {
    return requestAccess.requestAccess(this.ctx, actor, itemId, input);
  }

  /** Access requests: those the actor decides (`incoming`) or made (`mine`). */
  listRequests(actor: Actor, q: { box: 'incoming' | 'mine'; status?: string; page: number; pageSize: number }) {
    return requests.listRequests(this.ctx, actor, q);
  }

  /** Grants or refuses an access request. */
  decideRequest(
    actor: Actor,
    requestId: number,
    input: { action: 'grant' | 'refuse'; version: number; note?: string | null },
  ): Promise<{ status: string; version: number }> {
    return decideRequest.decideRequest(this.ctx, actor, requestId, input);
  }

  /** The workflow actions the web shows on an access request. */
  requestActions(actor: Actor, row: AccessRequestRow): string[] {
    return requests.requestActions(actor, row);
  }

  // ---------------------------------------------------------------- circulation

  /** 传阅 of an item to named people and units. */
  circulate(actor: Actor, itemId: number, input: CirculateInput): Promise<{ id: number; recipients: number }> {
    return circulate.circulate(this.ctx, actor, itemId, input);
  }

  /** Signs the actor's read receipt of a circulation (已阅). */
  markRead(actor: Actor, circulationId: number): Promise<{ status: string }> {
    return receipts.markRead(this.ctx, actor, circulationId);
  }

  /** 催阅 by the sender. */
  remind(actor: Actor, circulationId: number): Promise<{ reminded: number }> {
    return receipts.remind(this.ctx, actor, circulationId);
  }

  /** Job: reminds a circulation's unread recipients. */
  sendReminders(trx: Trx, circulationId: number): Promise<number> {
    return receipts.sendReminders(this.ctx, trx, circulationId);
  }

  /** Circulations the actor sent or received, newest first. */
  listCirculations(actor: Actor, q: { box: 'sent' | 'received'; unread?: boolean; page: number; pageSize: number }) {
    return circulations.listCirculations(this.ctx, actor, q);
  }

  // ---------------------------------------------------------------- 议政会 notices

  /** Issues a 议政会 notice to all divisions of the office. */
  issueNotice(
    actor: Actor,
    input: { category: NoticeCategory; title: string; body: string; level: number; date: string },
  ): Promise<{ id: number; recipients: number }> {
    return issueNotice.issueNotice(this.ctx, actor, input);
  }

  // ---------------------------------------------------------------- distribution lists

  /** 定期分送 lists the actor manages or subscribes to. */
  listDistributions(actor: Actor) {
    return distributions.listDistributions(this.ctx, actor);
  }

  /** One 定期分送 list. */
  getDistribution(actor: Actor, id: number) {
    return distributions.getDistribution(this.ctx, actor, id);
  }

  /** Changes a 定期分送 list (pause, resume, period, subscribers). */
  updateDistribution(
    actor: Actor,
    id: number,
    input: { version: number; name?: string; kinds?: LibraryKind[]; periodDays?: number; subscriberIds?: number[]; active?: boolean },
  ): Promise<{ version: number }> {
    return manageDistribution.updateDistribution(this.ctx, actor, id, input);
  }

  /** Deletes a 定期分送 list. */
  deleteDistribution(actor: Actor, id: number, version: number): Promise<{ deleted: true }> {
    return manageDistribution.deleteDistribution(this.ctx, actor, id, version);
  }

  /** Creates a 定期分送 list. */
  createDistribution(actor: Actor, input: { name: string; kinds: LibraryKind[]; periodDays: number; subscriberIds: number[] }): Promise<{ id: number }> {
    return manageDistribution.createDistribution(this.ctx, actor, input);
  }

  /** Job: one run of a 定期分送 list. */
  distribute(trx: Trx, listId: number): Promise<number> {
    return distribute.distribute(this.ctx, trx, listId);
  }

  // ---------------------------------------------------------------- forum

  /** Forum topics the actor is cleared for. */
  listTopics(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
    return forum.listTopics(this.ctx, actor, q);
  }

  /** Opens a topic. */
  createTopic(actor: Actor, input: { title: string; body: string; level: number; itemId?: number | null }): Promise<{ id: number }> {
    return topicWrites.createTopic(this.ctx, actor, input);
  }

  /** A topic with its replies. */
  getTopic(actor: Actor, id: number) {
    return forum.getTopic(this.ctx, actor, id);
  }

  /** Replies to an open topic. */
  reply(actor: Actor, topicId: number, input: { body: string }): Promise<{ id: number }> {
    return topicWrites.reply(this.ctx, actor, topicId, input);
  }

  /** Moderation by the office. */
  moderate(actor: Actor, topicId: number, input: { version: number; action: ModerateAction; replyId?: number }): Promise<{ version: number }> {
    return topicWrites.moderate(this.ctx, actor, topicId, input);
  }

  // ---------------------------------------------------------------- use statistics

  /** Current weights of the use score and their version. */
  weights(db: Db | Trx = this.ctx.db): Promise<{ weights: Record<UseKind, number>; version: number }> {
    return useStats.weights(db);
  }

  /** Sets the weights of the use score. */
  putWeights(actor: Actor, input: { version: number; weights: Record<UseKind, number> }): Promise<{ version: number }> {
    return useStats.putWeights(this.ctx, actor, input);
  }

  /** The per-unit table of uses with a quantified score (feeds assessment). */
  useStats(actor: Actor, q: { from: string; to: string }) {
    return useStats.useStats(this.ctx, actor, q);
  }

  // ---------------------------------------------------------------- 工作台

  /** The actor's pending items: unread circulations and access requests to decide. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return workbench.libraryWorkbench(this.ctx, db, actor, now);
  }

  /** {@inheritDoc LibraryContract.assessmentCounts} */
  assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]) {
    return assessmentCounts.assessmentCounts(db, period, unitIds);
  }

  /** {@inheritDoc LibraryContract.readableRecords} */
  readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]) {
    return assessmentCounts.readableRecords(db, actor, refs);
  }

  /** {@inheritDoc LibraryContract.fileFromModule} */
  fileFromModule(trx: Trx, actor: Actor, input: FileFromModuleInput): Promise<{ id: number }> {
    return fileFromModule.fileFromModule(this.ctx, trx, actor, input);
  }
}
