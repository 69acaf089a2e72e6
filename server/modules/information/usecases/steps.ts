/** 采编 steps on one item: take (采编), return with a reason (退回), 采用 at a level. Each one transaction, audited by the workflow engine. */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { ADOPT_LEVEL_NAMES, type AdoptLevel } from '../information.constants.js';
import { applyStep, loadReadable } from './common.js';

/** 采编: 信息处 takes a submitted report into editing (`information.item.take`). */
export async function takeItem(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await loadReadable(trx, actor, id, 'information.item.take');
    const r = await applyStep(ctx, trx, actor, item, 'take', version, {}, { editor_id: actor.id });
    return { id, version: r.version, status: r.status };
  });
}

/** 退回: back to the unit with a reason (`information.item.return`). */
export async function returnItem(ctx: AppContext, actor: Actor, id: number, version: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await loadReadable(trx, actor, id, 'information.item.return');
    const r = await applyStep(ctx, trx, actor, item, 'return', version, { reason }, { return_reason: reason, editor_id: actor.id });
    await ctx.notifier.send(trx, [item.reporter_id], {
      kind: 'information.returned',
      title: `信息被退回：${item.title}`,
      body: reason,
      link: `/information/items/${id}`,
      level: item.level,
    });
    return { id, version: r.version, status: r.status };
  });
}

/** 采用 at a level: 录用, 编入专报 or 报送上级 (`information.item.adopt`); again at another level once adopted. */
export async function adoptItem(ctx: AppContext, actor: Actor, id: number, version: number, level: AdoptLevel) {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await loadReadable(trx, actor, id, 'information.item.adopt');
    const at = iso(ctx.clock.now());
    const r = await applyStep(ctx, trx, actor, item, 'adopt', version, { level }, { adopt_level: level, adopted_at: at, adopted_by: actor.id }, { level });
    if (item.origin === 'report')
      await ctx.notifier.send(trx, [item.reporter_id], {
        kind: 'information.adopted',
        title: `信息被采用（${ADOPT_LEVEL_NAMES[level].zh}）：${item.title}`,
        body: '',
        link: `/information/items/${id}`,
        level: item.level,
      });
    return { id, version: r.version, status: r.status };
  });
}
