/** 调研: 调研选题, 调研联席会议 decisions, 课题 with their team, milestones and 转化 links. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('research_decision'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('meeting_ref', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('research_decision_year_idx').on('research_decision').columns(['year', 'held_on']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('research_proposal'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('background', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('proposed_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decline_reason', 'text')
      .addColumn('decision_id', 'integer', (c) => c.references('research_decision.id')),
  ).execute();
  await db.schema.createIndex('research_proposal_status_idx').on('research_proposal').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('research_proposal_unit_idx').on('research_proposal').column('unit_id').execute();
  await db.schema.createIndex('research_proposal_lead_idx').on('research_proposal').column('lead_unit_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('research_topic'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('proposal_id', 'integer', (c) => c.references('research_proposal.id'))
      .addColumn('decision_id', 'integer', (c) => c.references('research_decision.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('background', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('proposer_unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('leader_id', 'integer', (c) => c.references('user.id'))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('report_summary', 'text')
      .addColumn('concluded_by', 'integer', (c) => c.references('user.id'))
      .addColumn('concluded_at', 'text')
      .addColumn('on_time', 'integer')
      .addColumn('library_item_id', 'integer')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('research_topic_status_idx').on('research_topic').columns(['status', 'end_date']).execute();
  await db.schema.createIndex('research_topic_lead_idx').on('research_topic').columns(['lead_unit_id', 'end_date']).execute();

  await db.schema
    .createTable('research_member')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('research_topic.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('research_member_pk', ['topic_id', 'user_id'])
    .execute();
  await db.schema.createIndex('research_member_user_idx').on('research_member').column('user_id').execute();
  await db.schema.createIndex('research_member_unit_idx').on('research_member').columns(['unit_id', 'topic_id']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('research_milestone'))
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('research_topic.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('done_by', 'integer', (c) => c.references('user.id'))
      .addColumn('done_at', 'text')
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('research_milestone_topic_idx').on('research_milestone').columns(['topic_id', 'due_date']).execute();
  await db.schema.createIndex('research_milestone_due_idx').on('research_milestone').columns(['status', 'due_date']).execute();

  await withId(db, db.schema.createTable('research_conversion'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('research_topic.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('supervision_item_id', 'integer')
    .addColumn('supervision_number', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('research_conversion_topic_idx').on('research_conversion').columns(['topic_id', 'recorded_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['research_conversion', 'research_milestone', 'research_member', 'research_topic', 'research_proposal', 'research_decision'])
    await db.schema.dropTable(t).execute();
}
