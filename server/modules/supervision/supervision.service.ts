/**
 * 督查督办 use cases. Each write is one transaction: policy → write → audit entry → timeline row →
 * notifications. Reads check the policy on loaded rows (404 when refused); lists, counts, exports
 * and statistics filter in SQL with the policy's visibility filters.
 */
import { Readable, type Writable } from 'node:stream';
import { sql } from 'kysely';
import { LEVELS, type Light } from '../../../common/enums.js';
import type { Db, Trx } from '../../db/client.js';
import { hasRole, isBusinessUser, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { authorizeRead } from '../../platform/authz.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, StaleVersionError } from '../../platform/errors.js';
import type { FileStore as FileStoreLike } from '../../platform/files.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import type { Job } from '../../platform/scheduler.js';
import type { CreateFromSourceInput, SourceProgress, SupervisionContract } from './supervision.contract.js';
import { renderNotice, renderSummary } from './supervision.documents.js';
import { readImportRows, writeLedger, type LedgerRow } from './supervision.excel.js';
import { isSupervisionOffice, itemsVisibleTo, SUPERVISION_OFFICE_CODE, supervisionPolicy, tasksVisibleTo } from './supervision.policy.js';
import * as repo from './supervision.repo.js';
import { assessmentCounts } from './usecases/assessment-counts.js';
import { readSettings, writeSettings, type SupervisionSettings } from './supervision.settings.js';
import type { SupervisionItemTable, SupervisionTaskTable } from './supervision.tables.js';
import { ITEM_OPEN, ITEM_STATES, itemWorkflow, TASK_OPEN, TASK_STATES, TASK_WORKING, taskWorkflow } from './supervision.workflow.js';

type Selected<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };
/** A loaded item row. */
export type Item = Selected<SupervisionItemTable>;
/** A loaded task row. */
export type Task = Selected<SupervisionTaskTable>;

/** 督查来源 names. */
export const SOURCE_NAMES: Record<string, { zh: string; en: string }> = {
  decision: { zh: '决策督查', en: 'Decision' },
  instruction: { zh: '专项督查', en: 'Instruction' },
  assessment: { zh: '考核督查', en: 'Assessment' },
};
/** 反馈周期 names. */
export const CADENCE_NAMES: Record<string, { zh: string; en: string }> = {
  once: { zh: '一次性反馈', en: 'Once' },
  weekly: { zh: '每周反馈', en: 'Weekly' },
  monthly: { zh: '每月反馈', en: 'Monthly' },
  dates: { zh: '按日期反馈', en: 'On dates' },
};
/** 办结标准 (criteria to close an instruction item). */
export const CLOSING_CRITERIA = ['factsClear', 'problemSolved', 'instructionImplemented', 'conclusionAccurate', 'handlingProper'] as const;
/** Their Chinese names. */
export const CLOSING_CRITERIA_NAMES: Record<(typeof CLOSING_CRITERIA)[number], string> = {
  factsClear: '事实清楚',
  problemSolved: '问题解决',
  instructionImplemented: '批示落实',
  conclusionAccurate: '结论准确',
  handlingProper: '处理恰当',
};
const DEFAULT_CRITERIA = '事实清楚、问题解决、批示落实、结论准确、处理恰当';
const LIAISON_ROLES = ['liaison'] as const;

/** 立项 input (督查室). */
export interface RegisterInput {
  source: 'decision' | 'instruction' | 'assessment';
  sourceType?: string | null;
  sourceId?: number | null;
  sourceRef?: string | null;
  instructedBy?: string | null;
  instructedById?: number | null;
  instructedAt?: string | null;
  instructionText?: string | null;
  title: string;
  requirement: string;
  priority?: number;
  level: number;
  leadUnitId: number;
  coUnitIds?: number[];
  responsibleLeaderId?: number | null;
  responsibleUserId?: number | null;
  deadline: string;
  cadence?: 'once' | 'weekly' | 'monthly' | 'dates';
  cadenceDates?: string[];
  closingCriteria?: string | null;
}

/** One unit's task in 分解立项. */
export interface SplitTaskInput {
  unitId: number;
  responsibleUserId: number;
  deadline: string;
  stages?: { name: string; deadline: string }[];
}

/** The criteria 督查室 checks when accepting. */
export type Criteria = Partial<Record<(typeof CLOSING_CRITERIA)[number], boolean>>;

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
function addMonths(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}
/** 09:00 China time of a date, as an instant. */
function morningOf(date: string): Date {
  return new Date(`${date}T01:00:00Z`);
}
function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`;
}

/** The use cases of 督查督办; also the module's public contract for other modules. */
/** The ledger counts matches up to this many (see `ledger`). */
export const LEDGER_COUNT_CAP = 1000;

export class SupervisionService implements SupervisionContract {
  /** A keyword matching more items than this is found by scanning in the page's order instead of by the index. */
  keywordCandidates = 2000;

  constructor(readonly ctx: AppContext) {}

  private get db(): Db {
    return this.ctx.db;
  }
  private now(): Date {
    return this.ctx.clock.now();
  }
  /** Today's date in China (`YYYY-MM-DD`) by the injected clock; exports are named by it. */
  today(): string {
    return chinaDate(this.now());
  }

  /** The module settings. */
  settings(db: Db | Trx = this.db): Promise<{ value: SupervisionSettings; version: number }> {
    return readSettings(db);
  }

  /** Changes the module settings (督查室 division head or office director). */
  async putSettings(actor: Actor, version: number, value: SupervisionSettings) {
    if (!isSupervisionOffice(actor) || !hasRole(actor, 'division_head', 'director')) throw new ForbiddenError('supervision.not_office');
    return this.db.transaction().execute(async (trx) => {
      const before = await readSettings(trx);
      const next = await writeSettings(trx, version, value, this.now());
      await this.ctx.audit.append(trx, {
        actor,
        action: 'supervision.settings_update',
        targetType: 'setting',
        targetId: 'supervision',
        changes: { settings: [before.value, value] },
      });
      return { settings: value, version: next };
    });
  }

  // ————— lights and presenters —————

  private light(deadline: string | null, done: boolean, yellowDays: number): Light {
    return this.ctx.calendar.light(deadline, this.now(), { done, yellowDays });
  }

  private async presentItems(db: Db | Trx, items: Item[], yellowDays: number) {
    const ids = items.map((i) => i.id);
    const tasks = ids.length
      ? await db.selectFrom('supervision_task').select(['item_id', 'unit_id', 'is_lead', 'status']).where('item_id', 'in', ids).execute()
      : [];
    const planned = new Map(items.map((i) => [i.id, i.co_unit_ids ? (JSON.parse(i.co_unit_ids) as number[]) : []]));
    const units = await repo.unitNames(db, [...items.map((i) => i.lead_unit_id), ...tasks.map((t) => t.unit_id), ...[...planned.values()].flat()]);
    const users = await repo.userNames(
      db,
      items.flatMap((i) => [i.responsible_leader_id, i.responsible_user_id]),
    );
    return items.map((i) => {
      const its = tasks.filter((t) => t.item_id === i.id);
      const done = i.status === 'concluded' || i.status === 'closed';
      return {
        id: i.id,
        number: i.number,
        title: i.title,
        requirement: i.requirement,
        source: i.source,
        sourceName: SOURCE_NAMES[i.source]?.zh ?? i.source,
        sourceType: i.source_type,
        sourceId: i.source_id,
        sourceRef: i.source_ref,
        instructedBy: i.instructed_by,
        instructedById: i.instructed_by_id,
        instructedAt: i.instructed_at,
        instructionText: i.instruction_text,
        priority: i.priority,
        level: i.level,
        leadUnitId: i.lead_unit_id,
        leadUnitName: units.get(i.lead_unit_id) ?? '',
        coUnits: [...new Set([...(planned.get(i.id) ?? []), ...its.filter((t) => !t.is_lead).map((t) => t.unit_id)])].map((u) => ({
          id: u,
          name: units.get(u) ?? '',
        })),
        responsibleLeaderId: i.responsible_leader_id,
        responsibleLeaderName: i.responsible_leader_id ? (users.get(i.responsible_leader_id) ?? null) : null,
        responsibleUserId: i.responsible_user_id,
        responsibleUserName: users.get(i.responsible_user_id) ?? '',
        deadline: i.deadline,
        cadence: i.cadence,
        cadenceDates: i.cadence_dates ? (JSON.parse(i.cadence_dates) as string[]) : [],
        closingCriteria: i.closing_criteria,
        status: i.status,
        statusName: ITEM_STATES[i.status as keyof typeof ITEM_STATES]?.zh ?? i.status,
        light: this.light(i.deadline, done, yellowDays),
        progress: {
          tasks: its.length,
          accepted: its.filter((t) => t.status === 'accepted').length,
          submitted: its.filter((t) => t.status === 'submitted').length,
        },
        issuedAt: i.issued_at,
        concludedAt: i.concluded_at,
        closedAt: i.closed_at,
        followupNote: i.followup_note,
        rating: i.rating,
        noticeAttachmentId: i.notice_attachment_id,
        version: i.version,
        createdAt: i.created_at,
      };
    });
  }

  private presentTask(t: Task, names: { units: Map<number, string>; users: Map<number, string> }, yellowDays: number) {
    return {
      id: t.id,
      itemId: t.item_id,
      unitId: t.unit_id,
      unitName: names.units.get(t.unit_id) ?? '',
      isLead: t.is_lead === 1,
      responsibleUserId: t.responsible_user_id,
      responsibleUserName: names.users.get(t.responsible_user_id) ?? '',
      deadline: t.deadline,
      status: t.status,
      statusName: TASK_STATES[t.status as keyof typeof TASK_STATES]?.zh ?? t.status,
      light: this.light(t.deadline, t.status === 'accepted', yellowDays),
      level: t.level,
      lastReportAt: t.last_report_at,
      nextReportDue: t.next_report_due,
      reportOverdue: t.next_report_due !== null && TASK_WORKING.includes(t.status as never) && t.next_report_due < this.today(),
      returnCount: t.return_count,
      extensionCount: t.extension_count,
      escalatedAt: t.escalated_at,
      acceptedAt: t.accepted_at,
      version: t.version,
    };
  }

  private taskActions(actor: Actor, t: Task, s: SupervisionSettings, pendingExtension: boolean): string[] {
    const out: string[] = [];
    if (supervisionPolicy.report(actor, t)) out.push('report', 'request_close');
    if (supervisionPolicy.requestExtension(actor, t, this.today()) && !pendingExtension) out.push('request_extension');
    if (supervisionPolicy.review(actor, t)) out.push('accept', 'return');
    if (supervisionPolicy.remind(actor, t)) out.push('remind');
    if (pendingExtension && supervisionPolicy.decideExtension(actor, t, s)) out.push('decide_extension');
    return out;
  }

  // ————— reads —————

  private async loadItemFor(db: Db | Trx, actor: Actor, id: number, action = 'supervision.item.read') {
    const item = await repo.findItem(db, id);
    if (!item) throw new NotFoundError();
    const tasks = await repo.tasksOfItem(db, id);
    let ok = supervisionPolicy.readItem(
      actor,
      item,
      tasks.map((t) => t.unit_id),
    );
    if (!ok && isBusinessUser(actor) && item.level <= actor.clearance) ok = await repo.itemShared(db, actor, id);
    authorizeRead(ok, action, 'supervision_item', id);
    return { item, tasks };
  }

  private async loadTaskFor(db: Db | Trx, actor: Actor, id: number, action = 'supervision.task.read') {
    const task = await repo.findTask(db, id);
    if (!task) throw new NotFoundError();
    let ok = supervisionPolicy.readTask(actor, task);
    if (!ok && isBusinessUser(actor) && task.level <= actor.clearance) ok = await repo.itemShared(db, actor, task.item_id);
    authorizeRead(ok, action, 'supervision_task', id);
    return task;
  }

  /** The item page: item, the tasks the actor may see, their reports where allowed, extensions, timeline, attachments, actions. */
  async getItem(actor: Actor, id: number) {
    const db = this.db;
    const { item, tasks } = await this.loadItemFor(db, actor, id);
    const s = (await this.settings(db)).value;
    const shared = await repo.itemShared(db, actor, id);
    const visibleTasks = tasks.filter((t) => supervisionPolicy.readTask(actor, t, shared));
    const reportTaskIds = visibleTasks.filter((t) => supervisionPolicy.readReports(actor, t, shared)).map((t) => t.id);
    const [stages, reports, extensions, events] = await Promise.all([
      repo.stagesOf(
        db,
        visibleTasks.map((t) => t.id),
      ),
      repo.reportsOf(db, reportTaskIds),
      repo.extensionsOf(db, reportTaskIds),
      repo.eventsOf(db, id),
    ]);
    const names = {
      units: await repo.unitNames(db, [item.lead_unit_id, ...tasks.map((t) => t.unit_id)]),
      users: await repo.userNames(db, [
        ...visibleTasks.map((t) => t.responsible_user_id),
        ...reports.flatMap((r) => [r.submitted_by, r.reviewed_by]),
        ...extensions.flatMap((e) => [e.requested_by, e.decided_by]),
      ]),
    };
    const [presented] = await this.presentItems(db, [item], s.yellowDays);
    const reportFiles = await Promise.all(reports.map((r) => this.ctx.files.listFor(db, 'supervision_report', r.id)));
    const visibleTaskIds = new Set(reportTaskIds);
    return {
      item: presented!,
      actions: [
        ...(supervisionPolicy.manageItem(actor, item) && item.status === 'registered' ? ['split', 'issue'] : []),
        ...(supervisionPolicy.manageItem(actor, item) && item.status === 'concluded' ? ['close'] : []),
      ],
      tasks: visibleTasks.map((t) => {
        const pending = extensions.some((e) => e.task_id === t.id && e.status === 'pending');
        return {
          ...this.presentTask(t, names, s.yellowDays),
          stages: stages
            .filter((st) => st.task_id === t.id)
            .map((st) => ({ id: st.id, seq: st.seq, name: st.name, deadline: st.deadline, doneAt: st.done_at })),
          canReadReports: visibleTaskIds.has(t.id),
          actions: this.taskActions(actor, t, s, pending),
        };
      }),
      reports: reports.map((r, k) => ({
        id: r.id,
        taskId: r.task_id,
        kind: r.kind,
        content: r.content,
        submittedBy: names.users.get(r.submitted_by) ?? '',
        submittedById: r.submitted_by,
        submittedAt: r.submitted_at,
        late: r.late === 1,
        reviewStatus: r.review_status,
        reviewComment: r.review_comment,
        criteria: r.criteria ? JSON.parse(r.criteria) : null,
        reviewedBy: r.reviewed_by ? (names.users.get(r.reviewed_by) ?? null) : null,
        reviewedAt: r.reviewed_at,
        attachments: reportFiles[k]!,
      })),
      extensions: extensions.map((e) => ({
        id: e.id,
        taskId: e.task_id,
        reason: e.reason,
        oldDeadline: e.old_deadline,
        requestedDeadline: e.requested_deadline,
        status: e.status,
        requestedBy: names.users.get(e.requested_by) ?? '',
        decidedBy: e.decided_by ? (names.users.get(e.decided_by) ?? null) : null,
        decidedAt: e.decided_at,
        comment: e.decision_comment,
        newDeadline: e.new_deadline,
        version: e.version,
        createdAt: e.created_at,
      })),
      timeline: events
        .filter((e) => e.task_id === null || visibleTaskIds.has(e.task_id))
        .map((e) => ({
          id: e.id,
          taskId: e.task_id,
          kind: e.kind,
          actorName: e.actor_name,
          at: e.at,
          message: e.message,
          detail: e.detail ? JSON.parse(e.detail) : null,
        })),
      attachments: await this.ctx.files.listFor(db, 'supervision_item', id),
    };
  }

  /** One task (W1 of the benchmark: two primary-key reads). */
  async getTask(actor: Actor, id: number) {
    const task = await this.loadTaskFor(this.db, actor, id);
    const item = (await repo.findItem(this.db, task.item_id))!;
    const s = (await this.settings()).value;
    const names = { units: await repo.unitNames(this.db, [task.unit_id]), users: await repo.userNames(this.db, [task.responsible_user_id]) };
    return {
      task: { ...this.presentTask(task, names, s.yellowDays), itemNumber: item.number, itemTitle: item.title, itemStatus: item.status },
      actions: this.taskActions(actor, task, s, false),
    };
  }

  /** 督办台账: the visible items matching the filters, by time limit. */
  async ledger(actor: Actor, f: repo.LedgerFilter & { page: number; pageSize: number }) {
    const s = (await this.settings()).value;
    const th = this.ctx.calendar.lightThresholds(this.now(), s.yellowDays);
    const base = repo.ledgerQuery(this.db, actor, await this.withKeywordCandidates(f), th);
    // counting stops past the cap: at a million items an exact count of a broad filter costs more than
    // the page itself, and nobody pages past it (the web shows "1000+"; statistics give exact figures)
    const { n } = await this.db
      .selectFrom(
        base
          .select(sql<number>`1`.as('one'))
          .limit(LEDGER_COUNT_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('supervision_item')
      .orderBy('supervision_item.deadline')
      .orderBy('supervision_item.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return {
      total: Math.min(Number(n), LEDGER_COUNT_CAP),
      totalCapped: Number(n) > LEDGER_COUNT_CAP,
      items: await this.presentItems(this.db, rows, s.yellowDays),
      canRegister: isSupervisionOffice(actor),
    };
  }

  /** The filter with the search index's candidates for its keyword (see `LedgerFilter.matchedIds`). */
  private async withKeywordCandidates<F extends repo.LedgerFilter>(f: F): Promise<F> {
    return f.q ? { ...f, matchedIds: await this.ctx.search.matchItemIds(this.db, 'supervision_item', f.q, this.keywordCandidates) } : f;
  }

  /** Task lists: my unit's tasks (liaisons), mine (responsible person), or all visible. */
  async listTasks(actor: Actor, q: { scope: 'unit' | 'mine' | 'all'; status?: string; open?: boolean; page: number; pageSize: number }) {
    const s = (await this.settings()).value;
    const f: repo.TaskFilter = {
      status: q.status,
      open: q.open,
      ...(q.scope === 'unit' ? { unitId: actor.unitId } : q.scope === 'mine' ? { responsibleUserId: actor.id } : {}),
    };
    const base = repo.taskQuery(this.db, actor, f);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('supervision_task')
      .select(['supervision_item.number as item_number', 'supervision_item.title as item_title'])
      .orderBy('supervision_task.deadline')
      .orderBy('supervision_task.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const names = {
      units: await repo.unitNames(
        this.db,
        rows.map((r) => r.unit_id),
      ),
      users: await repo.userNames(
        this.db,
        rows.map((r) => r.responsible_user_id),
      ),
    };
    return { total: Number(n), items: rows.map((r) => ({ ...this.presentTask(r, names, s.yellowDays), itemNumber: r.item_number, itemTitle: r.item_title })) };
  }

  // ————— 立项 and 分解立项 —————

  private async checkLevel(db: Db | Trx, actor: Actor, level: number): Promise<void> {
    const enabled = (await this.ctx.settings.get(db)).value.enabledLevels;
    if (!enabled.includes(level)) throw new RuleError('level.not_enabled');
    if (level > actor.clearance) throw new RuleError('level.above_clearance');
  }

  private async checkUnits(db: Db | Trx, ids: number[]): Promise<void> {
    const uniq = [...new Set(ids)];
    const rows = await db.selectFrom('unit').select('id').where('id', 'in', uniq).where('active', '=', 1).execute();
    const found = new Set(rows.map((r) => r.id));
    const missing = uniq.find((u) => !found.has(u));
    if (missing !== undefined) throw new RuleError('supervision.unit_unknown', { unit: missing });
  }

  private async checkUser(db: Db | Trx, id: number, unitId?: number): Promise<void> {
    const u = await db.selectFrom('user').select(['id', 'unit_id', 'disabled']).where('id', '=', id).executeTakeFirst();
    if (!u || u.disabled) throw new RuleError('supervision.user_unknown', { user: id });
    if (unitId !== undefined && u.unit_id !== unitId) throw new RuleError('supervision.user_not_in_unit');
  }

  /** Registers an item in `trx` (立项): validated, numbered, audited, on the timeline. */
  async insertItem(trx: Trx, actor: Actor, input: RegisterInput, opts: { viaContract?: boolean } = {}): Promise<Item> {
    // Another module (会后督办, 批办转督办) may register on 督查室's behalf: the item then belongs to 督查室,
    // handled by its head, and the registering user keeps need-to-know as its creator.
    let ownerUnitId = actor.unitId;
    let handler = input.responsibleUserId ?? actor.id;
    if (!isSupervisionOffice(actor)) {
      if (!opts.viaContract) throw new ForbiddenError('supervision.not_office');
      const office = await trx.selectFrom('unit').select('id').where('code', '=', SUPERVISION_OFFICE_CODE).where('active', '=', 1).executeTakeFirst();
      if (!office) throw new RuleError('supervision.unit_unknown', { unit: '督查室' });
      ownerUnitId = office.id;
      const head = (await repo.usersOfUnit(trx, office.id, ['division_head']))[0];
      if (!head) throw new RuleError('supervision.unit_without_person', { unit: '督查室' });
      handler = input.responsibleUserId ?? head.id;
    }
    await this.checkLevel(trx, actor, input.level);
    const coUnits = [...new Set(input.coUnitIds ?? [])].filter((u) => u !== input.leadUnitId);
    await this.checkUnits(trx, [input.leadUnitId, ...coUnits]);
    if (input.responsibleLeaderId) await this.checkUser(trx, input.responsibleLeaderId);
    if (input.instructedById) await this.checkUser(trx, input.instructedById);
    const responsible = handler;
    await this.checkUser(trx, responsible);
    if (input.deadline < this.today()) throw new RuleError('supervision.deadline_past');
    const cadence = input.cadence ?? 'once';
    if (cadence === 'dates' && !(input.cadenceDates ?? []).length) throw new RuleError('supervision.cadence_dates');
    const now = this.now();
    const year = chinaYear(now);
    const serial = await nextSerial(trx, '督字', year);
    const number = formatSerial('督字', year, serial);
    const at = iso(now);
    const row = await trx
      .insertInto('supervision_item')
      .values({
        number,
        year,
        serial,
        title: input.title,
        requirement: input.requirement,
        source: input.source,
        source_type: input.sourceType ?? null,
        source_id: input.sourceId ?? null,
        source_ref: input.sourceRef ?? null,
        instructed_by: input.instructedBy ?? null,
        instructed_by_id: input.instructedById ?? null,
        instructed_at: input.instructedAt ?? null,
        instruction_text: input.instructionText ?? null,
        priority: input.priority ?? 2,
        level: input.level,
        owner_unit_id: ownerUnitId,
        lead_unit_id: input.leadUnitId,
        co_unit_ids: JSON.stringify(coUnits),
        responsible_leader_id: input.responsibleLeaderId ?? null,
        responsible_user_id: responsible,
        deadline: input.deadline,
        cadence,
        cadence_dates: cadence === 'dates' ? JSON.stringify([...(input.cadenceDates ?? [])].sort()) : null,
        closing_criteria: input.closingCriteria?.trim() || DEFAULT_CRITERIA,
        status: 'registered',
        created_by: actor.id,
        issued_at: null,
        concluded_at: null,
        closed_at: null,
        followup_note: null,
        rating: null,
        notice_attachment_id: null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.ctx.audit.append(trx, {
      actor,
      action: 'supervision.item.register',
      targetType: 'supervision_item',
      targetId: row.id,
      detail: {
        number,
        source: input.source,
        sourceType: input.sourceType ?? null,
        sourceId: input.sourceId ?? null,
        level: input.level,
        leadUnitId: input.leadUnitId,
        deadline: input.deadline,
      },
    });
    await repo.insertEvent(trx, { itemId: row.id, kind: 'register', actor, at: now, message: `立项：${number}`, detail: { source: input.source } });
    await this.ctx.search.index(trx, repo.itemSearchDoc(row, []));
    return row;
  }

  /** Inserts or updates the pending tasks of an item (分解立项) in `trx`. */
  async writeTasks(trx: Trx, actor: Actor, item: Item, tasks: SplitTaskInput[]): Promise<void> {
    const today = this.today();
    await this.checkUnits(
      trx,
      tasks.map((t) => t.unitId),
    );
    const existing = await repo.tasksOfItem(trx, item.id);
    if (!tasks.some((t) => t.unitId === item.lead_unit_id) && !existing.some((t) => t.unit_id === item.lead_unit_id))
      throw new RuleError('supervision.lead_task_missing');
    const at = iso(this.now());
    for (const t of tasks) {
      await this.checkUser(trx, t.responsibleUserId, t.unitId);
      if (t.deadline < today) throw new RuleError('supervision.deadline_past');
      const stages = t.stages ?? [];
      for (let k = 0; k < stages.length; k++) {
        if (stages[k]!.deadline > t.deadline || (k > 0 && stages[k]!.deadline < stages[k - 1]!.deadline) || stages[k]!.deadline < today)
          throw new RuleError('supervision.stage_after_deadline');
      }
      const prev = existing.find((e) => e.unit_id === t.unitId);
      let taskId: number;
      if (prev) {
        if (prev.status !== 'pending') throw new RuleError('supervision.task_issued');
        await trx
          .updateTable('supervision_task')
          .set({ responsible_user_id: t.responsibleUserId, deadline: t.deadline, version: prev.version + 1, updated_at: at })
          .where('id', '=', prev.id)
          .execute();
        await trx
          .updateTable('supervision_stage')
          .set({ done_at: at, name: sql<string>`name || '（已撤销）'`, updated_at: at })
          .where('task_id', '=', prev.id)
          .where('done_at', 'is', null)
          .execute();
        taskId = prev.id;
      } else {
        const row = await trx
          .insertInto('supervision_task')
          .values({
            item_id: item.id,
            unit_id: t.unitId,
            is_lead: t.unitId === item.lead_unit_id ? 1 : 0,
            responsible_user_id: t.responsibleUserId,
            deadline: t.deadline,
            status: 'pending',
            level: item.level,
            owner_unit_id: item.owner_unit_id,
            lead_unit_id: item.lead_unit_id,
            leader_id: item.responsible_leader_id,
            last_report_at: null,
            next_report_due: null,
            escalated_at: null,
            accepted_at: null,
            accepted_on_time: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        taskId = row.id;
      }
      const maxSeq = Number(
        (
          await trx
            .selectFrom('supervision_stage')
            .select((eb) => eb.fn.max('seq').as('m'))
            .where('task_id', '=', taskId)
            .executeTakeFirst()
        )?.m ?? 0,
      );
      for (let k = 0; k < stages.length; k++) {
        await trx
          .insertInto('supervision_stage')
          .values({ task_id: taskId, seq: maxSeq + k + 1, name: stages[k]!.name, deadline: stages[k]!.deadline, done_at: null, created_at: at, updated_at: at })
          .execute();
      }
    }
    const units = await repo.unitNames(
      trx,
      tasks.map((t) => t.unitId),
    );
    await this.ctx.audit.append(trx, {
      actor,
      action: 'supervision.item.split',
      targetType: 'supervision_item',
      targetId: item.id,
      detail: { tasks: tasks.map((t) => ({ unitId: t.unitId, responsibleUserId: t.responsibleUserId, deadline: t.deadline, stages: t.stages?.length ?? 0 })) },
    });
    await repo.insertEvent(trx, {
      itemId: item.id,
      kind: 'split',
      actor,
      at: this.now(),
      message: `分解立项：${tasks.map((t) => units.get(t.unitId)).join('、')}`,
    });
    // the task units now have need-to-know: the index says so too
    await this.ctx.search.index(
      trx,
      repo.itemSearchDoc(
        item,
        (await repo.tasksOfItem(trx, item.id)).map((t) => t.unit_id),
      ),
    );
  }

  /** 立项 by 督查室. */
  async register(actor: Actor, input: RegisterInput) {
    const id = await this.db.transaction().execute(async (trx) => (await this.insertItem(trx, actor, input)).id);
    return this.getItem(actor, id);
  }

  /** 分解立项: one task per responsible unit, each with person, time limit and stages. Item version is checked. */
  async split(actor: Actor, itemId: number, input: { version: number; tasks: SplitTaskInput[] }) {
    await this.db.transaction().execute(async (trx) => {
      const { item } = await this.loadItemFor(trx, actor, itemId);
      if (!supervisionPolicy.manageItem(actor, item)) throw new ForbiddenError('supervision.not_office');
      if (item.version !== input.version) throw new StaleVersionError({ current: item.version });
      if (item.status !== 'registered')
        throw new ConflictError('workflow.invalid_transition', {
          state: ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status,
          action: '分解立项',
        });
      await this.writeTasks(trx, actor, item, input.tasks);
      const r = await trx
        .updateTable('supervision_item')
        .set({ version: item.version + 1, updated_at: iso(this.now()) })
        .where('id', '=', item.id)
        .where('version', '=', item.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new StaleVersionError();
    });
    return this.getItem(actor, itemId);
  }

  /** The first periodic report date after `from` by the item's cadence (null for one-off). */
  private nextReportDue(item: Pick<Item, 'cadence' | 'cadence_dates' | 'deadline'>, from: string): string | null {
    let d: string | null = null;
    if (item.cadence === 'weekly') d = addDays(from, 7);
    else if (item.cadence === 'monthly') d = addMonths(from, 1);
    else if (item.cadence === 'dates') d = (JSON.parse(item.cadence_dates ?? '[]') as string[]).find((x) => x > from) ?? null;
    return d !== null && d < item.deadline ? d : null;
  }

  private async scheduleReminders(trx: Trx, task: Pick<Task, 'id' | 'deadline'>, s: SupervisionSettings): Promise<void> {
    for (const k of s.remindBeforeDays)
      await this.ctx.scheduler.schedule(trx, {
        kind: 'supervision.remind',
        targetType: 'supervision_task',
        targetId: task.id,
        dueAt: morningOf(addDays(task.deadline, -k)),
        payload: { deadline: task.deadline, offsetDays: -k },
      });
    for (const k of s.remindAfterDays)
      await this.ctx.scheduler.schedule(trx, {
        kind: 'supervision.remind',
        targetType: 'supervision_task',
        targetId: task.id,
        dueAt: morningOf(addDays(task.deadline, k)),
        payload: { deadline: task.deadline, offsetDays: k },
      });
    await this.ctx.scheduler.schedule(trx, {
      kind: 'supervision.escalate',
      targetType: 'supervision_task',
      targetId: task.id,
      dueAt: morningOf(addDays(task.deadline, s.escalateAfterDays)),
      payload: { deadline: task.deadline },
    });
  }

  private async recipientsOf(db: Db | Trx, task: Pick<Task, 'unit_id' | 'responsible_user_id'>): Promise<number[]> {
    const liaisons = await repo.usersOfUnit(db, task.unit_id, LIAISON_ROLES);
    return [...new Set([task.responsible_user_id, ...liaisons.map((u) => u.id)])];
  }

  /** Renders the 督办通知 of an item and stores its content (recorded later, in the issuing transaction). */
  async prepareNotice(db: Db | Trx, item: Item, tasks: Task[]) {
    const names = {
      units: await repo.unitNames(
        db,
        tasks.map((t) => t.unit_id),
      ),
      users: await repo.userNames(
        db,
        tasks.map((t) => t.responsible_user_id),
      ),
    };
    const office = (await db.selectFrom('unit').select('name').where('id', '=', item.owner_unit_id).executeTakeFirst())?.name ?? '督查室';
    const src = SOURCE_NAMES[item.source]?.zh ?? '';
    const buffer = await renderNotice({
      number: item.number,
      title: item.title,
      requirement: item.requirement,
      sourceText: item.source_ref ? `${item.source_ref}（${src}）` : `${src}工作安排`,
      instruction: item.instruction_text ? `${item.instructed_by ?? ''}${item.instructed_by ? '：' : ''}${item.instruction_text}` : null,
      deadline: item.deadline,
      cadenceText: item.cadence === 'once' ? '办结后报送办理情况' : `办理期间请${CADENCE_NAMES[item.cadence]?.zh ?? ''}办理进展`,
      closingCriteria: item.closing_criteria,
      tasks: tasks.map((t) => ({
        unit: names.units.get(t.unit_id) ?? '',
        lead: t.is_lead === 1,
        person: names.users.get(t.responsible_user_id) ?? '',
        deadline: t.deadline,
      })),
      date: this.today(),
      office,
    });
    return this.ctx.files.receive(Readable.from(buffer), `督办通知-${item.number}.docx`);
  }

  /** The issuing writes, in `trx`: attachment, item and task transitions, 催办 jobs, notifications, timeline. */
  async issueInTrx(trx: Trx, actor: Actor, item: Item, tasks: Task[], file: Awaited<ReturnType<FileStoreLike['receive']>>): Promise<void> {
    const s = (await this.settings(trx)).value;
    const att = await this.ctx.files.record(trx, file, { type: 'supervision_item', id: item.id }, actor);
    const today = this.today();
    await this.ctx.workflow.apply(trx, itemWorkflow, {
      row: item,
      action: 'issue',
      actor,
      version: item.version,
      input: {},
      set: { issued_at: iso(this.now()), notice_attachment_id: att.id },
      detail: { number: item.number, attachmentId: att.id },
    });
    for (const t of tasks) {
      await this.ctx.workflow.apply(trx, taskWorkflow, {
        row: t,
        action: 'issue',
        actor,
        version: t.version,
        input: {},
        set: { next_report_due: this.nextReportDue(item, today) },
        notify: [
          {
            userIds: await this.recipientsOf(trx, t),
            message: {
              kind: 'supervision.issued',
              title: `督办通知 ${item.number}`,
              body: `${item.title}（${t.is_lead ? '牵头' : '协办'}，时限 ${t.deadline}）`,
              link: `/supervision/items/${item.id}`,
              level: item.level,
            },
          },
        ],
      });
      await this.scheduleReminders(trx, t, s);
    }
    const units = await repo.unitNames(
      trx,
      tasks.map((t) => t.unit_id),
    );
    await repo.insertEvent(trx, {
      itemId: item.id,
      kind: 'issue',
      actor,
      at: this.now(),
      message: `交办：印发督办通知 ${item.number}，送${tasks.map((t) => units.get(t.unit_id)).join('、')}`,
      detail: { attachmentId: att.id },
    });
  }

  /** 交办: issues the 督办通知 (DOCX stored as the item's attachment), starts every task, schedules 催办, notifies the units. */
  async issue(actor: Actor, itemId: number, input: { version: number }) {
    const { item, tasks } = await this.loadItemFor(this.db, actor, itemId);
    if (!supervisionPolicy.manageItem(actor, item)) throw new ForbiddenError('supervision.not_office');
    if (item.version !== input.version) throw new StaleVersionError({ current: item.version });
    if (!tasks.some((t) => t.unit_id === item.lead_unit_id)) throw new RuleError('supervision.no_tasks');
    if (item.status !== 'registered')
      throw new ConflictError('workflow.invalid_transition', {
        state: ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status,
        action: '交办',
      });
    // rendered outside the transaction; the transaction re-checks that nothing changed meanwhile
    const file = await this.prepareNotice(this.db, item, tasks);
    await this.db.transaction().execute(async (trx) => {
      const fresh = await this.loadItemFor(trx, actor, itemId);
      if (fresh.item.version !== input.version || fresh.tasks.length !== tasks.length) throw new StaleVersionError({ current: fresh.item.version });
      await this.issueInTrx(trx, actor, fresh.item, fresh.tasks, file);
    });
    return this.getItem(actor, itemId);
  }

  // ————— 情况反馈, 审核把关 —————

  /** 情况反馈 by the unit: a progress report, or the final one asking to close (申请办结). Task version is checked. */
  async report(actor: Actor, taskId: number, input: { version: number; content: string; final: boolean }) {
    return this.db.transaction().execute(async (trx) => {
      const task = await this.loadTaskFor(trx, actor, taskId);
      if (!(TASK_WORKING as readonly string[]).includes(task.status)) {
        if (task.version !== input.version) throw new StaleVersionError({ current: task.version });
        throw new RuleError('supervision.task_not_open');
      }
      if (!supervisionPolicy.report(actor, task)) throw new ForbiddenError();
      if (task.version !== input.version) throw new StaleVersionError({ current: task.version });
      return this.reportInTrx(trx, actor, task, input);
    });
  }

  /** The writes of a 情况反馈 in `trx` (the caller checked read, policy and version). */
  async reportInTrx(trx: Trx, actor: Actor, task: Task, input: { content: string; final: boolean }) {
    {
      const item = (await repo.findItem(trx, task.item_id))!;
      const now = this.now();
      const today = this.today();
      const late = input.final ? today > task.deadline : task.next_report_due !== null && today > task.next_report_due;
      const at = iso(now);
      const rep = await trx
        .insertInto('supervision_report')
        .values({
          task_id: task.id,
          item_id: task.item_id,
          kind: input.final ? 'final' : 'progress',
          content: input.content,
          submitted_by: actor.id,
          submitted_at: at,
          late: late ? 1 : 0,
          review_status: input.final ? 'pending' : 'none',
          review_comment: null,
          criteria: null,
          reviewed_by: null,
          reviewed_at: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const next = this.nextReportDue(item, today);
      const notify = [
        {
          userIds: [item.responsible_user_id],
          message: {
            kind: 'supervision.report',
            title: `${input.final ? '申请办结' : '进展反馈'}：${item.number}`,
            body: `${actor.unitName}：${input.content.slice(0, 60)}`,
            link: `/supervision/items/${item.id}`,
            level: item.level,
          },
        },
      ];
      let version: number;
      if (input.final) {
        version = (
          await this.ctx.workflow.apply(trx, taskWorkflow, {
            row: task,
            action: 'request_close',
            actor,
            version: task.version,
            input: { content: input.content },
            set: { last_report_at: at },
            detail: { reportId: rep.id, late },
            notify,
          })
        ).version;
      } else {
        const r = await trx
          .updateTable('supervision_task')
          .set({ last_report_at: at, next_report_due: next, version: task.version + 1, updated_at: at })
          .where('id', '=', task.id)
          .where('version', '=', task.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new StaleVersionError();
        version = task.version + 1;
        await this.ctx.audit.append(trx, {
          actor,
          action: 'supervision.task.report',
          targetType: 'supervision_task',
          targetId: task.id,
          detail: { reportId: rep.id, late },
        });
        for (const n of notify) await this.ctx.notifier.send(trx, n.userIds, n.message);
      }
      await repo.insertEvent(trx, {
        itemId: task.item_id,
        taskId: task.id,
        kind: input.final ? 'request_close' : 'report',
        actor,
        at: now,
        message: `${actor.unitName}${input.final ? '申请办结' : '反馈进展'}${late ? '（逾期）' : ''}`,
        detail: { reportId: rep.id },
      });
      return { reportId: rep.id, taskVersion: version };
    }
  }

  /** 审核把关 by 督查室: accept against the closing criteria, or return for rework with reasons. */
  async review(actor: Actor, taskId: number, input: { version: number; decision: 'accept' | 'return'; reason?: string; criteria?: Criteria }) {
    return this.db.transaction().execute(async (trx) => {
      const task = await this.loadTaskFor(trx, actor, taskId);
      if (!supervisionPolicy.manageTask(actor, task)) throw new ForbiddenError('supervision.not_office');
      if (task.version !== input.version) throw new StaleVersionError({ current: task.version });
      return this.reviewInTrx(trx, actor, task, input);
    });
  }

  /** The writes of 审核把关 in `trx` (the caller checked read, policy and version). */
  async reviewInTrx(trx: Trx, actor: Actor, task: Task, input: { decision: 'accept' | 'return'; reason?: string; criteria?: Criteria }) {
    {
      if (input.decision === 'accept' && !CLOSING_CRITERIA.every((c) => input.criteria?.[c] === true)) throw new RuleError('supervision.criteria_unmet');
      const item = (await repo.findItem(trx, task.item_id))!;
      const at = iso(this.now());
      const recipients = await this.recipientsOf(trx, task);
      const accept = input.decision === 'accept';
      const res = await this.ctx.workflow.apply(trx, taskWorkflow, {
        row: task,
        action: accept ? 'accept' : 'return',
        actor,
        version: task.version,
        input: { reason: input.reason ?? '' },
        set: accept ? { accepted_at: at, accepted_on_time: this.today() <= task.deadline ? 1 : 0 } : { return_count: task.return_count + 1 },
        detail: { reason: input.reason ?? null, criteria: input.criteria ?? null },
        notify: [
          {
            userIds: recipients,
            message: {
              kind: `supervision.${input.decision}`,
              title: `${accept ? '审核通过' : '退回重办'}：${item.number}`,
              body: accept ? item.title : `退回理由：${input.reason}`,
              link: `/supervision/items/${item.id}`,
              level: item.level,
            },
          },
        ],
      });
      await trx
        .updateTable('supervision_report')
        .set((eb) => ({
          review_status: accept ? 'accepted' : 'returned',
          review_comment: input.reason ?? null,
          criteria: input.criteria ? JSON.stringify(input.criteria) : null,
          reviewed_by: actor.id,
          reviewed_at: at,
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('task_id', '=', task.id)
        .where('review_status', '=', 'pending')
        .execute();
      await repo.insertEvent(trx, {
        itemId: item.id,
        taskId: task.id,
        kind: accept ? 'accept' : 'return',
        actor,
        at: this.now(),
        message: accept ? '审核通过，任务办结' : `退回重办：${input.reason}`,
      });
      if (accept) {
        await this.ctx.scheduler.cancel(trx, 'supervision_task', task.id);
        const open = await trx.selectFrom('supervision_task').select('id').where('item_id', '=', item.id).where('status', '!=', 'accepted').executeTakeFirst();
        if (!open && item.status === 'issued') {
          await this.ctx.workflow.apply(trx, itemWorkflow, {
            row: item,
            action: 'conclude',
            actor,
            version: item.version,
            input: {},
            set: { concluded_at: at },
          });
          await repo.insertEvent(trx, { itemId: item.id, kind: 'conclude', actor, at: this.now(), message: '全部任务办结，事项办结，待结果回访' });
        }
      }
      return { status: res.status, taskVersion: res.version };
    }
  }

  /** 催办 by 督查室, with a message; recorded on the timeline and in the audit trail. */
  async remind(actor: Actor, taskId: number, input: { message: string }) {
    await this.db.transaction().execute(async (trx) => {
      const task = await this.loadTaskFor(trx, actor, taskId);
      if (!supervisionPolicy.manageTask(actor, task)) throw new ForbiddenError('supervision.not_office');
      if (!supervisionPolicy.remind(actor, task)) throw new RuleError('supervision.task_not_open');
      const item = (await repo.findItem(trx, task.item_id))!;
      await this.ctx.audit.append(trx, {
        actor,
        action: 'supervision.task.remind',
        targetType: 'supervision_task',
        targetId: task.id,
        detail: { message: input.message },
      });
      await this.ctx.notifier.send(trx, await this.recipientsOf(trx, task), {
        kind: 'supervision.remind',
        title: `催办：${item.number}`,
        body: input.message,
        link: `/supervision/items/${item.id}`,
        level: item.level,
      });
      await repo.insertEvent(trx, { itemId: item.id, taskId: task.id, kind: 'remind', actor, at: this.now(), message: `催办：${input.message}` });
    });
    return { ok: true };
  }

  // ————— 延期申请 —————

  /** 延期申请 by the unit, before the time limit, with reasons. Task version is checked. */
  async requestExtension(actor: Actor, taskId: number, input: { version: number; reason: string; requestedDeadline: string }) {
    return this.db.transaction().execute(async (trx) => {
      const task = await this.loadTaskFor(trx, actor, taskId);
      if (!(TASK_WORKING as readonly string[]).includes(task.status)) throw new RuleError('supervision.task_not_open');
      if (!supervisionPolicy.report(actor, task)) throw new ForbiddenError();
      if (task.version !== input.version) throw new StaleVersionError({ current: task.version });
      if (!supervisionPolicy.requestExtension(actor, task, this.today())) throw new RuleError('supervision.extension_after_deadline');
      return this.extensionInTrx(trx, actor, task, input);
    });
  }

  /** The writes of a 延期申请 in `trx` (the caller checked read, policy, version and the deadline). */
  async extensionInTrx(trx: Trx, actor: Actor, task: Task, input: { reason: string; requestedDeadline: string }) {
    {
      if (input.requestedDeadline <= task.deadline) throw new RuleError('supervision.extension_date');
      const pending = await trx
        .selectFrom('supervision_extension')
        .select('id')
        .where('task_id', '=', task.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (pending) throw new RuleError('supervision.extension_pending');
      const item = (await repo.findItem(trx, task.item_id))!;
      const at = iso(this.now());
      const ext = await trx
        .insertInto('supervision_extension')
        .values({
          task_id: task.id,
          item_id: task.item_id,
          requested_by: actor.id,
          reason: input.reason,
          old_deadline: task.deadline,
          requested_deadline: input.requestedDeadline,
          status: 'pending',
          decided_by: null,
          decided_at: null,
          decision_comment: null,
          new_deadline: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const r = await trx
        .updateTable('supervision_task')
        .set({ version: task.version + 1, updated_at: at })
        .where('id', '=', task.id)
        .where('version', '=', task.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new StaleVersionError();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'supervision.extension.request',
        targetType: 'supervision_task',
        targetId: task.id,
        detail: { extensionId: ext.id, from: task.deadline, to: input.requestedDeadline, reason: input.reason },
      });
      const s = (await this.settings(trx)).value;
      const deciders = [item.responsible_user_id, ...(s.extensionApprover === 'office_or_leader' && task.leader_id ? [task.leader_id] : [])];
      await this.ctx.notifier.send(trx, deciders, {
        kind: 'supervision.extension',
        title: `延期申请：${item.number}`,
        body: `${actor.unitName}申请延期至 ${input.requestedDeadline}：${input.reason}`,
        link: `/supervision/items/${item.id}`,
        level: item.level,
      });
      await repo.insertEvent(trx, {
        itemId: item.id,
        taskId: task.id,
        kind: 'extension_request',
        actor,
        at: this.now(),
        message: `申请延期至 ${input.requestedDeadline}：${input.reason}`,
      });
      return { extensionId: ext.id, taskVersion: task.version + 1 };
    }
  }

  /** Approves (with a new date) or refuses (with reasons) an extension request: never silent. */
  async decideExtension(actor: Actor, extensionId: number, input: { version: number; approve: boolean; newDeadline?: string; comment?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const ext = await trx.selectFrom('supervision_extension').selectAll().where('id', '=', extensionId).executeTakeFirst();
      if (!ext) throw new NotFoundError();
      const task = await this.loadTaskFor(trx, actor, ext.task_id, 'supervision.extension.read');
      const s = (await this.settings(trx)).value;
      if (!supervisionPolicy.decideExtension(actor, task, s)) throw new ForbiddenError();
      if (ext.version !== input.version) throw new StaleVersionError({ current: ext.version });
      if (ext.status !== 'pending') throw new ConflictError('supervision.extension_decided');
      if (!input.approve && !input.comment?.trim()) throw new RuleError('supervision.comment_required');
      const newDeadline = input.approve ? (input.newDeadline ?? ext.requested_deadline) : null;
      if (newDeadline !== null && (newDeadline <= task.deadline || newDeadline < this.today())) throw new RuleError('supervision.extension_date');
      const at = iso(this.now());
      const r = await trx
        .updateTable('supervision_extension')
        .set({
          status: input.approve ? 'approved' : 'refused',
          decided_by: actor.id,
          decided_at: at,
          decision_comment: input.comment ?? null,
          new_deadline: newDeadline,
          version: ext.version + 1,
          updated_at: at,
        })
        .where('id', '=', ext.id)
        .where('version', '=', ext.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new StaleVersionError();
      const item = (await repo.findItem(trx, task.item_id))!;
      if (newDeadline !== null) {
        await trx
          .updateTable('supervision_task')
          .set({ deadline: newDeadline, extension_count: task.extension_count + 1, escalated_at: null, version: task.version + 1, updated_at: at })
          .where('id', '=', task.id)
          .execute();
        await this.ctx.scheduler.cancel(trx, 'supervision_task', task.id);
        if ((TASK_WORKING as readonly string[]).includes(task.status)) await this.scheduleReminders(trx, { id: task.id, deadline: newDeadline }, s);
      }
      await this.ctx.audit.append(trx, {
        actor,
        action: input.approve ? 'supervision.extension.approve' : 'supervision.extension.refuse',
        targetType: 'supervision_task',
        targetId: task.id,
        changes: newDeadline ? { deadline: [task.deadline, newDeadline] } : null,
        detail: { extensionId: ext.id, comment: input.comment ?? null },
      });
      await this.ctx.notifier.send(trx, await this.recipientsOf(trx, task), {
        kind: 'supervision.extension_decided',
        title: `延期申请${input.approve ? '已批准' : '未批准'}：${item.number}`,
        body: input.approve ? `时限调整为 ${newDeadline}` : `理由：${input.comment}`,
        link: `/supervision/items/${item.id}`,
        level: item.level,
      });
      await repo.insertEvent(trx, {
        itemId: item.id,
        taskId: task.id,
        kind: input.approve ? 'extension_approve' : 'extension_refuse',
        actor,
        at: this.now(),
        message: input.approve ? `批准延期至 ${newDeadline}` : `不同意延期：${input.comment}`,
      });
      return { status: input.approve ? 'approved' : 'refused', newDeadline };
    });
  }

  /** 结果回访 and 销号: a follow-up note and a satisfaction rating close the concluded item. */
  async followUp(actor: Actor, itemId: number, input: { version: number; note: string; rating: number }) {
    if (!(input.rating >= 1 && input.rating <= 5)) throw new RuleError('supervision.rating_range');
    await this.db.transaction().execute(async (trx) => {
      const { item } = await this.loadItemFor(trx, actor, itemId);
      if (!supervisionPolicy.manageItem(actor, item)) throw new ForbiddenError('supervision.not_office');
      if (item.version !== input.version) throw new StaleVersionError({ current: item.version });
      await this.followUpInTrx(trx, actor, item, input);
    });
    return this.getItem(actor, itemId);
  }

  /** The writes of 结果回访 and 销号 in `trx`. */
  async followUpInTrx(trx: Trx, actor: Actor, item: Item, input: { note: string; rating: number }) {
    {
      const at = iso(this.now());
      await this.ctx.workflow.apply(trx, itemWorkflow, {
        row: item,
        action: 'close',
        actor,
        version: item.version,
        input: { followupNote: input.note, rating: input.rating },
        set: { followup_note: input.note, rating: input.rating, closed_at: at },
        detail: { rating: input.rating },
      });
      await repo.insertEvent(trx, {
        itemId: item.id,
        kind: 'close',
        actor,
        at: this.now(),
        message: `结果回访（满意度 ${input.rating}/5）：${input.note}；销号`,
      });
    }
  }

  // ————— jobs: automatic 催办 and escalation —————

  /** Job handler: automatic 催办 before/after a time limit (skipped when done or the limit moved). */
  async runReminder(trx: Trx, job: Job): Promise<void> {
    const task = await repo.findTask(trx, job.targetId);
    const p = job.payload as { deadline: string; offsetDays: number };
    if (!task || !(TASK_WORKING as readonly string[]).includes(task.status) || task.deadline !== p.deadline) return;
    const item = (await repo.findItem(trx, task.item_id))!;
    const text =
      p.offsetDays < 0
        ? `距时限（${task.deadline}）还有 ${-p.offsetDays} 天，请抓紧办理并按时反馈`
        : `已超过时限（${task.deadline}）${p.offsetDays} 天，请立即办理并反馈`;
    await this.ctx.audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'supervision.task.auto_remind',
      targetType: 'supervision_task',
      targetId: task.id,
      detail: { jobId: job.id, offsetDays: p.offsetDays },
    });
    await this.ctx.notifier.send(trx, await this.recipientsOf(trx, task), {
      kind: 'supervision.remind',
      title: `催办：${item.number}`,
      body: text,
      link: `/supervision/items/${item.id}`,
      level: item.level,
    });
    await repo.insertEvent(trx, { itemId: item.id, taskId: task.id, kind: 'auto_remind', actor: SYSTEM_ACTOR, at: this.now(), message: `自动催办：${text}` });
  }

  /** Job handler: escalation to the responsible leader (or 督查室's head) when overdue by the configured span. */
  async runEscalation(trx: Trx, job: Job): Promise<void> {
    const task = await repo.findTask(trx, job.targetId);
    const p = job.payload as { deadline: string };
    if (!task || !(TASK_WORKING as readonly string[]).includes(task.status) || task.deadline !== p.deadline) return;
    const item = (await repo.findItem(trx, task.item_id))!;
    const to = task.leader_id ? [task.leader_id] : (await repo.usersOfUnit(trx, task.owner_unit_id, ['division_head'])).map((u) => u.id);
    const unit = (await repo.unitNames(trx, [task.unit_id])).get(task.unit_id) ?? '';
    await trx
      .updateTable('supervision_task')
      .set({ escalated_at: iso(this.now()) })
      .where('id', '=', task.id)
      .execute();
    await this.ctx.audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'supervision.task.escalate',
      targetType: 'supervision_task',
      targetId: task.id,
      detail: { jobId: job.id, to },
    });
    await this.ctx.notifier.send(trx, to, {
      kind: 'supervision.escalate',
      title: `超期提醒：${item.number}`,
      body: `${unit}承办的“${item.title}”已超过时限（${task.deadline}），请督促`,
      link: `/supervision/items/${item.id}`,
      level: item.level,
    });
    await repo.insertEvent(trx, {
      itemId: item.id,
      taskId: task.id,
      kind: 'escalate',
      actor: SYSTEM_ACTOR,
      at: this.now(),
      message: `超期 ${job.dueAt.slice(0, 10)}：已报告责任领导`,
    });
  }

  // ————— contract for other modules —————

  /** {@inheritDoc SupervisionContract.createFromSource} */
  async createFromSource(trx: Trx, actor: Actor, input: CreateFromSourceInput): Promise<{ id: number; number: string }> {
    return this.registerWithTasks(
      trx,
      actor,
      { ...input, instructionText: input.source === 'instruction' ? input.requirement : null, cadence: 'once' },
      { viaContract: true },
    );
  }

  /** 立项 plus a default 分解: one task per unit, its liaison responsible, the item's time limit. */
  async registerWithTasks(trx: Trx, actor: Actor, input: RegisterInput, opts: { viaContract?: boolean } = {}): Promise<{ id: number; number: string }> {
    const item = await this.insertItem(trx, actor, input, opts);
    const units = [input.leadUnitId, ...new Set((input.coUnitIds ?? []).filter((u) => u !== input.leadUnitId))];
    const tasks: SplitTaskInput[] = [];
    for (const unitId of units) {
      const person = (await repo.usersOfUnit(trx, unitId, LIAISON_ROLES))[0];
      if (!person) throw new RuleError('supervision.unit_without_person', { unit: (await repo.unitNames(trx, [unitId])).get(unitId) ?? unitId });
      tasks.push({ unitId, responsibleUserId: person.id, deadline: input.deadline });
    }
    await this.writeTasks(trx, actor, item, tasks);
    return { id: item.id, number: item.number };
  }

  /** {@inheritDoc SupervisionContract.countsByUnit} */
  countsByUnit(db: Db | Trx, from: string, to: string) {
    return assessmentCounts(db, from, to);
  }

  /** {@inheritDoc SupervisionContract.progressBySource} */
  async progressBySource(db: Db, actor: Actor, sourceType: string, sourceIds: number[]): Promise<Record<number, SourceProgress[]>> {
    const out: Record<number, SourceProgress[]> = {};
    if (!sourceIds.length) return out;
    const s = (await readSettings(db)).value;
    const rows = await db
      .selectFrom('supervision_item')
      .select(['id', 'number', 'status', 'deadline', 'source_id'])
      .where('source_type', '=', sourceType)
      .where('source_id', 'in', sourceIds)
      .where(itemsVisibleTo(actor))
      .orderBy('id')
      .execute();
    for (const r of rows)
      (out[r.source_id!] ??= []).push({
        itemId: r.id,
        number: r.number,
        status: r.status,
        light: this.light(r.deadline, !(ITEM_OPEN as readonly string[]).includes(r.status), s.yellowDays),
      });
    return out;
  }

  // ————— 工作台, statistics, loose ends —————

  /** The actor's own pending supervision work for the 工作台. */
  async workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    const s = (await readSettings(db)).value;
    const out: WorkbenchItem[] = [];
    const light = (d: string) => this.ctx.calendar.light(d, now, { yellowDays: s.yellowDays });
    const mod = { module: 'supervision', moduleName: { zh: '督查督办', en: 'Supervision' } };
    const unitTasks = await db
      .selectFrom('supervision_task')
      .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
      .select([
        'supervision_task.id',
        'supervision_task.item_id',
        'supervision_task.deadline',
        'supervision_task.status',
        'supervision_item.number',
        'supervision_item.title',
      ])
      .where('supervision_task.unit_id', '=', actor.unitId)
      .where('supervision_task.status', 'in', [...TASK_WORKING])
      .where('supervision_task.level', '<=', actor.clearance)
      .where(tasksVisibleTo(actor))
      .orderBy('supervision_task.deadline')
      .limit(100)
      .execute();
    if (hasRole(actor, 'liaison', 'staff', 'division_head')) {
      for (const t of unitTasks)
        out.push({
          ...mod,
          id: t.id,
          title: `【${t.status === 'returned' ? '退回重办' : '待反馈'}】${t.number} ${t.title}`,
          ownerUnit: actor.unitName,
          deadline: t.deadline,
          light: light(t.deadline),
          status: TASK_STATES[t.status as keyof typeof TASK_STATES].zh,
          link: `/supervision/items/${t.item_id}`,
        });
    }
    if (isSupervisionOffice(actor)) {
      const review = await db
        .selectFrom('supervision_task')
        .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
        .select([
          'supervision_task.id',
          'supervision_task.item_id',
          'supervision_task.deadline',
          'supervision_task.unit_id',
          'supervision_item.number',
          'supervision_item.title',
        ])
        .where('supervision_task.owner_unit_id', '=', actor.unitId)
        .where('supervision_task.status', '=', 'submitted')
        .where('supervision_item.responsible_user_id', '=', actor.id)
        .where('supervision_task.level', '<=', actor.clearance)
        .limit(100)
        .execute();
      const ext = await db
        .selectFrom('supervision_extension')
        .innerJoin('supervision_task', 'supervision_task.id', 'supervision_extension.task_id')
        .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
        .select([
          'supervision_extension.id',
          'supervision_task.item_id',
          'supervision_task.deadline',
          'supervision_task.unit_id',
          'supervision_item.number',
          'supervision_item.title',
        ])
        .where('supervision_extension.status', '=', 'pending')
        .where('supervision_item.responsible_user_id', '=', actor.id)
        .where('supervision_task.level', '<=', actor.clearance)
        .limit(100)
        .execute();
      const own = await db
        .selectFrom('supervision_item')
        .select(['id', 'number', 'title', 'deadline', 'status', 'lead_unit_id'])
        .where('responsible_user_id', '=', actor.id)
        .where('status', 'in', ['registered', 'concluded'])
        .where('level', '<=', actor.clearance)
        .limit(100)
        .execute();
      const units = await repo.unitNames(db, [...review.map((r) => r.unit_id), ...ext.map((r) => r.unit_id), ...own.map((r) => r.lead_unit_id)]);
      for (const r of review)
        out.push({
          ...mod,
          id: r.id,
          title: `【待审核】${r.number} ${r.title}`,
          ownerUnit: units.get(r.unit_id) ?? '',
          deadline: r.deadline,
          light: light(r.deadline),
          status: '待审核',
          link: `/supervision/items/${r.item_id}`,
        });
      for (const r of ext)
        out.push({
          ...mod,
          id: r.id,
          title: `【延期申请】${r.number} ${r.title}`,
          ownerUnit: units.get(r.unit_id) ?? '',
          deadline: r.deadline,
          light: light(r.deadline),
          status: '待审批',
          link: `/supervision/items/${r.item_id}`,
        });
      for (const r of own)
        out.push({
          ...mod,
          id: r.id,
          title: `【${r.status === 'registered' ? '待交办' : '待回访'}】${r.number} ${r.title}`,
          ownerUnit: units.get(r.lead_unit_id) ?? '',
          deadline: r.status === 'registered' ? r.deadline : null,
          light: r.status === 'registered' ? light(r.deadline) : 'none',
          status: ITEM_STATES[r.status as keyof typeof ITEM_STATES].zh,
          link: `/supervision/items/${r.id}`,
        });
    }
    return out;
  }

  /** Statistics (调研分析): by unit, by source, by month, lights, extensions and returns — all visibility-filtered. */
  /** 超期任务（按单位）: open tasks past their time limit now, per unit — the dashboard's red figure, by index. */
  async overdueByUnit(actor: Actor) {
    const th = this.ctx.calendar.lightThresholds(this.now(), (await this.settings()).value.yellowDays);
    const rows = await this.db
      .selectFrom('supervision_task')
      .where(tasksVisibleTo(actor))
      .where('supervision_task.status', 'in', ['in_progress', 'returned', 'submitted'])
      .where('supervision_task.deadline', '<', th.today)
      .select((eb) => ['supervision_task.unit_id as unitId', eb.fn.countAll<number>().as('overdue')])
      .groupBy('supervision_task.unit_id')
      .execute();
    const names = await repo.unitNames(
      this.db,
      rows.map((r) => r.unitId),
    );
    const items = rows
      .map((r) => ({ unitId: r.unitId, unitName: names.get(r.unitId) ?? '', overdue: Number(r.overdue) }))
      .sort((a, b) => b.overdue - a.overdue || a.unitId - b.unitId);
    return { today: th.today, total: items.reduce((a, r) => a + r.overdue, 0), items };
  }

  async stats(actor: Actor, q: { from?: string; to?: string }) {
    const db = this.db;
    const s = (await this.settings()).value;
    const th = this.ctx.calendar.lightThresholds(this.now(), s.yellowDays);
    const from = q.from ? `${q.from}T00:00:00.000Z` : '0000';
    const to = q.to ? `${q.to}T23:59:59.999Z` : '9999';
    const taskBase = db
      .selectFrom('supervision_task')
      .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
      .where(tasksVisibleTo(actor))
      .where('supervision_item.created_at', '>=', from)
      .where('supervision_item.created_at', '<=', to);
    const open = ['in_progress', 'returned', 'submitted'];
    const byUnitRows = await taskBase
      .select((eb) => [
        'supervision_task.unit_id as unitId',
        eb.fn.count<number>('supervision_task.id').filterWhere('supervision_task.status', '!=', 'pending').as('assigned'),
        eb.fn.count<number>('supervision_task.id').filterWhere('supervision_task.status', '=', 'accepted').as('closed'),
        eb.fn.count<number>('supervision_task.id').filterWhere('supervision_task.accepted_on_time', '=', 1).as('onTime'),
        eb.fn
          .count<number>('supervision_task.id')
          .filterWhere((w) => w.and([w('supervision_task.status', 'in', open), w('supervision_task.deadline', '<', th.today)]))
          .as('overdue'),
        eb.fn
          .count<number>('supervision_task.id')
          .filterWhere((w) =>
            w.and([
              w('supervision_task.status', 'in', open),
              w('supervision_task.deadline', '>=', th.today),
              w('supervision_task.deadline', '<=', th.yellowUntil),
            ]),
          )
          .as('yellow'),
        eb.fn.sum<number>('supervision_task.return_count').as('returns'),
        eb.fn.sum<number>('supervision_task.extension_count').as('extensions'),
      ])
      .groupBy('supervision_task.unit_id')
      .execute();
    const units = await repo.unitNames(
      db,
      byUnitRows.map((r) => r.unitId),
    );
    const byUnit = byUnitRows
      .map((r) => ({
        unitId: r.unitId,
        unitName: units.get(r.unitId) ?? '',
        assigned: Number(r.assigned),
        closed: Number(r.closed),
        onTime: Number(r.onTime),
        onTimeRate: Number(r.closed) ? Number(r.onTime) / Number(r.closed) : null,
        overdue: Number(r.overdue),
        yellow: Number(r.yellow),
        returns: Number(r.returns ?? 0),
        extensions: Number(r.extensions ?? 0),
      }))
      .sort((a, b) => b.assigned - a.assigned || a.unitId - b.unitId);
    const itemBase = db
      .selectFrom('supervision_item')
      .where(itemsVisibleTo(actor))
      .where('supervision_item.created_at', '>=', from)
      .where('supervision_item.created_at', '<=', to);
    const bySourceRows = await itemBase
      .select((eb) => [
        'supervision_item.source as source',
        eb.fn.countAll<number>().as('count'),
        eb.fn.count<number>('supervision_item.id').filterWhere('supervision_item.status', 'in', ['concluded', 'closed']).as('closed'),
      ])
      .groupBy('supervision_item.source')
      .execute();
    const month = sql<string>`substr(supervision_item.created_at, 1, 7)`;
    const byMonthRows = await itemBase
      .select((eb) => [
        month.as('month'),
        eb.fn.countAll<number>().as('registered'),
        eb.fn.count<number>('supervision_item.id').filterWhere('supervision_item.status', 'in', ['concluded', 'closed']).as('closed'),
      ])
      .groupBy(month)
      .orderBy(month)
      .execute();
    const byStatusRows = await itemBase
      .select((eb) => ['supervision_item.status as status', eb.fn.countAll<number>().as('count')])
      .groupBy('supervision_item.status')
      .execute();
    const extRows = await db
      .selectFrom('supervision_extension')
      .innerJoin('supervision_task', 'supervision_task.id', 'supervision_extension.task_id')
      .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
      .where(tasksVisibleTo(actor))
      .where('supervision_item.created_at', '>=', from)
      .where('supervision_item.created_at', '<=', to)
      .select((eb) => ['supervision_extension.status as status', eb.fn.countAll<number>().as('count')])
      .groupBy('supervision_extension.status')
      .execute();
    const sum = (k: 'assigned' | 'closed' | 'onTime' | 'overdue' | 'yellow' | 'returns' | 'extensions') => byUnit.reduce((a, r) => a + r[k], 0);
    return {
      range: { from: q.from ?? null, to: q.to ?? null },
      totals: {
        items: bySourceRows.reduce((a, r) => a + Number(r.count), 0),
        itemsClosed: bySourceRows.reduce((a, r) => a + Number(r.closed), 0),
        tasks: sum('assigned'),
        tasksClosed: sum('closed'),
        onTimeRate: sum('closed') ? sum('onTime') / sum('closed') : null,
        overdue: sum('overdue'),
        yellow: sum('yellow'),
        returns: sum('returns'),
        extensions: extRows.reduce((a, r) => a + Number(r.count), 0),
        extensionsApproved: Number(extRows.find((r) => r.status === 'approved')?.count ?? 0),
        extensionsRefused: Number(extRows.find((r) => r.status === 'refused')?.count ?? 0),
      },
      byUnit,
      bySource: bySourceRows.map((r) => ({
        source: r.source,
        sourceName: SOURCE_NAMES[r.source]?.zh ?? r.source,
        count: Number(r.count),
        closed: Number(r.closed),
      })),
      byMonth: byMonthRows.map((r) => ({ month: r.month, registered: Number(r.registered), closed: Number(r.closed) })),
      byStatus: byStatusRows.map((r) => ({
        status: r.status,
        statusName: ITEM_STATES[r.status as keyof typeof ITEM_STATES]?.zh ?? r.status,
        count: Number(r.count),
      })),
    };
  }

  /** 定期分类汇总分析 as DOCX for a date range (visibility-filtered, audited). */
  async summaryDocx(actor: Actor, q: { from: string; to: string }): Promise<{ filename: string; buffer: Buffer }> {
    const st = await this.stats(actor, q);
    const th = this.ctx.calendar.lightThresholds(this.now(), 3);
    const overdue = await repo
      .taskQuery(this.db, actor, { open: true })
      .where('supervision_task.deadline', '<', th.today)
      .where('supervision_task.status', '!=', 'pending')
      .where('supervision_item.created_at', '>=', `${q.from}T00:00:00.000Z`)
      .where('supervision_item.created_at', '<=', `${q.to}T23:59:59.999Z`)
      .select(['supervision_item.number', 'supervision_item.title', 'supervision_task.unit_id', 'supervision_task.deadline'])
      .orderBy('supervision_task.deadline')
      .limit(200)
      .execute();
    const units = await repo.unitNames(
      this.db,
      overdue.map((o) => o.unit_id),
    );
    const buffer = await renderSummary({
      from: q.from,
      to: q.to,
      date: this.today(),
      office: actor.unitName ? `市委办公厅${actor.unitName}` : '督查室',
      totals: {
        items: st.totals.items,
        closed: st.totals.itemsClosed,
        overdue: st.totals.overdue,
        onTimeRate: st.totals.onTimeRate === null ? '—' : pct(st.totals.onTimeRate, 1),
        extensions: st.totals.extensions,
        returns: st.totals.returns,
      },
      bySource: st.bySource.map((r) => ({ source: r.sourceName, count: r.count, closed: r.closed })),
      byUnit: st.byUnit.map((r) => ({ unit: r.unitName, assigned: r.assigned, closed: r.closed, onTimeRate: pct(r.onTime, r.closed), overdue: r.overdue })),
      overdue: overdue.map((o) => ({ number: o.number, title: o.title, unit: units.get(o.unit_id) ?? '', deadline: o.deadline })),
    });
    await this.ctx.audit.record(this.db, { actor, action: 'supervision.summary_export', detail: { from: q.from, to: q.to, items: st.totals.items } });
    return { filename: `督查督办定期分类汇总分析（${q.from}至${q.to}）.docx`, buffer };
  }

  /** Keyset pages of 1000 ledger rows, presented for the export. */
  private async *ledgerPages(
    actor: Actor,
    f: repo.LedgerFilter,
    th: { today: string; yellowUntil: string },
    yellowDays: number,
    lightName: Record<Light, string>,
  ): AsyncIterable<LedgerRow[]> {
    const matched = await this.withKeywordCandidates(f);
    let after: { deadline: string; id: number } | null = null;
    for (;;) {
      let q = repo.ledgerQuery(this.db, actor, matched, th).selectAll('supervision_item');
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([
            eb('supervision_item.deadline', '>', a.deadline),
            eb.and([eb('supervision_item.deadline', '=', a.deadline), eb('supervision_item.id', '>', a.id)]),
          ]),
        );
      }
      const rows = await q.orderBy('supervision_item.deadline').orderBy('supervision_item.id').limit(1000).execute();
      if (!rows.length) return;
      const items = await this.presentItems(this.db, rows, yellowDays);
      yield items.map((i) => ({
        number: i.number,
        title: i.title,
        level: i.level,
        source: i.sourceName,
        lead: i.leadUnitName,
        co: i.coUnits.map((c) => c.name).join('、'),
        person: i.responsibleLeaderName ?? i.responsibleUserName,
        deadline: i.deadline,
        progress: i.progress.tasks ? `${i.progress.accepted}/${i.progress.tasks} 个单位已办结` : '未分解',
        status: i.statusName,
        light: lightName[i.light],
      }));
      const last = rows[rows.length - 1]!;
      after = { deadline: last.deadline, id: last.id };
      if (rows.length < 1000) return;
    }
  }

  /** 台账 export: streams the filtered, visible ledger as .xlsx into `out` (keyset pages of 1000); audited. */
  async exportLedger(actor: Actor, f: repo.LedgerFilter, out: Writable): Promise<number> {
    const s = (await this.settings()).value;
    const th = this.ctx.calendar.lightThresholds(this.now(), s.yellowDays);
    const lightName = { green: '绿', yellow: '黄', red: '红', none: '—' } as const;
    const n = await writeLedger(out, this.ledgerPages(actor, f, th, s.yellowDays, lightName));
    await this.ctx.audit.record(this.db, { actor, action: 'supervision.export', detail: { rows: n, filter: f } });
    return n;
  }

  /**
   * 台账 import: validates every row and reports row by row. `mode` 'all' imports nothing if any row
   * is invalid; 'valid' imports exactly the valid rows. Either way the import is one transaction.
   */
  async importLedger(actor: Actor, buffer: Buffer, mode: 'all' | 'valid', dryRun = false) {
    if (!isSupervisionOffice(actor)) throw new ForbiddenError('supervision.not_office');
    let read: Awaited<ReturnType<typeof readImportRows>>;
    try {
      read = await readImportRows(buffer);
    } catch {
      throw new RuleError('supervision.import_file');
    }
    if ('header' in read) {
      const { missing, unknown, duplicate } = read.header;
      const list = (names: string[]) => names.map((n) => `“${n}”`).join('、') || '—';
      throw new RuleError('supervision.import_columns', { missing: list(missing), unknown: list([...unknown, ...duplicate]) }, read.header);
    }
    const rows = read.rows;
    const units = await this.db.selectFrom('unit').select(['id', 'name', 'short_name']).where('active', '=', 1).execute();
    const users = await this.db.selectFrom('user').select(['id', 'name']).where('disabled', '=', 0).execute();
    const unitOf = (name: string) => units.find((u) => u.short_name === name || u.name === name);
    const sources: Record<string, RegisterInput['source']> = { 决策督查: 'decision', 专项督查: 'instruction', 考核督查: 'assessment' };
    const cadences: Record<string, RegisterInput['cadence']> = { '': 'once', 一次性: 'once', 每周: 'weekly', 每月: 'monthly' };
    const levels: Record<string, number> = { '': 0, 公开: 0, 内部: 1, 秘密: 2, 机密: 3 };
    const enabled = (await this.ctx.settings.get(this.db)).value.enabledLevels;
    const today = this.today();
    const report: { row: number; ok: boolean; errors: string[]; title: string; number?: string }[] = [];
    const valid: { row: number; input: RegisterInput }[] = [];
    for (const { row, values: v, problems } of rows) {
      const errors: string[] = Object.values(problems);
      const unread = (col: keyof typeof problems) => problems[col] !== undefined;
      if (!v.事项 && !unread('事项')) errors.push('缺少“事项”');
      if (v.事项.length > 200) errors.push('“事项”超过200字');
      if (!v.工作要求 && !unread('工作要求')) errors.push('缺少“工作要求”');
      const source = sources[v.来源];
      if (!source && !unread('来源')) errors.push(`“来源”须为 决策督查/专项督查/考核督查（现为“${v.来源}”）`);
      const lead = unitOf(v.牵头单位);
      if (!lead && !unread('牵头单位')) errors.push(`牵头单位“${v.牵头单位}”不存在`);
      const co = v.协办单位 ? v.协办单位.split(/[、,，;；\s]+/).filter(Boolean) : [];
      const coUnits = co.map((n) => ({ n, u: unitOf(n) }));
      for (const c of coUnits) if (!c.u) errors.push(`协办单位“${c.n}”不存在`);
      const leader = v.责任领导 ? users.filter((u) => u.name === v.责任领导) : [];
      if (v.责任领导 && leader.length !== 1) errors.push(leader.length ? `责任领导“${v.责任领导}”重名，请在系统中指定` : `责任领导“${v.责任领导}”不存在`);
      const instructor = v.批示领导 ? users.filter((u) => u.name === v.批示领导) : [];
      if (!unread('时限')) {
        if (!v.时限) errors.push('缺少“时限”');
        else if (v.时限 < today) errors.push('“时限”早于今天');
      }
      const level = levels[v.密级];
      if (!unread('密级')) {
        if (level === undefined || !enabled.includes(level)) errors.push(`密级“${v.密级}”未启用`);
        else if (level > actor.clearance) errors.push('密级高于您的涉密等级');
      }
      const cadence = cadences[v.反馈周期];
      if (!cadence && !unread('反馈周期')) errors.push(`“反馈周期”须为 一次性/每周/每月（现为“${v.反馈周期}”）`);
      report.push({ row, ok: errors.length === 0, errors, title: v.事项 });
      if (!errors.length)
        valid.push({
          row,
          input: {
            source: source!,
            title: v.事项,
            requirement: v.工作要求,
            instructedBy: v.批示领导 || null,
            instructedById: instructor.length === 1 ? instructor[0]!.id : null,
            instructionText: v.批示内容 || null,
            leadUnitId: lead!.id,
            coUnitIds: coUnits.map((c) => c.u!.id),
            responsibleLeaderId: leader[0]?.id ?? null,
            deadline: v.时限,
            level: level!,
            cadence: cadence!,
            sourceRef: '台账导入',
          },
        });
    }
    const invalid = report.filter((r) => !r.ok).length;
    if (dryRun || (mode === 'all' && invalid > 0) || valid.length === 0) return { imported: 0, invalid, total: report.length, rows: report, committed: false };
    await this.db.transaction().execute(async (trx) => {
      for (const v of valid) {
        const res = await this.registerWithTasks(trx, actor, { ...v.input, sourceType: 'import', sourceId: v.row });
        const r = report.find((x) => x.row === v.row)!;
        r.number = res.number;
      }
      await this.ctx.audit.append(trx, { actor, action: 'supervision.import', detail: { mode, imported: valid.length, invalid } });
    });
    return { imported: valid.length, invalid, total: report.length, rows: report, committed: true };
  }
}

/** What an open item or task row lacks (件件有着落: an active owner unit, an active responsible person, a time limit). */
function looseEndsOf(r: {
  unit_id: number | null;
  unit_active: number | null;
  user_id: number | null;
  user_disabled: number | null;
  deadline: string | null;
}): string[] {
  const problems: string[] = [];
  if (r.unit_id === null || r.unit_active !== 1) problems.push('no_owner_unit');
  if (r.user_id === null || r.user_disabled !== 0) problems.push('no_responsible_person');
  if (!r.deadline) problems.push('no_time_limit');
  return problems;
}

/** 件件有着落: open items and tasks without an owner unit, a responsible person or a time limit (or with a disabled person / inactive unit). */
export async function findLooseEnds(db: Db): Promise<{ type: 'item' | 'task'; id: number; number: string; problem: string }[]> {
  const out: { type: 'item' | 'task'; id: number; number: string; problem: string }[] = [];
  const items = await db
    .selectFrom('supervision_item')
    .leftJoin('unit', 'unit.id', 'supervision_item.lead_unit_id')
    .leftJoin('user', 'user.id', 'supervision_item.responsible_user_id')
    .select([
      'supervision_item.id',
      'supervision_item.number',
      'supervision_item.lead_unit_id',
      'supervision_item.responsible_user_id',
      'supervision_item.deadline',
      'supervision_item.status',
      'unit.active as unit_active',
      'user.disabled as user_disabled',
      'user.id as user_id',
      'unit.id as unit_id',
    ])
    .where('supervision_item.status', 'in', [...ITEM_OPEN])
    .where((eb) =>
      eb.or([
        eb('unit.id', 'is', null),
        eb('unit.active', '!=', 1),
        eb('user.id', 'is', null),
        eb('user.disabled', '!=', 0),
        eb('supervision_item.deadline', 'is', null),
        eb('supervision_item.deadline', '=', ''),
      ]),
    )
    .execute();
  for (const i of items) for (const problem of looseEndsOf(i)) out.push({ type: 'item', id: i.id, number: i.number, problem });
  const tasks = await db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .leftJoin('unit', 'unit.id', 'supervision_task.unit_id')
    .leftJoin('user', 'user.id', 'supervision_task.responsible_user_id')
    .select([
      'supervision_task.id',
      'supervision_item.number',
      'supervision_task.deadline',
      'unit.active as unit_active',
      'unit.id as unit_id',
      'user.disabled as user_disabled',
      'user.id as user_id',
    ])
    .where('supervision_task.status', 'in', [...TASK_OPEN])
    .where((eb) =>
      eb.or([
        eb('unit.id', 'is', null),
        eb('unit.active', '!=', 1),
        eb('user.id', 'is', null),
        eb('user.disabled', '!=', 0),
        eb('supervision_task.deadline', 'is', null),
        eb('supervision_task.deadline', '=', ''),
      ]),
    )
    .execute();
  for (const t of tasks) for (const problem of looseEndsOf(t)) out.push({ type: 'task', id: t.id, number: t.number, problem });
  // an issued item with no task left open and not concluded has nobody working on it
  const orphan = await db
    .selectFrom('supervision_item')
    .select(['id', 'number'])
    .where('status', '=', 'issued')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('supervision_task')
            .select('id')
            .whereRef('supervision_task.item_id', '=', 'supervision_item.id')
            .where('supervision_task.status', 'in', [...TASK_OPEN]),
        ),
      ),
    )
    .execute();
  for (const o of orphan) out.push({ type: 'item', id: o.id, number: o.number, problem: 'issued_without_open_task' });
  return out;
}

/** The label of a level (for exports). */
export function levelName(level: number): string {
  return LEVELS.find((l) => l.value === level)?.zh ?? String(level);
}
