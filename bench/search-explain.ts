/**
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL one whole-system search really runs on PostgreSQL:
 * `npx tsx bench/search-explain.ts <database url> [term …]`. Runs `ctx.search.query` (page 1 of 10)
 * and `ctx.search.similar` as the bench's 督查室 user (dcs_zhang), records every statement with its
 * parameters, then explains each one. It does not migrate: run it on a bench database as it is.
 */
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Actor } from '../server/platform/actor.js';
import { systemClock } from '../server/platform/clock.js';
import { SearchIndex } from '../server/platform/search-index.js';

const [url, ...terms] = process.argv.slice(2);
if (!url) throw new Error('usage: tsx bench/search-explain.ts <database url> [term …]');
const pool = new pg.Pool({ connectionString: url, max: 2 });
const seen: CompiledQuery[] = [];
const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && seen.push(e.query)) });
const u = await pool.query<{ id: number; unit_id: number; clearance: number }>(`SELECT id, unit_id, clearance FROM "user" WHERE username = 'dcs_zhang'`);
const row = u.rows[0]!;
const actor: Actor = {
  id: row.id,
  username: 'dcs_zhang',
  name: '',
  unitId: row.unit_id,
  unitName: '',
  unitCode: null,
  roles: ['staff'],
  clearance: row.clearance as Actor['clearance'],
  adminRole: null,
  ip: null,
  locale: 'zh-CN',
};
const search = new SearchIndex(systemClock);
for (const q of terms.length ? terms : ['安', '营商', '安全生产', '乡村振兴 整改']) {
  seen.length = 0;
  const t0 = performance.now();
  const res = await search.query(db as never, actor, { q, page: 1, pageSize: 10 });
  const ms = performance.now() - t0;
  console.log(`\n### “${q}”: ${res.total}${res.more ? '+' : ''} hits, ${res.items.length} on page 1, ${seen.length} statements, ${ms.toFixed(1)} ms in all\n`);
  const statements = [...seen];
  for (const s of statements) {
    if (!/search_doc d/.test(s.sql)) continue;
    const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.sql}`, s.parameters as unknown[]);
    console.log('```');
    console.log(s.sql.replace(/\s+/g, ' ').trim(), JSON.stringify(s.parameters));
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    console.log('```');
  }
}
await db.destroy();
