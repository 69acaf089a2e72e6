/** 台账 export: the filtered, visible ledger streamed as .xlsx in pages of 1000; audited. */
import type { Writable } from 'node:stream';
import type { Light } from '../../../../common/enums.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { itemsInOrder, ledgerIdsByRegistration, ledgerKeysetPage } from '../repo/supervision.lists.js';
import { writeLedger, type LedgerRow } from '../supervision.excel.js';
import { presentItems } from '../supervision.presenter.js';
import type * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { withKeywordCandidates } from './lists.js';

/** Pages of 1000 ledger rows, presented for the export. */
async function* ledgerPages(
  ctx: AppContext,
  actor: Actor,
  f: repo.LedgerFilter,
  th: { today: string; yellowUntil: string },
  yellowDays: number,
  lightName: Record<Light, string>,
  candidates: number,
): AsyncIterable<LedgerRow[]> {
  const matched = await withKeywordCandidates(ctx, f, candidates);
  const present = async (rows: Awaited<ReturnType<typeof itemsInOrder>>) =>
    (await presentItems(ctx, ctx.db, rows, yellowDays, actor)).map((i) => ({
      number: i.number,
      title: i.title,
      level: i.level,
      source: i.sourceName,
      lead: i.leadUnitName,
      co: i.coUnits.map((c) => c.name).join('、'),
      person: i.responsibleLeaderName ?? i.responsibleUserName,
      deadline: i.deadline,
      progress: i.progress.tasks ? `${i.progress.accepted}/${i.progress.tasks} 个单位已办结` : '未分解',
      status: i.statusName,
      light: lightName[i.light],
    }));
  // a registration window: its matching ids in order once, then their rows a page at a time
  const ids = await ledgerIdsByRegistration(ctx.db, actor, matched, th);
  if (ids) {
    for (let i = 0; i < ids.length; i += 1000) yield await present(await itemsInOrder(ctx.db, actor, ids.slice(i, i + 1000)));
    return;
  }
  let after: { deadline: string; id: number } | null = null;
  for (;;) {
    const rows = await ledgerKeysetPage(ctx.db, actor, matched, th, after, 1000);
    if (!rows.length) return;
    yield await present(rows);
    const last = rows[rows.length - 1]!;
    after = { deadline: last.deadline, id: last.id };
    if (rows.length < 1000) return;
  }
}

/** 台账 export: streams the filtered, visible ledger as .xlsx into `out` (pages of 1000); audited. */
export async function exportLedger(ctx: AppContext, actor: Actor, f: repo.LedgerFilter, out: Writable, candidates: number): Promise<number> {
  const s = (await readSettings(ctx.db)).value;
  const th = ctx.calendar.lightThresholds(ctx.clock.now(), s.yellowDays);
  const lightName = { green: '绿', yellow: '黄', red: '红', none: '—' } as const;
  const n = await writeLedger(out, ledgerPages(ctx, actor, f, th, s.yellowDays, lightName, candidates));
  await ctx.audit.record(ctx.db, { actor, action: 'supervision.export', detail: { rows: n, filter: f } });
  return n;
}
