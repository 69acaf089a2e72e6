/**
 * Attachment store throughput: uploads and downloads of 30 MB files through real server processes,
 * on SQLite (content files in the data directory) and on PostgreSQL (content rows in the database,
 * two app servers with their own data directories: upload through A, download through B). Prints
 * seconds, MB/s and the servers' peak resident memory (VmHWM) per store.
 *
 *   npx tsx bench/files.ts [--mb 30] [--n 3] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPgDatabase } from '../test/dialects.js';
import { startServer, type RunningServer } from '../test/e2e/harness.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const MB = Number(arg('mb', '30'));
const N = Number(arg('n', '3'));
if (args.includes('--pg')) process.env.ZHONGSHU_TEST_PG = arg('pg', '');

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** `bytes` of plain text (random hex lines: incompressible enough, and a valid .txt). */
function content(bytes: number): Buffer<ArrayBuffer> {
  const out = Buffer.alloc(bytes, 0x0a);
  for (let at = 0; at < bytes; at += 65)
    crypto
      .randomBytes(32)
      .toString('hex')
      .split('')
      .forEach((c, i) => at + i < bytes && (out[at + i] = c.charCodeAt(0)));
  return out;
}

async function login(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dcs_zhang', password: 'Zhongshu@2026' }),
  });
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function run(store: 'sqlite' | 'postgres'): Promise<Record<string, number | string>> {
  const pgDb = store === 'postgres' ? await createPgDatabase('zs_bf') : null;
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bf-a-'));
  const dirB = pgDb ? fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bf-b-')) : dirA;
  const env = (dir: string) => ({
    ZHONGSHU_DATA_DIR: dir,
    ZHONGSHU_AUDIT_KEY: 'bench-files-audit-key-0123456789abcdef0123456',
    ZHONGSHU_SCHEDULER_MS: '0',
    ZHONGSHU_MAX_UPLOAD_MB: String(MB + 2),
    ZHONGSHU_REQUEST_TIMEOUT_MS: '600000',
    ...(pgDb ? { ZHONGSHU_DB: pgDb.url } : {}),
  });
  const a: RunningServer = await startServer(env(dirA), 300_000);
  const b: RunningServer = await startServer(env(dirB), 300_000);
  try {
    const auth = await login(a.url);
    const authB = await login(b.url);
    const ledger = (await (await fetch(`${a.url}/api/supervision/items?pageSize=200`, { headers: { cookie: auth.cookie } })).json()) as {
      items: { id: number; status: string; level: number }[];
    };
    const owner = ledger.items.find((i) => i.status !== 'closed' && i.level <= 1)!.id;
    let upMs = 0;
    let downMs = 0;
    for (let i = 0; i < N; i++) {
      const body = content(MB * 1048576);
      const sha = crypto.createHash('sha256').update(body).digest('hex');
      const form = new FormData();
      form.append('file', new Blob([body]), `bench-${i}.txt`);
      const t0 = performance.now();
      const up = await fetch(`${a.url}/api/files?ownerType=supervision_item&ownerId=${owner}`, {
        method: 'POST',
        headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
        body: form,
      });
      upMs += performance.now() - t0;
      if (up.status !== 201) throw new Error(`upload ${up.status}: ${await up.text()}`);
      const { id } = (await up.json()) as { id: number };
      const t1 = performance.now();
      const down = await fetch(`${b.url}/api/files/${id}`, { headers: { cookie: authB.cookie } });
      const h = crypto.createHash('sha256');
      let n = 0;
      for await (const chunk of down.body!) {
        h.update(chunk);
        n += chunk.length;
      }
      downMs += performance.now() - t1;
      if (down.status !== 200 || n !== body.length || h.digest('hex') !== sha) throw new Error(`download ${down.status}: ${n} bytes, hash differs`);
    }
    const total = MB * N;
    return {
      store: store === 'sqlite' ? 'SQLite (files in the data dir)' : 'PostgreSQL (file_chunk rows; upload via A, download via B)',
      files: `${N} × ${MB} MB`,
      uploadS: Number((upMs / 1000 / N).toFixed(2)),
      uploadMBps: Math.round(total / (upMs / 1000)),
      downloadS: Number((downMs / 1000 / N).toFixed(2)),
      downloadMBps: Math.round(total / (downMs / 1000)),
      peakRssMbA: peakRssMb(a.process.pid!),
      peakRssMbB: peakRssMb(b.process.pid!),
    };
  } finally {
    await a.stop();
    if (b !== a) await b.stop();
    await pgDb?.drop();
  }
}

const rows = [];
for (const store of ['sqlite', 'postgres'] as const) rows.push(await run(store));
console.log(`\n| store | files | upload s/file | upload MB/s | download s/file | download MB/s | peak RSS A / B (MB) |`);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.store} | ${r.files} | ${r.uploadS} | ${r.uploadMBps} | ${r.downloadS} | ${r.downloadMBps} | ${r.peakRssMbA} / ${r.peakRssMbB} |`);
