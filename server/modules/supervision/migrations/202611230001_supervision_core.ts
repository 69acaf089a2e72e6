/** 督查督办 tables: items, tasks (one per unit), stages, reports, extensions, and the timeline. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('supervision_item'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('serial', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_type', 'text')
      .addColumn('source_id', 'integer')
      .addColumn('source_ref', 'text')
      .addColumn('instructed_by', 'text')
      .addColumn('instructed_by_id', 'integer', (c) => c.references('user.id'))
      .addColumn('instructed_at', 'text')
      .addColumn('instruction_text', 'text')
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(2))
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('responsible_leader_id', 'integer', (c) => c.references('user.id'))
      .addColumn('responsible_user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('cadence', 'text', (c) => c.notNull())
      .addColumn('cadence_dates', 'text')
      .addColumn('closing_criteria', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('issued_at', 'text')
      .addColumn('concluded_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('followup_note', 'text')
      .addColumn('rating', 'integer')
      .addColumn('notice_attachment_id', 'integer'),
  ).execute();
  await db.schema.createIndex('supervision_item_status_deadline_idx').on('supervision_item').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('supervision_item_lead_idx').on('supervision_item').columns(['lead_unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('supervision_item_leader_idx').on('supervision_item').columns(['responsible_leader_id', 'status']).execute();
  await db.schema.createIndex('supervision_item_instructed_idx').on('supervision_item').columns(['instructed_by_id', 'status']).execute();
  await db.schema.createIndex('supervision_item_source_idx').on('supervision_item').columns(['source_type', 'source_id']).execute();
  await db.schema.createIndex('supervision_item_deadline_idx').on('supervision_item').columns(['deadline', 'id']).execute();
  await db.schema.createIndex('supervision_item_created_idx').on('supervision_item').columns(['created_at']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('supervision_task'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_item.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('is_lead', 'integer', (c) => c.notNull())
      .addColumn('responsible_user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // copies of the item's columns that decide visibility, so lists filter without a join
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
      .addColumn('lead_unit_id', 'integer', (c) => c.notNull())
      .addColumn('leader_id', 'integer')
      .addColumn('last_report_at', 'text')
      .addColumn('next_report_due', 'text')
      .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('escalated_at', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_on_time', 'integer')
      .addUniqueConstraint('supervision_task_unit_once', ['item_id', 'unit_id']),
  ).execute();
  await db.schema.createIndex('supervision_task_unit_status_deadline_idx').on('supervision_task').columns(['unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('supervision_task_status_deadline_idx').on('supervision_task').columns(['status', 'deadline', 'unit_id']).execute();
  await db.schema.createIndex('supervision_task_item_idx').on('supervision_task').columns(['item_id']).execute();
  await db.schema.createIndex('supervision_task_user_idx').on('supervision_task').columns(['responsible_user_id', 'status']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('supervision_stage'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_task.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text'),
  ).execute();
  await db.schema.createIndex('supervision_stage_task_idx').on('supervision_stage').columns(['task_id', 'seq']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('supervision_report'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_task.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_item.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('review_status', 'text', (c) => c.notNull())
      .addColumn('review_comment', 'text')
      .addColumn('criteria', 'text')
      .addColumn('reviewed_by', 'integer')
      .addColumn('reviewed_at', 'text'),
  ).execute();
  await db.schema.createIndex('supervision_report_task_idx').on('supervision_report').columns(['task_id', 'id']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('supervision_extension'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_task.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_item.id'))
      .addColumn('requested_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('old_deadline', 'text', (c) => c.notNull())
      .addColumn('requested_deadline', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer')
      .addColumn('decided_at', 'text')
      .addColumn('decision_comment', 'text')
      .addColumn('new_deadline', 'text'),
  ).execute();
  await db.schema.createIndex('supervision_extension_task_idx').on('supervision_extension').columns(['task_id', 'status']).execute();
  await db.schema.createIndex('supervision_extension_status_idx').on('supervision_extension').columns(['status']).execute();

  await withId(db, db.schema.createTable('supervision_event'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_item.id'))
    .addColumn('task_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('supervision_event_item_idx').on('supervision_event').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('supervision_event_kind_idx').on('supervision_event').columns(['kind', 'at']).execute();
}
