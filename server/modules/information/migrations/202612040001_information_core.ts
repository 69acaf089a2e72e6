/** 信息报送与采编: reported items (and 采编 items), their revisions, leaders' 批示, events known to the office (漏报). */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('info_item'))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('reporter_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('event_at', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('delay_minutes', 'integer')
      .addColumn('first_id', 'integer')
      .addColumn('event_id', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('merged_into_id', 'integer')
      .addColumn('editor_id', 'integer', (c) => c.references('user.id'))
      .addColumn('return_reason', 'text')
      .addColumn('adopt_level', 'text')
      .addColumn('adopted_at', 'text')
      .addColumn('adopted_by', 'integer', (c) => c.references('user.id')),
  ).execute();
  await db.schema.createIndex('info_item_unit_idx').on('info_item').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('info_item_status_idx').on('info_item').columns(['status', 'id']).execute();
  await db.schema.createIndex('info_item_reported_idx').on('info_item').columns(['reported_at']).execute();
  await db.schema.createIndex('info_item_merged_idx').on('info_item').column('merged_into_id').execute();
  await db.schema.createIndex('info_item_first_idx').on('info_item').column('first_id').execute();

  await withId(db, db.schema.createTable('info_revision'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('info_item.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('edited_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('info_revision_seq_uq', ['item_id', 'seq'])
    .execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('info_instruction'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_item.id'))
      .addColumn('leader_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('supervision_item_id', 'integer')
      .addColumn('converted_by', 'integer', (c) => c.references('user.id'))
      .addColumn('converted_at', 'text'),
  ).execute();
  await db.schema.createIndex('info_instruction_item_idx').on('info_instruction').column('item_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('info_event'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('report_id', 'integer')
      .addColumn('missed_at', 'text')
      .addColumn('registered_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('info_event_unit_idx').on('info_event').columns(['unit_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
