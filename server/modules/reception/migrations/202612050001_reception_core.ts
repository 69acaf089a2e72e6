/** 政务接待: reception plans (接待方案) with their guests, itinerary items and the change log of approved plans. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('reception_plan'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('delegation', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('arrive_date', 'text', (c) => c.notNull())
      .addColumn('leave_date', 'text', (c) => c.notNull())
      .addColumn('guest_count', 'integer', (c) => c.notNull())
      .addColumn('guests', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('return_reason', 'text')
      .addColumn('head_approved_by', 'integer', (c) => c.references('user.id'))
      .addColumn('head_approved_at', 'text')
      .addColumn('approved_by', 'integer', (c) => c.references('user.id'))
      .addColumn('approved_at', 'text')
      .addColumn('summary', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('drafted_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('reception_plan_status_idx').on('reception_plan').columns(['status', 'arrive_date']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('reception_item'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('reception_plan.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text')
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('person_id', 'integer', (c) => c.references('user.id'))
      .addColumn('vehicles', 'text', (c) => c.notNull())
      .addColumn('standard', 'text', (c) => c.notNull())
      .addColumn('budget', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('actual_cost', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('done_by', 'integer', (c) => c.references('user.id'))
      .addColumn('done_at', 'text')
      .addColumn('cancel_reason', 'text'),
  ).execute();
  await db.schema.createIndex('reception_item_plan_idx').on('reception_item').columns(['plan_id', 'starts_at']).execute();
  await db.schema.createIndex('reception_item_starts_idx').on('reception_item').columns(['starts_at']).execute();
  await db.schema.createIndex('reception_item_unit_idx').on('reception_item').column('unit_id').execute();
  await db.schema.createIndex('reception_item_person_idx').on('reception_item').column('person_id').execute();

  await withId(db, db.schema.createTable('reception_change'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('reception_plan.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_change_plan_idx').on('reception_change').columns(['plan_id', 'revision']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reception_change').execute();
  await db.schema.dropTable('reception_item').execute();
  await db.schema.dropTable('reception_plan').execute();
}
