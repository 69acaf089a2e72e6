/**
 * The 信访 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the 工作台 and
 * other modules keep one object to call. Each write use case is one transaction:
 * load → authorize → write → audit → notify; the SQL is in `petitions.repo.ts`.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { CaseFilter, PetitionsConfig } from './petitions.repo.js';
import { overdue, read, register, stats, steps } from './usecases/index.js';
import { looseEndsProvider } from './usecases/loose-ends.js';
import type { RegisterInput } from './usecases/register.js';
import type { StepInput, StepName } from './usecases/steps.js';
import { chinaDate } from '../../platform/clock.js';

/** The 信访 service; one per app. */
export class PetitionsService {
  constructor(private readonly ctx: AppContext) {}

  getConfig(actor: Actor) {
    return read.getConfig(this.ctx, actor);
  }
  putConfig(actor: Actor, input: PetitionsConfig & { version: number }) {
    return read.putConfig(this.ctx, actor, input);
  }
  list(actor: Actor, f: CaseFilter) {
    return read.listCases(this.ctx, actor, f);
  }
  get(actor: Actor, id: number) {
    return read.getCase(this.ctx, actor, id);
  }
  register(actor: Actor, input: RegisterInput) {
    return register.register(this.ctx, actor, input);
  }
  step(actor: Actor, id: number, name: StepName, input: StepInput) {
    return steps.step(this.ctx, actor, id, name, input);
  }
  followUp(actor: Actor, id: number, input: StepInput) {
    return steps.followUp(this.ctx, actor, id, input);
  }
  statistics(actor: Actor) {
    return stats.statistics(this.ctx, actor);
  }
  exportXlsx(actor: Actor, f: { status?: string; category?: string; unitId?: number }) {
    return stats.exportXlsx(this.ctx, actor, f);
  }
  /** The scheduler's 督办 of a late case. */
  supervise(trx: Trx, job: Job) {
    return overdue.supervise(this.ctx, trx, job);
  }
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return read.workbench(this.ctx, db, actor, now);
  }
  /** 件件有着落: open cases and answers awaiting 回访 on the office-wide board, and the checker. */
  looseEnds(): LooseEndsProvider {
    return looseEndsProvider(this.ctx);
  }
  today(): string {
    return chinaDate(this.ctx.clock.now());
  }
}
