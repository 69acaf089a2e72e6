/** 保密档案: archive records (档号, 保管期限, 密级, 保密期限, the bundle), loans (借阅) and secrecy reviews (解密/延期). */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('archive_record'))
      .addColumn('archive_no', 'text', (c) => c.notNull().unique())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('source_module', 'text', (c) => c.notNull())
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('source_id', 'integer', (c) => c.notNull())
      .addColumn('source_number', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('retention', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('secrecy_until', 'text')
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('attachment_id', 'integer', (c) => c.references('attachment.id'))
      .addColumn('archived_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('archived_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('archive_record_source_idx').on('archive_record').columns(['source_type', 'source_id']).unique().execute();
  await db.schema.createIndex('archive_record_secrecy_idx').on('archive_record').columns(['secrecy_until', 'id']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('archive_loan'))
      .addColumn('record_id', 'integer', (c) => c.notNull().references('archive_record.id'))
      .addColumn('borrower_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('borrower_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('return_due', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
      .addColumn('decided_at', 'text')
      .addColumn('decision_comment', 'text')
      .addColumn('returned_at', 'text'),
  ).execute();
  await db.schema.createIndex('archive_loan_record_idx').on('archive_loan').columns(['record_id', 'borrower_id']).execute();
  await db.schema.createIndex('archive_loan_status_idx').on('archive_loan').columns(['status', 'return_due']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('archive_review'))
      .addColumn('record_id', 'integer', (c) => c.notNull().references('archive_record.id'))
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('old_level', 'integer', (c) => c.notNull())
      .addColumn('new_level', 'integer')
      .addColumn('new_until', 'text')
      .addColumn('reason', 'text')
      .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
      .addColumn('decided_at', 'text'),
  ).execute();
  await db.schema.createIndex('archive_review_record_idx').on('archive_review').columns(['record_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('archive_review').execute();
  await db.schema.dropTable('archive_loan').execute();
  await db.schema.dropTable('archive_record').execute();
}
