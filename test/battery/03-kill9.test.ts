/**
 * Battery part 3 — kill -9 under write load (断电/进程崩溃). A real server process on one data
 * directory; 8 clients write (an API token, then an attachment on a 督查事项) and journal every
 * acknowledged write; the server is SIGKILLed at a random moment and restarted on the same
 * directory, cycle after cycle. Pass: every acknowledged write present and whole (its audit entry,
 * its file with the right hash), audit chain verifies, `PRAGMA integrity_check` ok.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { AuditTrail } from '../../server/platform/audit.js';
import { systemClock } from '../../server/platform/clock.js';
import { startServer, type RunningServer } from '../e2e/harness.js';
import { figures, size } from './battery-kit.js';

const KEY = 'battery-kill9-audit-key-0123456789abcdef0123';

interface Session {
  cookie: string;
  csrf: string;
}

async function login(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Zhongshu@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

it('8 clients writing with attachments survive kill -9 at random moments: nothing acknowledged is lost or partial', async () => {
  const cycles = size(5, 200, 50);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-kill9-'));
  const env = { ZHONGSHU_DATA_DIR: dir, ZHONGSHU_AUDIT_KEY: KEY, ZHONGSHU_SCHEDULER_MS: '0', ZHONGSHU_LOGIN_RATE_PER_MIN: '100000' };
  const tokens: { id: number; name: string }[] = [];
  const files: { id: number; sha256: string }[] = [];
  let server: RunningServer = await startServer(env);
  const probe = await login(server.url, 'dcs_zhang');
  const ledger = (await (await fetch(`${server.url}/api/supervision/items?pageSize=200`, { headers: { cookie: probe.cookie } })).json()) as {
    items: { id: number; status: string; level: number }[];
  };
  const owner = ledger.items.find((i) => i.status !== 'closed' && i.level <= 1)?.id ?? null;
  let failedRequests = 0;
  const t0 = Date.now();
  for (let cycle = 0; cycle < cycles; cycle++) {
    const url = server.url;
    const sessions = await Promise.all(Array.from({ length: 8 }, (_, i) => login(url, i % 2 === 0 ? 'dcs_zhang' : 'dcs_huang')));
    let alive = true;
    const clients = sessions.map(async (s, i) => {
      for (let n = 0; alive; n++) {
        try {
          const name = `k9-${cycle}-${i}-${n}`;
          const r = await fetch(`${url}/api/auth/tokens`, {
            method: 'POST',
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ name }),
          });
          if (r.status === 200) tokens.push({ id: ((await r.json()) as { id: number }).id, name });
          if (owner !== null) {
            const content = Buffer.from(`kill -9 附件 ${name} ${crypto.randomUUID()}\n`);
            const form = new FormData();
            form.append('file', new Blob([content]), `${name}.txt`);
            const u = await fetch(`${url}/api/files?ownerType=supervision_item&ownerId=${owner}`, {
              method: 'POST',
              headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
              body: form,
            });
            if (u.status === 201)
              files.push({ id: ((await u.json()) as { id: number }).id, sha256: crypto.createHash('sha256').update(content).digest('hex') });
          }
        } catch {
          failedRequests++; // killed mid-request: not acknowledged, so not journaled
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 1300));
    server.process.kill('SIGKILL');
    await new Promise((r) => server.process.once('exit', r));
    alive = false;
    await Promise.all(clients);
    server = await startServer(env);
  }
  await server.stop();
  // check the data directory directly
  const db = new SQLite(path.join(dir, 'zhongshu.db'));
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  const tokenRows = new Map(
    (db.prepare("SELECT id, name FROM api_token WHERE name LIKE 'k9-%'").all() as { id: number; name: string }[]).map((r) => [r.id, r.name]),
  );
  const attRows = new Map(
    (db.prepare("SELECT id, sha256 FROM attachment WHERE filename LIKE 'k9-%'").all() as { id: number; sha256: string }[]).map((r) => [r.id, r.sha256]),
  );
  const auditedTokens = new Set(
    (db.prepare("SELECT target_id FROM audit_event WHERE action = 'auth.token_create'").all() as { target_id: string }[]).map((r) => Number(r.target_id)),
  );
  const auditedFiles = new Set(
    (db.prepare("SELECT detail FROM audit_event WHERE action = 'file.upload'").all() as { detail: string }[]).map((r) =>
      Number((JSON.parse(r.detail) as { attachmentId: number }).attachmentId),
    ),
  );
  db.close();
  const lostTokens = tokens.filter((t) => tokenRows.get(t.id) !== t.name).length;
  const lostFiles = files.filter((f) => attRows.get(f.id) !== f.sha256).length;
  // partial records (of this test's writes, committed or not acknowledged): a row without its audit entry, an attachment row without its content
  const partial =
    [...tokenRows.keys()].filter((id) => !auditedTokens.has(id)).length +
    [...attRows].filter(([id, sha]) => !auditedFiles.has(id) || !fs.existsSync(path.join(dir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha))).length;
  const { openDatabase } = await import('../../server/db/client.js');
  const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'zhongshu.db') });
  const verify = await new AuditTrail(KEY, systemClock).verify(database.db);
  await database.close();
  figures('3 kill -9', {
    cycles,
    clients: 8,
    acknowledgedTokens: tokens.length,
    acknowledgedAttachments: files.length,
    lost: lostTokens + lostFiles,
    partial,
    requestsCutByKill: failedRequests,
    auditOk: verify.ok,
    auditEntries: verify.checked,
    integrity,
    seconds: Math.round((Date.now() - t0) / 1000),
  });
  expect(tokens.length).toBeGreaterThan(0);
  expect(lostTokens + lostFiles).toBe(0);
  expect(partial).toBe(0);
  expect(verify.ok).toBe(true);
  expect(integrity).toBe('ok');
  fs.rmSync(dir, { recursive: true, force: true });
}, 3_600_000);
