/** 卷宗 queries for 保密档案: minuted meetings, and a meeting's decisions, materials (with their files) and attendees. */
import type { Db } from '../../../db/client.js';

/** Meetings whose 纪要 is final (minuted), newest first. */
export function minutedMeetings(db: Db, limit: number) {
  return db.selectFrom('meeting').selectAll().where('status', '=', 'minuted').orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** A meeting by id. */
export function meetingById(db: Db, id: number) {
  return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The 议定事项 of a meeting with their lead unit names. */
export function decisionsOf(db: Db, id: number) {
  return db
    .selectFrom('meeting_decision')
    .leftJoin('unit', 'unit.id', 'meeting_decision.lead_unit_id')
    .select([
      'meeting_decision.seq',
      'meeting_decision.text',
      'meeting_decision.due_date',
      'meeting_decision.supervision_number',
      'unit.short_name as unit_name',
    ])
    .where('meeting_decision.meeting_id', '=', id)
    .orderBy('meeting_decision.topic_id')
    .orderBy('meeting_decision.seq')
    .execute();
}

/** The materials of a meeting and the names of their files. */
export function materialsOf(db: Db, id: number) {
  return db
    .selectFrom('meeting_material')
    .leftJoin('attachment', (j) => j.onRef('attachment.owner_id', '=', 'meeting_material.id').on('attachment.owner_type', '=', 'meeting_material'))
    .select(['meeting_material.id', 'meeting_material.kind', 'meeting_material.title', 'attachment.filename'])
    .where('meeting_material.meeting_id', '=', id)
    .orderBy('meeting_material.id')
    .execute();
}

/** Attendees with names and units. */
export function attendeesOf(db: Db, id: number) {
  return db
    .selectFrom('meeting_attendee')
    .innerJoin('user', 'user.id', 'meeting_attendee.user_id')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select(['user.name', 'unit.short_name as unit_name', 'meeting_attendee.attendance', 'meeting_attendee.excuse_reason'])
    .where('meeting_attendee.meeting_id', '=', id)
    .orderBy('user.id')
    .execute();
}
