/** 信息刊物 (期刊): configurable publications, their numbered issues (期), the items of an issue in order, readership and read receipts. */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('info_publication'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull().unique())
      .addColumn('min_adopt_level', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('org_name', 'text', (c) => c.notNull())
      .addColumn('readership', 'text', (c) => c.notNull().defaultTo('{"units":[],"users":[]}'))
      .addColumn('report_to', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('info_pub_issue'))
      .addColumn('publication_id', 'integer', (c) => c.notNull().references('info_publication.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('editor_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('year', 'integer')
      .addColumn('number', 'integer')
      .addColumn('total_number', 'integer')
      .addColumn('submitted_at', 'text')
      .addColumn('head_signed_by', 'integer', (c) => c.references('user.id'))
      .addColumn('head_signed_at', 'text')
      .addColumn('director_signed_by', 'integer', (c) => c.references('user.id'))
      .addColumn('published_at', 'text')
      .addColumn('return_reason', 'text'),
  ).execute();
  await db.schema.createIndex('info_pub_issue_status_idx').on('info_pub_issue').columns(['status', 'id']).execute();
  await db.schema.createIndex('info_pub_issue_number_uq').on('info_pub_issue').columns(['publication_id', 'year', 'number']).unique().execute();

  await withId(db, db.schema.createTable('info_pub_issue_item'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('info_pub_issue.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('info_item.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('info_pub_issue_item_uq', ['issue_id', 'item_id'])
    .execute();
  await db.schema.createIndex('info_pub_issue_item_item_idx').on('info_pub_issue_item').column('item_id').execute();

  // the readership an issue was distributed to (copied from its publication when published)
  await withId(db, db.schema.createTable('info_pub_reader'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('info_pub_issue.id'))
    .addColumn('grantee_type', 'text', (c) => c.notNull())
    .addColumn('grantee_id', 'integer', (c) => c.notNull())
    .addUniqueConstraint('info_pub_reader_uq', ['issue_id', 'grantee_type', 'grantee_id'])
    .execute();
  await db.schema.createIndex('info_pub_reader_grantee_idx').on('info_pub_reader').columns(['grantee_type', 'grantee_id', 'issue_id']).execute();

  await withId(db, db.schema.createTable('info_pub_receipt'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('info_pub_issue.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('info_pub_receipt_uq', ['issue_id', 'user_id'])
    .execute();

  const at = '2026-12-07T00:00:00.000Z';
  for (const [name, prefix, min] of [
    ['每日要情', 'info-pub:daily', 'recorded'],
    ['信息专报', 'info-pub:special', 'special'],
    ['工作动态', 'info-pub:work', 'recorded'],
  ] as const)
    await sql`INSERT INTO info_publication (name, prefix, min_adopt_level, level, org_name, readership, active, version, created_at, updated_at)
      VALUES (${name}, ${prefix}, ${min}, 0, ${'办公厅信息处'}, ${'{"units":[],"users":[]}'}, 1, 1, ${at}, ${at})`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
