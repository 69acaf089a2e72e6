/** Reads of many documents: the list (lists, search, my pending, archive) and the 工作台 rows. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { presentListItem, presentWorkbenchItem } from '../documents.presenter.js';
import { listDocuments, pendingForWorkbench, type DocumentFilter } from '../documents.repo.js';

/** Visible documents by filters, newest first, with the total. */
export async function listVisibleDocuments(ctx: AppContext, actor: Actor, f: DocumentFilter, page: { page: number; pageSize: number }) {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const { total, rows } = await listDocuments(ctx.db, actor, f, page, today);
  return { total, items: rows.map((r) => presentListItem(ctx, r, now, today)) };
}

/** 工作台: the actor's pending documents with lights. */
export async function documentsWorkbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  return (await pendingForWorkbench(db, actor)).map((r) => presentWorkbenchItem(ctx, r, now));
}
