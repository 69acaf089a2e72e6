/**
 * The 信息 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the 工作台 and
 * other modules keep one object to call. Each write is one transaction: load → authorize → write → audit.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef } from '../../platform/counted.js';
import type { AppContext, LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { InformationSettings } from '../../../common/information.js';
import type { AdoptLevel } from './information.constants.js';
import type { InfoPeriod, InformationContract, UnitInfoStatistics } from './information.contract.js';
import type { ItemFilter } from './information.repo.js';
import type { ConvertInput, EditInput, EventInput, InstructInput, MergeInput, SubmitInput } from './information.schema.js';
import { InformationRequests } from './information.requests.service.js';
import { convert, detail, edit, events, instruct, lists, merge, myInstructions, settings, statistics, steps, submit, workbench } from './usecases/index.js';
import * as assessmentCounts from './usecases/assessment-counts.js';
import { looseEndsProvider } from './usecases/loose-ends.js';
import { PublicationsService } from './information.publications.service.js';

/** The 信息 service (implements the module's contract). */
export class InformationService extends InformationRequests implements InformationContract {
  /** 信息刊物 (期刊): publications and their issues. */
  readonly publications: PublicationsService;

  constructor(ctx: AppContext) {
    super(ctx);
    this.publications = new PublicationsService(ctx);
  }

  /** 报送 (or 续报). */
  submit(actor: Actor, input: SubmitInput) {
    return submit.submitItem(this.ctx, actor, input);
  }

  /** One page of the items the actor may see. */
  list(actor: Actor, filter: ItemFilter, page: { page: number; pageSize: number }) {
    return lists.itemList(this.ctx, actor, filter, page);
  }

  /** The item page. */
  detail(actor: Actor, id: number) {
    return detail.itemDetail(this.ctx, actor, id);
  }

  /** 采编: take into editing. */
  take(actor: Actor, id: number, version: number) {
    return steps.takeItem(this.ctx, actor, id, version);
  }

  /** 退回 with a reason. */
  return(actor: Actor, id: number, version: number, reason: string) {
    return steps.returnItem(this.ctx, actor, id, version, reason);
  }

  /** 采用 at a level. */
  adopt(actor: Actor, id: number, version: number, level: AdoptLevel) {
    return steps.adoptItem(this.ctx, actor, id, version, level);
  }

  /** Edits the text (every revision kept). */
  edit(actor: Actor, id: number, input: EditInput) {
    return edit.editItem(this.ctx, actor, id, input);
  }

  /** 合并 several reports into one item. */
  merge(actor: Actor, input: MergeInput) {
    return merge.mergeItems(this.ctx, actor, input);
  }

  /** 批示 on an adopted item. */
  instruct(actor: Actor, itemId: number, input: InstructInput) {
    return instruct.instructItem(this.ctx, actor, itemId, input);
  }

  /** The actor's own 批示 with the state of their 督办. */
  myInstructions(actor: Actor) {
    return myInstructions.myInstructions(this.ctx, actor);
  }

  /** 转督办 of a 批示. */
  convert(actor: Actor, instructionId: number, input: ConvertInput) {
    return convert.convertInstruction(this.ctx, actor, instructionId, input);
  }

  /** Registers an event known to the office. */
  registerEvent(actor: Actor, input: EventInput) {
    return events.registerEvent(this.ctx, actor, input);
  }

  /** The events the actor may see. */
  events(actor: Actor) {
    return events.eventList(this.ctx, actor);
  }

  /** Job: 漏报 when an event's time limit passed without a report. */
  runOmission(trx: Trx, job: Job): Promise<void> {
    return events.recordOmission(this.ctx, trx, job);
  }

  /** The statistics route's answer for the actor. */
  statisticsFor(actor: Actor, period: InfoPeriod) {
    return statistics.statisticsFor(this.ctx, actor, period);
  }

  /** {@inheritDoc InformationContract.unitStatistics} */
  unitStatistics(db: Db, period: InfoPeriod, unitIds?: readonly number[]): Promise<UnitInfoStatistics[]> {
    return statistics.unitStatistics(db, period, unitIds);
  }

  /** {@inheritDoc InformationContract.assessmentCounts} */
  assessmentCounts(db: Db, period: InfoPeriod, unitIds: readonly number[]) {
    return assessmentCounts.assessmentCounts(db, period, unitIds);
  }

  /** {@inheritDoc InformationContract.readableRecords} */
  readableRecords(db: Db, actor: Actor, refs: readonly CountedRef[]) {
    return assessmentCounts.readableRecords(db, actor, refs);
  }

  /** The reporting time limits. */
  settings(actor: Actor) {
    return settings.getSettings(this.ctx, actor);
  }

  /** Writes the reporting time limits. */
  putSettings(actor: Actor, version: number, value: InformationSettings) {
    return settings.putSettings(this.ctx, actor, version, value);
  }

  /** {@inheritDoc InformationContract.workbench} */
  async workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return [...(await workbench.workbench(this.ctx, db, actor, now)), ...(await this.requestWorkbench(db, actor, now))];
  }
  /** 件件有着落: 约报 awaiting a unit, reports awaiting 采编 and 批示 awaiting 转督办 on the office-wide board, and the checker. */
  looseEnds(): LooseEndsProvider {
    return this.withRequests(looseEndsProvider(this.ctx));
  }
}
