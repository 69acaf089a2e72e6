/** 信访: one table of cases (来信/来访/来电/网上), with the petitioner's personal data, the 转办 and the outcome. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('petition_case'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('petitioner_name', 'text', (c) => c.notNull())
      .addColumn('petitioner_id_no', 'text')
      .addColumn('petitioner_phone', 'text')
      .addColumn('petitioner_address', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('repeat_of', 'integer', (c) => c.references('petition_case.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('handler_id', 'integer', (c) => c.references('user.id'))
      .addColumn('transferred_at', 'text')
      .addColumn('accept_due', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('handle_due', 'text')
      .addColumn('unit_reply', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('answer', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('satisfaction', 'text')
      .addColumn('follow_up', 'text')
      .addColumn('followed_up_at', 'text')
      .addColumn('outcome', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('supervised_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_supervised_at', 'text')
      .addColumn('registered_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('petition_case_status_idx').on('petition_case').columns(['status', 'id']).execute();
  await db.schema.createIndex('petition_case_unit_idx').on('petition_case').column('unit_id').execute();
  await db.schema.createIndex('petition_case_id_no_idx').on('petition_case').column('petitioner_id_no').execute();
  await db.schema.createIndex('petition_case_name_phone_idx').on('petition_case').columns(['petitioner_name', 'petitioner_phone']).execute();
  await db.schema.createIndex('petition_case_repeat_idx').on('petition_case').column('repeat_of').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('petition_case').execute();
}
