/** SQL: the topics and meetings an actor may see — the read rules of `meetings.policy.ts` as WHERE conditions (lists, counts). */
import { sql, type Expression, type SqlBool } from 'kysely';
import { visibleTo } from '../../../platform/authz.js';
import type { Actor } from '../../../platform/actor.js';

/** The actor as the lists see them: whether their unit is a 会务处室 (handler units see every topic and meeting). */
export interface MeetingsActor {
  actor: Actor;
  handler: boolean;
}

/** SQL: the topics the actor may see (the same rule as `readTopic`). */
export function topicsVisibleTo(w: MeetingsActor) {
  const extra: Expression<SqlBool>[] = [
    sql<SqlBool>`EXISTS (SELECT 1 FROM meeting_topic_unit mtu WHERE mtu.topic_id = meeting_topic.id AND mtu.unit_id = ${w.actor.unitId})`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM meeting m2 WHERE m2.id = meeting_topic.meeting_id AND (m2.chair_id = ${w.actor.id} OR EXISTS (SELECT 1 FROM meeting_attendee ma WHERE ma.meeting_id = m2.id AND ma.user_id = ${w.actor.id})))`,
  ];
  if (w.handler) extra.push(sql<SqlBool>`1 = 1`);
  return visibleTo(w.actor, {
    itemType: 'meeting_topic',
    id: 'meeting_topic.id',
    level: 'meeting_topic.level',
    units: ['meeting_topic.proposing_unit_id'],
    users: ['meeting_topic.leader_id', 'meeting_topic.proposed_by'],
    extra,
  });
}

/** SQL: the meetings the actor may see (the same rule as `readMeeting`). */
export function meetingsVisibleTo(w: MeetingsActor) {
  const extra: Expression<SqlBool>[] = [
    sql<SqlBool>`EXISTS (SELECT 1 FROM meeting_attendee ma WHERE ma.meeting_id = meeting.id AND ma.user_id = ${w.actor.id})`,
  ];
  if (w.handler) extra.push(sql<SqlBool>`1 = 1`);
  return visibleTo(w.actor, {
    itemType: 'meeting',
    id: 'meeting.id',
    level: 'meeting.level',
    units: [],
    users: ['meeting.chair_id', 'meeting.created_by'],
    extra,
  });
}
