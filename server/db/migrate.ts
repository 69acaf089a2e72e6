/** Runs the platform's and the modules' migrations, in name order, on start-up. */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { ZhongshuModule } from '../platform/module.js';
import type { Db } from './client.js';
import * as platformCore from './migrations/202611220001_platform_core.js';
import * as platformSearch from './migrations/202611220002_platform_search.js';
import * as platformSearchTags from './migrations/202611270001_platform_search_tags.js';
import * as platformSearchAccessKeys from './migrations/202612010001_platform_search_access_keys.js';
import * as platformFileBlob from './migrations/202612030001_platform_file_blob.js';
import * as platformAccessGrant from './migrations/202612030101_platform_access_grant.js';
import * as platformSearchRum from './migrations/202612081601_platform_search_rum.js';
import * as platformCacheStamp from './migrations/202612081700_platform_cache_stamp.js';
import * as platformAuditHead from './migrations/202612081704_platform_audit_head.js';
import * as platformSearchPeriods from './migrations/202612091001_platform_search_periods.js';

const PLATFORM: Record<string, Migration> = {
  '202611220001_platform_core': platformCore,
  '202611220002_platform_search': platformSearch,
  '202611270001_platform_search_tags': platformSearchTags,
  '202612010001_platform_search_access_keys': platformSearchAccessKeys,
  '202612030001_platform_file_blob': platformFileBlob,
  '202612030101_platform_access_grant': platformAccessGrant,
  '202612081601_platform_search_rum': platformSearchRum,
  '202612081700_platform_cache_stamp': platformCacheStamp,
  '202612081704_platform_audit_head': platformAuditHead,
  '202612091001_platform_search_periods': platformSearchPeriods,
};

/** All migrations of the platform and `modules`, keyed by name. */
export function collectMigrations(modules: readonly ZhongshuModule[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...PLATFORM };
  for (const m of modules) {
    for (const [name, mig] of Object.entries(m.migrations ?? {})) {
      if (name in all) throw new Error(`duplicate migration name ${name}`);
      all[name] = mig;
    }
  }
  return all;
}

/** Migrates the database to the latest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Db, modules: readonly ZhongshuModule[]): Promise<string[]> {
  const migrations = collectMigrations(modules);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider, migrationTableName: 'zs_migration', migrationLockTableName: 'zs_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
