/**
 * Upgrading a data directory of the first release: documents indexed under the old search schema
 * (autoincrement ids, `words`/`grams`, need-to-know only in `search_acl`) are re-numbered and
 * re-tagged by 202611270001, and answer with the same access rules afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, testDialects } from '../../test/dialects.js';
import type { Actor } from '../platform/actor.js';
import { FakeClock } from '../platform/clock.js';
import { SearchIndex, searchDocId } from '../platform/search-index.js';
import { MODULES } from '../modules/index.js';
import { openDatabase, type Database } from './client.js';
import { collectMigrations } from './migrate.js';

const BEFORE = '202611260001_supervision_overdue_idx';

function reader(id: number, unitId: number, clearance: 0 | 1 | 2 | 3): Actor {
  return { id, username: `r${id}`, name: 'r', unitId, unitName: '', unitCode: null, roles: ['staff'], clearance, adminRole: null, ip: null, locale: 'zh-CN' };
}

async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-mig-'));
    const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'z.db') });
    return { database, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const pgdb = await createPgDatabase('zs_mig');
  const database = openDatabase({ kind: 'postgres', url: pgdb.url });
  return { database, drop: () => pgdb.drop() };
}

describe.each(testDialects())('search tags migration [%s]', (dialect) => {
  it('re-numbers and re-tags documents indexed before it, keeping access', async () => {
    const { database, drop } = await freshDatabase(dialect);
    try {
      const db = database.db;
      const migrations = collectMigrations(MODULES);
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => migrations },
        migrationTableName: 'zs_migration',
        migrationLockTableName: 'zs_migration_lock',
      });
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      // two documents as the first release wrote them: one for unit 11 at 秘密, one for everyone, one shared
      const docs = [
        { item_type: 'library_item', item_id: 7, title: '防汛抗旱工作方案', body: '2026年汛期防汛准备', level: 1, everyone: 0, unit: 11, date: '2026-04-01' },
        { item_type: 'document', item_id: 7, title: '关于防汛的通知', body: '各单位做好防汛值班', level: 0, everyone: 1, unit: 12, date: '2026-05-01' },
        { item_type: 'library_item', item_id: 8, title: '防汛物资清单', body: '共享给个人', level: 0, everyone: 0, unit: 12, date: '2026-03-01' },
      ];
      for (const [i, d] of docs.entries()) {
        const vectors = dialect === 'postgres' ? sql`, ${'防汛'}::tsvector, ${'防汛'}::tsvector` : sql``;
        await sql`INSERT INTO search_doc (id, module, item_type, item_id, title, body, level, everyone, owner_unit_id, kind, date, link, updated_at${dialect === 'postgres' ? sql`, grams, words` : sql``})
          VALUES (${i + 1}, ${d.item_type.split('_')[0]}, ${d.item_type}, ${d.item_id}, ${d.title}, ${d.body}, ${d.level}, ${d.everyone}, ${d.unit}, ${null}, ${d.date}, ${'/x'}, ${'2026-05-01T00:00:00.000Z'}${vectors})`.execute(
          db,
        );
        await sql`INSERT INTO search_acl (doc_id, grantee_type, grantee_id) VALUES (${i + 1}, 'unit', ${d.unit})`.execute(db);
        if (dialect === 'sqlite') await sql`INSERT INTO search_fts (rowid, words, grams) VALUES (${i + 1}, ${'防汛'}, ${'防汛'})`.execute(db);
      }
      await sql`INSERT INTO share_grant (item_type, item_id, grantee_type, grantee_id, granted_by, created_at) VALUES ('library_item', 8, 'user', 501, 1, '2026-05-02T00:00:00.000Z')`.execute(
        db,
      );
      const { error, results } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(results?.map((r) => r.migrationName)).toContain('202611270001_platform_search_tags');

      const ids = (await db.selectFrom('search_doc').select(['id', 'item_type', 'item_id']).orderBy('id').execute()).map((r) => Number(r.id));
      expect(ids.every((id) => id >= 2 ** 31)).toBe(true);
      expect(
        await db
          .selectFrom('search_acl')
          .select('doc_id')
          .where('doc_id', '<', 2 ** 31)
          .execute(),
      ).toEqual([]);
      const search = new SearchIndex(new FakeClock());
      const titles = async (a: Actor, q: string) => (await search.query(db, a, { q, page: 1, pageSize: 20 })).items.map((h) => h.title);
      // unit 11 at 秘密 sees its own and the everyone document, newest first; at 公开 only the latter
      expect(await titles(reader(500, 11, 1), '防汛')).toEqual(['关于防汛的通知', '防汛抗旱工作方案']);
      expect(await titles(reader(500, 11, 0), '汛期')).toEqual([]);
      expect(await titles(reader(501, 13, 0), '防汛')).toEqual(['关于防汛的通知', '防汛物资清单']);
      expect(await titles(reader(502, 13, 3), '清单')).toEqual([]);
      // and new documents sort among the old by date
      const types = await db
        .selectFrom('search_type' as never)
        .selectAll()
        .execute();
      expect(types).toHaveLength(2);
      expect(searchDocId('2026-04-01', 1, 7)).toBeLessThan(searchDocId('2026-05-01', 1, 7));
    } finally {
      await database.close();
      await drop();
    }
  });
});
