/** The library module's tables: items, scope, access requests, circulation, distribution lists, forum, uses. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('library_item'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('secrecy_period', 'text')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('catalog', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('keywords', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('library_item_owner_idx').on('library_item').columns(['owner_unit_id', 'date']).execute();
  await db.schema.createIndex('library_item_kind_idx').on('library_item').columns(['kind', 'date']).execute();

  await db.schema
    .createTable('library_scope')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('library_item.id'))
    .addColumn('grantee_type', 'text', (c) => c.notNull())
    .addColumn('grantee_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_scope_pk', ['item_id', 'grantee_type', 'grantee_id'])
    .execute();
  await db.schema.createIndex('library_scope_grantee_idx').on('library_scope').columns(['grantee_type', 'grantee_id']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('library_access_request'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('library_item.id'))
      .addColumn('requester_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('requester_unit_id', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text'),
  ).execute();
  await db.schema.createIndex('library_access_request_item_idx').on('library_access_request').columns(['item_id', 'status']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('library_circulation'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('library_item.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('library_circulation_item_idx').on('library_circulation').column('item_id').execute();
  await db.schema
    .createTable('library_circulation_recipient')
    .addColumn('circulation_id', 'integer', (c) => c.notNull().references('library_circulation.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('library_circulation_recipient_pk', ['circulation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('library_circulation_recipient_user_idx').on('library_circulation_recipient').columns(['user_id', 'read_at']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('library_distribution'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kinds', 'text', (c) => c.notNull())
      .addColumn('period_days', 'integer', (c) => c.notNull())
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('last_sent_at', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema
    .createTable('library_distribution_subscriber')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('library_distribution.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_distribution_subscriber_pk', ['list_id', 'user_id'])
    .execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('library_topic'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('item_id', 'integer')
      .addColumn('author_id', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('replies', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_reply_at', 'text'),
  ).execute();
  await withId(db, db.schema.createTable('library_reply'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('library_topic.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('library_reply_topic_idx').on('library_reply').column('topic_id').execute();

  await withId(db, db.schema.createTable('library_use'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('library_item.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('actor_unit_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('library_use_unit_idx').on('library_use').columns(['unit_id', 'created_at']).execute();
  await db.schema.createIndex('library_use_item_idx').on('library_use').columns(['item_id', 'kind']).execute();
}
