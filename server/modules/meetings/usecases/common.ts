/** What every 会议 use case shares: the configuration, load-then-authorize of topics and meetings, and re-indexing for 全文检索. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, isSharedWith } from '../../../platform/authz.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { meetingsPolicy, type HandlerUnits, type MeetingFacts, type TopicFacts } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { MEETING_STATES } from '../meetings.workflow.js';

export type H = Db | Trx;

/** The module's configuration and its version. */
export async function config(db: H): Promise<{ cfg: repo.MeetingsConfig; cfgVersion: number }> {
  const { value, version } = await repo.readConfig(db);
  return { cfg: value, cfgVersion: version };
}

/** The actor as the lists' SQL filters see them. */
export function viewer(actor: Actor, cfg: HandlerUnits): repo.MeetingsActor {
  return { actor, handler: cfg.handlerUnitIds.includes(actor.unitId) };
}

/** A topic row as its policy needs it (concerned units, the users of its meeting, share grants). */
export async function topicFacts(db: H, actor: Actor, cfg: HandlerUnits, row: repo.TopicRecord): Promise<TopicFacts> {
  const concernedUnitIds = (await repo.concernedUnits(db, [row.id])).get(row.id) ?? [];
  let meetingUserIds: number[] = [];
  if (row.meeting_id !== null) {
    const m = await repo.findMeeting(db, row.meeting_id);
    const att = await repo.attendees(db, row.meeting_id);
    meetingUserIds = [...(m ? [m.chair_id] : []), ...att.map((a) => a.user_id)];
  }
  return {
    ...listedTopicFacts(cfg, row, concernedUnitIds, meetingUserIds),
    shared: await isSharedWith(db, actor, 'meeting_topic', row.id),
  };
}

/** A topic's facts from what a list already loaded (the list's SQL filter decided visibility). */
export function listedTopicFacts(cfg: HandlerUnits, row: repo.TopicRecord, concernedUnitIds: number[], meetingUserIds: number[]): TopicFacts {
  return {
    handlerUnitIds: cfg.handlerUnitIds,
    level: row.level,
    status: row.status,
    proposingUnitId: row.proposing_unit_id,
    leaderId: row.leader_id,
    proposedBy: row.proposed_by,
    concernedUnitIds,
    meetingUserIds,
    shared: false,
  };
}

/** A meeting row as its policy needs it. */
export async function meetingFacts(
  db: H,
  actor: Actor,
  cfg: HandlerUnits,
  m: Pick<repo.MeetingRecord, 'id' | 'level' | 'status' | 'chair_id' | 'created_by'>,
): Promise<MeetingFacts> {
  return {
    handlerUnitIds: cfg.handlerUnitIds,
    level: m.level,
    status: m.status,
    chairId: m.chair_id,
    createdBy: m.created_by,
    attendeeIds: await repo.attendeeIds(db, m.id),
    shared: await isSharedWith(db, actor, 'meeting', m.id),
  };
}

/** A loaded topic with its facts. */
export interface LoadedTopic {
  row: repo.TopicRecord;
  facts: TopicFacts;
}

/** Loads a topic the actor may read; otherwise 404, audited as `action` denied. */
export async function loadTopic(db: H, actor: Actor, cfg: HandlerUnits, id: number, action: string): Promise<LoadedTopic> {
  const row = await repo.findTopic(db, id);
  const facts = row ? await topicFacts(db, actor, cfg, row) : undefined;
  authorize(actor, meetingsPolicy.readTopic, facts, { action, targetType: 'meeting_topic', targetId: id, mode: 'read' });
  return { row: row!, facts };
}

/** A loaded meeting with its facts. */
export interface LoadedMeeting {
  row: repo.MeetingRecord;
  facts: MeetingFacts;
}

/** Loads a meeting the actor may read; otherwise 404, audited as `action` denied. */
export async function loadMeeting(db: H, actor: Actor, cfg: HandlerUnits, id: number, action: string): Promise<LoadedMeeting> {
  const row = await repo.findMeeting(db, id);
  const facts = row ? await meetingFacts(db, actor, cfg, row) : undefined;
  authorize(actor, meetingsPolicy.readMeeting, facts, { action, targetType: 'meeting', targetId: id, mode: 'read' });
  return { row: row!, facts };
}

/** Loads a meeting the actor may organise: 404 unless readable, 403 unless the office (audited under `action`). */
export async function loadManaged(trx: Trx, actor: Actor, id: number, action: string): Promise<LoadedMeeting & { cfg: repo.MeetingsConfig }> {
  const { cfg } = await config(trx);
  const m = await loadMeeting(trx, actor, cfg, id, action);
  authorize(actor, meetingsPolicy.manageMeeting, m.facts, { action, targetType: 'meeting', targetId: id });
  return { ...m, cfg };
}

/** 422 `meetings.meeting_closed`: the meeting's state does not allow the change. */
export function closed(m: repo.MeetingRecord): RuleError {
  return new RuleError('meetings.meeting_closed', { state: MEETING_STATES[m.status as keyof typeof MEETING_STATES]?.zh ?? m.status });
}

/** Re-indexes topics and meetings for 全文检索 after a change of their text or need-to-know. */
export async function reindex(ctx: AppContext, trx: Trx, what: { topics?: number[]; meetings?: number[] }): Promise<void> {
  const { value } = await repo.readConfig(trx);
  for (const id of new Set(what.topics ?? [])) {
    const row = await repo.findTopic(trx, id);
    if (row) await ctx.search.index(trx, await repo.topicSearchDoc(trx, row, value.handlerUnitIds));
  }
  for (const id of new Set(what.meetings ?? [])) {
    const row = await repo.findMeeting(trx, id);
    if (row) await ctx.search.index(trx, await repo.meetingSearchDoc(trx, row, value.handlerUnitIds));
  }
}
