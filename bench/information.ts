/**
 * The 信息报送与采编 workload: `npm run bench -- --workload information [--size 100k|1m|<n>]
 * [--db sqlite|postgres|both] [--duration 10] [--connections 16] [--workers 1|2|auto]`.
 *
 * Builds (or reuses) the demo office plus `size` information items and `size / 20` issues
 * (bench/generate-information.ts), starts the real server and measures with autocannon:
 *   I1 a liaison's report list (本单位报送, page 1 of 20: the web's default query) ·
 *   I2 信息处's intake queue (待采编, page 1 of 20);
 * and, sequentially (10 runs, median and p95), 信息处's statistics of one whole year (GET as the
 * web does) and its xlsx export; plus the raw repo times of the three queries and peak RSS.
 * Results: bench/results/<date>-information-<db>-<size>.{json,md}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO_USERS, seedDemo } from '../server/db/seed-demo.js';
import { MODULES } from '../server/modules/index.js';
import { listItems } from '../server/modules/information/information.repo.js';
import { unitStatistics } from '../server/modules/information/usecases/statistics.js';
import type { Actor } from '../server/platform/actor.js';
import { startServer } from '../test/e2e/harness.js';
import { generateInformation } from './generate-information.js';
import { benchDatabase, benchEnv, peakRssMb, runWorkload, type WorkloadResult, writeResults } from './lib.js';

const TARGETS: Record<string, string> = {
  I1_unit_reports: 'p95 ≤ 50 ms',
  I2_intake_queue: 'p95 ≤ 50 ms',
  I3_statistics_year: '≤ 500 ms',
};

/** The year the statistics are asked for: the last whole year of the two generated ones. */
const STATS_YEAR = new Date().getUTCFullYear() - 1;

export async function benchInformation(args: Record<string, string>, pgAdmin: string): Promise<void> {
  const size = (args.size ?? '100k').toLowerCase();
  const N = size === '1m' ? 1_000_000 : size === '100k' ? 100_000 : Number(size);
  const duration = Number(args.duration ?? 10);
  const connections = Number(args.connections ?? 16);
  const dbs = args.db === 'postgres' ? ['postgres'] : args.db === 'both' ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const db of dbs as ('sqlite' | 'postgres')[]) {
    const dataDir = path.resolve(`bench/.data/information-${size}-${db}`);
    const dbUrl = await benchDatabase(db, `zs_bench_info_${size}`, dataDir, pgAdmin);
    const env = benchEnv(dataDir, dbUrl);
    const build = await prepare(db, env, dataDir, N);
    if (args['prepare-only']) continue;
    // app processes serving the port (ZHONGSHU_WORKERS): 1, or one per core as a deployment would run them
    const workers = args.workers ?? '1';
    const server = await startServer({ ...env, ZHONGSHU_WORKERS: workers });
    const workloads: Record<string, WorkloadResult> = {};
    try {
      const liaison = await login(server.url, 'fgw_xu');
      const desk = await login(server.url, 'xxc_he');
      const i1 = '/api/information/items?scope=mine&page=1&pageSize=20';
      const i2 = '/api/information/items?scope=intake&page=1&pageSize=20';
      const totals = {
        unit_reports: ((await (await fetch(server.url + i1, { headers: liaison })).json()) as { total: number }).total,
        intake_queue: ((await (await fetch(server.url + i2, { headers: desk })).json()) as { total: number }).total,
      };
      // warm-up: every route's code compiled and the pages of both queries read once
      await runWorkload({ url: server.url, duration: 3, connections, headers: liaison, requests: [{ path: i1 }] });
      await runWorkload({ url: server.url, duration: 3, connections, headers: desk, requests: [{ path: i2 }] });
      const pid = server.process.pid!;
      const measured = async (headers: Record<string, string>, p: string, note: string) => {
        const cpu = cpuMs(pid);
        const w = await runWorkload({ url: server.url, duration, connections, headers, requests: [{ path: p }] });
        w.note = `${note}; app CPU ${Math.round(((cpuMs(pid) - cpu) / Math.max(1, w.requests)) * 100) / 100} ms per request`;
        return w;
      };
      workloads.I1_unit_reports = await measured(liaison, i1, `liaison 徐鹏 (市发展改革委), 本单位报送 page 1 of 20; total shown ${totals.unit_reports}`);
      workloads.I2_intake_queue = await measured(desk, i2, `信息处 何敏, 待采编 page 1 of 20; total shown ${totals.intake_queue}`);
      const year = `from=${STATS_YEAR}-01-01&to=${STATS_YEAR}-12-31`;
      workloads.I3_statistics_year = await sequential(`${server.url}/api/information/statistics?${year}`, desk, 10);
      workloads.I3_statistics_year.note = `信息处, every unit, ${STATS_YEAR}; sequential, 10 runs (p50 = median, p95 = the slowest of 10)`;
      workloads.I3_statistics_xlsx = await sequential(`${server.url}/api/information/statistics.xlsx?${year}`, desk, 5);
      workloads.I3_statistics_xlsx.note = `the same year as xlsx; sequential, 5 runs`;
      for (const [k, w] of Object.entries(workloads)) console.log(`[information ${db}] ${k}: ${w.rps} req/s p50 ${w.p50_ms} p97.5 ${w.p95_ms} ms`);
      const rss = peakRssMb(server.process.pid!);
      await server.stop();
      const raw = await rawFigures(env);
      const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
      const file = writeResults(
        {
          db: `information-${db}${workers === '1' ? '' : `-w${workers}`}`,
          size,
          workers,
          items: N,
          connections,
          workloads,
          raw_repo_ms: raw,
          totals,
          ...build,
          peak_rss_mb: rss,
          machine: `${os.cpus().length} cores, shared with other helpers: measured under load (load average ${load.join(' / ')} at the end)`,
        },
        TARGETS,
      );
      console.log(fs.readFileSync(`${file}.md`, 'utf8'));
    } finally {
      await server.stop();
    }
  }
}

/** CPU time (user + system) the server process and its children have used, in ms (Linux, 100 ticks a second). */
function cpuMs(pid: number): number {
  const ticks = (p: number | string) => {
    const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  const children = fs.readdirSync(`/proc/${pid}/task`).flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean));
  return [pid, ...children].reduce((a: number, p) => a + ticks(p), 0) * 10;
}

async function login(url: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Zhongshu@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

/** `n` sequential GETs after one warm-up: median and p95 (nearest rank) of the whole answer's time. */
async function sequential(url: string, headers: Record<string, string>, n: number): Promise<WorkloadResult> {
  await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (!res.ok) failed++;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(n - 1, Math.ceil(p * n) - 1)]!);
  return { rps: 0, p50_ms: q(0.5), p95_ms: q(0.95), p99_ms: q(0.99), requests: n, errors: 0, non2xx: failed };
}

/** The repo calls behind I1, I2 and I3, in-process on the same database (median of 20, of 5 for the year; CPU per call beside it). */
async function rawFigures(env: Record<string, string>) {
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  const db = database.db;
  try {
    const actorOf = async (username: string): Promise<Actor> => {
      const u = await db
        .selectFrom('user')
        .innerJoin('unit', 'unit.id', 'user.unit_id')
        .select(['user.id', 'user.name', 'user.unit_id', 'user.clearance', 'unit.short_name', 'unit.code'])
        .where('user.username', '=', username)
        .executeTakeFirstOrThrow();
      const roles = DEMO_USERS.find((x) => x[0] === username)![3];
      return {
        id: u.id,
        username,
        name: u.name,
        unitId: u.unit_id,
        unitName: u.short_name,
        unitCode: u.code,
        roles,
        clearance: u.clearance as Actor['clearance'],
        adminRole: null,
        ip: null,
        locale: 'zh-CN',
      };
    };
    const liaison = await actorOf('fgw_xu');
    const desk = await actorOf('xxc_he');
    const page = { page: 1, pageSize: 20 };
    return {
      I1_list_mine: await median(() => listItems(db, liaison, { scope: 'mine' }, page), 20),
      I2_list_intake: await median(() => listItems(db, desk, { scope: 'intake' }, page), 20),
      I3_unit_statistics_year: await median(() => unitStatistics(db, { from: `${STATS_YEAR}-01-01`, to: `${STATS_YEAR}-12-31` }), 5),
    };
  } finally {
    await database.close();
  }
}

/** Median wall time of `n` calls, and the mean CPU time of this process per call (SQLite: the query's own work, whatever the machine's load). */
async function median(fn: () => Promise<unknown>, n: number): Promise<{ wall_ms: number; cpu_ms: number }> {
  await fn();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  return { wall_ms: Math.round(times[Math.floor(n / 2)]! * 100) / 100, cpu_ms: Math.round((used.user + used.system) / n / 10) / 100 };
}

/** Builds the dataset once (READY marks it); returns the build figures. */
async function prepare(db: 'sqlite' | 'postgres', env: Record<string, string>, dataDir: string, N: number): Promise<Record<string, unknown>> {
  const ready = path.join(dataDir, 'READY');
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  try {
    // a kept dataset gets the migrations added since (new indexes) here, not inside the server's start-up time
    const applied = await migrateToLatest(database.db, MODULES);
    if (fs.existsSync(ready)) {
      if (applied.length) {
        console.log(`[information ${db}] migrated ${applied.join(', ')}; analysing`);
        await sql.raw(db === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(database.db);
      }
      return JSON.parse(fs.readFileSync(ready, 'utf8')) as Record<string, unknown>;
    }
    const ctx = await createContext({ config, database, modules: MODULES });
    await seedDemo(ctx);
    console.log(`[information ${db}] generating ${N} items…`);
    const generated = await generateInformation(ctx, N, new Date(), (m) => console.log(`[information ${db}]${m}`));
    const t = performance.now();
    // as autovacuum would after a bulk load: statistics, and PostgreSQL's visibility map (index-only scans)
    await sql.raw(db === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(database.db);
    let sizeMb: number;
    if (db === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
      sizeMb = Math.round(fs.statSync(path.join(dataDir, 'zhongshu.db')).size / 1e6);
    } else {
      sizeMb = Math.round(Number((await sql<{ s: string }>`SELECT pg_database_size(current_database()) AS s`.execute(database.db)).rows[0]!.s) / 1e6);
    }
    const figures = { build: { ...generated, vacuum_analyze_s: Math.round((performance.now() - t) / 1000), database_mb: sizeMb } };
    fs.writeFileSync(ready, JSON.stringify(figures));
    console.log(`[information ${db}]`, figures.build);
    return figures;
  } finally {
    await database.close();
  }
}
