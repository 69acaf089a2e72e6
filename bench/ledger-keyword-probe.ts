/**
 * `npx tsx bench/ledger-keyword-probe.ts [--size 100k] [--db sqlite|postgres] [--reps 20] [--plans] [--whole [--whole-reps n]] [--user dcs_zhang] [--terms 督办,河长制]`
 *
 * The cost of each query of one 督办台账 keyword request (W4), in-process on the bench dataset that
 * `npm run bench -- --size … --db … --prepare-only` built: the search index's candidates, the capped
 * count and the page, each timed alone (median of `--reps`), with their query plans (`--plans`).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Compilable } from 'kysely';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { dialectOf, openDatabase } from '../server/db/client.js';
import { MODULES } from '../server/modules/index.js';
import { IdentityService } from '../server/modules/identity/identity.service.js';
import { ledgerCount, ledgerPage } from '../server/modules/supervision/repo/supervision.lists.js';
import { ledgerQuery, type LedgerFilter } from '../server/modules/supervision/supervision.repo.js';
import { LEDGER_COUNT_CAP } from '../server/modules/supervision/supervision.constants.js';
import { withKeywordCandidates } from '../server/modules/supervision/usecases/lists.js';
import { benchEnv } from './lib.js';
import { cliArgs } from './args.js';

const args = cliArgs();
const size = (args.size ?? '100k').toLowerCase();
const dbKind = (args.db ?? 'sqlite') as 'sqlite' | 'postgres';
const reps = Number(args.reps ?? 20);
const terms = (args.terms ?? '督办,河长制,安全生产,河长制 督办,秸秆禁烧').split(',');
const dataDir = path.resolve(`bench/.data/${size}-${dbKind}`);
const url = dbKind === 'sqlite' ? 'sqlite' : `postgres://postgres@127.0.0.1:5432/zs_bench_${size}`;
const config = loadConfig({ ...process.env, ...benchEnv(dataDir, url) });
const database = openDatabase(config.db);
const ctx = await createContext({ config, database, modules: MODULES });
const db = ctx.db;
const user = await db
  .selectFrom('user')
  .select('id')
  .where('username', '=', args.user ?? 'dcs_zhang')
  .executeTakeFirstOrThrow();
const actor = (await new IdentityService(ctx).loadActor(db, user.id, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
const th = { today: '2026-12-06', yellowUntil: '2026-12-09' };

/** Median CPU time (user + system, this process; SQLite) or wall time (PostgreSQL) of `fn`: on a loaded machine wall time mostly measures the wait for a CPU. */
async function time(fn: () => Promise<unknown>): Promise<{ ms: number; last: unknown }> {
  let last: unknown = await fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = process.cpuUsage();
    const w = performance.now();
    last = await fn();
    const d = process.cpuUsage(s);
    // PostgreSQL works in its own process: wall time there
    t.push(dbKind === 'postgres' ? performance.now() - w : (d.user + d.system) / 1000);
  }
  t.sort((a, b) => a - b);
  return { ms: Math.round(t[Math.floor(t.length / 2)]! * 100) / 100, last };
}

async function plan(q: Compilable): Promise<string> {
  const c = q.compile();
  const r =
    dialectOf(db) === 'postgres'
      ? await sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql.replace(/\$(\d+)/g, (_, n) => lit(c.parameters[Number(n) - 1]))}`).execute(db)
      : await sql
          .raw(
            `EXPLAIN QUERY PLAN ${c.sql.replace(
              /\?/g,
              (
                (ps) => () =>
                  lit(ps.shift())
              )([...c.parameters]),
            )}`,
          )
          .execute(db);
  return (r.rows as Record<string, unknown>[]).map((x) => x['QUERY PLAN'] ?? x.detail).join('\n');
}
const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

for (const q of terms) {
  const f = { q, page: 1, pageSize: 20 };
  const cands = await time(() => ctx.search.matchItemIds(db, 'supervision_item', q, 2000));
  const filter: LedgerFilter & { page: number } = await withKeywordCandidates(ctx, f, 2000);
  const count = await time(() => ledgerCount(db, actor, filter, th, LEDGER_COUNT_CAP));
  const page = await time(() => ledgerPage(db, actor, filter, th, { limit: 20, offset: 0 }));
  // the count as main computes it (the term's candidates, or the ordered scan when there are too many)
  const old = { ...f, matchedIds: cands.last as number[] | null };
  const oldCount = await time(() => ledgerCount(db, actor, old, th, LEDGER_COUNT_CAP));
  const oldPage = await time(() => ledgerPage(db, actor, old, th, { limit: 20, offset: 0 }));
  const ids = cands.last as number[] | null;
  console.log(
    JSON.stringify({
      q,
      candidates: ids === null ? 'null (> 2000)' : ids.length,
      path: filter.keywordSource ? 'frequent: count driven by the index' : filter.matchedIds ? `ids ${filter.matchedIds.length}` : 'scan',
      candidates_ms: cands.ms,
      count: count.last,
      count_ms: count.ms,
      page_ms: page.ms,
      old_count_ms: oldCount.ms,
      old_page_ms: oldPage.ms,
      same: oldCount.last === count.last && JSON.stringify(oldPage.last) === JSON.stringify(page.last),
      first: (page.last as { id: number }[]).slice(0, 3).map((r) => r.id),
    }),
  );
  if (args.plans) {
    const base = ledgerQuery(db, actor, filter, th);
    if (filter.keywordSource) {
      const src = filter.keywordSource.compile(db);
      console.log('-- keyword source (count drives from it)\n' + (await plan({ compile: () => src } as Compilable)));
    }
    console.log('-- count plan\n' + (await plan(base.select(sql<number>`1`.as('one')).limit(LEDGER_COUNT_CAP + 1))));
    if (filter.keywordSource) {
      const check = ledgerQuery(db, actor, { ...filter, matchedIds: null }, th)
        .select(sql<number>`1`.as('one'))
        .where(sql<boolean>`supervision_item.id = m.item_id`);
      const driven = db
        .selectFrom(sql<{ item_id: number }>`(${filter.keywordSource})`.as('m'))
        .select(sql<number>`1`.as('one'))
        .where(({ exists }) => exists(check))
        .limit(LEDGER_COUNT_CAP + 1);
      console.log('-- driven count plan\n' + (await plan(driven)));
    }
    console.log(
      '-- page plan\n' + (await plan(base.selectAll('supervision_item').orderBy('supervision_item.deadline').orderBy('supervision_item.id').limit(20))),
    );
  }
}
if (args.whole && dialectOf(db) === 'sqlite') {
  // every statement of one whole request (the use case, presenter included), timed where better-sqlite3 runs it
  const { default: Database } = await import('better-sqlite3');
  const proto = Database.prototype as unknown as { prepare: (this: unknown, s: string) => { all: (...a: unknown[]) => unknown } };
  const prepare = proto.prepare;
  const log: { sql: string; ms: number }[] = [];
  proto.prepare = function (this: unknown, text: string) {
    const st = prepare.call(this, text);
    const all = st.all.bind(st);
    st.all = (...a: unknown[]) => {
      const t = performance.now();
      const r = all(...a);
      log.push({ sql: text.replace(/\s+/g, ' ').slice(0, 160), ms: performance.now() - t });
      return r;
    };
    return st;
  };
  const svc = ctx.services.supervision as unknown as { ledger: (a: typeof actor, f: object) => Promise<{ total: number }> };
  for (const q of terms) {
    for (let i = 0; i < Number(args['whole-reps'] ?? 1); i++) await svc.ledger(actor, { q, page: 1, pageSize: 20 });
    log.length = 0;
    const c0 = process.cpuUsage();
    const t = performance.now();
    const r = await svc.ledger(actor, { q, page: 1, pageSize: 20 });
    const whole = performance.now() - t;
    const cpu = process.cpuUsage(c0);
    const inSql = log.reduce((a, x) => a + x.ms, 0);
    console.log(
      `== ${q}: whole ${whole.toFixed(2)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(2)} ms), ${log.length} statements ${inSql.toFixed(2)} ms, total ${r.total}`,
    );
    for (const x of log) console.log(`  ${x.ms.toFixed(2)} ms  ${x.sql}`);
  }
}
await database.close();
