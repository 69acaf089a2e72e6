/**
 * Search on PostgreSQL with the RUM index (issue #17). The access keys join the text vectors
 * (`grams` and `tgrams` gain the document's `tags` tokens, after the text: positions of the text are
 * unchanged and no text token contains `_`), so one index answers "text AND access keys". When the
 * `rum` extension is available (`pg_available_extensions`) and may be created here, the GIN indexes
 * on `grams`/`tgrams` become RUM indexes that carry the document id (`rum_tsvector_addon_ops`,
 * `attach = 'id'`, posting lists ordered by it): a page reads its rows newest first straight from the
 * index and stops after the page. Without the extension (managed PostgreSQL) the GIN indexes stay and
 * the query code keeps its fallback plan (search-index.ts picks the path from the indexes present).
 * `ZHONGSHU_PG_RUM=off` skips the RUM indexes (tests of the fallback path; a deployment that does not
 * want the extension). SQLite: nothing to do.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../migration-kit.js';

/** The RUM extension can be used: installed already, or available and we may create it (superuser or a trusted extension). */
async function rumUsable(db: Kysely<unknown>): Promise<boolean> {
  if ((process.env.ZHONGSHU_PG_RUM ?? '').toLowerCase() === 'off') return false;
  const r = await sql<{ installed: boolean; creatable: boolean }>`SELECT
      e.installed_version IS NOT NULL AS installed,
      (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS creatable
    FROM pg_available_extensions e WHERE e.name = 'rum'`.execute(db);
  const row = r.rows[0];
  return !!row && (row.installed || row.creatable);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`UPDATE search_doc SET grams = grams || tags, tgrams = tgrams || tags`.execute(db);
  if (!(await rumUsable(db))) return;
  await sql`CREATE EXTENSION IF NOT EXISTS rum`.execute(db);
  await sql`DROP INDEX IF EXISTS search_doc_grams_gin`.execute(db);
  await sql`DROP INDEX IF EXISTS search_doc_tgrams_gin`.execute(db);
  await sql`CREATE INDEX search_doc_grams_rum ON search_doc USING rum (grams rum_tsvector_addon_ops, id)
    WITH (attach = 'id', to = 'grams', order_by_attach = 't')`.execute(db);
  await sql`CREATE INDEX search_doc_tgrams_rum ON search_doc USING rum (tgrams rum_tsvector_addon_ops, id)
    WITH (attach = 'id', to = 'tgrams', order_by_attach = 't')`.execute(db);
}
