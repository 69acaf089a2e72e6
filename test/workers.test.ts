/**
 * Several app processes on one database (ZHONGSHU_WORKERS=2): the real server forks two workers
 * sharing the port. Concurrent audited writes land on both processes; every one is acknowledged
 * (no SQLITE_BUSY from a stale read snapshot, no 500), the audit chain stays one verified chain
 * with an entry per write, sessions made by one process work on the other, and a worker killed
 * with SIGKILL is replaced, after which writes succeed again.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.js';
import { AuditTrail } from '../server/platform/audit.js';
import { systemClock } from '../server/platform/clock.js';
import { startServer } from './e2e/harness.js';
import { createPgDatabase, testDialects } from './dialects.js';

const KEY = 'workers-test-audit-key-0123456789abcdef0123';

/** The primary's app workers (not its other children: tsx may run an esbuild service beside them). */
function workerPids(primary: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
  return children.filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/main.ts');
    } catch {
      return false; // gone meanwhile
    }
  });
}

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

for (const dialect of testDialects()) {
  it(`[${dialect}] two worker processes: concurrent audited writes all succeed in one verified chain; a killed worker is replaced`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-workers-'));
    const pgDb = dialect === 'postgres' ? await createPgDatabase('zs_wk') : null;
    const server = await startServer({
      ZHONGSHU_DATA_DIR: dir,
      ZHONGSHU_AUDIT_KEY: KEY,
      ZHONGSHU_SCHEDULER_MS: '0',
      ZHONGSHU_LOGIN_RATE_PER_MIN: '100000',
      ZHONGSHU_WORKERS: '2',
      ...(pgDb ? { ZHONGSHU_DB: pgDb.url } : {}),
    });
    const created: number[] = [];
    try {
      expect(await waitFor(() => workerPids(server.process.pid!).length === 2, 30_000)).toBe(true);
      const login = async (username: string) => {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'Zhongshu@2026' }),
        });
        expect(res.status).toBe(200);
        return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
      };
      const sessions = await Promise.all(['dcs_zhang', 'dcs_huang', 'dcs_zhang', 'dcs_huang'].map(login));
      const statuses = new Map<number, number>();
      const write = async (s: { cookie: string; csrf: string }, name: string) => {
        // a new connection each time: the cluster hands connections to the workers in turn
        const r = await fetch(`${server.url}/api/auth/tokens`, {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', connection: 'close' },
          signal: AbortSignal.timeout(20_000),
          body: JSON.stringify({ name }),
        });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 200) created.push(((await r.json()) as { id: number }).id);
      };
      const CLIENTS = 16;
      const EACH = 12;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let n = 0; n < EACH; n++) await write(sessions[c % sessions.length]!, `wk-${c}-${n}`);
        }),
      );
      expect(Object.fromEntries(statuses)).toEqual({ 200: CLIENTS * EACH });

      // one worker dies and the primary replaces it; then writes succeed again on both
      const [victim] = workerPids(server.process.pid!);
      process.kill(victim!, 'SIGKILL');
      expect(await waitFor(() => !workerPids(server.process.pid!).includes(victim!), 10_000)).toBe(true);
      expect(await waitFor(() => workerPids(server.process.pid!).length === 2, 60_000)).toBe(true);
      await waitFor(() => false, 3_000); // the replacement's start-up (it listens last)
      for (let n = 0; n < 10; n++) await write(sessions[n % sessions.length]!, `wk-after-${n}`);
      expect(statuses.get(200)).toBe(CLIENTS * EACH + 10);
    } finally {
      await server.stop();
    }
    expect(workerPids(server.process.pid!)).toEqual([]);
    const database = openDatabase(pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'sqlite', file: path.join(dir, 'zhongshu.db') });
    try {
      const verify = await new AuditTrail(KEY, systemClock).verify(database.db);
      expect(verify).toMatchObject({ ok: true, firstBroken: null });
      const audited = await database.db.selectFrom('audit_event').select('target_id').where('action', '=', 'auth.token_create').execute();
      expect(audited.length).toBe(created.length);
      expect(new Set(audited.map((a) => Number(a.target_id)))).toEqual(new Set(created));
    } finally {
      await database.close();
      await pgDb?.drop();
    }
  }, 180_000);
}
