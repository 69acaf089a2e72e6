/** The queries of the 会议 工作台: meetings to attend, minutes to issue, notices to send, consensus to give. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';

type H = Db | Trx;

/** Meetings the actor is expected at, not yet signed in, from `fromIso` on (at most 50). */
export function meetingsToAttend(db: H, actor: Actor, fromIso: string) {
  return db
    .selectFrom('meeting')
    .innerJoin('meeting_attendee', 'meeting_attendee.meeting_id', 'meeting.id')
    .select(['meeting.id', 'meeting.title', 'meeting.starts_at', 'meeting.status', 'meeting.place'])
    .where('meeting_attendee.user_id', '=', actor.id)
    .where('meeting_attendee.attendance', '=', 'expected')
    .where('meeting_attendee.signed_in_at', 'is', null)
    .where('meeting.status', 'in', ['notified', 'held'])
    .where('meeting.level', '<=', actor.clearance)
    .where('meeting.starts_at', '>=', fromIso)
    .orderBy('meeting.starts_at')
    .limit(50)
    .execute();
}

/** Held meetings of the actor's unit whose minutes are not issued (at most 50). */
export function heldMeetingsOfUnit(db: H, actor: Actor) {
  return db
    .selectFrom('meeting')
    .select(['id', 'title', 'starts_at', 'handler_unit_id'])
    .where('status', '=', 'held')
    .where('level', '<=', actor.clearance)
    .where('handler_unit_id', '=', actor.unitId)
    .orderBy('starts_at')
    .limit(50)
    .execute();
}

/** Planned meetings of the actor's unit starting from `fromIso` on (at most 50). */
export function plannedMeetingsOfUnit(db: H, actor: Actor, fromIso: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'title', 'starts_at'])
    .where('status', '=', 'planned')
    .where('level', '<=', actor.clearance)
    .where('handler_unit_id', '=', actor.unitId)
    .where('starts_at', '>=', fromIso)
    .orderBy('starts_at')
    .limit(50)
    .execute();
}

/** 会前协商: topics in 调度 where the actor's unit is concerned and has not agreed (at most 50). */
export function topicsAwaitingConsensus(db: H, actor: Actor) {
  return db
    .selectFrom('meeting_topic')
    .innerJoin('meeting_topic_unit', 'meeting_topic_unit.topic_id', 'meeting_topic.id')
    .leftJoin('meeting_gate_entry', (j) =>
      j
        .onRef('meeting_gate_entry.topic_id', '=', 'meeting_topic.id')
        .on('meeting_gate_entry.gate_key', '=', 'consensus')
        .onRef('meeting_gate_entry.unit_id', '=', 'meeting_topic_unit.unit_id'),
    )
    .select(['meeting_topic.id', 'meeting_topic.title', 'meeting_gate_entry.status as gate_status'])
    .where('meeting_topic_unit.unit_id', '=', actor.unitId)
    .where('meeting_topic.status', '=', 'preparing')
    .where('meeting_topic.level', '<=', actor.clearance)
    .where((eb) => eb.or([eb('meeting_gate_entry.status', 'is', null), eb('meeting_gate_entry.status', '=', 'dissent')]))
    .limit(50)
    .execute();
}
