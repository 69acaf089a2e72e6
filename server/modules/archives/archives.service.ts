/**
 * The 保密档案 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the loose-ends
 * board and other modules (through `ArchivesContract`) keep one object to call. Each write is one
 * transaction: load → authorize → write → audit → notify; the SQL is in `archives.repo.ts` and `repo/`.
 */
import type { Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, LooseEndsProvider } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { ArchivesContract } from './archives.contract.js';
import { archivesLooseEnds } from './archives.loose-ends.js';
import type { RecordFilter } from './archives.repo.js';
import { archive, loans, read, reviews } from './usecases/index.js';
import type { ArchiveInput, RegisterDocumentInput } from './usecases/archive.js';
import type { DecideInput } from './usecases/reviews.js';

/** The 保密档案 service; one per app. */
export class ArchivesService implements ArchivesContract {
  constructor(private readonly ctx: AppContext) {}

  list(actor: Actor, f: RecordFilter) {
    return read.listRecords(this.ctx, actor, f);
  }
  get(actor: Actor, id: number) {
    return read.getRecord(this.ctx, actor, id);
  }
  bundle(actor: Actor, id: number) {
    return read.bundle(this.ctx, actor, id);
  }
  candidates(actor: Actor) {
    return read.candidates(this.ctx, actor);
  }
  exportCatalogue(actor: Actor, year?: number) {
    return read.exportCatalogue(this.ctx, actor, year);
  }
  archive(actor: Actor, input: ArchiveInput) {
    return archive.archiveItem(this.ctx, actor, input);
  }
  requestLoan(actor: Actor, recordId: number, input: { reason: string; returnDue: string }) {
    return loans.requestLoan(this.ctx, actor, recordId, input);
  }
  decideLoan(actor: Actor, id: number, approve: boolean, input: { version: number; comment?: string | null }) {
    return loans.decideLoan(this.ctx, actor, id, approve, input);
  }
  returnLoan(actor: Actor, id: number, input: { version: number }) {
    return loans.returnLoan(this.ctx, actor, id, input);
  }
  listLoans(actor: Actor, status?: string) {
    return loans.listLoans(this.ctx, actor, status);
  }
  listReviews(actor: Actor, status?: string) {
    return reviews.listReviews(this.ctx, actor, status);
  }
  decideReview(actor: Actor, id: number, input: DecideInput) {
    return reviews.decide(this.ctx, actor, id, input);
  }
  /** The scheduler's job: a 保密期限 ended. */
  secrecyDue(trx: Trx, job: Job) {
    return reviews.secrecyDue(this.ctx, trx, job);
  }
  /** The attachment owner's read rule (the bundle through /api/files/:id). */
  canRead(db: Parameters<typeof read.canRead>[1], actor: Actor, id: number) {
    return read.canRead(this.ctx, db, actor, id);
  }
  looseEnds(): LooseEndsProvider {
    return archivesLooseEnds(this.ctx);
  }
  /** {@inheritDoc ArchivesContract.registerDocument} */
  registerDocument(trx: Trx, actor: Actor, input: RegisterDocumentInput) {
    return archive.registerDocument(this.ctx, trx, actor, input);
  }
}
