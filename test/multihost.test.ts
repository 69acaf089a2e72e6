/**
 * Several app servers on one database, as several hosts run them: two real server processes
 * started at the same moment on a fresh database (PostgreSQL: each with its own data directory,
 * as on two hosts; SQLite: one data directory, as two servers on one host). Both come up and
 * serve, the demo office is seeded once (the start-up lock), an attachment uploaded through one
 * server downloads whole through the other (PostgreSQL: the content is in the database), and a
 * content missing from the store answers 404 `file.content_missing` in the request's language.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.js';
import { DEMO_UNITS } from '../server/db/seed-demo.js';
import { startServer, type RunningServer } from './e2e/harness.js';
import { createPgDatabase, testDialects } from './dialects.js';

const KEY = 'multihost-test-audit-key-0123456789abcdef012';

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Zhongshu@2026' }),
  });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

for (const dialect of testDialects()) {
  it(`[${dialect}] two app servers started at once: both serve, demo seeded once, an attachment stored through one downloads through the other`, async () => {
    const pgDb = dialect === 'postgres' ? await createPgDatabase('zs_mh') : null;
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-mh-'));
    const dirs = pgDb ? [fs.mkdtempSync(path.join(os.tmpdir(), 'zs-mh-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'zs-mh-b-'))] : [shared, shared];
    const env = (dataDir: string) => ({
      ZHONGSHU_DATA_DIR: dataDir,
      ZHONGSHU_AUDIT_KEY: KEY,
      ZHONGSHU_SCHEDULER_MS: '0',
      ...(pgDb ? { ZHONGSHU_DB: pgDb.url } : {}),
    });
    // both seed-or-wait on a loaded 2-core machine: more than the usual minute
    const started = await Promise.allSettled(dirs.map((d) => startServer(env(d), 150_000)));
    const servers = started.filter((s): s is PromiseFulfilledResult<RunningServer> => s.status === 'fulfilled').map((s) => s.value);
    try {
      // without the start-up lock one of them exited with "duplicate key … unit_code_key"
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason).slice(0, 2000) : 'up'))).toEqual(['up', 'up']);
      const [a, b] = servers as [RunningServer, RunningServer];
      for (const s of servers) expect((await fetch(`${s.url}/api/health`)).status).toBe(200);

      // upload through A (more than one 1 MB chunk), download through B
      const zhang = await login(a.url, 'dcs_zhang');
      const ledger = (await (await fetch(`${a.url}/api/supervision/items?pageSize=200`, { headers: { cookie: zhang.cookie } })).json()) as {
        items: { id: number; status: string; level: number }[];
      };
      const owner = ledger.items.find((i) => i.status !== 'closed' && i.level <= 1)!.id;
      const line = `两台服务器共享附件 multi-host ${crypto.randomUUID()}\n`;
      const content = Buffer.from(line.repeat(Math.ceil((2.5 * 1048576) / Buffer.byteLength(line))));
      const form = new FormData();
      form.append('file', new Blob([content]), '跨主机.txt');
      const up = await fetch(`${a.url}/api/files?ownerType=supervision_item&ownerId=${owner}`, {
        method: 'POST',
        headers: { cookie: zhang.cookie, 'x-csrf-token': zhang.csrf },
        body: form,
      });
      expect(up.status).toBe(201);
      const info = (await up.json()) as { id: number; sha256: string };
      const huangOnB = await login(b.url, 'dcs_huang');
      const down = await fetch(`${b.url}/api/files/${info.id}`, { headers: { cookie: huangOnB.cookie } });
      expect(down.status).toBe(200);
      const body = Buffer.from(await down.arrayBuffer());
      expect(body.length).toBe(content.length);
      expect(crypto.createHash('sha256').update(body).digest('hex')).toBe(info.sha256);

      // the content gone from the store: a proper error on both servers, never a 500
      const database = openDatabase(pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'sqlite', file: path.join(shared, 'zhongshu.db') });
      try {
        if (pgDb) {
          await sql`DELETE FROM file_chunk WHERE sha256 = ${info.sha256}`.execute(database.db);
          await sql`DELETE FROM file_content WHERE sha256 = ${info.sha256}`.execute(database.db);
        } else fs.rmSync(path.join(shared, 'files', info.sha256.slice(0, 2), info.sha256.slice(2, 4), info.sha256));
        for (const [s, lang, text] of [
          [a, 'zh-CN', '附件内容不在存储中'],
          [b, 'en-US', 'The attachment content is not in the store'],
        ] as const) {
          const gone = await fetch(`${s.url}/api/files/${info.id}`, { headers: { cookie: (s === a ? zhang : huangOnB).cookie, 'accept-language': lang } });
          expect(gone.status).toBe(404);
          const err = (await gone.json()) as { error: string; message: string };
          expect(err.error).toBe('file.content_missing');
          expect(err.message).toContain(text);
        }

        // the demo office was seeded exactly once
        const seeds = await database.db.selectFrom('audit_event').select('detail').where('action', '=', 'system.demo_seed').execute();
        const details = seeds.map((r) => JSON.parse(String(r.detail)) as { module?: string; units?: number });
        expect(details.filter((d) => d.units !== undefined)).toHaveLength(1);
        const modules = details.filter((d) => d.module).map((d) => d.module!);
        expect(modules.length).toBeGreaterThan(0);
        expect(new Set(modules).size).toBe(modules.length);
        const units = await database.db.selectFrom('unit').select('code').execute();
        expect(units.length).toBe(DEMO_UNITS.length);
      } finally {
        await database.close();
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await pgDb?.drop();
    }
  }, 300_000);
}
