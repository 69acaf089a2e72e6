/** 考核督查: the inputs' snapshot taken when a period closes — per source and unit, the counts and the records counted. */
import type { Kysely } from 'kysely';
import { withId } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('assessment_input'))
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('assessment_scheme.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('refs', 'text')
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_input_uq', ['scheme_id', 'source', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_input').execute();
}
