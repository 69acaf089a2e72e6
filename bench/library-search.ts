/**
 * Search index measurement at a modest scale (the 1M-item benchmark belongs to the bench suite):
 * `npx tsx bench/library-search.ts [count]` builds a fresh SQLite (and PostgreSQL, when it answers)
 * database, bulk-indexes `count` documents of realistic Chinese text (200–2,000 characters) across
 * modules, units and levels, then times 1–4-character and two-word queries (sequential, p50/p95).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import type { Actor } from '../server/platform/actor.js';
import { FakeClock } from '../server/platform/clock.js';
import { SearchIndex, type SearchDocInput } from '../server/platform/search-index.js';
import { pick, rng, VOCAB } from './lib.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const SENTENCES = [
  ...VOCAB.requirements,
  '深入开展调查研究，摸清底数，找准症结，提出针对性强的对策建议。',
  '各级各部门要提高政治站位，切实增强做好工作的责任感和紧迫感。',
  '坚持问题导向，聚焦群众急难愁盼，推动各项政策措施落地见效。',
  '建立健全长效机制，强化督查问效，确保件件有着落、事事有回音。',
];

function text(r: () => number, min: number, max: number): string {
  const target = min + Math.floor(r() * (max - min));
  let out = '';
  while (out.length < target) out += `${pick(r, VOCAB.topics)}${pick(r, VOCAB.verbs)}${pick(r, VOCAB.objects)}，${pick(r, SENTENCES)}`;
  return out.slice(0, target);
}

function docs(): SearchDocInput[] {
  const r = rng(7);
  const modules = ['library', 'documents', 'supervision', 'meetings', 'forum'];
  return Array.from({ length: COUNT }, (_, i) => {
    const module = modules[i % modules.length]!;
    return {
      module,
      itemType: `${module}_bench`,
      itemId: i + 1,
      title: `关于${pick(r, VOCAB.topics)}${pick(r, VOCAB.verbs)}${pick(r, VOCAB.objects)}的报告`,
      body: text(r, 200, 2000),
      unitIds: [1 + Math.floor(r() * 20)],
      userIds: [],
      level: Math.floor(r() * 2),
      everyone: r() < 0.2,
      kind: '材料',
      date: `2026-0${1 + (i % 9)}-1${i % 10}`,
      link: '/',
    };
  });
}

const QUERIES = ['安', '督', '营商', '河长', '防汛', '数字政', '基层治理', '安全生产', '乡村振兴 整改', '营商环境 督办'];

async function measure(database: Database, label: string, corpus: SearchDocInput[]): Promise<void> {
  await migrateToLatest(database.db, []);
  const search = new SearchIndex(new FakeClock());
  const t0 = performance.now();
  await search.rebuild(database.db, {
    bench: async function* () {
      for (let i = 0; i < corpus.length; i += 1000) yield corpus.slice(i, i + 1000);
    },
  });
  const buildMs = performance.now() - t0;
  const actor: Actor = {
    id: 1,
    username: 'b',
    name: 'b',
    unitId: 3,
    unitName: '',
    unitCode: null,
    roles: ['staff'],
    clearance: 1,
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
  console.log(`\n${label}: indexed ${corpus.length} docs in ${(buildMs / 1000).toFixed(1)} s (${Math.round(corpus.length / (buildMs / 1000))} docs/s)`);
  for (const q of QUERIES) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      const res = await search.query(database.db, actor, { q, page: 1 + (i % 3), pageSize: 20 });
      times.push(performance.now() - s);
      total = res.total;
    }
    times.sort((a, b) => a - b);
    console.log(`  ${q.padEnd(10, '　')} hits ${String(total).padStart(6)}  p50 ${times[14]!.toFixed(1)} ms  p95 ${times[28]!.toFixed(1)} ms`);
  }
}

const corpus = docs();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-search-'));
const sqlite = openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.db') } as never);
await measure(sqlite, 'SQLite', corpus);
await sqlite.close();
console.log(
  `  database size ${(fs.statSync(path.join(dir, 'bench.db')).size / 1e6).toFixed(1)} MB (+WAL ${(fs.existsSync(path.join(dir, 'bench.db-wal')) ? fs.statSync(path.join(dir, 'bench.db-wal')).size / 1e6 : 0).toFixed(1)} MB)`,
);
fs.rmSync(dir, { recursive: true, force: true });

const admin = process.env.ZHONGSHU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `zs_bench_${crypto.randomBytes(4).toString('hex')}`;
const c = new pg.Client({ connectionString: admin });
try {
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const pgdb = openDatabase({ kind: 'postgres', url: u.toString() } as never);
  await measure(pgdb, 'PostgreSQL', corpus);
  const size = await c.query(`SELECT pg_database_size('${name}') AS s`);
  console.log(`  database size ${(Number(size.rows[0].s) / 1e6).toFixed(1)} MB`);
  await pgdb.close();
  await c.query(`DROP DATABASE ${name}`).catch(() => undefined);
} catch (e) {
  console.log('PostgreSQL skipped:', (e as Error).message);
} finally {
  await c.end();
}
