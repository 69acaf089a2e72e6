/**
 * 领导驾驶舱: the snapshot of its figures (one row, id 1), refreshed by the job `assessment.cockpit_refresh`
 * every few minutes, on request once it is older than that, and marked stale when a scheme is published,
 * closed or recomputed. `figures` is the JSON of the answer before the viewer's policy is applied.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_cockpit')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('compute_ms', 'integer', (c) => c.notNull())
    .addColumn('refresh_minutes', 'integer', (c) => c.notNull())
    .addColumn('stale', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_cockpit').execute();
}
