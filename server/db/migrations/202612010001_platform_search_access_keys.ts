/**
 * Search access keys: a document's level, grantee and module tags become combined keys
 * (`_v<clearance>_<grantee>[_<module>]`, see search-index.ts), so a reader's visibility is one
 * OR of three tokens inside the full-text query. Existing documents are re-tagged from their
 * stored text, need-to-know and share grants.
 */
import type { Kysely } from 'kysely';
import { retagStored, type FrozenSearchTables } from './frozen-search-202612.js';

export async function up(db: Kysely<FrozenSearchTables>): Promise<void> {
  await retagStored(db);
}
