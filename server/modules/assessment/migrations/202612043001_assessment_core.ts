/** 考核督查: schemes per period, their indicator trees (考比树) and the assessors' and raters' scores. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('assessment_scheme'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('unit_ids', 'text', (c) => c.notNull())
      .addColumn('top_n', 'integer', (c) => c.notNull())
      .addColumn('bottom_n', 'integer', (c) => c.notNull())
      .addColumn('results', 'text')
      .addColumn('published_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'integer', (c) => c.references('user.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id')),
  ).execute();
  await db.schema.createIndex('assessment_scheme_period_idx').on('assessment_scheme').columns(['period_from', 'id']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('assessment_indicator'))
      .addColumn('scheme_id', 'integer', (c) => c.notNull().references('assessment_scheme.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('assessment_indicator.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('method', 'text')
      .addColumn('auto_key', 'text')
      .addColumn('rubric', 'text'),
  ).execute();
  await db.schema.createIndex('assessment_indicator_scheme_idx').on('assessment_indicator').columns(['scheme_id', 'seq']).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('assessment_score'))
      .addColumn('scheme_id', 'integer', (c) => c.notNull().references('assessment_scheme.id'))
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('assessment_indicator.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('rater_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('evidence', 'text')
      .addUniqueConstraint('assessment_score_uq', ['indicator_id', 'unit_id', 'rater_id']),
  ).execute();
  await db.schema.createIndex('assessment_score_scheme_idx').on('assessment_score').columns(['scheme_id', 'rater_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_score').execute();
  await db.schema.dropTable('assessment_indicator').execute();
  await db.schema.dropTable('assessment_scheme').execute();
}
