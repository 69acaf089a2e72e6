/** 会议: topics in three layers, gate entries, meetings, attendees, materials, decisions. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('meeting'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text')
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('chair_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('minutes_summary', 'text')
      .addColumn('minutes_no', 'integer')
      .addColumn('handler_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('meeting_starts_idx').on('meeting').column('starts_at').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('meeting_topic'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('background', 'text', (c) => c.notNull())
      .addColumn('proposing_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('leader_id', 'integer', (c) => c.references('user.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('needs_expert', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'integer', (c) => c.references('meeting.id'))
      .addColumn('agenda_order', 'integer')
      .addColumn('proposed_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('meeting_topic_status_idx').on('meeting_topic').columns(['status', 'id']).execute();
  await db.schema.createIndex('meeting_topic_meeting_idx').on('meeting_topic').column('meeting_id').execute();
  await db.schema.createIndex('meeting_topic_unit_idx').on('meeting_topic').column('proposing_unit_id').execute();

  await db.schema
    .createTable('meeting_topic_unit')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('meeting_topic.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('meeting_topic_unit_pk', ['topic_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('meeting_topic_unit_unit_idx').on('meeting_topic_unit').column('unit_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('meeting_gate_entry'))
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('meeting_topic.id'))
      .addColumn('gate_key', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('evidence_attachment_id', 'integer', (c) => c.references('attachment.id'))
      .addColumn('evidence_text', 'text')
      .addColumn('confirmed_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('meeting_gate_entry_uq', ['topic_id', 'gate_key', 'unit_id']),
  ).execute();

  await db.schema
    .createTable('meeting_attendee')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('excuse_reason', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('signed_in_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('meeting_attendee_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema.createIndex('meeting_attendee_user_idx').on('meeting_attendee').column('user_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('meeting_material'))
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
      .addColumn('topic_id', 'integer', (c) => c.references('meeting_topic.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('meeting_material_meeting_idx').on('meeting_material').column('meeting_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('meeting_decision'))
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('meeting_topic.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('co_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('supervision_item_id', 'integer')
      .addColumn('supervision_number', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('meeting_decision_meeting_idx').on('meeting_decision').column('meeting_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
