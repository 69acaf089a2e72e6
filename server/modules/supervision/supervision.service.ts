/**
 * The 督查督办 service: a thin facade over the use cases in `usecases/`, so routes, jobs, the
 * 工作台, the seed and other modules (through `SupervisionContract`) keep one object to call. Each
 * write use case is one transaction: load → authorize → write → audit → timeline → notify; the SQL
 * is in `supervision.repo.ts` and `repo/`, the rules in `supervision.policy.ts`.
 */
import type { Writable } from 'node:stream';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef } from '../../platform/counted.js';
import { chinaDate } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import type { Job } from '../../platform/scheduler.js';
import type { CreateFromSourceInput, SourceProgress, SupervisionContract } from './supervision.contract.js';
import type { Criteria, Item, RegisterInput, SplitTaskInput, Task } from './supervision.constants.js';
import type * as repo from './supervision.repo.js';
import { readSettings, type SupervisionSettings } from './supervision.settings.js';
import {
  addTask,
  decideExtension,
  detail,
  edit,
  exportLedger,
  followUp,
  importLedger,
  instructionReport,
  issue,
  jobs,
  lists,
  records,
  register,
  registerWithTasks,
  remind,
  report,
  requestExtension,
  review,
  settings,
  split,
  stages,
  statistics,
  withdraw,
  workbench,
} from './usecases/index.js';
import type { EditInput } from './usecases/edit.js';
import { assessmentCounts, assessmentRecords, closedDatesBySource, readableRecords as readableCountedTasks } from './usecases/assessment-counts.js';
import * as dossiers from './usecases/dossier.js';

export {
  CADENCE_NAMES,
  CLOSING_CRITERIA,
  CLOSING_CRITERIA_NAMES,
  LEDGER_COUNT_CAP,
  levelName,
  SOURCE_NAMES,
  type Criteria,
  type Item,
  type RegisterInput,
  type SplitTaskInput,
  type Task,
} from './supervision.constants.js';
/** 件件有着落 (the query is in the repo; re-exported for the module's command and the tests). */
export { findLooseEnds } from './repo/supervision.stats.js';

/** The use cases of 督查督办; also the module's public contract for other modules. */
export class SupervisionService implements SupervisionContract {
  /** A keyword matching more items than this is found by scanning in the page's order instead of by the index. */
  keywordCandidates = 2000;

  constructor(readonly ctx: AppContext) {}

  /** Today's date in China (`YYYY-MM-DD`) by the injected clock; exports are named by it. */
  today(): string {
    return chinaDate(this.ctx.clock.now());
  }

  /** The module settings. */
  settings(db: Db | Trx = this.ctx.db): Promise<{ value: SupervisionSettings; version: number }> {
    return readSettings(db);
  }

  /** Changes the module settings (督查室 division head or office director). */
  /** The settings page: the settings, their version, whether the actor may change them. */
  getSettings(actor: Actor) {
    return settings.getSettings(this.ctx, actor);
  }

  putSettings(actor: Actor, version: number, value: Omit<SupervisionSettings, 'approvers'> & Partial<Pick<SupervisionSettings, 'approvers'>>) {
    return settings.putSettings(this.ctx, actor, version, value);
  }

  // ————— reads —————

  /** The item page: item, visible tasks, reports where allowed, extensions, timeline, attachments, actions. */
  getItem(actor: Actor, id: number) {
    return detail.itemDetail(this.ctx, actor, id);
  }

  /** One task (W1 of the benchmark: two primary-key reads). */
  getTask(actor: Actor, id: number) {
    return detail.taskDetail(this.ctx, actor, id);
  }

  /** 督办台账: the visible items matching the filters, by time limit (count capped). */
  ledger(actor: Actor, f: repo.LedgerFilter & { page: number; pageSize: number }) {
    return lists.ledger(this.ctx, actor, f, this.keywordCandidates);
  }

  /** Task lists: my unit's tasks (liaisons), mine (responsible person), or all visible. */
  listTasks(actor: Actor, q: { scope: 'unit' | 'mine' | 'all'; status?: string; open?: boolean; page: number; pageSize: number }) {
    return lists.listTasks(this.ctx, actor, q);
  }

  // ————— 立项, 分解立项, 交办 —————

  /** Registers an item in `trx` (立项): validated, numbered, audited, on the timeline. */
  insertItem(trx: Trx, actor: Actor, input: RegisterInput, opts: { viaContract?: boolean } = {}): Promise<Item> {
    return register.insertItem(this.ctx, trx, actor, input, opts);
  }

  /** Inserts or updates the pending tasks of an item (分解立项) in `trx`. */
  writeTasks(trx: Trx, actor: Actor, item: Item, tasks: SplitTaskInput[]): Promise<void> {
    return split.writeTasks(this.ctx, trx, actor, item, tasks);
  }

  /** 立项 by 督查室. */
  register(actor: Actor, input: RegisterInput) {
    return register.register(this.ctx, actor, input);
  }

  /** 分解立项 (item version checked). */
  split(actor: Actor, itemId: number, input: { version: number; tasks: SplitTaskInput[] }) {
    return split.split(this.ctx, actor, itemId, input);
  }

  /** Renders the 督办通知 of an item and stores its content (recorded later, in the issuing transaction). */
  prepareNotice(db: Db | Trx, item: Item, tasks: Task[]) {
    return issue.prepareNotice(this.ctx, db, item, tasks);
  }

  /** The issuing writes, in `trx`. */
  issueInTrx(trx: Trx, actor: Actor, item: Item, tasks: Task[], file: Awaited<ReturnType<FileStore['receive']>>): Promise<void> {
    return issue.issueInTrx(this.ctx, trx, actor, item, tasks, file);
  }

  /** 交办. */
  issue(actor: Actor, itemId: number, input: { version: number }) {
    return issue.issue(this.ctx, actor, itemId, input);
  }

  // ————— 情况反馈, 审核把关, 催办, 延期, 回访 —————

  /** 情况反馈 by the unit (task version checked). */
  report(actor: Actor, taskId: number, input: { version: number; content: string; final: boolean }) {
    return report.report(this.ctx, actor, taskId, input);
  }

  /** The writes of a 情况反馈 in `trx` (the caller checked read, policy and version). */
  reportInTrx(trx: Trx, actor: Actor, task: Task, input: { content: string; final: boolean }) {
    return report.reportInTrx(this.ctx, trx, actor, task, input);
  }

  /** 审核把关 by 督查室. */
  review(actor: Actor, taskId: number, input: { version: number; decision: 'accept' | 'return'; reason?: string; criteria?: Criteria }) {
    return review.review(this.ctx, actor, taskId, input);
  }

  /** The writes of 审核把关 in `trx` (the caller checked read, policy and version). */
  reviewInTrx(trx: Trx, actor: Actor, task: Task, input: { decision: 'accept' | 'return'; reason?: string; criteria?: Criteria }) {
    return review.reviewInTrx(this.ctx, trx, actor, task, input);
  }

  /** 催办 by 督查室. */
  remind(actor: Actor, taskId: number, input: { message: string }) {
    return remind.remind(this.ctx, actor, taskId, input);
  }

  /** 延期申请 by the unit. */
  requestExtension(actor: Actor, taskId: number, input: { version: number; reason: string; requestedDeadline: string }) {
    return requestExtension.requestExtension(this.ctx, actor, taskId, input);
  }

  /** The writes of a 延期申请 in `trx` (the caller checked read, policy, version and the deadline). */
  extensionInTrx(trx: Trx, actor: Actor, task: Task, input: { reason: string; requestedDeadline: string }) {
    return requestExtension.extensionInTrx(this.ctx, trx, actor, task, input);
  }

  /** Approves or refuses an extension request. */
  decideExtension(actor: Actor, extensionId: number, input: { version: number; approve: boolean; newDeadline?: string; comment?: string }) {
    return decideExtension.decideExtension(this.ctx, actor, extensionId, input);
  }

  /** 结果回访 and 销号. */
  followUp(actor: Actor, itemId: number, input: { version: number; note: string; rating: number }) {
    return followUp.followUp(this.ctx, actor, itemId, input);
  }

  /** The writes of 结果回访 and 销号 in `trx`. */
  followUpInTrx(trx: Trx, actor: Actor, item: Item, input: { note: string; rating: number }) {
    return followUp.followUpInTrx(this.ctx, trx, actor, item, input);
  }

  // ————— after 立项: 修改, 撤销, 调整分工, 节点, 提出建议, 督办协调, 批示件办理情况报告 —————

  /** 修改 an open item (督查室; the units told which fields changed). */
  editItem(actor: Actor, itemId: number, input: EditInput) {
    return edit.editItem(this.ctx, actor, itemId, input);
  }

  /** 撤销 an item with a reason. */
  withdrawItem(actor: Actor, itemId: number, input: { version: number; reason: string }) {
    return withdraw.withdrawItem(this.ctx, actor, itemId, input);
  }

  /** 撤销任务: a co-unit's task not yet reported on. */
  cancelTask(actor: Actor, taskId: number, input: { version: number; reason: string }) {
    return withdraw.cancelTask(this.ctx, actor, taskId, input);
  }

  /** 调整分工: a task for another unit on an issued item. */
  addTask(actor: Actor, itemId: number, input: { version: number; unitId: number; responsibleUserId: number; deadline: string }) {
    return addTask.addTask(this.ctx, actor, itemId, input);
  }

  /** 添加节点 to an open task. */
  addStage(actor: Actor, taskId: number, input: { version: number; name: string; deadline: string }) {
    return stages.addStage(this.ctx, actor, taskId, input);
  }

  /** 完成节点 by the unit, with a note. */
  completeStage(actor: Actor, stageId: number, input: { version: number; note: string }) {
    return stages.completeStage(this.ctx, actor, stageId, input);
  }

  /** 提出建议 on an item. */
  recommend(actor: Actor, itemId: number, input: { content: string; toLeader: boolean; unitIds: number[] }) {
    return records.recommend(this.ctx, actor, itemId, input);
  }

  /** 督办协调 record on an item. */
  coordinate(actor: Actor, itemId: number, input: { unitIds: number[]; issue: string; outcome: string; date: string }) {
    return records.coordinate(this.ctx, actor, itemId, input);
  }

  /** 批示件办理情况报告 (DOCX). */
  instructionReport(actor: Actor, itemId: number) {
    return instructionReport.instructionReport(this.ctx, actor, itemId);
  }

  // ————— jobs —————

  /** Job handler: a stage's 催办. */
  runStageReminder(trx: Trx, job: Job): Promise<void> {
    return stages.runStageReminder(this.ctx, trx, job);
  }

  /** Job handler: automatic 催办. */
  runReminder(trx: Trx, job: Job): Promise<void> {
    return jobs.runReminder(this.ctx, trx, job);
  }

  /** Job handler: escalation to the responsible leader. */
  runEscalation(trx: Trx, job: Job): Promise<void> {
    return jobs.runEscalation(this.ctx, trx, job);
  }

  // ————— contract for other modules —————

  /** {@inheritDoc SupervisionContract.createFromSource} */
  createFromSource(trx: Trx, actor: Actor, input: CreateFromSourceInput): Promise<{ id: number; number: string }> {
    return registerWithTasks.createFromSource(this.ctx, trx, actor, input);
  }

  /** 立项 plus a default 分解: one task per unit, its liaison responsible, the item's time limit. */
  registerWithTasks(trx: Trx, actor: Actor, input: RegisterInput, opts: { viaContract?: boolean } = {}): Promise<{ id: number; number: string }> {
    return registerWithTasks.registerWithTasks(this.ctx, trx, actor, input, opts);
  }

  /** {@inheritDoc SupervisionContract.countsByUnit} */
  countsByUnit(db: Db | Trx, from: string, to: string) {
    return assessmentCounts(db, from, to);
  }

  /** {@inheritDoc SupervisionContract.assessmentCounts} */
  assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds: readonly number[]) {
    return assessmentRecords(db, period, unitIds);
  }

  /** {@inheritDoc SupervisionContract.readableRecords} */
  readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]) {
    return readableCountedTasks(db, actor, refs);
  }

  /** {@inheritDoc SupervisionContract.closedBySource} */
  closedBySource(db: Db | Trx, sourceType: string, sourceIds: readonly number[]) {
    return closedDatesBySource(db, sourceType, sourceIds);
  }

  /** {@inheritDoc SupervisionContract.dossier} */
  dossier(db: Db, id: number) {
    return dossiers.dossier(db, id);
  }

  /** {@inheritDoc SupervisionContract.archivable} */
  archivable(db: Db, opts: { limit: number }) {
    return dossiers.archivable(db, opts.limit);
  }

  /** {@inheritDoc SupervisionContract.progressBySource} */
  progressBySource(db: Db, actor: Actor, sourceType: string, sourceIds: number[]): Promise<Record<number, SourceProgress[]>> {
    return workbench.progressBySource(this.ctx, db, actor, sourceType, sourceIds);
  }

  // ————— 工作台, statistics, exports, imports —————

  /** The actor's own pending supervision work for the 工作台. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return workbench.workbench(this.ctx, db, actor, now);
  }

  /** 超期任务（按单位）: open tasks past their time limit now, per unit. */
  overdueByUnit(actor: Actor) {
    return statistics.overdueByUnit(this.ctx, actor);
  }

  /** Statistics (调研分析), visibility-filtered. */
  stats(actor: Actor, q: { from?: string; to?: string }) {
    return statistics.stats(this.ctx, actor, q);
  }

  /** 定期分类汇总分析 as DOCX for a date range (visibility-filtered, audited). */
  summaryDocx(actor: Actor, q: { from: string; to: string }): Promise<{ filename: string; buffer: Buffer }> {
    return statistics.summaryDocx(this.ctx, actor, q);
  }

  /** 台账 export: streams the filtered, visible ledger as .xlsx into `out`; audited. */
  exportLedger(actor: Actor, f: repo.LedgerFilter, out: Writable): Promise<number> {
    return exportLedger.exportLedger(this.ctx, actor, f, out, this.keywordCandidates);
  }

  /** 台账 import: validates every row and reports row by row ('all' or 'valid'), in one transaction. */
  importLedger(actor: Actor, buffer: Buffer, mode: 'all' | 'valid', dryRun = false) {
    return importLedger.importLedger(this.ctx, actor, buffer, mode, dryRun);
  }
}
