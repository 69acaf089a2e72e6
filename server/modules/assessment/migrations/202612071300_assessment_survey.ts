/**
 * 考核督查, second part: 群众评价 surveys with one-time codes (stored hashed) and anonymous answers,
 * 加减分 with approval, 申诉 with decision, and scheme revisions (修订: a new draft version of a scheme).
 */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('assessment_scheme')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('assessment_scheme').addColumn('revision_of', 'integer').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('assessment_survey'))
      .addColumn('scheme_id', 'integer', (c) => c.notNull().references('assessment_scheme.id'))
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('assessment_indicator.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('questions', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('closed_at', 'text'),
  ).execute();
  await db.schema.createIndex('assessment_survey_indicator_uq').unique().on('assessment_survey').column('indicator_id').execute();

  // A one-time code: only its hash, and whether it was used — no time, no link to the answer it gave.
  await db.schema
    .createTable('assessment_survey_code')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('assessment_survey.id'))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('assessment_survey_code_survey_idx').on('assessment_survey_code').columns(['survey_id', 'used']).execute();

  // An anonymous answer: the day only, the ratings as JSON ({unitId: [rating per question]}) and a comment.
  await withId(db, db.schema.createTable('assessment_survey_answer'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('assessment_survey.id'))
    .addColumn('answered_on', 'text', (c) => c.notNull())
    .addColumn('ratings', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('assessment_survey_answer_survey_idx').on('assessment_survey_answer').column('survey_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('assessment_adjustment'))
      .addColumn('scheme_id', 'integer', (c) => c.notNull().references('assessment_scheme.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('proposed_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text'),
  ).execute();
  await db.schema.createIndex('assessment_adjustment_scheme_idx').on('assessment_adjustment').columns(['scheme_id', 'unit_id']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('assessment_appeal'))
      .addColumn('scheme_id', 'integer', (c) => c.notNull().references('assessment_scheme.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('adjustment_id', 'integer', (c) => c.references('assessment_adjustment.id'))
      .addColumn('indicator_id', 'integer', (c) => c.references('assessment_indicator.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('appealed_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
      .addColumn('decided_at', 'text')
      .addColumn('decision_reason', 'text'),
  ).execute();
  await db.schema.createIndex('assessment_appeal_scheme_idx').on('assessment_appeal').columns(['scheme_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_appeal').execute();
  await db.schema.dropTable('assessment_adjustment').execute();
  await db.schema.dropTable('assessment_survey_answer').execute();
  await db.schema.dropTable('assessment_survey_code').execute();
  await db.schema.dropTable('assessment_survey').execute();
  await db.schema.alterTable('assessment_scheme').dropColumn('revision_of').execute();
  await db.schema.alterTable('assessment_scheme').dropColumn('revision').execute();
}
