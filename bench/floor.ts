/**
 * The floor under a workload (#17: "where a target is out of reach, show why: the raw query time and a bare route with
 * the same auth, measured in the same run"). For one request of each workload, in this process on the bench dataset:
 * - `request_us`: the whole request through the real app (`app.inject`: routing, session, handler, serializer), without
 *   the network;
 * - `sql_us`: the same request's statements run again as they were compiled, through the app's database driver: the time
 *   the database and its driver take for it, with no query building, no presenting, no HTTP;
 * - `statements`: how many statements the request runs (the caches of settings and names answer as in the server).
 * Each the fastest of five rounds of `n / 5` requests, after a warm-up. The Markdown combines them with W0_auth of the same run: a process doing
 * nothing per request but its SQL and `/api/auth/me`'s work answers at most 1e6 / (sql_us + 1e6 / W0_auth req/s) (with P
 * processes, P × 1e6 / (sql_us + P × 1e6 / W0_auth req/s)).
 */
import { performance } from 'node:perf_hooks';
import type { CompiledQuery } from 'kysely';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/client.js';
import { MODULES } from '../server/modules/index.js';

export type FloorCase = { key: string; username: string; url: string };
export type Floor = { url: string; statements: number; request_us: number; sql_us: number };

/** The floors of `cases` on the dataset of `env` (the server under test must be stopped: this opens the database itself). */
export async function floorFigures(
  env: Record<string, string>,
  casesOf: (db: Database['db']) => Promise<FloorCase[]>,
  n = 300,
): Promise<Record<string, Floor>> {
  const config = loadConfig({ ...process.env, ...env, ZHONGSHU_SCHEDULER_MS: '0' });
  const database = openDatabase(config.db);
  const { app } = await buildApp({ config, database, modules: MODULES, logger: false });
  try {
    await app.ready();
    const cases = await casesOf(database.db);
    const cookies = new Map<string, string>();
    for (const u of new Set(cases.map((c) => c.username))) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: 'Zhongshu@2026' } });
      if (res.statusCode !== 200) throw new Error(`floor: login ${u}: ${res.statusCode}`);
      cookies.set(u, res.headers['set-cookie']!.toString().split(';')[0]!);
    }
    // every statement of a request goes through the database handle's executor (reads take no transaction)
    const executor = database.db.getExecutor() as unknown as { executeQuery: (q: CompiledQuery, id: unknown) => Promise<unknown> };
    const run = executor.executeQuery.bind(executor);
    let seen: CompiledQuery[] | null = null;
    executor.executeQuery = (q, id) => {
      seen?.push(q);
      return run(q, id);
    };
    const out: Record<string, Floor> = {};
    try {
      for (const c of cases) {
        const get = async () => {
          const res = await app.inject({ method: 'GET', url: c.url, headers: { cookie: cookies.get(c.username)! } });
          if (res.statusCode !== 200) throw new Error(`floor: ${c.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        };
        for (let i = 0; i < 30; i++) await get();
        const request = await fastestRound(n, get);
        seen = [];
        await get();
        const statements = seen;
        seen = null;
        const sql = await fastestRound(n, async () => {
          for (const q of statements) await run(q, undefined);
        });
        out[c.key] = { url: c.url, statements: statements.length, request_us: Math.round(request * 1000), sql_us: Math.round(sql * 1000) };
      }
    } finally {
      executor.executeQuery = run;
    }
    return out;
  } finally {
    await app.close();
    await database.close();
  }
}

/** Milliseconds per call of `fn`: the fastest of five rounds of `n / 5` calls (the machine's noise only ever adds time). */
async function fastestRound(n: number, fn: () => Promise<void>): Promise<number> {
  const per = Math.max(1, Math.round(n / 5));
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < per; i++) await fn();
    best = Math.min(best, (performance.now() - t) / per);
  }
  return best;
}

/** The Markdown lines of the floors: what one process could answer doing only its SQL and the auth floor of the run. */
export function floorLines(
  floors: Record<string, Floor>,
  dialect: 'sqlite' | 'postgres',
  processes: number,
  authRps: number | undefined,
  measured: Record<string, { rps: number } | undefined>,
): string[] {
  if (dialect === 'postgres')
    return [
      '',
      '## Statements and their time (one request each, in process; `bench/floor.ts`)',
      '',
      '| workload | statements | request in process µs | its SQL µs, round trips one after the other | measured req/s |',
      '|---|---|---|---|---|',
      ...Object.entries(floors).map(([k, f]) => `| ${k} | ${f.statements} | ${f.request_us} | ${f.sql_us} | ${measured[k]?.rps ?? '—'} |`),
      '',
      "On PostgreSQL a statement's time is a round trip: the database works in its own processes, and concurrent requests' " +
        'round trips overlap, so the SQL time bounds latency, not the rate (no ceiling is computed).',
    ];
  // SQLite runs in the app's process: per request, in one of the processes, W0_auth's time and then the SQL; the
  // processes answer side by side
  const authUs = authRps ? (processes * 1e6) / authRps : undefined;
  return [
    '',
    '## Floors (one request each, in process; `bench/floor.ts`)',
    '',
    `| workload | statements | request in process µs | its SQL µs | SQL + auth floor µs | ceiling req/s, ${processes} process${processes > 1 ? 'es' : ''} | measured req/s |`,
    '|---|---|---|---|---|---|---|',
    ...Object.entries(floors).map(([k, f]) => {
      if (k === 'W0_auth')
        return `| W0_auth (in process: \`app.inject\`'s own cost and the session) | ${f.statements} | ${f.request_us} | ${f.sql_us} | — | — | ${authRps ?? '—'} |`;
      const floor = authUs === undefined ? undefined : f.sql_us + authUs;
      return `| ${k} | ${f.statements} | ${f.request_us} | ${f.sql_us} | ${floor === undefined ? '—' : Math.round(floor)} | ${floor === undefined ? '—' : Math.round((processes * 1e6) / floor)} | ${measured[k]?.rps ?? '—'} |`;
    }),
    '',
    authUs === undefined
      ? '(no W0_auth in this run: the ceiling needs it)'
      : `The auth floor is W0_auth of this run, ${authRps} req/s: ${Math.round(authUs)} µs a request in one of ${processes} process${processes > 1 ? 'es' : ''} (the load generator shares the cores). The ceiling assumes the SQL runs at its in-process speed in every process at once: an upper bound.`,
  ];
}
