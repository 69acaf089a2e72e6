/**
 * The 驾驶舱 workload: `npm run bench -- --workload cockpit [--size 100k|1m|<n>] [--db sqlite|postgres]
 * [--duration 10] [--connections 16] [--refreshes 3]`.
 *
 * Builds (or reuses) a database with the demo office (every module's demo data) plus `size` generated
 * 督办 tasks (bench/generate-supervision.ts), starts the real server (scheduler off, so the snapshot is
 * the one stored) and measures GET /api/assessment/cockpit as the office director with autocannon at 16
 * connections, after one warm-up request, and GET /api/auth/me the same way (the platform's floor under the
 * same load). In-process on the same database: the cost of one refresh
 * (`assessment.cockpit_refresh`: every figure computed over all rows and stored), which is also what
 * the page cost on every request before the snapshot. Results: bench/results/<date>-cockpit-<db>-<size>.{json,md}.
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
import { seedDemo } from '../server/db/seed-demo.js';
import { MODULES } from '../server/modules/index.js';
import { refreshCockpit } from '../server/modules/assessment/usecases/cockpit.js';
import { startServer } from '../test/e2e/harness.js';
import { generateSupervision } from './generate-supervision.js';
import { benchDatabase, benchEnv, peakRssMb, runWorkload, type WorkloadResult } from './lib.js';

const TARGETS: Record<string, string> = { cockpit: 'p95 ≤ 100 ms at 16 connections (SQLite)' };

async function login(url: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Zhongshu@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return { cookie, 'x-csrf-token': csrf };
}

/** Builds the dataset once per (db, size); later runs reuse it. */
async function prepare(db: 'sqlite' | 'postgres', size: string, tasks: number, pgAdmin: string) {
  const dataDir = path.resolve(`bench/.data/cockpit-${size}-${db}`);
  const dbUrl = await benchDatabase(db, `zs_bench_cockpit_${size}`, dataDir, pgAdmin);
  const env = benchEnv(dataDir, dbUrl);
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  try {
    await migrateToLatest(database.db, MODULES);
    if (!fs.existsSync(path.join(dataDir, 'READY'))) {
      const ctx = await createContext({ config, database, modules: MODULES });
      const t = performance.now();
      console.log(`[${db}] seeding the demo office and generating ${tasks} tasks…`);
      await seedDemo(ctx);
      const g = await generateSupervision(ctx, tasks, new Date());
      await sql`ANALYZE`.execute(database.db);
      const generatedMs = Math.round(performance.now() - t);
      console.log(`[${db}] generated`, g, `${generatedMs} ms`);
      fs.writeFileSync(path.join(dataDir, 'READY'), JSON.stringify({ ...g, generatedMs, at: new Date().toISOString() }));
    }
  } finally {
    await database.close();
  }
  return env;
}

/** The cost of refreshes in-process: `n` refreshes on the dataset, and the snapshot's size. */
async function refreshCost(env: Record<string, string>, n: number) {
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  try {
    const ctx = await createContext({ config, database, modules: MODULES });
    const times: number[] = [];
    const computeMs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      computeMs.push(await refreshCockpit(ctx));
      times.push(Math.round(performance.now() - t));
    }
    const tasks = await database.db
      .selectFrom('supervision_task')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return { refresh_ms: times, refresh_compute_ms: computeMs, supervision_tasks: Number(tasks.n) };
  } finally {
    await database.close();
  }
}

/** Runs the workload on each database. */
export async function benchCockpit(args: Record<string, string>, pgAdmin: string): Promise<void> {
  const size = (args.size ?? '100k').toLowerCase();
  const tasks = size === '1m' ? 1_000_000 : size === '100k' ? 100_000 : Number(size);
  const duration = Number(args.duration ?? 10);
  const connections = Number(args.connections ?? 16);
  const dbs: ('sqlite' | 'postgres')[] = args.db === 'postgres' ? ['postgres'] : args.db === 'both' ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const db of dbs) {
    const env = await prepare(db, size, tasks, pgAdmin);
    if (args['prepare-only']) continue;
    const refresh = await refreshCost(env, Number(args.refreshes ?? 3));
    const server = await startServer(env);
    const workloads: Record<string, WorkloadResult> = {};
    let snapshot: { computedAt?: string; refreshMinutes?: number } = {};
    try {
      const director = await login(server.url, 'zr_chen');
      const first = await fetch(`${server.url}/api/assessment/cockpit`, { headers: director });
      snapshot = (await first.json()) as typeof snapshot;
      const load1 = os.loadavg()[0]!;
      workloads.cockpit = await runWorkload({ url: server.url, connections, duration, headers: director, requests: [{ path: '/api/assessment/cockpit' }] });
      workloads.cockpit.note = `office director (zr_chen), ${connections} connections, ${duration} s, the stored snapshot`;
      // the floor under the same load: an authenticated route that reads nothing of the modules
      workloads.baseline_me = await runWorkload({ url: server.url, connections, duration, headers: director, requests: [{ path: '/api/auth/me' }] });
      workloads.baseline_me.note = 'GET /api/auth/me, same user and connections: the platform floor (session, authentication, serialization)';
      const rss = peakRssMb(server.process.pid!);
      const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
      write({
        db,
        size,
        tasks,
        connections,
        workloads,
        ...refresh,
        snapshotComputedAt: snapshot.computedAt,
        peak_rss_mb: rss,
        loadavg_before: load1,
        loadavg_after: load,
      });
    } finally {
      await server.stop();
    }
  }
}

function write(result: { db: string; size: string; workloads: Record<string, WorkloadResult>; [k: string]: unknown }): void {
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${new Date().toISOString().slice(0, 10)}-cockpit-${result.db}-${result.size}`);
  const w = result.workloads.cockpit!;
  const met = w.errors + w.non2xx === 0 && w.p95_ms <= 100;
  fs.writeFileSync(`${base}.json`, JSON.stringify({ ...result, target: TARGETS.cockpit, met }, null, 2));
  const extra = Object.entries(result)
    .filter(([k]) => !['db', 'size', 'workloads'].includes(k))
    .map(([k, v]) => `- ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  fs.writeFileSync(
    `${base}.md`,
    [
      `# 驾驶舱 (cockpit) · ${result.db} · ${result.size}`,
      '',
      'Measured on a shared 2-core machine under load from other work (load averages below).',
      '',
      '| workload | req/s | p50 ms | p95 ms (p97.5) | p99 ms | requests | errors | target | met |',
      '|---|---|---|---|---|---|---|---|---|',
      `| cockpit | ${w.rps} | ${w.p50_ms} | ${w.p95_ms} | ${w.p99_ms} | ${w.requests} | ${w.errors + w.non2xx} | ${TARGETS.cockpit} | ${met ? 'yes' : 'no'} |`,
      ...Object.entries(result.workloads)
        .filter(([k]) => k !== 'cockpit')
        .map(([k, b]) => `| ${k} | ${b.rps} | ${b.p50_ms} | ${b.p95_ms} | ${b.p99_ms} | ${b.requests} | ${b.errors + b.non2xx} | | ${b.note ?? ''} |`),
      '',
      ...extra,
      '',
    ].join('\n'),
  );
  console.log(fs.readFileSync(`${base}.md`, 'utf8'));
}
