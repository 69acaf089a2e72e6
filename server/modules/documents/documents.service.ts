/**
 * The 公文 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the
 * 工作台 and other modules keep one object to call. Each write use case is one transaction:
 * load → authorize → write → audit → notify; the SQL is in `documents.repo.ts` and `repo/`.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef } from '../../platform/counted.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { DocType } from './documents.constants.js';
import type { DocumentFilter } from './documents.repo.js';
import type { DraftInput, IncomingInput, TransitionInput, UpdateInput } from './documents.schema.js';
import {
  approvals,
  assessmentCounts,
  autoUrge,
  detail,
  draft,
  lengthGuide,
  lists,
  markRead,
  quotas,
  receive,
  receiptRemind,
  render,
  transition,
  update,
} from './usecases/index.js';

/** The 公文 service. */
export class DocumentsService {
  constructor(private readonly ctx: AppContext) {}

  /** Job: automatic 催办 (see `usecases/auto-urge.ts`). */
  runAutoUrge(trx: Trx, job: Job): Promise<void> {
    return autoUrge.runAutoUrge(this.ctx, trx, job);
  }

  /** Job: the recipient units that have not signed for a distributed document are reminded (see `usecases/receipt-remind.ts`). */
  runReceiptRemind(trx: Trx, job: Job): Promise<void> {
    return receiptRemind.runReceiptRemind(this.ctx, trx, job);
  }

  /** 签收 of an incoming document. */
  receiveIncoming(actor: Actor, input: IncomingInput) {
    return receive.receiveIncoming(this.ctx, actor, input);
  }

  /** Warnings of the length guide (文风 简短准) for a body of a type. */
  lengthWarnings(db: Db | Trx, docType: string, bodyHtml: string) {
    return lengthGuide.lengthWarnings(db, docType, bodyHtml);
  }

  /** 起草 of an outgoing document. */
  draft(actor: Actor, input: DraftInput) {
    return draft.draftDocument(this.ctx, actor, input);
  }

  /** Edits an outgoing document (实质性修改退回签发人 after 签发). */
  update(actor: Actor, id: number, input: UpdateInput) {
    return update.updateDocumentFields(this.ctx, actor, id, input);
  }

  /** One workflow step, incoming or outgoing. */
  transition(actor: Actor, id: number, action: string, input: TransitionInput) {
    return transition.transitionDocument(this.ctx, actor, id, action, input);
  }

  /** 传阅 read receipt. */
  markRead(actor: Actor, id: number) {
    return markRead.markDocumentRead(this.ctx, actor, id);
  }

  /** The detail of a document with its records and the actor's allowed actions. */
  detail(actor: Actor, id: number) {
    return detail.documentDetail(this.ctx, actor, id);
  }

  /** A loaded document for rendering (DOCX/PDF), after the read policy; the render is audited. */
  forRender(actor: Actor, id: number) {
    return render.documentForRender(this.ctx, actor, id);
  }

  /** Records an export of the archive list (what and how many rows). */
  recordExport(actor: Actor, rows: number) {
    return render.recordArchiveExport(this.ctx, actor, rows);
  }

  /** Lists visible documents by filters (lists, search, my pending, archive). */
  list(actor: Actor, f: DocumentFilter, page: { page: number; pageSize: number }) {
    return lists.listVisibleDocuments(this.ctx, actor, f, page);
  }

  /** 工作台: the actor's pending documents with lights. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return lists.documentsWorkbench(this.ctx, db, actor, now);
  }

  /** {@inheritDoc DocumentsContract.assessmentCounts} */
  assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]) {
    return assessmentCounts.assessmentCounts(db, period, unitIds);
  }

  /** {@inheritDoc DocumentsContract.readableRecords} */
  readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]) {
    return assessmentCounts.readableRecords(db, actor, refs);
  }

  /** The length guide (字数 by type). */
  lengthGuide(db: Db | Trx = this.ctx.db) {
    return lengthGuide.lengthGuide(db);
  }

  /** Sets the length guide (办公厅主任). */
  setLengthGuide(actor: Actor, guide: Record<string, number>) {
    return lengthGuide.setLengthGuide(this.ctx, actor, guide);
  }

  /** Sets plans and quotas of units for a year (办公厅主任). */
  setQuotas(actor: Actor, year: number, rows: { unitId: number; docType: DocType; plan: number; quota: number }[]) {
    return quotas.setQuotas(this.ctx, actor, year, rows);
  }

  /** Plan vs actual per unit and type, with the 精文简会 summary. */
  quotaStats(actor: Actor, year: number) {
    return quotas.quotaStats(this.ctx, actor, year);
  }

  /** 超配额审批 request. */
  requestApproval(actor: Actor, input: { docType: DocType; title: string; reason: string }) {
    return approvals.requestApproval(this.ctx, actor, input);
  }

  /** Decides an over-quota request (办公厅主任). */
  decideApproval(actor: Actor, id: number, input: { version: number; approve: boolean; comment: string }) {
    return approvals.decideApproval(this.ctx, actor, id, input);
  }

  /** Over-quota requests: directors see all; others their unit's. */
  listApprovals(actor: Actor, year: number) {
    return approvals.listApprovals(this.ctx, actor, year);
  }
}

export { present } from './documents.presenter.js';
export { isOwnerClerk } from './documents.policy.js';
