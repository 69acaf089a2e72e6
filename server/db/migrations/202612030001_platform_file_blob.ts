/**
 * Attachment content in PostgreSQL (see platform/blob-store.ts): several app servers with their own
 * data directories share it through the database. SQLite keeps the content files in its data directory.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db.schema
    .createTable('file_content')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('chunks', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('file_chunk')
    .addColumn('sha256', 'text', (c) => c.notNull().references('file_content.sha256'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunk_pk', ['sha256', 'seq'])
    .execute();
  // attachments are mostly compressed already (PDF, OFD, DOCX, images): no second try at it
  await sql`ALTER TABLE file_chunk ALTER COLUMN data SET STORAGE EXTERNAL`.execute(db);
}
