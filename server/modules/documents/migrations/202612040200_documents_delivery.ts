/** 签收情况: the copies of a distributed document are found by their source (one index). Frozen. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('document_source_idx').on('document').column('source_document_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('document_source_idx').execute();
}
