/**
 * The 约稿 and handwritten-批示 half of the 信息 service (the facade `InformationService` extends it):
 * each method delegates to a use case in `usecases/request-*.ts`, `instruction-ink.ts` or `statistics-export.ts`.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { InfoPeriod } from './information.contract.js';
import type { CreateRequestInput } from './information.requests.schema.js';
import type { RequestFilter } from './repo/information.requests.js';
import { readInk } from './usecases/instruction-ink.js';
import { requestWorkbench, withRequests } from './usecases/request-board.js';
import { closeRequest } from './usecases/request-close.js';
import { createRequest } from './usecases/request-create.js';
import { requestDetail, requestList } from './usecases/request-read.js';
import { remindRequest } from './usecases/request-remind.js';
import { exportStatistics } from './usecases/statistics-export.js';

/** 约稿, the handwriting of 批示 and the statistics export. */
export class InformationRequests {
  constructor(protected readonly ctx: AppContext) {}

  /** 发起约稿. */
  createRequest(actor: Actor, input: CreateRequestInput) {
    return createRequest(this.ctx, actor, input);
  }

  /** The requests the actor may see. */
  requests(actor: Actor, filter: RequestFilter) {
    return requestList(this.ctx, actor, filter);
  }

  /** The request page. */
  request(actor: Actor, id: number) {
    return requestDetail(this.ctx, actor, id);
  }

  /** 结束约稿. */
  closeRequest(actor: Actor, id: number, version: number) {
    return closeRequest(this.ctx, actor, id, version);
  }

  /** Job: remind the units that have not answered. */
  runRequestReminder(trx: Trx, job: Job): Promise<void> {
    return remindRequest(this.ctx, trx, job);
  }

  /** The PNG of a handwritten 批示, for a reader of its item. */
  handwriting(actor: Actor, instructionId: number) {
    return readInk(this.ctx, actor, instructionId);
  }

  /** The statistics as xlsx. */
  exportStatistics(actor: Actor, period: InfoPeriod) {
    return exportStatistics(this.ctx, actor, period);
  }

  /** The 约稿 the actor's unit owes, for the 工作台. */
  protected requestWorkbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return requestWorkbench(this.ctx, db, actor, now);
  }

  /** The module's loose-ends provider with unanswered 约稿 added. */
  protected withRequests(base: LooseEndsProvider): LooseEndsProvider {
    return withRequests(this.ctx, base);
  }
}
