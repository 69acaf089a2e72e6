/** 议政会通知: a library item to all divisions of the office, circulated to every division member with receipts. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { NOTICE_CATEGORIES, type NoticeCategory } from '../library.constants.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { insertItem, officeDivisionIds } from '../repo/library.items.js';
import { circulate } from './circulate.js';
import { checkLevel, reindexItem } from './common.js';

/** Issues the notice (audited `library.notice_issue`), then circulates it (audited `library.circulate`). */
export async function issueNotice(
  ctx: AppContext,
  actor: Actor,
  input: { category: NoticeCategory; title: string; body: string; level: number; date: string },
): Promise<{ id: number; recipients: number }> {
  authorize(actor, libraryPolicy.issueNotice, null, { action: 'library.notice_issue', targetType: 'library_item' });
  const category = NOTICE_CATEGORIES[input.category].zh;
  const divisions = await officeDivisionIds(ctx.db);
  const created = await ctx.db.transaction().execute(async (trx) => {
    await checkLevel(ctx, trx, actor, input.level);
    const item = await insertItem(
      trx,
      {
        kind: 'notice',
        title: input.title,
        source: `议政会·${category}`,
        owner_unit_id: actor.unitId,
        created_by: actor.id,
        level: input.level,
        secrecy_period: null,
        scope: 'scoped',
        catalog: 0,
        keywords: category,
        summary: input.body.slice(0, 200),
        content: input.body,
        date: input.date,
      },
      iso(ctx.clock.now()),
    );
    await repo.setScope(trx, item.id, divisions, []);
    await ctx.audit.append(trx, {
      actor,
      action: 'library.notice_issue',
      targetType: 'library_item',
      targetId: item.id,
      detail: { category: input.category, level: input.level },
    });
    await reindexItem(ctx, trx, item);
    return item;
  });
  const members = (await repo.businessUsersOf(ctx.db, divisions)).filter((u) => u.clearance >= input.level && u.id !== actor.id);
  const circ = await circulate(ctx, actor, created.id, {
    userIds: members.map((m) => m.id),
    unitIds: [],
    purpose: `议政会通知（${category}），请各处室阅知`,
    dueDate: null,
  });
  return { id: created.id, recipients: circ.recipients };
}
