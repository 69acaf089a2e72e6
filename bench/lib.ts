/**
 * Benchmark building blocks: a realistic Chinese vocabulary, autocannon runs against the real
 * server, peak RSS of the server process, results written as JSON and Markdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../server/db/client.js';
import type { DB } from '../server/db/schema.js';

const require = createRequire(import.meta.url);
// autocannon ships no types; the subset used here is typed below
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  /** Answers by HTTP status. */
  statusCodeStats?: Record<string, { count: number }>;
}

/** One workload's figures. */
export interface WorkloadResult {
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** The answers that were not 2xx, by HTTP status (409: a version conflict). */
  non2xx_by_status?: Record<string, number>;
  /** The 2xx answers per second (`rps` counts every answer: W5's version conflicts too). */
  ok_rps?: number;
  note?: string;
}

/** A deterministic pseudo-random generator (mulberry32), so datasets are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element. */
export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** Domain vocabulary for titles and requirements. */
export const VOCAB = {
  topics: [
    '安全生产',
    '河长制',
    '营商环境',
    '乡村振兴',
    '生态环境保护',
    '疫情防控',
    '防汛抗旱',
    '城市更新',
    '老旧小区改造',
    '义务教育',
    '民生实事',
    '招商引资',
    '重大项目',
    '信访积案',
    '森林防火',
    '大气污染防治',
    '耕地保护',
    '债务风险',
    '食品安全',
    '优化营商环境',
    '数字政府',
    '基层治理',
    '文明城市创建',
    '就业创业',
    '养老服务',
  ],
  verbs: ['落实', '推进', '督办', '整改', '研究', '部署', '核查', '办理', '完善', '加快'],
  objects: ['专项行动', '工作方案', '问题清单', '整改任务', '批示件', '重点工作', '调研报告', '长效机制', '责任清单', '考核指标'],
  requirements: [
    '按照市委常委会议定事项，明确责任分工，倒排工期，确保按时保质完成。',
    '请牵头单位会同协办单位认真研究，提出具体落实措施，并按时报送进展情况。',
    '对照问题清单逐项整改，做到事实清楚、问题解决、批示落实、结论准确、处理恰当。',
    '加强统筹协调，压实主体责任，建立台账，实行销号管理。',
    '开展专项督查，对工作推进不力的单位进行通报，并纳入年度考核。',
  ],
};

/** A realistic Chinese title. */
export function title(r: () => number): string {
  return `关于${pick(r, VOCAB.verbs)}${pick(r, VOCAB.topics)}${pick(r, VOCAB.objects)}的督办事项`;
}

/** A realistic requirement text of a few sentences. */
export function requirement(r: () => number): string {
  const n = 1 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => `${pick(r, VOCAB.topics)}方面，${pick(r, VOCAB.requirements)}`).join('');
}

/** Runs one autocannon workload and reduces it to the figures we report. */
export async function runWorkload(opts: {
  url: string;
  connections?: number;
  duration?: number;
  amount?: number;
  headers?: Record<string, string>;
  requests?: unknown[];
  method?: string;
  body?: string;
}): Promise<WorkloadResult> {
  const r = await autocannon({ connections: 32, duration: 10, ...opts });
  return {
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p95_ms: r.latency.p97_5 /* autocannon reports p97.5, not p95: the stricter figure is reported */,
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    ok_rps: r.requests.total ? Math.round((r.requests.average * r['2xx']) / r.requests.total) : 0,
    non2xx_by_status: Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, v]) => [code, v.count]),
    ),
  };
}

/** Peak resident set size (VmHWM) of a process, then of each of its child processes (app workers), in MB (Linux). */
export function peakRssByProcessMb(pid: number): number[] {
  const hwm = (p: number | string) => {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  };
  const children = fs.readdirSync(`/proc/${pid}/task`).flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean));
  return [pid, ...children].map((p) => Math.round(hwm(p) / 1024));
}

/** Peak resident set size of a process and its child processes (app workers), summed, in MB (Linux). */
export function peakRssMb(pid: number): number {
  return peakRssByProcessMb(pid).reduce((a, b) => a + b, 0);
}

/** Writes `bench/results/<date>-[<label>-]<db>-<size>.json` and a Markdown table beside it. */
export function writeResults(
  result: { db: string; size: string; workloads: Record<string, WorkloadResult>; [k: string]: unknown },
  targets: Record<string, string> = {},
  label?: string,
): string {
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const base = path.join(dir, `${date}-${label ? `${label}-` : ''}${result.db}-${result.size}`);
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2));
  const rows = Object.entries(result.workloads).map(
    ([k, w]) =>
      `| ${k} | ${w.rps}${w.non2xx && w.ok_rps !== undefined ? ` (2xx: ${w.ok_rps})` : ''} | ${w.p50_ms} | ${w.p95_ms} | ${w.p99_ms} | ${w.requests} | ${w.errors + w.non2xx} | ${targets[k] ?? ''} | ${w.note ?? ''} |`,
  );
  const extra = Object.entries(result)
    .filter(([k]) => !['db', 'size', 'workloads'].includes(k))
    .map(([k, v]) => `- ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}${targets[k] ? ` (target ${targets[k]})` : ''}`);
  fs.writeFileSync(
    `${base}.md`,
    [
      `# ${result.db} · ${result.size} · ${date}`,
      '',
      '| workload | req/s | p50 ms | p95 ms (p97.5) | p99 ms | requests | errors | target | note |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      ...extra,
      '',
    ].join('\n'),
  );
  return base;
}

/**
 * The database URL of a bench dataset kept under `dataDir`: 'sqlite', or a PostgreSQL database
 * `name`, created afresh (with `dataDir` emptied) unless both it and `dataDir/READY` exist.
 */
export async function benchDatabase(db: 'sqlite' | 'postgres', name: string, dataDir: string, pgAdmin: string): Promise<string> {
  if (db === 'sqlite') return 'sqlite';
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (!exists || !fs.existsSync(path.join(dataDir, 'READY'))) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await admin.end();
  }
  const u = new URL(pgAdmin);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The environment of a bench server on `dataDir` and `dbUrl`: a fixed audit key, no scheduler, quiet logs, no login limit. */
export function benchEnv(dataDir: string, dbUrl: string): Record<string, string> {
  return {
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_DB: dbUrl,
    ZHONGSHU_AUDIT_KEY: 'bench-audit-key-0123456789abcdef0123456789',
    ZHONGSHU_SCHEDULER_MS: '0',
    ZHONGSHU_LOG_LEVEL: 'warn',
    ZHONGSHU_LOGIN_RATE_PER_MIN: '100000',
  };
}

/**
 * PostgreSQL: drops the text indexes of `search_doc` (RUM or GIN) before a bulk load and returns their definitions,
 * to build them once after it (`rebuildTextIndexes`): RUM writes generic WAL for every inserted entry, so loading
 * into the index is many times slower than building it. SQLite: nothing (an empty list).
 */
export async function dropTextIndexes(db: Kysely<DB>): Promise<{ name: string; def: string }[]> {
  if (dialectOf(db) !== 'postgres') return [];
  const found = (
    await sql<{ name: string; def: string }>`SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = 'search_doc' AND (indexdef ILIKE '% USING rum %' OR indexdef ILIKE '% USING gin %')`.execute(db)
  ).rows;
  for (const ix of found) await sql`DROP INDEX ${sql.id(ix.name)}`.execute(db);
  return found;
}

/** Builds the indexes `dropTextIndexes` dropped, with 1 GB of maintenance memory, logging each one's time. */
export async function rebuildTextIndexes(db: Kysely<DB>, indexes: readonly { name: string; def: string }[], label: string): Promise<void> {
  if (!indexes.length) return;
  await db.connection().execute(async (conn) => {
    await sql`SET maintenance_work_mem = '1GB'`.execute(conn);
    for (const ix of indexes) {
      const s0 = performance.now();
      await sql.raw(ix.def).execute(conn);
      console.log(`[${label}] ${ix.name} built in ${((performance.now() - s0) / 1000).toFixed(0)} s`);
    }
  });
}
