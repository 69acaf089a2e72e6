/**
 * Search access and order inside the index: the full-text structures gain access tags (level,
 * need-to-know, shares, module, owner unit, kind) and a title column, and lose the jieba `words`
 * (相似条目 now extracts keywords when asked); a document's id becomes its place in the order
 * (date, type, item id — `searchDocId`). Existing documents are re-numbered and re-tokenized from
 * their stored text.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, retagStored, searchDocId, searchTypeIndexes, type FrozenSearchTables } from './frozen-search-202612.js';

export async function up(db: Kysely<FrozenSearchTables>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('search_type')
    .addColumn('idx', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('item_type', 'text', (c) => c.notNull().unique())
    .execute();
  if (pg) {
    await sql`DROP INDEX IF EXISTS search_doc_words_gin`.execute(db);
    await sql`ALTER TABLE search_doc DROP COLUMN words, ALTER COLUMN id TYPE bigint,
      ADD COLUMN tgrams tsvector NOT NULL DEFAULT ''::tsvector, ADD COLUMN tags tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`ALTER TABLE search_acl ALTER COLUMN doc_id TYPE bigint`.execute(db);
    await sql`CREATE INDEX search_doc_tgrams_gin ON search_doc USING gin (tgrams)`.execute(db);
  } else {
    await sql`DROP TABLE search_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tags, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_'", prefix='1')`.execute(
      db,
    );
  }
  // re-number: new ids are ≥ 2^31 (type numbers start at 1), so they never meet an old one
  const docs = await db
    .selectFrom('search_doc')
    .select(['id', 'item_type', 'item_id', 'date'])
    .where('id', '<', 2 ** 31)
    .execute();
  const types = await searchTypeIndexes(
    db,
    docs.map((x) => x.item_type),
  );
  for (const x of docs) {
    const id = searchDocId(x.date, types.get(x.item_type)!, Number(x.item_id));
    await db.updateTable('search_acl').set({ doc_id: id }).where('doc_id', '=', Number(x.id)).execute();
    await db.updateTable('search_doc').set({ id }).where('id', '=', Number(x.id)).execute();
  }
  await retagStored(db);
}
