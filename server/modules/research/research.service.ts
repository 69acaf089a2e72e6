/**
 * The 调研 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the 工作台, the
 * loose-ends board and other modules keep one object to call. Each write use case is one transaction:
 * load → authorize → write → audit → notify; the SQL is in `research.repo.ts` and `repo/`.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef } from '../../platform/counted.js';
import type { AppContext, LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { ResearchContract } from './research.contract.js';
import type { ProposalFilter, TopicFilter } from './research.repo.js';
import { assessment, conclude, convert, counts, decide, dossier, looseEnds, milestones, propose, read, updateTopic, workbench } from './usecases/index.js';
import type { ConcludeInput } from './usecases/conclude.js';
import type { ConversionInput } from './usecases/convert.js';
import type { DecisionInput } from './usecases/decide.js';
import type { ProposalInput, ProposalUpdate } from './usecases/propose.js';
import type { TopicUpdate } from './usecases/update-topic.js';

/** The 调研 service; one per app. */
export class ResearchService implements ResearchContract {
  constructor(private readonly ctx: AppContext) {}

  listProposals(actor: Actor, f: ProposalFilter) {
    return read.listProposals(this.ctx, actor, f);
  }
  getProposal(actor: Actor, id: number) {
    return read.getProposal(this.ctx, actor, id);
  }
  propose(actor: Actor, input: ProposalInput) {
    return propose.propose(this.ctx, actor, input);
  }
  updateProposal(actor: Actor, id: number, input: ProposalUpdate) {
    return propose.updateProposal(this.ctx, actor, id, input);
  }
  listDecisions(actor: Actor) {
    return read.listDecisions(this.ctx, actor);
  }
  decide(actor: Actor, input: DecisionInput) {
    return decide.decide(this.ctx, actor, input);
  }
  listTopics(actor: Actor, f: TopicFilter) {
    return read.listTopics(this.ctx, actor, f);
  }
  getTopic(actor: Actor, id: number) {
    return read.getTopic(this.ctx, actor, id);
  }
  updateTopic(actor: Actor, id: number, input: TopicUpdate) {
    return updateTopic.updateTopic(this.ctx, actor, id, input);
  }
  addMilestone(actor: Actor, topicId: number, input: { title: string; dueDate: string }) {
    return milestones.addMilestone(this.ctx, actor, topicId, input);
  }
  completeMilestone(actor: Actor, id: number, input: { version: number; note: string }) {
    return milestones.completeMilestone(this.ctx, actor, id, input);
  }
  conclude(actor: Actor, id: number, input: ConcludeInput) {
    return conclude.conclude(this.ctx, actor, id, input);
  }
  convert(actor: Actor, id: number, input: ConversionInput) {
    return convert.convert(this.ctx, actor, id, input);
  }
  /** The job `research.milestone_due`. */
  remindMilestone(trx: Trx, job: Job) {
    return milestones.remindMilestone(this.ctx, trx, job);
  }
  /** {@inheritDoc ResearchContract.unitCounts} */
  unitCounts(db: Db | Trx, period: { from: string; to: string }) {
    return counts.unitCounts(db, period);
  }
  /** {@inheritDoc ResearchContract.assessmentCounts} */
  assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]) {
    return assessment.assessmentCounts(db, period, unitIds);
  }
  /** {@inheritDoc ResearchContract.readableRecords} */
  readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]) {
    return assessment.readableRecords(db, actor, refs);
  }
  /** {@inheritDoc ResearchContract.dossier} */
  dossier(db: Db, id: number) {
    return dossier.dossier(db, id);
  }
  /** {@inheritDoc ResearchContract.archivable} */
  archivable(db: Db, opts: { limit: number }) {
    return dossier.archivable(db, opts.limit);
  }
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return workbench.workbench(this.ctx, db, actor, now);
  }
  looseEnds(): LooseEndsProvider {
    return looseEnds.provider();
  }
}
