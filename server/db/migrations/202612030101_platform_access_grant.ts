/**
 * 授权申请 (access grants): a role or clearance change of an account is a request the 安全保密管理员
 * approves or rejects; it takes effect only when approved (三员分立: the 系统管理员 manages accounts,
 * the 安全保密管理员 what they may do). `version` guards concurrent decisions.
 */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('access_grant'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('clearance', 'integer', (c) => c.notNull())
      .addColumn('prev_roles', 'text', (c) => c.notNull())
      .addColumn('prev_clearance', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'integer', (c) => c.notNull())
      .addColumn('decided_by', 'integer')
      .addColumn('decided_at', 'text')
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('access_grant_status_idx').on('access_grant').columns(['status', 'id']).execute();
  await db.schema.createIndex('access_grant_user_idx').on('access_grant').columns(['user_id', 'status']).execute();
}
