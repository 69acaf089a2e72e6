/**
 * 会议 use cases: propose topics (议题), move them between the three layers (储存/调度/上会), confirm
 * their gates with evidence, organise meetings (agenda, attendees, notices, sign-in, materials),
 * record minutes (纪要) and decisions (议定事项), and hand decisions to supervision (会后督办).
 * Every write is one transaction: policy → write → audit entry → notifications.
 */
import type { Db, Trx } from '../../db/client.js';
import { hasRole, type Actor } from '../../platform/actor.js';
import { authorizeRead, isSharedWith } from '../../platform/authz.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import { ForbiddenError, RuleError, StaleVersionError } from '../../platform/errors.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import { nextSerial } from '../../platform/numbering.js';
import { diffFields } from '../../platform/audit.js';
import type { SourceProgress, SupervisionContract } from '../supervision/supervision.contract.js';
import { evaluateGates, failedGates, GATE_INFO, MEETING_KIND_INFO, type GateEvaluation, type GateKey, type MeetingKind } from './meetings.gates.js';
import { isManager, meetingsPolicy, type MeetingFacts, type MeetingsActor, type TopicFacts } from './meetings.policy.js';
import * as repo from './meetings.repo.js';
import { MATERIAL_KIND_INFO } from './meetings.schema.js';
import { meetingWorkflow, MEETING_STATES, topicWorkflow, TOPIC_STATES } from './meetings.workflow.js';
import { renderMinutesDocx } from './meetings.minutes.js';
import './meetings.errors.js';

type H = Db | Trx;

/** Input of 提出议题. */
export interface ProposeTopicInput {
  title: string;
  background: string;
  proposingUnitId?: number;
  leaderId?: number | null;
  kind: MeetingKind;
  level: number;
  needsExpert: boolean;
  concernedUnitIds: number[];
}

/** Input of a gate confirmation. */
export interface GateInput {
  version: number;
  unitId?: number;
  status: 'confirmed' | 'dissent';
  attachmentId?: number | null;
  text?: string;
}

/** Input of a new meeting. */
export interface MeetingInput {
  title: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt?: string | null;
  place: string;
  chairId: number;
  level: number;
  attendeeIds: number[];
  excused: { userId: number; reason: string }[];
}

/** Input of a decision (议定事项). */
export interface DecisionInput {
  topicId: number;
  text: string;
  leadUnitId: number;
  coUnitIds: number[];
  dueDate: string;
}

const MODULE_NAME = { zh: '会议', en: 'Meetings' };

/** The 会议 service; one per app. */
export class MeetingsService {
  constructor(private readonly ctx: AppContext) {}

  private get supervision(): SupervisionContract | undefined {
    return this.ctx.services.supervision;
  }

  /** The actor as the module sees them, with the current configuration. */
  async who(db: H, actor: Actor) {
    const { value: cfg, version } = await repo.readConfig(db);
    const w: MeetingsActor = { actor, handler: cfg.handlerUnitIds.includes(actor.unitId) };
    return { w, cfg, cfgVersion: version };
  }

  private async checkLevel(db: H, actor: Actor, level: number): Promise<void> {
    const { value } = await this.ctx.settings.get(db as Db);
    if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
    if (level > actor.clearance) throw new RuleError('level.above_clearance');
  }

  private async checkUnits(db: H, ids: readonly number[]): Promise<void> {
    const found = await repo.activeUnitIds(db, ids);
    if (ids.some((id) => !found.has(id))) throw new RuleError('meetings.unknown_unit');
  }

  private async checkUsers(db: H, ids: readonly number[]): Promise<void> {
    const found = await repo.activeUserIds(db, ids);
    if (ids.some((id) => !found.has(id))) throw new RuleError('meetings.unknown_user');
  }

  /** Re-indexes topics and meetings for 全文检索 after a change of their text or need-to-know. */
  private async reindex(trx: Trx, what: { topics?: number[]; meetings?: number[] }): Promise<void> {
    const { value } = await repo.readConfig(trx);
    for (const id of new Set(what.topics ?? [])) {
      const row = await repo.findTopic(trx, id);
      if (row) await this.ctx.search.index(trx, await repo.topicSearchDoc(trx, row, value.handlerUnitIds));
    }
    for (const id of new Set(what.meetings ?? [])) {
      const row = await repo.findMeeting(trx, id);
      if (row) await this.ctx.search.index(trx, await repo.meetingSearchDoc(trx, row, value.handlerUnitIds));
    }
  }

  // ---------------------------------------------------------------- configuration

  /** Kinds, gates, checklists and handler units (any business user may read them). */
  async getConfig(actor: Actor) {
    const { w, cfg, cfgVersion } = await this.who(this.ctx.db, actor);
    return {
      kinds: Object.entries(MEETING_KIND_INFO).map(([key, v]) => ({ key, ...v })),
      gates: Object.entries(GATE_INFO).map(([key, v]) => ({ key, zh: v.zh, en: v.en, perUnit: v.perUnit === true })),
      materialKinds: Object.entries(MATERIAL_KIND_INFO).map(([key, v]) => ({ key, ...v })),
      topicStates: Object.entries(TOPIC_STATES).map(([key, v]) => ({ key, zh: v.zh, en: v.en })),
      meetingStates: Object.entries(MEETING_STATES).map(([key, v]) => ({ key, zh: v.zh, en: v.en })),
      checklists: cfg.checklists,
      handlerUnitIds: cfg.handlerUnitIds,
      version: cfgVersion,
      me: { handler: w.handler, manager: isManager(w), configure: meetingsPolicy.configure(w), propose: meetingsPolicy.propose(w) },
    };
  }

  /** Changes the checklists per meeting kind and the handler units (把关清单可配置). */
  async putConfig(actor: Actor, input: { version: number; checklists: repo.MeetingsConfig['checklists']; handlerUnitIds: number[] }) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w, cfg } = await this.who(trx, actor);
      if (!meetingsPolicy.configure(w)) throw new ForbiddenError();
      await this.checkUnits(trx, input.handlerUnitIds);
      const next = { checklists: input.checklists, handlerUnitIds: [...new Set(input.handlerUnitIds)] };
      const version = await repo.writeConfig(trx, input.version, next, this.ctx.clock.now());
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.config_update',
        targetType: 'setting',
        targetId: 'meetings.config',
        changes: diffFields(cfg as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
      });
      return { version };
    });
  }

  // ---------------------------------------------------------------- topics

  private async topicFacts(db: H, actor: Actor, row: repo.TopicRecord, concerned?: number[]): Promise<TopicFacts> {
    const concernedUnitIds = concerned ?? (await repo.concernedUnits(db, [row.id])).get(row.id) ?? [];
    let meetingUserIds: number[] = [];
    if (row.meeting_id !== null) {
      const m = await repo.findMeeting(db, row.meeting_id);
      const att = await repo.attendees(db, row.meeting_id);
      meetingUserIds = [...(m ? [m.chair_id] : []), ...att.map((a) => a.user_id)];
    }
    return {
      level: row.level,
      status: row.status,
      proposingUnitId: row.proposing_unit_id,
      leaderId: row.leader_id,
      proposedBy: row.proposed_by,
      concernedUnitIds,
      meetingUserIds,
      shared: await isSharedWith(db, actor, 'meeting_topic', row.id),
    };
  }

  /** Loads a topic the actor may read, or throws 404 (audited). */
  private async loadTopic(db: H, w: MeetingsActor, id: number, action: string) {
    const row = await repo.findTopic(db, id);
    const facts = row ? await this.topicFacts(db, w.actor, row) : null;
    authorizeRead(row !== undefined && facts !== null && meetingsPolicy.readTopic(w, facts), action, 'meeting_topic', id);
    return { row: row!, facts: facts! };
  }

  private gateViews(
    w: MeetingsActor,
    topic: { row: repo.TopicRecord; facts: TopicFacts },
    evals: GateEvaluation[],
    entries: repo.GateEntryRecord[],
    names: { units: Map<number, string>; users: Map<number, string>; files: Map<number, string> },
  ) {
    const entryView = (e: repo.GateEntryRecord | undefined) =>
      e
        ? {
            id: e.id,
            status: e.status,
            evidenceAttachmentId: e.evidence_attachment_id,
            evidenceFilename: e.evidence_attachment_id ? (names.files.get(e.evidence_attachment_id) ?? null) : null,
            evidenceText: e.evidence_text,
            confirmedBy: e.confirmed_by,
            confirmedByName: names.users.get(e.confirmed_by) ?? '',
            confirmedAt: e.confirmed_at,
            version: e.version,
          }
        : null;
    return evals.map((g) => ({
      key: g.key,
      zh: GATE_INFO[g.key].zh,
      en: GATE_INFO[g.key].en,
      perUnit: GATE_INFO[g.key].perUnit === true,
      state: g.state,
      entry: GATE_INFO[g.key].perUnit ? null : entryView(entries.find((e) => e.topic_id === topic.row.id && e.gate_key === g.key && e.unit_id === 0)),
      canConfirm: !GATE_INFO[g.key].perUnit && g.state !== 'not_required' && meetingsPolicy.confirmGate(w, topic.facts, g.key, 0),
      units: (g.units ?? []).map((u) => ({
        unitId: u.unitId,
        unitName: names.units.get(u.unitId) ?? '',
        state: u.state,
        entry: entryView(entries.find((e) => e.topic_id === topic.row.id && e.gate_key === g.key && e.unit_id === u.unitId)),
        canConfirm: meetingsPolicy.confirmGate(w, topic.facts, g.key, u.unitId),
      })),
    }));
  }

  /** Presents topics with their gates (against their own kind's checklist, or `kindOverride`'s). */
  private async presentTopics(
    db: H,
    w: MeetingsActor,
    cfg: repo.MeetingsConfig,
    topics: { row: repo.TopicRecord; facts: TopicFacts }[],
    opts: { kindOverride?: MeetingKind; full?: boolean } = {},
  ) {
    const ids = topics.map((t) => t.row.id);
    const entries = await repo.gateEntries(db, ids);
    const meetingIds = [...new Set(topics.map((t) => t.row.meeting_id).filter((x): x is number => x !== null))];
    const meetings = await repo.meetingsByIds(db, meetingIds);
    // a topic's reader (e.g. its proposer) may not know the meeting it is on: its title only to the meeting's readers
    const readableMeetings = new Set<number>();
    for (const m of meetings) {
      const facts: MeetingFacts = {
        level: m.level,
        status: m.status,
        chairId: m.chair_id,
        createdBy: m.created_by,
        attendeeIds: await repo.attendeeIds(db, m.id),
        shared: await isSharedWith(db, w.actor, 'meeting', m.id),
      };
      if (meetingsPolicy.readMeeting(w, facts)) readableMeetings.add(m.id);
    }
    const units = await repo.unitNames(db, [...topics.flatMap((t) => [t.row.proposing_unit_id, ...t.facts.concernedUnitIds])]);
    const users = await repo.userNames(db, [...topics.flatMap((t) => [t.row.proposed_by, t.row.leader_id ?? 0]), ...entries.map((e) => e.confirmed_by)]);
    const fileIds = entries.map((e) => e.evidence_attachment_id).filter((x): x is number => x !== null);
    const files = await repo.attachmentNames(db, fileIds);
    const out = [];
    for (const t of topics) {
      const kind = opts.kindOverride ?? (t.row.kind as MeetingKind);
      const evals = evaluateGates(
        cfg.checklists[kind] ?? [],
        { needsExpert: Boolean(t.row.needs_expert), concernedUnitIds: t.facts.concernedUnitIds },
        entries.filter((e) => e.topic_id === t.row.id).map((e) => ({ gateKey: e.gate_key, unitId: e.unit_id, status: e.status })),
      );
      const failed = failedGates(evals);
      const m = meetings.find((x) => x.id === t.row.meeting_id);
      const actions: string[] = [];
      if (meetingsPolicy.editTopic(w, t.facts)) actions.push('edit');
      if (meetingsPolicy.moveTopic(w, t.facts)) {
        if (t.row.status === 'stored') actions.push('prepare');
        if (t.row.status === 'preparing') actions.push('store', 'schedule');
      }
      if (meetingsPolicy.withdrawTopic(w, t.facts)) actions.push('withdraw');
      out.push({
        id: t.row.id,
        title: t.row.title,
        background: opts.full ? t.row.background : undefined,
        kind,
        kindName: MEETING_KIND_INFO[t.row.kind as MeetingKind] ?? null,
        level: t.row.level,
        needsExpert: Boolean(t.row.needs_expert),
        status: t.row.status,
        statusName: TOPIC_STATES[t.row.status as keyof typeof TOPIC_STATES] ?? null,
        proposingUnit: { id: t.row.proposing_unit_id, name: units.get(t.row.proposing_unit_id) ?? '' },
        leader: t.row.leader_id ? { id: t.row.leader_id, name: users.get(t.row.leader_id) ?? '' } : null,
        proposedBy: { id: t.row.proposed_by, name: users.get(t.row.proposed_by) ?? '' },
        concernedUnits: t.facts.concernedUnitIds.map((id) => ({ id, name: units.get(id) ?? '' })),
        meeting: m ? { id: m.id, title: readableMeetings.has(m.id) ? m.title : null, startsAt: m.starts_at } : null,
        agendaOrder: t.row.agenda_order,
        gates: this.gateViews(w, t, evals, entries, { units, users, files }),
        gatesPassed: failed.length === 0,
        failedGates: failed.map((g) => g.key),
        createdAt: t.row.created_at,
        updatedAt: t.row.updated_at,
        version: t.row.version,
        actions,
      });
    }
    return out;
  }

  /** One topic with its gates, attachments and the actor's allowed actions. */
  async getTopic(actor: Actor, id: number, db: H = this.ctx.db) {
    const { w, cfg } = await this.who(db, actor);
    const t = await this.loadTopic(db, w, id, 'meetings.topic_read');
    const [view] = await this.presentTopics(db, w, cfg, [t], { full: true });
    return { ...view!, attachments: await this.ctx.files.listFor(db, 'meeting_topic', id) };
  }

  /** The topic pool (议题库): visible topics of one layer, with gate status at a glance, and counts per layer. */
  async listTopics(actor: Actor, q: { layer?: string; kind?: string; q?: string; page: number; pageSize: number }) {
    const db = this.ctx.db;
    const { w, cfg } = await this.who(db, actor);
    const { total, rows } = await repo.listTopics(db, w, q);
    const concerned = await repo.concernedUnits(
      db,
      rows.map((r) => r.id),
    );
    const topics = [];
    for (const row of rows)
      topics.push({
        row,
        facts: {
          level: row.level,
          status: row.status,
          proposingUnitId: row.proposing_unit_id,
          leaderId: row.leader_id,
          proposedBy: row.proposed_by,
          concernedUnitIds: concerned.get(row.id) ?? [],
          meetingUserIds: [] as number[],
          shared: false,
        },
      });
    // the SQL filter already decided visibility; the facts here only drive the allowed actions
    return { total, counts: await repo.countTopicsByLayer(db, w), items: await this.presentTopics(db, w, cfg, topics) };
  }

  /** 提出议题: a division or responsible unit proposes a topic; it is kept in 储存. */
  async proposeTopic(actor: Actor, input: ProposeTopicInput) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w, cfg } = await this.who(trx, actor);
      if (!meetingsPolicy.propose(w)) throw new ForbiddenError();
      const unitId = input.proposingUnitId ?? actor.unitId;
      if (unitId !== actor.unitId && !isManager(w)) throw new ForbiddenError();
      await this.checkLevel(trx, actor, input.level);
      await this.checkUnits(trx, [unitId, ...input.concernedUnitIds]);
      if (input.leaderId) await this.checkUsers(trx, [input.leaderId]);
      const at = iso(this.ctx.clock.now());
      const row = { id: 0 };
      row.id = await repo.insertTopic(trx, {
        title: input.title,
        background: input.background,
        proposing_unit_id: unitId,
        leader_id: input.leaderId ?? null,
        kind: input.kind,
        level: input.level,
        needs_expert: input.needsExpert ? 1 : 0,
        status: 'stored',
        meeting_id: null,
        agenda_order: null,
        proposed_by: actor.id,
        created_at: at,
        updated_at: at,
      });
      await repo.setConcernedUnits(
        trx,
        row.id,
        input.concernedUnitIds.filter((u) => u !== unitId),
      );
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.topic_propose',
        targetType: 'meeting_topic',
        targetId: row.id,
        detail: { title: input.title, kind: input.kind, level: input.level, proposingUnitId: unitId },
      });
      const heads = await repo.usersWithRole(trx, cfg.handlerUnitIds, ['division_head'], input.level);
      await this.ctx.notifier.send(
        trx,
        heads.filter((id) => id !== actor.id),
        {
          kind: 'meetings.topic_proposed',
          title: `新议题：${input.title}`,
          body: `${actor.unitName}提出议题，已列入储存层。`,
          link: `/meetings/topics/${row.id}`,
          level: input.level,
        },
      );
      await this.reindex(trx, { topics: [row.id] });
      return this.getTopic(actor, row.id, trx);
    });
  }

  /** Edits a topic's content while it is in 储存 or 调度. */
  async updateTopic(actor: Actor, id: number, input: { version: number } & Partial<Omit<ProposeTopicInput, 'proposingUnitId'>>) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const t = await this.loadTopic(trx, w, id, 'meetings.topic_update');
      if (!meetingsPolicy.editTopic(w, t.facts)) throw new ForbiddenError();
      if (t.row.version !== input.version) throw new StaleVersionError({ current: t.row.version });
      if (input.level !== undefined) await this.checkLevel(trx, actor, input.level);
      if (input.concernedUnitIds) await this.checkUnits(trx, input.concernedUnitIds);
      if (input.leaderId) await this.checkUsers(trx, [input.leaderId]);
      const patch = {
        title: input.title,
        background: input.background,
        leader_id: input.leaderId,
        kind: input.kind,
        level: input.level,
        needs_expert: input.needsExpert === undefined ? undefined : input.needsExpert ? 1 : 0,
      };
      const changes: Record<string, [unknown, unknown]> = diffFields(t.row as unknown as Record<string, unknown>, patch);
      await repo.updateTopic(trx, t.row, { ...patch, updated_at: iso(this.ctx.clock.now()) });
      if (input.concernedUnitIds) {
        const next = input.concernedUnitIds.filter((u) => u !== t.row.proposing_unit_id);
        if (JSON.stringify([...next].sort()) !== JSON.stringify([...t.facts.concernedUnitIds].sort()))
          changes.concernedUnitIds = [t.facts.concernedUnitIds, next];
        await repo.setConcernedUnits(trx, id, next);
      }
      await this.ctx.audit.append(trx, { actor, action: 'meetings.topic_update', targetType: 'meeting_topic', targetId: id, changes });
      await this.reindex(trx, { topics: [id] });
      return this.getTopic(actor, id, trx);
    });
  }

  /** Moves a topic between 储存 and 调度, or withdraws it. */
  async transitionTopic(actor: Actor, id: number, action: 'prepare' | 'store' | 'withdraw', version: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const t = await this.loadTopic(trx, w, id, 'meetings.topic_transition');
      const wf = topicWorkflow((_a, act) => (act === 'withdraw' ? meetingsPolicy.withdrawTopic(w, t.facts) : meetingsPolicy.moveTopic(w, t.facts)));
      const label = wf.transitions[action]!.label.zh;
      await this.ctx.workflow.apply(trx, wf, {
        row: t.row,
        action,
        actor,
        version,
        input: {},
        notify:
          t.row.proposed_by !== actor.id
            ? [
                {
                  userIds: [t.row.proposed_by],
                  message: {
                    kind: `meetings.topic_${action}`,
                    title: `议题“${t.row.title}”：${label}`,
                    body: `${actor.name}（${actor.unitName}）${label}。`,
                    link: `/meetings/topics/${id}`,
                    level: t.row.level,
                  },
                },
              ]
            : [],
      });
      await this.reindex(trx, { topics: [id] });
      return this.getTopic(actor, id, trx);
    });
  }

  /**
   * Confirms one gate of a topic with evidence (an attachment of the topic, or a written record),
   * or records a department's dissent for 会前协商一致. `version` is 0 for a first entry.
   */
  async confirmGate(actor: Actor, topicId: number, gate: GateKey, input: GateInput) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w, cfg } = await this.who(trx, actor);
      const t = await this.loadTopic(trx, w, topicId, 'meetings.gate_confirm');
      if (!(cfg.checklists[t.row.kind as MeetingKind] ?? []).some((c) => c.key === gate))
        throw new RuleError('meetings.gate_not_in_checklist', { gate: GATE_INFO[gate].zh });
      const perUnit = GATE_INFO[gate].perUnit === true;
      let unitId = 0;
      if (perUnit) {
        unitId = input.unitId ?? (t.facts.concernedUnitIds.includes(actor.unitId) ? actor.unitId : 0);
        if (!unitId) throw new RuleError('meetings.unit_required');
        if (!t.facts.concernedUnitIds.includes(unitId)) throw new RuleError('meetings.unit_not_concerned');
      } else if (input.status === 'dissent') throw new RuleError('meetings.dissent_only_consensus');
      if (!meetingsPolicy.confirmGate(w, t.facts, gate, unitId)) throw new ForbiddenError();
      const text = input.text?.trim() || null;
      const attachmentId = input.attachmentId ?? null;
      if (input.status === 'confirmed' ? !text && !attachmentId : !text) throw new RuleError('meetings.evidence_required');
      if (attachmentId) {
        const a = await repo.attachmentOwner(trx, attachmentId);
        if (!a || a.owner_type !== 'meeting_topic' || a.owner_id !== topicId) throw new RuleError('meetings.evidence_invalid');
      }
      const before = await repo.findGateEntry(trx, topicId, gate, unitId);
      if ((before?.version ?? 0) !== input.version) throw new StaleVersionError({ current: before?.version ?? 0 });
      const at = iso(this.ctx.clock.now());
      const values = {
        status: input.status,
        evidence_attachment_id: attachmentId,
        evidence_text: text,
        confirmed_by: actor.id,
        confirmed_at: at,
        updated_at: at,
      };
      if (before) {
        await repo.updateGateEntry(trx, before, values);
      } else {
        await repo.insertGateEntry(trx, { topic_id: topicId, gate_key: gate, unit_id: unitId, ...values, created_at: at });
      }
      await this.ctx.audit.append(trx, {
        actor,
        action: input.status === 'dissent' ? 'meetings.gate_dissent' : 'meetings.gate_confirm',
        targetType: 'meeting_topic',
        targetId: topicId,
        changes: { [`gate.${gate}${unitId ? `.${unitId}` : ''}`]: [before?.status ?? null, input.status] },
        detail: { gate, unitId: unitId || null, attachmentId, text },
      });
      if (input.status === 'dissent') {
        const managers = await repo.usersWithRole(trx, cfg.handlerUnitIds, ['staff', 'division_head'], t.row.level);
        await this.ctx.notifier.send(
          trx,
          [...managers, t.row.proposed_by].filter((id) => id !== actor.id),
          {
            kind: 'meetings.gate_dissent',
            title: `议题“${t.row.title}”会前协商有不同意见`,
            body: `${actor.unitName}：${text ?? ''}`.slice(0, 500),
            link: `/meetings/topics/${topicId}`,
            level: t.row.level,
          },
        );
      }
      return this.getTopic(actor, topicId, trx);
    });
  }

  // ---------------------------------------------------------------- meetings

  private async meetingFacts(db: H, actor: Actor, m: repo.MeetingRecord): Promise<MeetingFacts> {
    return {
      level: m.level,
      status: m.status,
      chairId: m.chair_id,
      createdBy: m.created_by,
      attendeeIds: await repo.attendeeIds(db, m.id),
      shared: await isSharedWith(db, actor, 'meeting', m.id),
    };
  }

  /** Loads a meeting the actor may read, or throws 404 (audited). */
  private async loadMeeting(db: H, w: MeetingsActor, id: number, action: string) {
    const row = await repo.findMeeting(db, id);
    const facts = row ? await this.meetingFacts(db, w.actor, row) : null;
    authorizeRead(row !== undefined && facts !== null && meetingsPolicy.readMeeting(w, facts), action, 'meeting', id);
    return { row: row!, facts: facts! };
  }

  private closed(m: repo.MeetingRecord): RuleError {
    return new RuleError('meetings.meeting_closed', { state: MEETING_STATES[m.status as keyof typeof MEETING_STATES]?.zh ?? m.status });
  }

  /** Meetings the actor may see in a date range (the calendar). */
  async listMeetings(actor: Actor, q: { from?: string; to?: string; status?: string; page: number; pageSize: number }) {
    const db = this.ctx.db;
    const { w } = await this.who(db, actor);
    const { total, rows } = await repo.listMeetings(db, w, q);
    const chairs = await repo.userNames(
      db,
      rows.map((r) => r.chair_id),
    );
    return {
      total,
      items: rows.map((m) => ({
        id: m.id,
        title: m.title,
        kind: m.kind,
        kindName: MEETING_KIND_INFO[m.kind as MeetingKind] ?? null,
        startsAt: m.starts_at,
        endsAt: m.ends_at,
        place: m.place,
        chair: { id: m.chair_id, name: chairs.get(m.chair_id) ?? '' },
        level: m.level,
        status: m.status,
        statusName: MEETING_STATES[m.status as keyof typeof MEETING_STATES] ?? null,
        topicCount: Number(m.topic_count ?? 0),
        version: m.version,
      })),
    };
  }

  /** One meeting: attendees, agenda with gates, materials the actor may read, minutes, decisions with progress lights. */
  async getMeeting(actor: Actor, id: number, db: H = this.ctx.db) {
    const { w, cfg } = await this.who(db, actor);
    const m = await this.loadMeeting(db, w, id, 'meetings.meeting_read');
    const att = await repo.attendees(db, id);
    const agendaRows = await repo.agenda(db, id);
    const concerned = await repo.concernedUnits(
      db,
      agendaRows.map((r) => r.id),
    );
    const meetingUserIds = [m.row.chair_id, ...att.map((a) => a.user_id)];
    const topics = [];
    for (const row of agendaRows) {
      const facts: TopicFacts = {
        level: row.level,
        status: row.status,
        proposingUnitId: row.proposing_unit_id,
        leaderId: row.leader_id,
        proposedBy: row.proposed_by,
        concernedUnitIds: concerned.get(row.id) ?? [],
        meetingUserIds,
        shared: false,
      };
      if (meetingsPolicy.readTopic(w, facts)) topics.push({ row, facts });
    }
    const agendaViews = await this.presentTopics(db, w, cfg, topics, { kindOverride: m.row.kind as MeetingKind });
    const materialRows = (await repo.materials(db, id)).filter((mat) => meetingsPolicy.readMaterial(w, m.facts, mat));
    const materialsOut = [];
    for (const mat of materialRows) {
      materialsOut.push({
        id: mat.id,
        topicId: mat.topic_id,
        kind: mat.kind,
        kindName: MATERIAL_KIND_INFO[mat.kind as keyof typeof MATERIAL_KIND_INFO] ?? null,
        title: mat.title,
        level: mat.level,
        createdAt: mat.created_at,
        version: mat.version,
        attachments: await this.ctx.files.listFor(db, 'meeting_material', mat.id),
      });
    }
    const decisionRows = (await repo.decisions(db, id)).filter((d) => d.level <= actor.clearance);
    let progress: Record<number, SourceProgress[]> = {};
    if (this.supervision && decisionRows.some((d) => d.supervision_item_id !== null)) {
      progress = await this.supervision.progressBySource(
        db as Db,
        actor,
        'meeting_decision',
        decisionRows.map((d) => d.id),
      );
    }
    const names = await repo.unitNames(
      db,
      decisionRows.flatMap((d) => [d.lead_unit_id, ...(JSON.parse(d.co_unit_ids) as number[])]),
    );
    const chair = await repo.userNames(db, [m.row.chair_id]);
    const me = att.find((a) => a.user_id === actor.id);
    const actions: string[] = [];
    if (meetingsPolicy.editAgenda(w, m.facts)) actions.push('edit', 'agenda', 'notify', 'hold', 'cancel');
    if (meetingsPolicy.manageMeeting(w, m.facts) && !['minuted', 'cancelled'].includes(m.row.status)) actions.push('materials');
    if (meetingsPolicy.recordMinutes(w, m.facts)) actions.push('minutes', 'finalize');
    if (meetingsPolicy.supervise(w, m.facts) && this.supervision) actions.push('supervise');
    if (meetingsPolicy.signIn(w, m.facts, me) && !me?.signed_in_at) actions.push('signIn');
    if (['held', 'minuted'].includes(m.row.status)) actions.push('minutesDocx');
    return {
      id: m.row.id,
      title: m.row.title,
      kind: m.row.kind,
      kindName: MEETING_KIND_INFO[m.row.kind as MeetingKind] ?? null,
      decisionKind: MEETING_KIND_INFO[m.row.kind as MeetingKind]?.decision ?? false,
      startsAt: m.row.starts_at,
      endsAt: m.row.ends_at,
      place: m.row.place,
      chair: { id: m.row.chair_id, name: chair.get(m.row.chair_id) ?? '' },
      level: m.row.level,
      status: m.row.status,
      statusName: MEETING_STATES[m.row.status as keyof typeof MEETING_STATES] ?? null,
      minutesSummary: m.row.minutes_summary,
      minutesNo: m.row.minutes_no,
      checklist: cfg.checklists[m.row.kind as MeetingKind] ?? [],
      attendees: att.map((a) => ({
        userId: a.user_id,
        name: a.name,
        unitName: a.unit_name,
        attendance: a.attendance,
        excuseReason: a.excuse_reason,
        notifiedAt: a.notified_at,
        signedInAt: a.signed_in_at,
      })),
      agenda: agendaViews,
      materials: materialsOut,
      decisions: decisionRows.map((d) => ({
        id: d.id,
        topicId: d.topic_id,
        seq: d.seq,
        text: d.text,
        leadUnit: { id: d.lead_unit_id, name: names.get(d.lead_unit_id) ?? '' },
        coUnits: (JSON.parse(d.co_unit_ids) as number[]).map((u) => ({ id: u, name: names.get(u) ?? '' })),
        dueDate: d.due_date,
        level: d.level,
        supervisionItemId: d.supervision_item_id,
        supervisionNumber: d.supervision_number,
        progress: progress[d.id] ?? [],
        version: d.version,
      })),
      createdAt: m.row.created_at,
      version: m.row.version,
      actions,
    };
  }

  /** Creates a meeting (筹备中) with its attendees and those excused. */
  async createMeeting(actor: Actor, input: MeetingInput) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      if (!meetingsPolicy.createMeeting(w)) throw new ForbiddenError();
      await this.checkLevel(trx, actor, input.level);
      if (input.endsAt && input.endsAt < input.startsAt) throw new RuleError('meetings.ends_before_start');
      await this.checkUsers(trx, [input.chairId, ...input.attendeeIds, ...input.excused.map((e) => e.userId)]);
      const at = iso(this.ctx.clock.now());
      const row = { id: 0 };
      row.id = await repo.insertMeeting(trx, {
        title: input.title,
        kind: input.kind,
        starts_at: new Date(input.startsAt).toISOString(),
        ends_at: input.endsAt ? new Date(input.endsAt).toISOString() : null,
        place: input.place,
        chair_id: input.chairId,
        level: input.level,
        status: 'planned',
        minutes_summary: null,
        minutes_no: null,
        handler_unit_id: actor.unitId,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      });
      await repo.setAttendees(
        trx,
        row.id,
        input.attendeeIds.filter((u) => !input.excused.some((e) => e.userId === u)),
        input.excused,
      );
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.meeting_create',
        targetType: 'meeting',
        targetId: row.id,
        detail: { title: input.title, kind: input.kind, startsAt: input.startsAt, level: input.level, attendees: input.attendeeIds.length },
      });
      await this.reindex(trx, { meetings: [row.id] });
      return this.getMeeting(actor, row.id, trx);
    });
  }

  /** Edits a meeting before it is held (optimistic lock). */
  async updateMeeting(actor: Actor, id: number, input: { version: number } & Partial<MeetingInput>) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, id, 'meetings.meeting_update');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.editAgenda(w, m.facts)) throw this.closed(m.row);
      if (m.row.version !== input.version) throw new StaleVersionError({ current: m.row.version });
      if (input.level !== undefined) {
        await this.checkLevel(trx, actor, input.level);
        if ((await repo.agenda(trx, id)).some((t) => t.level > input.level!)) throw new RuleError('meetings.topic_level_above_meeting');
      }
      const startsAt = input.startsAt ? new Date(input.startsAt).toISOString() : m.row.starts_at;
      const endsAt = input.endsAt === undefined ? m.row.ends_at : input.endsAt ? new Date(input.endsAt).toISOString() : null;
      if (endsAt && endsAt < startsAt) throw new RuleError('meetings.ends_before_start');
      const users = [...(input.chairId ? [input.chairId] : []), ...(input.attendeeIds ?? []), ...(input.excused ?? []).map((e) => e.userId)];
      await this.checkUsers(trx, users);
      const patch = {
        title: input.title,
        starts_at: input.startsAt ? startsAt : undefined,
        ends_at: input.endsAt === undefined ? undefined : endsAt,
        place: input.place,
        chair_id: input.chairId,
        level: input.level,
      };
      const changes = diffFields(m.row as unknown as Record<string, unknown>, patch);
      await repo.updateMeeting(trx, m.row, { ...patch, updated_at: iso(this.ctx.clock.now()) });
      if (input.attendeeIds || input.excused) {
        const current = await repo.attendees(trx, id);
        const expected = input.attendeeIds ?? current.filter((a) => a.attendance === 'expected').map((a) => a.user_id);
        const excused = input.excused ?? current.filter((a) => a.attendance === 'excused').map((a) => ({ userId: a.user_id, reason: a.excuse_reason ?? '' }));
        await repo.setAttendees(
          trx,
          id,
          expected.filter((u) => !excused.some((e) => e.userId === u)),
          excused,
        );
        changes.attendees = [
          current.map((a) => `${a.user_id}:${a.attendance}`),
          [...expected.map((u) => `${u}:expected`), ...excused.map((e) => `${e.userId}:excused`)],
        ];
      }
      await this.ctx.audit.append(trx, { actor, action: 'meetings.meeting_update', targetType: 'meeting', targetId: id, changes });
      await this.reindex(trx, { meetings: [id], topics: (await repo.agenda(trx, id)).map((t) => t.id) });
      return this.getMeeting(actor, id, trx);
    });
  }

  /**
   * 上会: places a topic of the 调度 layer on a meeting's agenda. For every gate of the meeting
   * kind's checklist the topic must have passed; otherwise 422 `meetings.gates_failed` naming them.
   */
  async placeOnAgenda(actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
    try {
      return await this.placeOnAgendaTx(actor, meetingId, topicId, topicVersion);
    } catch (e) {
      // the refusal is recorded after the transaction rolled back (never on the db inside a transaction)
      if (e instanceof RuleError && e.code === 'meetings.gates_failed') {
        const failed = (e.details as { failed: { key: string }[] }).failed.map((g) => g.key);
        await this.ctx.audit.record(this.ctx.db, {
          actor,
          action: 'meetings.agenda_place',
          targetType: 'meeting_topic',
          targetId: topicId,
          outcome: 'denied',
          detail: { meetingId, failed },
        });
      }
      throw e;
    }
  }

  private async placeOnAgendaTx(actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w, cfg } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.agenda_place');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.editAgenda(w, m.facts)) throw this.closed(m.row);
      const t = await this.loadTopic(trx, w, topicId, 'meetings.agenda_place');
      if (t.row.status !== 'preparing')
        throw new RuleError('meetings.topic_not_ready', { state: TOPIC_STATES[t.row.status as keyof typeof TOPIC_STATES]?.zh ?? t.row.status });
      if (t.row.version !== topicVersion) throw new StaleVersionError({ current: t.row.version });
      if (t.row.level > m.row.level) throw new RuleError('meetings.topic_level_above_meeting');
      const entries = await repo.gateEntries(trx, [topicId]);
      const evals = evaluateGates(
        cfg.checklists[m.row.kind as MeetingKind] ?? [],
        { needsExpert: Boolean(t.row.needs_expert), concernedUnitIds: t.facts.concernedUnitIds },
        entries.map((e) => ({ gateKey: e.gate_key, unitId: e.unit_id, status: e.status })),
      );
      const failed = failedGates(evals);
      if (failed.length) {
        const units = await repo.unitNames(
          trx,
          failed.flatMap((g) => (g.units ?? []).map((u) => u.unitId)),
        );
        const describe = (g: GateEvaluation) => {
          const bad = (g.units ?? [])
            .filter((u) => u.state !== 'passed')
            .map((u) => `${units.get(u.unitId) ?? u.unitId}${u.state === 'dissent' ? '有不同意见' : '未确认'}`);
          return `${GATE_INFO[g.key].zh}${bad.length ? `（${bad.join('，')}）` : ''}`;
        };
        throw new RuleError(
          'meetings.gates_failed',
          { gates: failed.map(describe).join('；') },
          {
            failed: failed.map((g) => ({
              key: g.key,
              zh: GATE_INFO[g.key].zh,
              en: GATE_INFO[g.key].en,
              state: g.state,
              units: (g.units ?? [])
                .filter((u) => u.state !== 'passed')
                .map((u) => ({ unitId: u.unitId, unitName: units.get(u.unitId) ?? '', state: u.state })),
            })),
          },
        );
      }
      const wf = topicWorkflow(() => true);
      await this.ctx.workflow.apply(trx, wf, {
        row: t.row,
        action: 'schedule',
        actor,
        version: topicVersion,
        input: {},
        set: { meeting_id: meetingId, agenda_order: await repo.nextAgendaOrder(trx, meetingId) },
        detail: { meetingId, meetingTitle: m.row.title },
        notify: [
          {
            userIds: [t.row.proposed_by].filter((u) => u !== actor.id),
            message: {
              kind: 'meetings.topic_scheduled',
              title: `议题“${t.row.title}”已列入会议议程`,
              // not the meeting's title: the proposer may have no need-to-know of the meeting (or its 密级)
              body: `会议日期：${chinaDate(new Date(m.row.starts_at))}`,
              link: `/meetings/topics/${topicId}`,
              level: t.row.level,
            },
          },
        ],
      });
      await this.reindex(trx, { topics: [topicId] });
      return this.getMeeting(actor, meetingId, trx);
    });
  }

  /** Takes a topic off the agenda, back to 调度. */
  async removeFromAgenda(actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.agenda_remove');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.editAgenda(w, m.facts)) throw this.closed(m.row);
      const t = await this.loadTopic(trx, w, topicId, 'meetings.agenda_remove');
      if (t.row.meeting_id !== meetingId) throw new RuleError('meetings.topic_not_on_agenda');
      await this.ctx.workflow.apply(
        trx,
        topicWorkflow(() => true),
        { row: t.row, action: 'unschedule', actor, version: topicVersion, input: {}, set: { meeting_id: null, agenda_order: null }, detail: { meetingId } },
      );
      await this.reindex(trx, { topics: [topicId] });
      return this.getMeeting(actor, meetingId, trx);
    });
  }

  /** Orders the agenda (议程顺序). */
  async orderAgenda(actor: Actor, meetingId: number, version: number, topicIds: number[]) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.agenda_order');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.editAgenda(w, m.facts)) throw this.closed(m.row);
      if (m.row.version !== version) throw new StaleVersionError({ current: m.row.version });
      const current = await repo.agenda(trx, meetingId);
      const same = current.length === topicIds.length && new Set(topicIds).size === topicIds.length && current.every((t) => topicIds.includes(t.id));
      if (!same) throw new RuleError('meetings.agenda_mismatch');
      await repo.setAgendaOrder(trx, topicIds);
      await repo.bumpMeetingVersion(trx, meetingId, version, iso(this.ctx.clock.now()));
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.agenda_order',
        targetType: 'meeting',
        targetId: meetingId,
        changes: { agenda: [current.map((t) => t.id), topicIds] },
      });
      return this.getMeeting(actor, meetingId, trx);
    });
  }

  /** 发出会议通知 / 会议召开 / 印发纪要 / 取消会议. */
  async transitionMeeting(actor: Actor, id: number, action: 'notify' | 'hold' | 'finalize' | 'cancel', version: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, id, 'meetings.meeting_transition');
      const wf = meetingWorkflow(() => meetingsPolicy.manageMeeting(w, m.facts));
      const now = this.ctx.clock.now();
      const at = iso(now);
      const agendaRows = await repo.agenda(trx, id);
      const set: Record<string, unknown> = {};
      const notify: { userIds: number[]; message: { kind: string; title: string; body: string; link: string; level: number } }[] = [];
      const att = await repo.attendees(trx, id);
      const when = `${chinaDate(new Date(m.row.starts_at))} ${new Date(new Date(m.row.starts_at).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
      if (action === 'notify') {
        if (!agendaRows.length) throw new RuleError('meetings.agenda_empty');
        const expected = att.filter((a) => a.attendance === 'expected').map((a) => a.user_id);
        notify.push({
          userIds: [m.row.chair_id, ...expected],
          message: {
            kind: 'meetings.notice',
            title: `会议通知：${m.row.title}`,
            body: `时间：${when}；地点：${m.row.place}；议题 ${agendaRows.length} 项。请按时出席并签到。`,
            link: `/meetings/${id}`,
            level: m.row.level,
          },
        });
      }
      if (action === 'finalize') {
        if (!m.row.minutes_summary?.trim()) throw new RuleError('meetings.minutes_missing');
        set.minutes_no = await nextSerial(trx, `meetings.minutes.${m.row.kind}`, chinaYear(new Date(m.row.starts_at)));
      }
      if (action === 'cancel' && m.row.status === 'notified') {
        notify.push({
          userIds: [m.row.chair_id, ...att.map((a) => a.user_id)],
          message: {
            kind: 'meetings.cancelled',
            title: `会议取消：${m.row.title}`,
            body: `原定 ${when} 在${m.row.place}召开的会议取消。`,
            link: `/meetings/${id}`,
            level: m.row.level,
          },
        });
      }
      const res = await this.ctx.workflow.apply(trx, wf, {
        row: m.row,
        action,
        actor,
        version,
        input: {},
        set,
        notify: notify.map((n) => ({ ...n, userIds: n.userIds.filter((u) => u !== actor.id) })),
      });
      if (action === 'notify') await repo.markAttendeesNotified(trx, id, at);
      const topicWf = topicWorkflow(() => true);
      for (const t of agendaRows) {
        if (action === 'finalize' && t.status === 'scheduled')
          await this.ctx.workflow.apply(trx, topicWf, { row: t, action: 'decide', actor, version: t.version, input: {}, detail: { meetingId: id } });
        if (action === 'cancel' && t.status === 'scheduled')
          await this.ctx.workflow.apply(trx, topicWf, {
            row: t,
            action: 'unschedule',
            actor,
            version: t.version,
            input: {},
            set: { meeting_id: null, agenda_order: null },
            detail: { meetingId: id, reason: 'meeting_cancelled' },
          });
      }
      void res;
      await this.reindex(trx, { meetings: [id], topics: agendaRows.map((t) => t.id) });
      return this.getMeeting(actor, id, trx);
    });
  }

  /** 签到: an expected attendee signs in (or the office signs one in). Idempotent. */
  async signIn(actor: Actor, id: number, userId?: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, id, 'meetings.sign_in');
      const target = userId ?? actor.id;
      if (target !== actor.id && !meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      const att = (await repo.attendees(trx, id)).find((a) => a.user_id === target);
      if (att?.attendance !== 'expected') throw new RuleError('meetings.not_attendee');
      if (m.row.status !== 'notified' && m.row.status !== 'held') throw this.closed(m.row);
      if (!att.signed_in_at) {
        await repo.signInAttendee(trx, id, target, att.version, iso(this.ctx.clock.now()));
        await this.ctx.audit.append(trx, { actor, action: 'meetings.sign_in', targetType: 'meeting', targetId: id, detail: { userId: target } });
      }
      return this.getMeeting(actor, id, trx);
    });
  }

  /** Registers a material (传达提纲, 发言材料, 领导讲话) of the meeting; files are uploaded to it afterwards. */
  async addMaterial(actor: Actor, meetingId: number, input: { title: string; kind: string; topicId?: number | null; level: number }) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.material_add');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (['minuted', 'cancelled'].includes(m.row.status)) throw this.closed(m.row);
      await this.checkLevel(trx, actor, input.level);
      if (input.topicId) {
        const t = await repo.findTopic(trx, input.topicId);
        if (t?.meeting_id !== meetingId) throw new RuleError('meetings.material_topic_not_on_agenda');
      }
      const at = iso(this.ctx.clock.now());
      const row = { id: 0 };
      row.id = await repo.insertMaterial(trx, {
        meeting_id: meetingId,
        topic_id: input.topicId ?? null,
        kind: input.kind,
        title: input.title,
        level: input.level,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.material_add',
        targetType: 'meeting',
        targetId: meetingId,
        detail: { materialId: row.id, title: input.title, kind: input.kind, level: input.level },
      });
      return { id: row.id, meetingId, title: input.title, kind: input.kind, topicId: input.topicId ?? null, level: input.level, version: 1 };
    });
  }

  /** 纪要: writes the minutes' summary while the meeting is held. */
  async saveMinutes(actor: Actor, id: number, version: number, summary: string) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, id, 'meetings.minutes_save');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.recordMinutes(w, m.facts)) throw this.closed(m.row);
      if (m.row.version !== version) throw new StaleVersionError({ current: m.row.version });
      await repo.updateMeeting(trx, m.row, { minutes_summary: summary, updated_at: iso(this.ctx.clock.now()) });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.minutes_save',
        targetType: 'meeting',
        targetId: id,
        changes: { minutes_summary: [m.row.minutes_summary, summary] },
      });
      await this.reindex(trx, { meetings: [id] });
      return this.getMeeting(actor, id, trx);
    });
  }

  /** 议定事项: records one decision on a topic of the agenda. */
  async addDecision(actor: Actor, meetingId: number, input: DecisionInput) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.decision_add');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.recordMinutes(w, m.facts)) throw this.closed(m.row);
      const t = await repo.findTopic(trx, input.topicId);
      if (t?.meeting_id !== meetingId) throw new RuleError('meetings.decision_topic_not_on_agenda');
      await this.checkUnits(trx, [input.leadUnitId, ...input.coUnitIds]);
      if (input.dueDate < chinaDate(this.ctx.clock.now())) throw new RuleError('meetings.deadline_passed');
      const at = iso(this.ctx.clock.now());
      const seq = await repo.nextDecisionSeq(trx, meetingId);
      const coUnits = [...new Set(input.coUnitIds.filter((u) => u !== input.leadUnitId))];
      const row = { id: 0 };
      row.id = await repo.insertDecision(trx, {
        meeting_id: meetingId,
        topic_id: input.topicId,
        seq,
        text: input.text,
        lead_unit_id: input.leadUnitId,
        co_unit_ids: JSON.stringify(coUnits),
        due_date: input.dueDate,
        level: t.level,
        supervision_item_id: null,
        supervision_number: null,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'meetings.decision_add',
        targetType: 'meeting',
        targetId: meetingId,
        detail: { decisionId: row.id, topicId: input.topicId, leadUnitId: input.leadUnitId, dueDate: input.dueDate },
      });
      await this.reindex(trx, { meetings: [meetingId] });
      return this.getMeeting(actor, meetingId, trx);
    });
  }

  /** Edits a decision not yet handed to supervision. */
  async updateDecision(actor: Actor, meetingId: number, decisionId: number, input: { version: number } & Partial<Omit<DecisionInput, 'topicId'>>) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.decision_update');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.recordMinutes(w, m.facts)) throw this.closed(m.row);
      const d = await repo.findDecision(trx, decisionId);
      authorizeRead(d !== undefined && d.meeting_id === meetingId && d.level <= actor.clearance, 'meetings.decision_update', 'meeting_decision', decisionId);
      if (d!.supervision_item_id) throw new RuleError('meetings.already_supervised', { number: d!.supervision_number ?? '' });
      if (d!.version !== input.version) throw new StaleVersionError({ current: d!.version });
      if (input.leadUnitId || input.coUnitIds) await this.checkUnits(trx, [...(input.leadUnitId ? [input.leadUnitId] : []), ...(input.coUnitIds ?? [])]);
      if (input.dueDate && input.dueDate < chinaDate(this.ctx.clock.now())) throw new RuleError('meetings.deadline_passed');
      const patch = {
        text: input.text,
        lead_unit_id: input.leadUnitId,
        co_unit_ids: input.coUnitIds ? JSON.stringify([...new Set(input.coUnitIds)]) : undefined,
        due_date: input.dueDate,
      };
      const changes = diffFields(d as unknown as Record<string, unknown>, patch);
      await repo.updateDecision(trx, d!, { ...patch, updated_at: iso(this.ctx.clock.now()) });
      await this.ctx.audit.append(trx, { actor, action: 'meetings.decision_update', targetType: 'meeting_decision', targetId: decisionId, changes });
      await this.reindex(trx, { meetings: [meetingId] });
      return this.getMeeting(actor, meetingId, trx);
    });
  }

  /**
   * 会后督办: turns decisions into supervision items in one step (source = this meeting and topic),
   * linked both ways: the supervision item records the decision as its source, the decision keeps
   * the item's id and number. `decisionIds` absent = every decision not yet supervised.
   */
  async supervise(actor: Actor, meetingId: number, decisionIds?: { id: number; version: number }[]) {
    const contract = this.supervision;
    if (!contract) throw new RuleError('meetings.supervision_unavailable');
    return this.ctx.db.transaction().execute(async (trx) => {
      const { w } = await this.who(trx, actor);
      const m = await this.loadMeeting(trx, w, meetingId, 'meetings.decision_supervise');
      if (!meetingsPolicy.manageMeeting(w, m.facts)) throw new ForbiddenError();
      if (!meetingsPolicy.supervise(w, m.facts)) throw this.closed(m.row);
      const all = await repo.decisions(trx, meetingId);
      let targets: repo.DecisionRecord[];
      if (decisionIds) {
        targets = [];
        for (const { id, version } of decisionIds) {
          const d = all.find((x) => x.id === id);
          authorizeRead(d !== undefined && d.level <= actor.clearance, 'meetings.decision_supervise', 'meeting_decision', id);
          if (d!.supervision_item_id) throw new RuleError('meetings.already_supervised', { number: d!.supervision_number ?? '' });
          if (d!.version !== version) throw new StaleVersionError({ current: d!.version });
          targets.push(d!);
        }
      } else targets = all.filter((d) => d.supervision_item_id === null);
      const topics = new Map((await repo.agenda(trx, meetingId)).map((t) => [t.id, t]));
      const date = chinaDate(new Date(m.row.starts_at));
      for (const d of targets) {
        const topic = topics.get(d.topic_id) ?? (await repo.findTopic(trx, d.topic_id));
        const ref = `${m.row.title}（${date}）议题${topic?.agenda_order ?? ''}“${topic?.title ?? ''}”议定事项第${d.seq}项`;
        const created = await contract.createFromSource(trx, actor, {
          source: 'decision',
          sourceType: 'meeting_decision',
          sourceId: d.id,
          sourceRef: ref,
          title: `${topic?.title ?? m.row.title}：${d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text}`,
          requirement: d.text,
          leadUnitId: d.lead_unit_id,
          coUnitIds: JSON.parse(d.co_unit_ids) as number[],
          ...(topic?.leader_id ? { responsibleLeaderId: topic.leader_id } : {}),
          deadline: d.due_date,
          level: d.level,
        });
        await repo.linkDecision(trx, d, created, iso(this.ctx.clock.now()));
        await this.ctx.audit.append(trx, {
          actor,
          action: 'meetings.decision_supervise',
          targetType: 'meeting_decision',
          targetId: d.id,
          changes: { supervision_item_id: [null, created.id] },
          detail: { meetingId, number: created.number },
        });
      }
      return this.getMeeting(actor, meetingId, trx);
    });
  }

  /** The minutes as a 纪要 DOCX (only for a held meeting the actor may read). */
  async minutesDocx(actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
    const view = await this.getMeeting(actor, id);
    if (view.status !== 'held' && view.status !== 'minuted') throw new RuleError('meetings.meeting_closed', { state: view.statusName?.zh ?? view.status });
    await this.ctx.audit.record(this.ctx.db, { actor, action: 'meetings.minutes_export', targetType: 'meeting', targetId: id, detail: { level: view.level } });
    const buffer = await renderMinutesDocx({ ...view, issuer: (await repo.officeName(this.ctx.db)) ?? '办公厅' });
    return { filename: `${view.title}纪要.docx`, buffer };
  }

  // ---------------------------------------------------------------- 工作台

  /** The actor's own pending 会议 items: meetings to attend, minutes to write, consensus to give. */
  async workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    const { w } = await this.who(db, actor);
    const items: WorkbenchItem[] = [];
    const cal = this.ctx.calendar;
    const today = chinaDate(now);
    const nowIso = iso(now);
    // meetings the actor is expected at, not yet signed in, still to come
    const mine = await repo.meetingsToAttend(db, actor, new Date(`${today}T00:00:00+08:00`).toISOString());
    for (const m of mine) {
      const d = chinaDate(new Date(m.starts_at));
      items.push({
        module: 'meetings',
        moduleName: MODULE_NAME,
        id: m.id,
        title: `出席会议：${m.title}（${m.place}）`,
        ownerUnit: actor.unitName,
        deadline: d,
        light: cal.light(d, now, { yellowDays: 1 }),
        status: MEETING_STATES[m.status as keyof typeof MEETING_STATES]?.zh ?? m.status,
        link: `/meetings/${m.id}`,
      });
    }
    if (isManager(w)) {
      // held meetings whose minutes are not issued: 纪要 within 3 working days of the meeting
      const held = await repo.heldMeetingsOfUnit(db, actor);
      for (const m of held) {
        const deadline = cal.addWorkingDays(chinaDate(new Date(m.starts_at)), 3);
        items.push({
          module: 'meetings',
          moduleName: MODULE_NAME,
          id: m.id,
          title: `整理印发纪要：${m.title}`,
          ownerUnit: actor.unitName,
          deadline,
          light: cal.light(deadline, now),
          status: '已召开',
          link: `/meetings/${m.id}`,
        });
      }
      // planned meetings coming up without notices
      const planned = await repo.plannedMeetingsOfUnit(db, actor, nowIso);
      for (const m of planned) {
        const d = chinaDate(new Date(m.starts_at));
        items.push({
          module: 'meetings',
          moduleName: MODULE_NAME,
          id: m.id,
          title: `筹备会议并发出通知：${m.title}`,
          ownerUnit: actor.unitName,
          deadline: d,
          light: cal.light(d, now),
          status: '筹备中',
          link: `/meetings/${m.id}`,
        });
      }
    }
    // 会前协商: topics in 调度 where the actor's unit is concerned and has not agreed
    const consult = await repo.topicsAwaitingConsensus(db, actor);
    if (hasRole(actor, 'liaison', 'division_head', 'staff', 'director')) {
      for (const t of consult)
        items.push({
          module: 'meetings',
          moduleName: MODULE_NAME,
          id: t.id,
          title: `会前协商：${t.title}`,
          ownerUnit: actor.unitName,
          deadline: null,
          light: 'none',
          status: t.gate_status === 'dissent' ? '有不同意见' : '待协商',
          link: `/meetings/topics/${t.id}`,
        });
    }
    return items;
  }

  // ---------------------------------------------------------------- attachments

  /** May the actor read a topic (and its attachments)? */
  async canReadTopic(db: H, actor: Actor, id: number): Promise<boolean> {
    const { w } = await this.who(db, actor);
    const row = await repo.findTopic(db, id);
    return row !== undefined && meetingsPolicy.readTopic(w, await this.topicFacts(db, actor, row));
  }

  /** May the actor attach to a topic: the proposer side, the office, or a concerned department (evidence)? */
  async canAttachTopic(db: H, actor: Actor, id: number): Promise<boolean> {
    const { w } = await this.who(db, actor);
    const row = await repo.findTopic(db, id);
    if (!row) return false;
    const f = await this.topicFacts(db, actor, row);
    return (
      meetingsPolicy.editTopic(w, f) ||
      (meetingsPolicy.readTopic(w, f) && ['stored', 'preparing'].includes(row.status) && f.concernedUnitIds.includes(actor.unitId))
    );
  }

  /** May the actor read a material (attendees and the office, by 密级)? */
  async canReadMaterial(db: H, actor: Actor, id: number): Promise<boolean> {
    const mat = await repo.findMaterial(db, id);
    const m = mat ? await repo.findMeeting(db, mat.meeting_id) : undefined;
    if (!mat || !m) return false;
    const { w } = await this.who(db, actor);
    return meetingsPolicy.readMaterial(w, await this.meetingFacts(db, actor, m), mat);
  }

  /** May the actor upload a material's file (the office)? */
  async canAttachMaterial(db: H, actor: Actor, id: number): Promise<boolean> {
    const mat = await repo.findMaterial(db, id);
    const m = mat ? await repo.findMeeting(db, mat.meeting_id) : undefined;
    if (!mat || !m) return false;
    const { w } = await this.who(db, actor);
    const f = await this.meetingFacts(db, actor, m);
    return meetingsPolicy.readMaterial(w, f, mat) && meetingsPolicy.manageMeeting(w, f) && !['minuted', 'cancelled'].includes(m.status);
  }

  /** The level of a material (for download audit). */
  async materialLevel(db: H, id: number): Promise<number> {
    return (await repo.findMaterial(db, id))?.level ?? 0;
  }

  /** The level of a topic (for download audit). */
  async topicLevel(db: H, id: number): Promise<number> {
    return (await repo.findTopic(db, id))?.level ?? 0;
  }
}
