/** 政务值班: the roster (shifts and swaps), the duty log (entries) and hand-overs. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('duty_shift'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift', 'text', (c) => c.notNull())
      .addColumn('holiday', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('leader_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
      .addUniqueConstraint('duty_shift_uq', ['date', 'shift']),
  ).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('duty_swap'))
      .addColumn('shift_id', 'integer', (c) => c.notNull().references('duty_shift.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('from_user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('to_user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
      .addColumn('decided_at', 'text'),
  ).execute();
  await db.schema.createIndex('duty_swap_shift_idx').on('duty_swap').column('shift_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('duty_entry'))
      .addColumn('shift_id', 'integer', (c) => c.references('duty_shift.id'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('caller', 'text', (c) => c.notNull())
      .addColumn('caller_unit', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'integer', (c) => c.references('user.id'))
      .addColumn('leader_id', 'integer', (c) => c.references('user.id'))
      .addColumn('outcome_kind', 'text')
      .addColumn('outcome', 'text')
      .addColumn('target_unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('supervision_item_id', 'integer')
      .addColumn('supervision_number', 'text')
      .addColumn('report_due_at', 'text')
      .addColumn('report_text', 'text')
      .addColumn('reported_at', 'text')
      .addColumn('escalated_at', 'text')
      .addColumn('carried_over', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('registered_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('duty_entry_status_idx').on('duty_entry').columns(['status', 'id']).execute();
  await db.schema.createIndex('duty_entry_shift_idx').on('duty_entry').column('shift_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('duty_handover'))
      .addColumn('shift_id', 'integer', (c) => c.notNull().references('duty_shift.id'))
      .addColumn('next_shift_id', 'integer', (c) => c.notNull().references('duty_shift.id'))
      .addColumn('entry_ids', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('signed_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_by', 'integer', (c) => c.references('user.id'))
      .addColumn('confirmed_at', 'text')
      .addUniqueConstraint('duty_handover_shift_uq', ['shift_id']),
  ).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['duty_handover', 'duty_entry', 'duty_swap', 'duty_shift']) await db.schema.dropTable(t).execute();
}
