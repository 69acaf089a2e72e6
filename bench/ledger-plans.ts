/** EXPLAIN the ledger's unit queries and time them on a bench dataset: npx tsx bench/ledger-plans.ts <dataDir> <sqlite|postgres URL> (migrates the dataset first) */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { MODULES } from '../server/modules/index.js';
import { benchEnv } from '../bench/lib.js';
import { ledgerQuery, ledgerOrder } from '../server/modules/supervision/supervision.repo.js';

const [dataDir, dbUrl] = process.argv.slice(2);
const env = benchEnv(dataDir!, dbUrl!);
const config = loadConfig({ ...process.env, ...env });
const database = openDatabase(config.db);
const db = database.db;
const pgd = dbUrl !== 'sqlite';
let t = performance.now();
await migrateToLatest(db, MODULES);
console.log(`migrate: ${Math.round(performance.now() - t)} ms`);
const ctx = await createContext({ config, database, modules: MODULES });
const { IdentityService } = await import('../server/modules/identity/identity.service.js');
const u = await db.selectFrom('user').select('id').where('username', '=', 'dcs_zhang').executeTakeFirstOrThrow();
const actor = (await new IdentityService(ctx).loadActor(db, u.id, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
const th = ctx.calendar.lightThresholds(new Date(), 3);
const units = (await db.selectFrom('supervision_task').select('unit_id').distinct().execute()).map((r) => r.unit_id);
const unit = units[3]!;
console.log('units', units.length, 'unit', unit);
const explain = async (label: string, q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
  const c = q.compile();
  console.log(`\n## ${label}\n${c.sql}\n-- params ${JSON.stringify(c.parameters)}`);
  const rows = pgd
    ? (await sql.raw(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${inline(c.sql, c.parameters)}`).execute(db)).rows
    : database.sqlite!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[]));
  for (const r of rows as Record<string, unknown>[]) console.log(pgd ? r['QUERY PLAN'] : `${'  '.repeat(Number(r.parent) ? 1 : 0)}${r.detail}`);
};
function inline(s: string, ps: readonly unknown[]) {
  return s.replace(/\$(\d+)/g, (_, i) => {
    const v = ps[Number(i) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}
for (const f of [{ unitId: unit, status: 'issued' }, { unitId: unit }, { unitId: unit, status: 'issued', deadlineFrom: th.today }]) {
  const o = ledgerOrder(f);
  const page = ledgerQuery(db, actor, f, th).selectAll('supervision_item').orderBy(o.deadline).orderBy(o.id).limit(20).offset(0);
  const count = db
    .selectFrom(
      ledgerQuery(db, actor, f, th)
        .select(sql<number>`1`.as('one'))
        .limit(1001)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'));
  await explain(`page ${JSON.stringify(f)}`, page);
  await explain(`count ${JSON.stringify(f)}`, count);
  for (const [label, q] of [
    ['page', page],
    ['count', count],
  ] as const) {
    await q.execute();
    t = performance.now();
    for (let i = 0; i < 50; i++) await q.execute();
    console.log(`${label} ${JSON.stringify(f)}: ${((performance.now() - t) / 50).toFixed(2)} ms`);
  }
}
await database.close();
