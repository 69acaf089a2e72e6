/**
 * Search on PostgreSQL: every document's `grams` and `tgrams` gain the keys of its period p = ⌊day / 10⌋, the day
 * read from the document id (`searchDocId`: id = (day × 64 + type) × 2^31 + item): `_c<k>_<p >> k>` for k = 0 … 9,
 * its aligned blocks of 1 … 512 periods (`periodTags` in search-store.ts). The RUM plan restricts a query to the
 * newest periods first (issue #17: RUM reads every match of an
 * ordered scan before its first row; at 1,000,000 documents a search read 2–10 s of matches). The keys follow
 * the text and hold `_`, which no text token does. SQLite: nothing to do (FTS5 reads newest first and stops).
 *
 * The text indexes (RUM, or GIN without the extension) are dropped for the update and made again from their own
 * definitions: updating every row under a RUM index writes each entry through generic WAL (100,000 documents:
 * more than 15 minutes, against 2 minutes this way, both beside another load).
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  const text = await sql<{ name: string; def: string }>`SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'search_doc' AND (indexdef ILIKE '% USING rum %' OR indexdef ILIKE '% USING gin %')`.execute(db);
  for (const ix of text.rows) await sql`DROP INDEX ${sql.id(ix.name)}`.execute(db);
  const keys = sql`array_to_tsvector(ARRAY(SELECT '_c' || k || '_' || (((id / 137438953472) / 10) >> k) FROM generate_series(0, 9) AS k))`;
  await sql`UPDATE search_doc SET grams = grams || ${keys}, tgrams = tgrams || ${keys}`.execute(db);
  // the catalog's own CREATE INDEX statements
  for (const ix of text.rows) await sql.raw(ix.def).execute(db);
}
