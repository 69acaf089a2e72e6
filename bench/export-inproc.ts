/**
 * In-process times of W3's and W6's parts on a bench dataset: npx tsx bench/export-inproc.ts <dataDir> <sqlite|postgres URL>
 * W3: 超期任务（按单位） from the open-task counts and from the rows. W6: the export's keyset pages alone, with their
 * presentation, and the whole export into a discarding stream.
 */
import { performance } from 'node:perf_hooks';
import { openBenchContext } from './inproc.js';
import { Writable } from 'node:stream';
import { ledgerKeysetPage } from '../server/modules/supervision/repo/supervision.lists.js';
import { presentItems } from '../server/modules/supervision/supervision.presenter.js';
import { exportLedger } from '../server/modules/supervision/usecases/export.js';
import { overdueByUnit } from '../server/modules/supervision/usecases/statistics.js';

const [dataDir, dbUrl] = process.argv.slice(2);
const { database, db, ctx, actorOf } = await openBenchContext(dataDir!, dbUrl!);
const actor = await actorOf('dcs_zhang');
const th = ctx.calendar.lightThresholds(new Date(), 3);
const ms = async (fn: () => Promise<unknown>, n = 1) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t) / n).toFixed(1);
};

console.log(`W3 overdue by unit, open-task counts: ${await ms(() => overdueByUnit(ctx, actor), 20)} ms`);
console.log(`W3 overdue by unit, from the rows: ${await ms(() => overdueByUnit(ctx, actor, { exact: true }), 3)} ms`);

const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const f = { status: 'closed', createdFrom: day(400), createdTo: day(376) };
let rows = 0;
let after: { deadline: string; id: number } | null = null;
let present = 0;
const t0 = performance.now();
for (;;) {
  const page = await ledgerKeysetPage(db, actor, f, th, after, 1000);
  if (!page.length) break;
  rows += page.length;
  const t = performance.now();
  await presentItems(ctx, db, page, 3, actor);
  present += performance.now() - t;
  const last = page[page.length - 1]!;
  after = { deadline: last.deadline, id: last.id };
  if (page.length < 1000) break;
}
const pagesMs = performance.now() - t0 - present;
console.log(`W6 keyset pages: ${rows} rows in ${pagesMs.toFixed(0)} ms; presented in ${present.toFixed(0)} ms`);
const sink = new Writable({ write: (_c, _e, done) => done() });
const t1 = performance.now();
const n = await exportLedger(ctx, actor, f, sink, 2000);
console.log(`W6 whole export: ${n} rows in ${(performance.now() - t1).toFixed(0)} ms`);
await database.close();
