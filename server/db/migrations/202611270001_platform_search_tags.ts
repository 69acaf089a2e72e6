/**
 * Search access inside the index: the full-text structures gain access tags (level, need-to-know,
 * shares, module, owner unit, kind) and a title column, and lose the jieba `words` (相似条目 now
 * extracts keywords when asked). Existing documents are re-tokenized from their stored text.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, type Db } from '../client.js';
import { retagStored } from '../../platform/search-index.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP INDEX IF EXISTS search_doc_words_gin`.execute(db);
    await sql`ALTER TABLE search_doc DROP COLUMN words, ADD COLUMN tgrams tsvector NOT NULL DEFAULT ''::tsvector, ADD COLUMN tags tsvector NOT NULL DEFAULT ''::tsvector`.execute(
      db,
    );
    await sql`CREATE INDEX search_doc_tgrams_gin ON search_doc USING gin (tgrams)`.execute(db);
  } else {
    await sql`DROP TABLE search_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tags, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_'", prefix='1')`.execute(
      db,
    );
  }
  await retagStored(db as unknown as Db);
}
