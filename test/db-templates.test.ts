/**
 * An environment copied from the run's template (test/db-templates.ts) is the environment a migration and
 * seed make: the same rows in every table, the same stored files, an audit chain that verifies, and the demo
 * users log in. Each copy is its own database: a write to one is not in the other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableNames } from './battery/battery-kit.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { testDialects } from './dialects.js';

async function rowCounts(e: TestEnv): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of (await tableNames(e.database)).sort()) {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(e.ctx.db);
    counts[t] = Number(r.rows[0]!.n);
  }
  return counts;
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !/zhongshu\.db/.test(d.name) && !d.parentPath.includes(`${path.sep}tmp`))
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

for (const dialect of testDialects()) {
  describe(`test environments from the run's template [${dialect}]`, () => {
    const envs: TestEnv[] = [];
    beforeAll(async () => {
      envs.push(await createTestEnv(dialect, { fresh: true }), await createTestEnv(dialect), await createTestEnv(dialect));
    });
    afterAll(async () => {
      for (const e of envs) await e.close();
    });

    it('holds the rows and files a migration and seed make, and its audit chain verifies', async () => {
      const [fresh, copy] = envs as [TestEnv, TestEnv, TestEnv];
      const want = await rowCounts(fresh);
      expect(Object.values(want).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
      expect(await rowCounts(copy)).toEqual(want);
      expect(files(copy.config.dataDir)).toEqual(files(fresh.config.dataDir));
      const audit = await copy.ctx.audit.verify(copy.ctx.db);
      expect(audit.ok).toBe(true);
      expect(audit.checked).toBe((await fresh.ctx.audit.verify(fresh.ctx.db)).checked);
      const c = await copy.login('dcs_huang');
      expect((await c.get('/api/auth/me')).status).toBe(200);
    });

    it('is a database of its own: a write to one copy is not in another', async () => {
      const [, a, b] = envs as [TestEnv, TestEnv, TestEnv];
      expect(a.config.dataDir).not.toBe(b.config.dataDir);
      const before = await rowCounts(b);
      await (await a.login('dcs_huang')).post('/api/auth/logout');
      const after = await rowCounts(a);
      expect(after).not.toEqual(before);
      expect(await rowCounts(b)).toEqual(before);
    });
  });
}
