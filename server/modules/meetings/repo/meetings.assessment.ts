/** Queries behind 考核督查's 会议 figures: topics on the agenda of meetings held in a period with their gate entries, decisions due, and what a reader may see. */
import type { Db, Trx } from '../../../db/client.js';
import { meetingsVisibleTo, topicsVisibleTo, type MeetingsActor } from './meetings.visibility.js';

type H = Db | Trx;

/** Topics placed on the agenda (上会 or 已议定) of a meeting starting in [fromAt, toAt), of `unitIds` (all when null), with their gate entries' status and version. */
export async function topicsOnAgenda(db: H, fromAt: string, toAt: string, unitIds: readonly number[] | null) {
  let q = db
    .selectFrom('meeting_topic')
    .innerJoin('meeting', 'meeting.id', 'meeting_topic.meeting_id')
    .select(['meeting_topic.id', 'meeting_topic.proposing_unit_id'])
    .where('meeting_topic.status', 'in', ['scheduled', 'decided'])
    .where('meeting.status', '!=', 'cancelled')
    .where('meeting.starts_at', '>=', fromAt)
    .where('meeting.starts_at', '<', toAt);
  if (unitIds) q = q.where('meeting_topic.proposing_unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
  const topics = await q.orderBy('meeting_topic.id').execute();
  const ids = topics.map((t) => t.id);
  const entries = ids.length ? await db.selectFrom('meeting_gate_entry').select(['topic_id', 'status', 'version']).where('topic_id', 'in', ids).execute() : [];
  return topics.map((t) => ({ ...t, entries: entries.filter((e) => e.topic_id === t.id) }));
}

/** Decisions (议定事项) whose 完成时限 is in [from, to] (China dates), led by `unitIds` (all when null). */
export function decisionsDue(db: H, from: string, to: string, unitIds: readonly number[] | null) {
  let q = db.selectFrom('meeting_decision').select(['id', 'lead_unit_id', 'due_date']).where('due_date', '>=', from).where('due_date', '<=', to);
  if (unitIds) q = q.where('lead_unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
  return q.orderBy('id').execute();
}

/** Of `ids`, the topics the viewer may see, with their titles. */
export function readableTopics(db: H, w: MeetingsActor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('meeting_topic')
    .select(['meeting_topic.id', 'meeting_topic.title'])
    .where('meeting_topic.id', 'in', [...ids])
    .where(topicsVisibleTo(w))
    .orderBy('meeting_topic.id')
    .execute();
}

/** Of decision `ids`, those whose meeting the viewer may see, with the meeting's id and title and the decision's number. */
export function readableDecisions(db: H, w: MeetingsActor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('meeting_decision')
    .innerJoin('meeting', 'meeting.id', 'meeting_decision.meeting_id')
    .select(['meeting_decision.id', 'meeting_decision.seq', 'meeting.id as meeting_id', 'meeting.title'])
    .where('meeting_decision.id', 'in', [...ids])
    .where(meetingsVisibleTo(w))
    .orderBy('meeting_decision.id')
    .execute();
}
