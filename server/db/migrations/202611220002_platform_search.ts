/** The whole-system search index: documents, their need-to-know, and the full-text structures of each dialect. */
import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('search_doc'))
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('everyone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_unit_id', 'integer')
    .addColumn('kind', 'text')
    .addColumn('date', 'text')
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_doc_item_uq', ['item_type', 'item_id'])
    .execute();
  await db.schema.createIndex('search_doc_module_idx').on('search_doc').columns(['module', 'date']).execute();

  await db.schema
    .createTable('search_acl')
    .addColumn('doc_id', 'integer', (c) => c.notNull())
    .addColumn('grantee_type', 'text', (c) => c.notNull())
    .addColumn('grantee_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_acl_pk', ['doc_id', 'grantee_type', 'grantee_id'])
    .execute();
  await db.schema.createIndex('search_acl_grantee_idx').on('search_acl').columns(['grantee_type', 'grantee_id', 'doc_id']).execute();

  if (dialectOf(db) === 'postgres') {
    await sql`ALTER TABLE search_doc ADD COLUMN grams tsvector NOT NULL, ADD COLUMN words tsvector NOT NULL`.execute(db);
    await sql`CREATE INDEX search_doc_grams_gin ON search_doc USING gin (grams)`.execute(db);
    await sql`CREATE INDEX search_doc_words_gin ON search_doc USING gin (words)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(words, grams, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }
}
