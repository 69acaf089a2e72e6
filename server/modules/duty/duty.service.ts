/** 政务值班: the thin facade routes, jobs and other modules call; every method delegates to a use case. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { DutyContract } from './duty.contract.js';
import * as jobs from './usecases/emergency-jobs.js';
import * as entries from './usecases/entries.js';
import * as handover from './usecases/handover.js';
import { looseEndsProvider } from './usecases/loose-ends.js';
import * as outcome from './usecases/outcome.js';
import * as roster from './usecases/roster.js';
import * as settings from './usecases/settings.js';
import type { DutySettings } from './usecases/common.js';
import * as swaps from './usecases/swaps.js';
import { workbench } from './usecases/workbench.js';

export class DutyService implements DutyContract {
  constructor(readonly ctx: AppContext) {}

  getRoster(actor: Actor, month: string) {
    return roster.getRoster(this.ctx, actor, month);
  }
  generateMonth(actor: Actor, input: { month: string; leaderIds: number[]; staffIds: number[] }) {
    return roster.generateMonth(this.ctx, actor, input);
  }
  rosterDocx(actor: Actor, month: string) {
    return roster.rosterDocx(this.ctx, actor, month);
  }
  requestSwap(actor: Actor, shiftId: number, input: { role: 'leader' | 'staff'; toUserId: number; reason: string }) {
    return swaps.requestSwap(this.ctx, actor, shiftId, input);
  }
  decideSwap(actor: Actor, swapId: number, version: number, approve: boolean) {
    return swaps.decideSwap(this.ctx, actor, swapId, version, approve);
  }
  registerEntry(actor: Actor, input: entries.EntryInput) {
    return entries.registerEntry(this.ctx, actor, input);
  }
  listEntries(actor: Actor, q: { open?: '0' | '1'; limit: number; offset: number }) {
    return entries.listEntries(this.ctx, actor, q);
  }
  getEntry(actor: Actor, id: number) {
    return entries.getEntry(this.ctx, actor, id);
  }
  recordOutcome(actor: Actor, id: number, input: outcome.OutcomeInput) {
    return outcome.recordOutcome(this.ctx, actor, id, input);
  }
  instruct(actor: Actor, id: number, version: number, text: string) {
    return outcome.instruct(this.ctx, actor, id, version, text);
  }
  assignOwner(actor: Actor, id: number, version: number, ownerId: number) {
    return outcome.assignOwner(this.ctx, actor, id, version, ownerId);
  }
  fileReport(actor: Actor, id: number, version: number, text: string) {
    return outcome.fileReport(this.ctx, actor, id, version, text);
  }
  handoverPage(actor: Actor, shiftId: number) {
    return handover.handoverPage(this.ctx, actor, shiftId);
  }
  signHandover(actor: Actor, shiftId: number, version: number, note: string) {
    return handover.signHandover(this.ctx, actor, shiftId, version, note);
  }
  confirmHandover(actor: Actor, id: number, version: number) {
    return handover.confirmHandover(this.ctx, actor, id, version);
  }
  getSettings(actor: Actor) {
    return settings.getSettings(this.ctx, actor);
  }
  putSettings(actor: Actor, input: DutySettings & { version: number }) {
    return settings.putSettings(this.ctx, actor, input);
  }
  remindReport(trx: Trx, job: Job) {
    return jobs.remindReport(this.ctx, trx, job);
  }
  escalateReport(trx: Trx, job: Job) {
    return jobs.escalateReport(this.ctx, trx, job);
  }
  /** {@inheritDoc DutyContract.workbench} */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return workbench(db, actor, now);
  }
  /** 件件有着落: the duty log's pending entries and the pending swaps on the office-wide board, and the checker. */
  looseEnds(): LooseEndsProvider {
    return looseEndsProvider();
  }
}
