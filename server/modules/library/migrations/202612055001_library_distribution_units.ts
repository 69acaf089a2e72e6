/** 定期分送 to whole units: a list's subscriber units (every active member of the unit receives the run). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('library_distribution_unit')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('library_distribution.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('library_distribution_unit_pk', ['list_id', 'unit_id'])
    .execute();
}
