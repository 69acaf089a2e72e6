/** 约稿 (information requests to chosen units, their answers) and handwritten 批示 (a PNG beside the typed text). */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('info_request'))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('closed_by', 'integer', (c) => c.references('user.id'))
      .addColumn('closed_at', 'text'),
  ).execute();
  await db.schema.createIndex('info_request_status_idx').on('info_request').columns(['status', 'deadline']).execute();

  await withId(db, db.schema.createTable('info_request_unit'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('info_request.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('reminded_at', 'text')
    .addUniqueConstraint('info_request_unit_uq', ['request_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('info_request_unit_unit_idx').on('info_request_unit').columns(['unit_id', 'request_id']).execute();

  await withId(db, db.schema.createTable('info_request_answer'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('info_request.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('info_item.id'))
    .addColumn('answered_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('info_request_answer_item_uq', ['item_id'])
    .execute();
  await db.schema.createIndex('info_request_answer_req_idx').on('info_request_answer').columns(['request_id', 'unit_id']).execute();

  // the PNG as base64 text: the same text on both dialects, at most a few hundred KB (checked on the way in)
  await db.schema
    .createTable('info_instruction_ink')
    .addColumn('instruction_id', 'integer', (c) => c.primaryKey().references('info_instruction.id'))
    .addColumn('png_base64', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
