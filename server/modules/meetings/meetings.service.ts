/**
 * The 会议 service: a thin facade over the use cases in `usecases/`, so routes, the 工作台, the file
 * owners and other modules keep one object to call. 会议 proposes topics (议题), moves them between
 * the three layers (储存/调度/上会), confirms their gates with evidence, organises meetings (agenda,
 * attendees, notices, sign-in, materials), records minutes (纪要) and decisions (议定事项), and hands
 * decisions to supervision (会后督办). Each write use case is one transaction:
 * load → authorize → write → audit → notify; the SQL is in `meetings.repo.ts` and `repo/`.
 */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef } from '../../platform/counted.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import type { GateKey } from './meetings.gates.js';
import * as decisionMeetings from './usecases/decision-meetings.js';
import * as dossiers from './usecases/dossier.js';
import type { MeetingsConfig } from './meetings.repo.js';
import {
  assessmentCounts,
  addMaterial,
  agenda,
  attachments,
  configuration,
  confirmGate,
  createMeeting,
  decisions,
  minutes,
  placeOnAgenda,
  proposeTopic,
  readMeetings,
  readTopics,
  signIn,
  supervise,
  transitionMeeting,
  transitionTopic,
  updateMeeting,
  updateTopic,
  workbench,
} from './usecases/index.js';

export type { ProposeTopicInput } from './usecases/propose-topic.js';
export type { GateInput } from './usecases/confirm-gate.js';
export type { MeetingInput } from './usecases/create-meeting.js';
export type { DecisionInput } from './usecases/decisions.js';

type H = Db | Trx;

/** The 会议 service; one per app. */
export class MeetingsService {
  constructor(private readonly ctx: AppContext) {}

  /** {@inheritDoc MeetingsContract.dossier} */
  dossier(db: Db, id: number) {
    return dossiers.dossier(db, id);
  }

  /** {@inheritDoc MeetingsContract.archivable} */
  archivable(db: Db, opts: { limit: number }) {
    return dossiers.archivable(db, opts.limit);
  }

  /** {@inheritDoc MeetingsContract.meetingsOfDecisions} */
  meetingsOfDecisions(db: Db, actor: Actor, decisionIds: number[]) {
    return decisionMeetings.meetingsOfDecisions(db, actor, decisionIds);
  }

  // ---------------------------------------------------------------- configuration

  /** Kinds, gates, checklists and handler units (any business user may read them). */
  getConfig(actor: Actor) {
    return configuration.getConfig(this.ctx, actor);
  }

  /** Changes the checklists per meeting kind and the handler units (把关清单可配置). */
  putConfig(actor: Actor, input: { version: number; checklists: MeetingsConfig['checklists']; handlerUnitIds: number[] }) {
    return configuration.putConfig(this.ctx, actor, input);
  }

  // ---------------------------------------------------------------- topics

  /** One topic with its gates, attachments and the actor's allowed actions. */
  getTopic(actor: Actor, id: number, db: H = this.ctx.db) {
    return readTopics.getTopic(this.ctx, actor, id, db);
  }

  /** The topic pool (议题库): visible topics of one layer, and counts per layer. */
  listTopics(actor: Actor, q: { layer?: string; kind?: string; q?: string; page: number; pageSize: number }) {
    return readTopics.listTopics(this.ctx, actor, q);
  }

  /** 提出议题: kept in 储存. */
  proposeTopic(actor: Actor, input: proposeTopic.ProposeTopicInput) {
    return proposeTopic.proposeTopic(this.ctx, actor, input);
  }

  /** Edits a topic's content while it is in 储存 or 调度. */
  updateTopic(actor: Actor, id: number, input: updateTopic.UpdateTopicInput) {
    return updateTopic.updateTopic(this.ctx, actor, id, input);
  }

  /** Moves a topic between 储存 and 调度, or withdraws it. */
  transitionTopic(actor: Actor, id: number, action: 'prepare' | 'store' | 'withdraw', version: number) {
    return transitionTopic.transitionTopic(this.ctx, actor, id, action, version);
  }

  /** Confirms one gate of a topic with evidence, or records a department's dissent. */
  confirmGate(actor: Actor, topicId: number, gate: GateKey, input: confirmGate.GateInput) {
    return confirmGate.confirmGate(this.ctx, actor, topicId, gate, input);
  }

  // ---------------------------------------------------------------- meetings

  /** Meetings the actor may see in a date range (the calendar). */
  listMeetings(actor: Actor, q: { from?: string; to?: string; status?: string; page: number; pageSize: number }) {
    return readMeetings.listMeetings(this.ctx, actor, q);
  }

  /** One meeting: attendees, agenda with gates, materials, minutes, decisions with progress lights. */
  getMeeting(actor: Actor, id: number, db: H = this.ctx.db) {
    return readMeetings.getMeeting(this.ctx, actor, id, db);
  }

  /** Creates a meeting (筹备中) with its attendees and those excused. */
  createMeeting(actor: Actor, input: createMeeting.MeetingInput) {
    return createMeeting.createMeeting(this.ctx, actor, input);
  }

  /** Edits a meeting before it is held (optimistic lock). */
  updateMeeting(actor: Actor, id: number, input: updateMeeting.UpdateMeetingInput) {
    return updateMeeting.updateMeeting(this.ctx, actor, id, input);
  }

  /** 上会: places a topic that passed every gate on a meeting's agenda. */
  placeOnAgenda(actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
    return placeOnAgenda.placeOnAgenda(this.ctx, actor, meetingId, topicId, topicVersion);
  }

  /** Takes a topic off the agenda, back to 调度. */
  removeFromAgenda(actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
    return agenda.removeFromAgenda(this.ctx, actor, meetingId, topicId, topicVersion);
  }

  /** Orders the agenda (议程顺序). */
  orderAgenda(actor: Actor, meetingId: number, version: number, topicIds: number[]) {
    return agenda.orderAgenda(this.ctx, actor, meetingId, version, topicIds);
  }

  /** 发出会议通知 / 会议召开 / 印发纪要 / 取消会议. */
  transitionMeeting(actor: Actor, id: number, action: transitionMeeting.MeetingAction, version: number) {
    return transitionMeeting.transitionMeeting(this.ctx, actor, id, action, version);
  }

  /** 签到 (idempotent). */
  signIn(actor: Actor, id: number, userId?: number) {
    return signIn.signIn(this.ctx, actor, id, userId);
  }

  /** Registers a material of the meeting; files are uploaded to it afterwards. */
  addMaterial(actor: Actor, meetingId: number, input: addMaterial.MaterialInput) {
    return addMaterial.addMaterial(this.ctx, actor, meetingId, input);
  }

  /** 纪要: writes the minutes' summary while the meeting is held. */
  saveMinutes(actor: Actor, id: number, version: number, summary: string) {
    return minutes.saveMinutes(this.ctx, actor, id, version, summary);
  }

  /** 议定事项: records one decision on a topic of the agenda. */
  addDecision(actor: Actor, meetingId: number, input: decisions.DecisionInput) {
    return decisions.addDecision(this.ctx, actor, meetingId, input);
  }

  /** Edits a decision not yet handed to supervision. */
  updateDecision(actor: Actor, meetingId: number, decisionId: number, input: decisions.UpdateDecisionInput) {
    return decisions.updateDecision(this.ctx, actor, meetingId, decisionId, input);
  }

  /** 会后督办: turns decisions into supervision items, linked both ways. */
  supervise(actor: Actor, meetingId: number, decisionIds?: { id: number; version: number }[]) {
    return supervise.supervise(this.ctx, actor, meetingId, decisionIds);
  }

  /** The minutes as a 纪要 DOCX (only for a held meeting the actor may read). */
  minutesDocx(actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
    return minutes.minutesDocx(this.ctx, actor, id);
  }

  // ---------------------------------------------------------------- 工作台

  /** The actor's own pending 会议 items: meetings to attend, minutes to write, consensus to give. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    return workbench.meetingsWorkbench(this.ctx, db, actor, now);
  }

  /** {@inheritDoc MeetingsContract.assessmentCounts} */
  assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]) {
    return assessmentCounts.assessmentCounts(this.ctx, db, period, unitIds);
  }

  /** {@inheritDoc MeetingsContract.readableRecords} */
  readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]) {
    return assessmentCounts.readableRecords(db, actor, refs);
  }

  // ---------------------------------------------------------------- attachments

  /** May the actor read a topic (and its attachments)? */
  canReadTopic(db: H, actor: Actor, id: number): Promise<boolean> {
    return attachments.canReadTopic(db, actor, id);
  }

  /** May the actor attach to a topic: the proposer side, the office, or a concerned department (evidence)? */
  canAttachTopic(db: H, actor: Actor, id: number): Promise<boolean> {
    return attachments.canAttachTopic(db, actor, id);
  }

  /** May the actor read a material (attendees and the office, by 密级)? */
  canReadMaterial(db: H, actor: Actor, id: number): Promise<boolean> {
    return attachments.canReadMaterial(db, actor, id);
  }

  /** May the actor upload a material's file (the office)? */
  canAttachMaterial(db: H, actor: Actor, id: number): Promise<boolean> {
    return attachments.canAttachMaterial(db, actor, id);
  }

  /** The level of a material (for download audit). */
  materialLevel(db: H, id: number): Promise<number> {
    return attachments.materialLevel(db, id);
  }

  /** The level of a topic (for download audit). */
  topicLevel(db: H, id: number): Promise<number> {
    return attachments.topicLevel(db, id);
  }
}
