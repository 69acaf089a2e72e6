/** In-process times of W2's parts on a bench dataset: npx tsx bench/ledger-inproc.ts <dataDir> <sqlite|postgres URL> */
import { performance } from 'node:perf_hooks';
import { openBenchContext } from './inproc.js';
import { ledgerCount, ledgerPage } from '../server/modules/supervision/repo/supervision.lists.js';
import { ledger } from '../server/modules/supervision/usecases/lists.js';
import { presentItems } from '../server/modules/supervision/supervision.presenter.js';

const [dataDir, dbUrl] = process.argv.slice(2);
const { database, db, ctx, actorOf } = await openBenchContext(dataDir!, dbUrl!);
const actor = await actorOf('dcs_zhang');
const th = ctx.calendar.lightThresholds(new Date(), 3);
const units = (await db.selectFrom('supervision_task').select('unit_id').distinct().orderBy('unit_id').execute()).map((r) => r.unit_id);
const N = Number(process.env.N ?? 200);
const time = async (label: string, fn: (unitId: number) => Promise<unknown>) => {
  for (const x of units) await fn(x);
  const t = performance.now();
  for (let i = 0; i < N; i++) await fn(units[i % units.length]!);
  console.log(`${label}: ${((performance.now() - t) / N).toFixed(2)} ms`);
};
const f = (unitId: number) => ({ unitId, status: 'issued' });
await time('ledgerCount (cap 1000)', (x) => ledgerCount(db, actor, f(x), th, 1000));
await time('ledgerPage (20)', (x) => ledgerPage(db, actor, f(x), th, { limit: 20, offset: 0 }));
const rows = await ledgerPage(db, actor, f(units[0]!), th, { limit: 20, offset: 0 });
await time('presentItems (20 rows)', () => presentItems(ctx, db, rows, 3, actor));
await time('ledger use case (all of it)', (x) => ledger(ctx, actor, { ...f(x), page: 1, pageSize: 20 }, 2000));
await database.close();
