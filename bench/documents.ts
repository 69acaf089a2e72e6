/**
 * `npx tsx bench/documents.ts [--n 200] [--docs 5000]` — 公文 measurements on SQLite and PostgreSQL:
 *   R1 N concurrent 登记 (gap-free 发文字号) through the app: wall time and rate, numbers checked;
 *   R2 the document list (a clerk's visible set, 20 rows, with need-to-know in SQL) over `--docs` documents;
 *   R3 PDF render (GB/T 9704 layout through headless Chromium): cold (launch) and warm.
 * Results: bench/results/<date>-documents.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO_PASSWORD, demoDirectory, seedDemo } from '../server/db/seed-demo.js';
import { iso } from '../server/platform/clock.js';
import { documentsModule } from '../server/modules/documents/documents.module.js';
import { CORE_MODULES } from '../server/modules/index.js';

const args = Object.fromEntries(process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? 'true']] : [])));
const N = Number(args.n ?? 200);
const DOCS = Number(args.docs ?? 5000);
const PG_ADMIN = process.env.ZHONGSHU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function run(dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-doc-'));
  let url = 'sqlite';
  const dbName = `zs_bench_doc_${crypto.randomBytes(4).toString('hex')}`;
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG_ADMIN);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const config = loadConfig({
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_DB: url,
    ZHONGSHU_SCHEDULER_MS: '0',
    ZHONGSHU_LOGIN_RATE_PER_MIN: '100000',
    ZHONGSHU_AUDIT_KEY: 'bench-audit-key-0123456789abcdef0123456789',
  });
  const database = openDatabase(config.db, { poolSize: 20 });
  const modules = [...CORE_MODULES, documentsModule];
  await migrateToLatest(database.db, modules);
  const { app, ctx } = await buildApp({ config, database, modules, logger: false });
  await seedDemo(ctx);
  const demo = await demoDirectory(ctx);
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return { cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
  };
  const out: string[] = [];
  try {
    const clerk = await login('zhc_zheng');
    const at = iso(new Date());
    const base = {
      direction: 'out' as const,
      doc_type: '函', // no 配额 for 函 of the 办公厅 in the demo office (numbering consumes quotas)
      owner_unit_id: demo.unitByCode.general!,
      created_by: demo.userByName.zhc_zheng!,
      signer_id: demo.userByName.zr_chen!,
      year: new Date().getFullYear(),
      created_at: at,
      updated_at: at,
    };
    const ids: number[] = [];
    for (let i = 0; i < N; i++)
      ids.push(
        (
          await database.db
            .insertInto('document')
            .values({ ...base, status: 'checked', title: `登记压测 ${i}`, org_code: '青压发' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    let t = performance.now();
    const res = await Promise.all(
      ids.map((id) =>
        app.inject({
          method: 'POST',
          url: `/api/documents/${id}/actions/register`,
          headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf },
          payload: { version: 1, mainUnitIds: [demo.unitByCode.ndrc], printCount: 10 },
        }),
      ),
    );
    const ms = performance.now() - t;
    const serials = (await database.db.selectFrom('document').select('serial').where('org_code', '=', '青压发').execute())
      .map((r) => r.serial!)
      .sort((a, b) => a - b);
    const gapFree = serials.length === N && serials.every((s, i) => s === i + 1);
    out.push(
      `| ${dialect} | R1 ${N} concurrent 登记 | ${ms.toFixed(0)} ms total, ${((N / ms) * 1000).toFixed(0)}/s | ${res.every((r) => r.statusCode === 200) && gapFree ? 'all 200, numbers 1…N gap-free' : 'FAILED'} |`,
    );

    const batch = [];
    for (let i = 0; i < DOCS; i++)
      batch.push({
        ...base,
        status: i % 3 ? 'draft' : 'distributed',
        title: `列表压测公文 ${i}`,
        owner_unit_id: i % 4 ? demo.unitByCode.general! : demo.unitByCode.ndrc!,
        level: i % 2,
      });
    for (let i = 0; i < batch.length; i += 500)
      await database.db
        .insertInto('document')
        .values(batch.slice(i, i + 500))
        .execute();
    const lat: number[] = [];
    for (let i = 0; i < 50; i++) {
      t = performance.now();
      await app.inject({ method: 'GET', url: `/api/documents?page=${1 + (i % 10)}&pageSize=20`, headers: { cookie: clerk.cookie } });
      lat.push(performance.now() - t);
    }
    out.push(
      `| ${dialect} | R2 list, 20 rows, over ${DOCS + N} documents | p50 ${pct(lat, 50).toFixed(1)} ms, p95 ${pct(lat, 95).toFixed(1)} ms | 50 sequential requests |`,
    );

    const pdf: number[] = [];
    for (let i = 0; i < 6; i++) {
      t = performance.now();
      const r = await app.inject({ method: 'GET', url: `/api/documents/${ids[0]}/render.pdf`, headers: { cookie: clerk.cookie } });
      if (r.statusCode !== 200) throw new Error(`render ${r.statusCode}`);
      pdf.push(performance.now() - t);
    }
    out.push(`| ${dialect} | R3 PDF render | cold ${pdf[0]!.toFixed(0)} ms, warm p50 ${pct(pdf.slice(1), 50).toFixed(0)} ms | one Chromium per process |`);
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
  return out;
}

const rows = [...(await run('sqlite')), ...(await run('postgres'))];
const md = [
  `# 公文 measurements (${new Date().toISOString()}, ${os.cpus().length} cores, shared machine)`,
  '',
  '| db | workload | result | note |',
  '|---|---|---|---|',
  ...rows,
  '',
].join('\n');
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/${new Date().toISOString().slice(0, 10)}-documents.md`, md);
console.log(md);
