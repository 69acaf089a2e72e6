/**
 * `npm run bench -- [--size 100k|1m] [--db sqlite|postgres|both] [--duration 10] [--only W1,W2]`
 *
 * Builds (or reuses) a generated 督查督办 dataset, starts the real server on it, and measures with
 * autocannon (32 connections) logged in as a 督查室 user and as a liaison:
 *   W0 the floor under W1: a bare route (/api/health) and the same session check with the smallest answer (/api/auth/me) ·
 *   W1 get one task by id · W2 ledger page (unit + status, by time limit, 20 rows) · W3 overdue count
 *   by unit (statistics) · W4 Chinese keyword search (2-, 3-, 4-character terms) · W5 submit a
 *   progress report (write + audit + notification) · W6 export the ledger filtered to ~10k rows ·
 *   W7 the statistics page (16 connections) as 督查室 user, without a range (W7_all) and over the last year (W7_year),
 *   plus in-process times of the statistics from the count tables and from the rows (the exact reference).
 * Also: the reminder scan over all open tasks, raw storage time of W1/W2/W4's queries, peak RSS.
 * Results: bench/results/<date>-[<label>-]<db>-<size>.json and .md (`--label stats`). `--prepare-only` just builds the dataset;
 * `--workers 1|2|auto` runs the server as ZHONGSHU_WORKERS processes, `--pg-pool n` gives each n PostgreSQL connections;
 * `--skip-search-index` leaves the search index out (W7 needs none; W4 does and is then not run; a later run without the flag builds it);
 * `--cpu-profile DIR` has the server write a V8 CPU profile (.cpuprofile) into DIR when the run ends.
 *
 * `npm run bench -- --workload search …` runs the whole-system search workload instead (bench/search.ts),
 * `--workload information …` the 信息报送与采编 workload (bench/information.ts).
 * `--workload cockpit …` the 驾驶舱 (bench/cockpit.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { seedDemo } from '../server/db/seed-demo.js';
import { MODULES } from '../server/modules/index.js';
import { startServer } from '../test/e2e/harness.js';
import { generateSupervision } from './generate-supervision.js';
import { benchDatabase, benchEnv, dropTextIndexes, peakRssByProcessMb, rebuildTextIndexes, runWorkload, type WorkloadResult, writeResults } from './lib.js';
import { cliArgs } from './args.js';
import { floorFigures, floorLines } from './floor.js';

const args = cliArgs();
const size = (args.size ?? '100k').toLowerCase();
const TASKS = size === '1m' ? 1_000_000 : size === '100k' ? 100_000 : Number(size);
const duration = Number(args.duration ?? 10);
const only = args.only ? new Set(args.only.split(',')) : null;
const PG_ADMIN = process.env.ZHONGSHU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** W4's keywords: 2, 3 and 4 characters, and two words. */
const KEYWORDS = [
  ['W4_2', '督办'],
  ['W4_3', '河长制'],
  ['W4_4', '安全生产'],
  ['W4_2w', '河长制 督办'],
] as const;

const TARGETS: Record<string, string> = {
  W1: '≥ 8000 req/s, p99 ≤ 15 ms',
  W2: '≥ 3000 req/s, p99 ≤ 30 ms',
  W3: 'p99 ≤ 50 ms',
  W4_2: 'p95 ≤ 50 ms',
  W4_3: 'p95 ≤ 50 ms',
  W4_4: 'p95 ≤ 50 ms',
  W4_2w: 'p95 ≤ 50 ms',
  W5: '≥ 1500 req/s',
  W6: '≤ 3 s',
  W7_all: '≤ 1000 ms at 1m',
  W7_year: '≤ 1000 ms at 1m',
  reminder_scan_ms: '≤ 2000',
  peak_rss_mb: '≤ 500 (the largest process)',
};

async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Prepares the dataset once per (db, size); later runs reuse it. */
async function prepare(db: 'sqlite' | 'postgres'): Promise<{
  env: Record<string, string>;
  keywordIndex: string | null;
  ids: { tasksByUnit: Record<number, number[]>; openTasksByUnit: Record<number, number[]>; unitIds: number[] };
}> {
  const dataDir = path.resolve(`bench/.data/${size}-${db}`);
  const dbUrl = await benchDatabase(db, `zs_bench_${size}`, dataDir, PG_ADMIN);
  const env = benchEnv(dataDir, dbUrl);
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  try {
    await migrateToLatest(database.db, MODULES);
    const ctx = await createContext({ config, database, modules: MODULES });
    if (!fs.existsSync(path.join(dataDir, 'READY'))) {
      console.log(`[${db}] generating ${TASKS} tasks…`);
      await seedDemo(ctx);
      const g = await generateSupervision(ctx, TASKS, new Date());
      console.log(`[${db}] generated`, g);
      const t = performance.now();
      // `--skip-search-index` (W7 needs none): a later run without it builds the index first
      const indexed = args['skip-search-index'] ? 0 : await indexSupervision(ctx);
      console.log(`[${db}] search index: ${indexed} items in ${Math.round(performance.now() - t)} ms`);
      // PostgreSQL: VACUUM too, for the visibility map of the freshly written tables (a running office's autovacuum keeps
      // it): without it every index-only scan of W2's count reads the heap (W2: 174 req/s before, 354 after, session 23)
      if (db === 'postgres') await sql`VACUUM ANALYZE`.execute(database.db);
      else await sql`ANALYZE`.execute(database.db);
      fs.writeFileSync(path.join(dataDir, 'READY'), JSON.stringify({ ...g, indexed, at: new Date().toISOString() }));
    } else if (!args['skip-search-index'] && (await supervisionDocs(ctx)) < (await supervisionItems(ctx))) {
      // (the demo seed indexes its own few items: an index of those alone is no index of the dataset)
      const t = performance.now();
      const indexed = await indexSupervision(ctx);
      console.log(`[${db}] search index built: ${indexed} supervision items in ${Math.round(performance.now() - t)} ms`);
    }
    // W4 searches the 督办台账 through the search index: without the dataset's items in it, a keyword finds the demo's few
    // and its figures measure nothing (sessions 17 and 20 published such figures)
    const docs = await supervisionDocs(ctx);
    const items = await supervisionItems(ctx);
    const keywordIndex =
      docs >= items ? null : `not run: the search index holds ${docs} of ${items} supervision items (run without --skip-search-index to build it)`;
    const tasks = await database.db.selectFrom('supervision_task').select(['id', 'unit_id', 'status']).where('id', '<=', 200_000).execute();
    const tasksByUnit: Record<number, number[]> = {};
    const openTasksByUnit: Record<number, number[]> = {};
    for (const t of tasks) {
      (tasksByUnit[t.unit_id] ??= []).push(t.id);
      if (t.status === 'in_progress' || t.status === 'returned') (openTasksByUnit[t.unit_id] ??= []).push(t.id);
    }
    return { env, keywordIndex, ids: { tasksByUnit, openTasksByUnit, unitIds: Object.keys(tasksByUnit).map(Number) } };
  } finally {
    await database.close();
  }
}

/** Rebuilds the whole-system search index (the supervision items among it); returns the supervision documents indexed. */
async function indexSupervision(ctx: Awaited<ReturnType<typeof createContext>>): Promise<number> {
  // PostgreSQL: into a table without its text indexes, built once after (bench/lib.ts)
  const textIndexes = await dropTextIndexes(ctx.db);
  await ctx.search.rebuild(ctx.db);
  await rebuildTextIndexes(ctx.db, textIndexes, 'search index');
  return supervisionDocs(ctx);
}

async function supervisionDocs(ctx: Awaited<ReturnType<typeof createContext>>): Promise<number> {
  const r = await ctx.db
    .selectFrom('search_doc')
    .select(sql<number>`count(*)`.as('n'))
    .where('module', '=', 'supervision')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function supervisionItems(ctx: Awaited<ReturnType<typeof createContext>>): Promise<number> {
  const r = await ctx.db
    .selectFrom('supervision_item')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function login(url: string, username: string): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Zhongshu@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

async function timeOnce(fn: () => Promise<unknown>, n = 50): Promise<number> {
  await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return Math.round(((performance.now() - t) / n) * 100) / 100;
}

async function benchDb(db: 'sqlite' | 'postgres'): Promise<void> {
  const { env, keywordIndex, ids } = await prepare(db);
  if (args['prepare-only']) return;
  // app processes serving the port (ZHONGSHU_WORKERS, default 1) and, on PostgreSQL, connections per process
  const server = await startServer(
    {
      ...env,
      ZHONGSHU_WORKERS: args.workers ?? '1',
      ...(args['pg-pool'] ? { ZHONGSHU_PG_POOL: args['pg-pool'] } : {}),
    },
    undefined,
    // `--cpu-profile DIR`: the server writes a V8 CPU profile into DIR when it stops (open it in Chrome's DevTools)
    args['cpu-profile'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(String(args['cpu-profile']))}`] : [],
  );
  const workloads: Record<string, WorkloadResult> = {};
  const want = (k: string) => !only || only.has(k) || only.has(k.split('_')[0]!);
  try {
    const office = await login(server.url, 'dcs_zhang');
    const liaison = await login(server.url, 'fgw_xu');
    const liaisonUnit = ((await (await fetch(`${server.url}/api/auth/me`, { headers: liaison.headers })).json()) as { user: { unitId: number } }).user.unitId;
    const unitTasks = ids.tasksByUnit[liaisonUnit] ?? [];
    const openTasks = ids.openTasksByUnit[liaisonUnit] ?? [];
    let k = 0;
    const nextOf = (xs: number[]) => xs[(k = (k * 1103515245 + 12345) >>> 0) % xs.length]!;
    // the floor under W1 (#17), in the same run: a bare Fastify route (no session; its one query is SELECT 1) and the same
    // session authentication as W1 with the smallest answer (the actor: /api/auth/me)
    if (want('W0')) {
      workloads.W0_bare = await runWorkload({ url: server.url, duration, requests: [{ path: '/api/health' }] });
      workloads.W0_bare.note = 'floor: GET /api/health, no session, one SELECT 1';
      workloads.W0_auth = await runWorkload({ url: server.url, duration, headers: liaison.headers, requests: [{ path: '/api/auth/me' }] });
      workloads.W0_auth.note = "floor: GET /api/auth/me as W1's liaison — the same session check, the actor as the answer";
    }
    if (want('W1')) {
      workloads.W1 = await runWorkload({
        url: server.url,
        duration,
        headers: liaison.headers,
        requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: `/api/supervision/tasks/${nextOf(unitTasks)}` }) }],
      });
      workloads.W1.note = 'liaison, random task of own unit';
    }
    if (want('W2')) {
      workloads.W2 = await runWorkload({
        url: server.url,
        duration,
        headers: office.headers,
        requests: [
          {
            setupRequest: (req: { path: string }) => ({
              ...req,
              path: `/api/supervision/items?unitId=${nextOf(ids.unitIds)}&status=issued&page=1&pageSize=20`,
            }),
          },
        ],
      });
      workloads.W2.note = '督查室, unit + status filter, by time limit';
    }
    if (want('W3')) {
      workloads.W3 = await runWorkload({ url: server.url, duration, headers: office.headers, requests: [{ path: '/api/supervision/stats/overdue' }] });
      workloads.W3.note = '督查室, overdue tasks now by unit';
      const t = performance.now();
      const full = await fetch(`${server.url}/api/supervision/stats`, { headers: office.headers });
      await full.arrayBuffer();
      workloads.W3_full_stats = {
        rps: 0,
        p50_ms: Math.round(performance.now() - t),
        p95_ms: Math.round(performance.now() - t),
        p99_ms: Math.round(performance.now() - t),
        requests: 1,
        errors: full.ok ? 0 : 1,
        non2xx: full.ok ? 0 : 1,
        note: 'one request of the whole statistics page (all aggregates)',
      };
    }
    let keywordSkipped = false;
    const keywordUrl = (term: string) => `/api/supervision/items?q=${encodeURIComponent(term)}&page=1&pageSize=20`;
    for (const [key, term] of KEYWORDS) {
      if (!want(key)) continue;
      if (keywordIndex) {
        console.log(`[${db}] ${key} ${keywordIndex}`);
        keywordSkipped = true;
        continue;
      }
      workloads[key] = await runWorkload({
        url: server.url,
        duration,
        headers: office.headers,
        requests: [{ path: keywordUrl(term) }],
      });
      workloads[key].note = `keyword “${term}”`;
    }
    if (want('W5')) {
      // the report carries the task's version (optimistic locking): track it from the answers
      const versions = new Map<number, number>();
      workloads.W5 = await runWorkload({
        url: server.url,
        duration,
        headers: { ...liaison.headers, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
              const id = nextOf(openTasks);
              context.id = id;
              return {
                ...req,
                path: `/api/supervision/tasks/${id}/reports`,
                body: JSON.stringify({ version: versions.get(id) ?? 1, content: '本周已召开专题会议研究部署，正在按计划推进。', final: false }),
              };
            },
            onResponse: (status: number, body: string, context: Record<string, unknown>) => {
              try {
                const j = JSON.parse(body) as { taskVersion?: number; details?: { current?: number } };
                const v = status === 200 ? j.taskVersion : j.details?.current;
                if (v) versions.set(context.id as number, v);
              } catch {
                // not JSON: counted as an error by autocannon already
              }
            },
          },
        ],
      });
      workloads.W5.note = 'liaison, progress report on a random open task of own unit (write + audit + notification + timeline)';
    }
    if (want('W6')) {
      // closed items registered in a 24-day window a year ago: about 10,000 rows at the 1m size
      const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
      const exportUrl = `${server.url}/api/supervision/export.xlsx?status=closed&createdFrom=${day(400)}&createdTo=${day(376)}`;
      const t = performance.now();
      const res = await fetch(exportUrl, { headers: office.headers });
      const bytes = (await res.arrayBuffer()).byteLength;
      const ms = Math.round(performance.now() - t);
      workloads.W6 = {
        rps: 0,
        p50_ms: ms,
        p95_ms: ms,
        p99_ms: ms,
        requests: 1,
        errors: res.ok ? 0 : 1,
        non2xx: res.ok ? 0 : 1,
        note: `one export, ${bytes} bytes, status ${res.status}`,
      };
    }
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    for (const [key, query, note] of [
      ['W7_all', '', 'no range'],
      ['W7_year', `?from=${yearAgo}&to=${today}`, 'one-year range'],
    ] as const) {
      if (!want(key)) continue;
      const check = await fetch(`${server.url}/api/supervision/stats${query}`, { headers: office.headers });
      const tasks = ((await check.json()) as { totals?: { tasks?: number } }).totals?.tasks;
      for (const connections of [16, 1]) {
        const k = connections === 16 ? key : `${key}_1c`;
        workloads[k] = await runWorkload({
          url: server.url,
          duration,
          connections,
          headers: office.headers,
          requests: [{ path: `/api/supervision/stats${query}` }],
        });
        workloads[k].note = `督查室, statistics page, ${note} (${tasks} tasks counted), ${connections} connection${connections > 1 ? 's' : ''}`;
      }
    }
    const rssByProcess = peakRssByProcessMb(server.process.pid!);
    await server.stop();
    const extra = await inProcessFigures(env, ids);
    // the floors under W1, W2 and W4 (#17): each request's SQL alone, beside W0_auth of this run
    // the app processes (`--workers auto`: one per CPU, as the server counts them)
    const processes = args.workers === 'auto' ? os.availableParallelism() : Math.max(1, Number(args.workers ?? 1));
    const floors = await floorFigures(env, async (h) => {
      // W2's floor on a unit with a full ledger (the workload's random units include some with none)
      const busiest = await h
        .selectFrom('supervision_item_unit')
        .select('unit_id')
        .where('status', '=', 'issued')
        .groupBy('unit_id')
        .orderBy(sql`count(*)`, 'desc')
        .limit(1)
        .executeTakeFirst();
      return [
        { key: 'W0_auth', username: 'fgw_xu', url: '/api/auth/me' },
        ...(want('W1') && unitTasks.length ? [{ key: 'W1', username: 'fgw_xu', url: `/api/supervision/tasks/${unitTasks[0]}` }] : []),
        ...(want('W2') && busiest
          ? [{ key: 'W2', username: 'dcs_zhang', url: `/api/supervision/items?unitId=${busiest.unit_id}&status=issued&page=1&pageSize=20` }]
          : []),
        ...KEYWORDS.filter(([key]) => want(key) && !keywordIndex).map(([key, term]) => ({ key, username: 'dcs_zhang', url: keywordUrl(term) })),
      ];
    });
    const statsRaw = want('W7') ? await statsFigures(env) : undefined;
    const file = writeResults(
      {
        db,
        size,
        tasks: TASKS,
        workers: args.workers ?? '1',
        ...(args['pg-pool'] ? { pg_pool: Number(args['pg-pool']) } : {}),
        workloads,
        ...extra,
        ...(Object.keys(floors).length ? { floors } : {}),
        ...(statsRaw ? { stats_in_process_ms: statsRaw } : {}),
        peak_rss_mb: Math.max(...rssByProcess),
        peak_rss_mb_by_process: rssByProcess,
        load_average: os.loadavg(),
        ...(keywordSkipped ? { W4: keywordIndex } : {}),
      },
      TARGETS,
      args.label,
    );
    if (Object.keys(floors).length) fs.appendFileSync(`${file}.md`, `${floorLines(floors, db, processes, workloads.W0_auth?.rps, workloads).join('\n')}\n`);
    console.log(`[${db}] results → ${file}.json / .md`);
    console.log(fs.readFileSync(`${file}.md`, 'utf8'));
  } finally {
    await server.stop();
  }
}

/** The reminder scan and the raw storage time of W1/W2/W4's queries, in-process on the same database. */
async function inProcessFigures(env: Record<string, string>, ids: { tasksByUnit: Record<number, number[]>; unitIds: number[] }) {
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  const db = database.db;
  try {
    const now = new Date().toISOString();
    let t = performance.now();
    const due = await db
      .selectFrom('job')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .executeTakeFirstOrThrow();
    const openTasks = await db
      .selectFrom('supervision_task')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', 'in', ['pending', 'in_progress', 'returned', 'submitted'])
      .executeTakeFirstOrThrow();
    const scanMs = Math.round(performance.now() - t);
    const anyUnit = ids.unitIds[0]!;
    const taskIds = ids.tasksByUnit[anyUnit]!;
    let i = 0;
    const raw = {
      W1_ms: await timeOnce(() =>
        db
          .selectFrom('supervision_task')
          .selectAll()
          .where('id', '=', taskIds[i++ % taskIds.length]!)
          .executeTakeFirst(),
      ),
      W2_ms: await timeOnce(() =>
        db
          .selectFrom('supervision_item')
          .selectAll()
          .where('lead_unit_id', '=', ids.unitIds[i++ % ids.unitIds.length]!)
          .where('status', '=', 'issued')
          .orderBy('deadline')
          .orderBy('id')
          .limit(20)
          .execute(),
      ),
      W4_instr_2char_ms: await timeOnce(
        () =>
          database.dialect === 'postgres'
            ? sql`SELECT id FROM supervision_item WHERE strpos(title, '督办') > 0 OR strpos(requirement, '督办') > 0 ORDER BY deadline LIMIT 20`.execute(db)
            : sql`SELECT id FROM supervision_item WHERE instr(title, '督办') > 0 OR instr(requirement, '督办') > 0 ORDER BY deadline LIMIT 20`.execute(db),
        5,
      ),
    };
    void t;
    t = performance.now();
    return { reminder_scan_ms: scanMs, reminder_scan: { dueJobs: Number(due.n), openTasks: Number(openTasks.n) }, raw_storage_ms: raw };
  } finally {
    await database.close();
  }
}

/** The statistics in-process, 督查室 user and office director: from the count tables (mean of 5) and from the rows (once). */
async function statsFigures(env: Record<string, string>) {
  const config = loadConfig({ ...process.env, ...env });
  const database = openDatabase(config.db);
  try {
    const ctx = await createContext({ config, database, modules: MODULES });
    const { IdentityService } = await import('../server/modules/identity/identity.service.js');
    const { stats } = await import('../server/modules/supervision/usecases/statistics.js');
    const actorOf = async (username: string) => {
      const u = await database.db.selectFrom('user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return (await new IdentityService(ctx).loadActor(database.db, u.id, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
    };
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const out: Record<string, number | boolean> = {};
    for (const who of ['dcs_zhang', 'zr_chen']) {
      const actor = await actorOf(who);
      for (const [label, q] of [
        ['all', {}],
        ['year', { from: yearAgo }],
      ] as const) {
        out[`${who}_${label}_aggregated`] = await timeOnce(() => stats(ctx, actor, q), 5);
        let t = performance.now();
        const exact = await stats(ctx, actor, q, { exact: true });
        out[`${who}_${label}_exact_rows`] = Math.round(performance.now() - t);
        t = performance.now();
        const fast = await stats(ctx, actor, q);
        const norm = (x: typeof exact) =>
          JSON.stringify({
            ...x,
            bySource: [...x.bySource].sort((a, b) => a.source.localeCompare(b.source)),
            byStatus: [...x.byStatus].sort((a, b) => a.status.localeCompare(b.status)),
          });
        out[`${who}_${label}_equal`] = norm(fast) === norm(exact);
      }
    }
    return out;
  } finally {
    await database.close();
  }
}

if (args.workload === 'search') {
  const { benchSearch } = await import('./search.js');
  await benchSearch(args, PG_ADMIN);
  process.exit(0);
}
if (args.workload === 'information') {
  const { benchInformation } = await import('./information.js');
  await benchInformation(args, PG_ADMIN);
  process.exit(0);
}
if (args.workload === 'cockpit') {
  const { benchCockpit } = await import('./cockpit.js');
  await benchCockpit(args, PG_ADMIN);
  process.exit(0);
}

const dbs: ('sqlite' | 'postgres')[] =
  args.db === 'sqlite' ? ['sqlite'] : args.db === 'postgres' ? ['postgres'] : (await pgAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
for (const d of dbs) await benchDb(d);
