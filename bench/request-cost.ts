/**
 * `npx tsx bench/request-cost.ts [--size 100k] [--duration 10] [--label x] [--cpu-prof dir] [--path /api/… --user name]`
 *
 * W1 (one task by id, as a liaison, 32 connections) — or one fixed GET `--path` as `--user` (e.g. W4:
 * `--path '/api/supervision/items?q=河长制&page=1&pageSize=20' --user dcs_zhang`) — on the SQLite dataset `npm run bench -- --size … --prepare-only`
 * built, reporting besides req/s the **server's CPU time per request** (user + system time of the server
 * process and its app workers, from /proc, over the run divided by the requests answered). On a machine
 * shared with other work req/s follows the load; CPU time per request moves much less, so before/after
 * comparisons read it first. `--cpu-prof dir` records a CPU profile of the server (`bench/cpu-profile-hook.mjs`,
 * written there when it stops). `ZHONGSHU_WORKERS` passes through to the server. Prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer } from '../test/e2e/harness.js';
import { runWorkload } from './lib.js';
import { cliArgs } from './args.js';

const args = cliArgs();
const size = (args.size ?? '100k').toLowerCase();
const duration = Number(args.duration ?? 10);
const dataDir = path.resolve(`bench/.data/${size}-sqlite`);
if (!fs.existsSync(path.join(dataDir, 'READY'))) throw new Error(`no dataset in ${dataDir}: run npm run bench -- --size ${size} --db sqlite --prepare-only`);

/** CPU seconds (user + system) used so far by `pid` and its child processes that are still running. */
function cpuSeconds(pid: number): number {
  const ticks = (p: number | string) => {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      return 0; // gone meanwhile
    }
  };
  const children = fs.readdirSync(`/proc/${pid}/task`).flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean));
  return [pid, ...children].reduce((a: number, p) => a + ticks(p), 0) / 100; // USER_HZ
}

const file = path.join(dataDir, 'zhongshu.db');
const server = await startServer({
  ZHONGSHU_DATA_DIR: dataDir,
  ZHONGSHU_DB: 'sqlite',
  ZHONGSHU_AUDIT_KEY: 'bench-audit-key-0123456789abcdef0123456789',
  ZHONGSHU_SCHEDULER_MS: '0',
  ZHONGSHU_LOG_LEVEL: 'warn',
  ZHONGSHU_LOGIN_RATE_PER_MIN: '100000',
  ...(args['cpu-prof']
    ? { NODE_OPTIONS: `--import=${path.resolve('bench/cpu-profile-hook.mjs')}`, ZHONGSHU_CPU_PROF_DIR: path.resolve(args['cpu-prof']) }
    : {}),
});
try {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: args.user ?? 'fgw_xu', password: 'Zhongshu@2026' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { user: { unitId: number } };
  const db = new Database(file, { readonly: true });
  const ids = (db.prepare('SELECT id FROM supervision_task WHERE unit_id = ? AND id <= 200000').all(me.user.unitId) as { id: number }[]).map((r) => r.id);
  db.close();
  let k = 0;
  const next = () => ids[(k = (k * 1103515245 + 12345) >>> 0) % ids.length]!;
  const fixed = args.path ? encodeURI(args.path) : null;
  const pathOf = () => fixed ?? `/api/supervision/tasks/${next()}`;
  // warm-up (JIT, caches), then the measured run
  await runWorkload({
    url: server.url,
    duration: 2,
    headers: { cookie },
    requests: [{ setupRequest: (r: object) => ({ ...r, path: pathOf() }) }],
  });
  const cpu0 = cpuSeconds(server.process.pid!);
  const w = await runWorkload({
    url: server.url,
    duration,
    headers: { cookie },
    requests: [{ setupRequest: (r: object) => ({ ...r, path: pathOf() }) }],
  });
  const cpu = cpuSeconds(server.process.pid!) - cpu0;
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    JSON.stringify({
      label: args.label ?? null,
      path: args.path ?? 'W1',
      workers: process.env.ZHONGSHU_WORKERS ?? '1',
      ...w,
      server_cpu_s: Math.round(cpu * 100) / 100,
      cpu_us_per_request: Math.round((cpu / (w.requests || 1)) * 1e6),
      load,
    }),
  );
} finally {
  await server.stop();
}
