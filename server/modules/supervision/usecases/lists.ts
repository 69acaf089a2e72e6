/** 督办台账 and the task lists: visibility-filtered in SQL, the ledger's count capped. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { taskCount, taskPage, ledgerCount, ledgerPage } from '../repo/supervision.lists.js';
import { LEDGER_COUNT_CAP } from '../supervision.constants.js';
import { supervisionPolicy } from '../supervision.policy.js';
import { presentItems, presentTask } from '../supervision.presenter.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';

/**
 * The filter with the search index's candidates for its keyword (see `LedgerFilter.matchedIds`); `candidates`
 * caps them. A keyword of Han characters (and spaces, punctuation) is looked up as the index phrase every
 * text holding it verbatim has (`substringMatches`: two words are one phrase, not two terms); a frequent
 * one worth it (`drive`) gives the count its matches to walk (`keywordSource`). Any other keyword goes by its terms.
 */
export async function withKeywordCandidates<F extends repo.LedgerFilter>(ctx: AppContext, f: F, candidates: number): Promise<F> {
  if (!f.q) return f;
  const m = await ctx.search.substringMatches(ctx.db, 'supervision_item', f.q, candidates);
  if (m === null) return { ...f, matchedIds: await ctx.search.matchItemIds(ctx.db, 'supervision_item', f.q, candidates) };
  if ('ids' in m) return { ...f, matchedIds: m.ids };
  // a term in most items (or on PostgreSQL): the ledger's own scan finds a page and the capped count at once
  return m.drive ? { ...f, matchedIds: null, keywordSource: m.frequent } : { ...f, matchedIds: null };
}

/** 督办台账: the visible items matching the filters, by time limit. */
export async function ledger(ctx: AppContext, actor: Actor, f: repo.LedgerFilter & { page: number; pageSize: number }, candidates: number) {
  const s = (await readSettings(ctx.db)).value;
  const th = ctx.calendar.lightThresholds(ctx.clock.now(), s.yellowDays);
  const filter = await withKeywordCandidates(ctx, f, candidates);
  // counting stops past the cap: at a million items an exact count of a broad filter costs more than
  // the page itself, and nobody pages past it (the web shows "1000+"; statistics give exact figures)
  const n = await ledgerCount(ctx.db, actor, filter, th, LEDGER_COUNT_CAP);
  const rows = await ledgerPage(ctx.db, actor, filter, th, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return {
    total: Math.min(n, LEDGER_COUNT_CAP),
    totalCapped: n > LEDGER_COUNT_CAP,
    items: await presentItems(ctx, ctx.db, rows, s.yellowDays, actor),
    canRegister: supervisionPolicy.register(actor, null),
  };
}

/** Task lists: my unit's tasks (liaisons), mine (responsible person), or all visible. */
export async function listTasks(
  ctx: AppContext,
  actor: Actor,
  q: { scope: 'unit' | 'mine' | 'all'; status?: string; open?: boolean; page: number; pageSize: number },
) {
  const s = (await readSettings(ctx.db)).value;
  const f: repo.TaskFilter = {
    status: q.status,
    open: q.open,
    ...(q.scope === 'unit' ? { unitId: actor.unitId } : q.scope === 'mine' ? { responsibleUserId: actor.id } : {}),
  };
  const n = await taskCount(ctx.db, actor, f);
  const rows = await taskPage(ctx.db, actor, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const names = {
    units: await repo.unitNames(
      ctx.db,
      rows.map((r) => r.unit_id),
    ),
    users: await repo.userNames(
      ctx.db,
      rows.map((r) => r.responsible_user_id),
    ),
  };
  return { total: n, items: rows.map((r) => ({ ...presentTask(ctx, r, names, s.yellowDays), itemNumber: r.item_number, itemTitle: r.item_title })) };
}
