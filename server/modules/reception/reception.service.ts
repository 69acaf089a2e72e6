/**
 * The 政务接待 service: a thin facade over the use cases in `usecases/`, so routes, the 工作台, the
 * loose-ends board and other modules keep one object to call. Each write use case is one transaction:
 * load → authorize → write → audit → notify; the SQL is in `reception.repo.ts`.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';
import type { PlanFilter } from './reception.repo.js';
import type { StepName } from './reception.workflow.js';
import { dossiers, exports, items, looseEnds, read, save, steps } from './usecases/index.js';
import type { PlanInput, UpdateInput } from './usecases/save.js';
import type { StepInput } from './usecases/steps.js';

/** The 政务接待 service; one per app. */
export class ReceptionService {
  constructor(private readonly ctx: AppContext) {}

  list(actor: Actor, f: PlanFilter) {
    return read.list(this.ctx, actor, f);
  }
  get(actor: Actor, id: number) {
    return read.get(this.ctx, actor, id);
  }
  checklist(actor: Actor, date?: string) {
    return read.checklist(this.ctx, actor, date);
  }
  draft(actor: Actor, input: PlanInput) {
    return save.draft(this.ctx, actor, input);
  }
  update(actor: Actor, id: number, input: UpdateInput) {
    return save.update(this.ctx, actor, id, input);
  }
  step(actor: Actor, id: number, name: StepName, input: StepInput) {
    return steps.step(this.ctx, actor, id, name, input);
  }
  finishItem(actor: Actor, itemId: number, how: 'done' | 'cancel', input: { version: number; reason?: string }) {
    return items.finishItem(this.ctx, actor, itemId, how, input);
  }
  recordCosts(actor: Actor, id: number, input: { version: number; costs: { itemId: number; actualCost: number }[]; summary?: string }) {
    return items.recordCosts(this.ctx, actor, id, input);
  }
  planDocx(actor: Actor, id: number) {
    return exports.planDocx(this.ctx, actor, id);
  }
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return read.workbench(this.ctx, db, actor, now);
  }
  looseEnds(): LooseEndsProvider {
    return looseEnds.provider();
  }
  /** {@inheritDoc ReceptionContract.dossier} */
  dossier(db: Db, id: number) {
    return dossiers.dossier(db, id);
  }
  /** {@inheritDoc ReceptionContract.archivable} */
  archivable(db: Db, opts: { limit: number }) {
    return dossiers.archivable(db, opts.limit);
  }
}
