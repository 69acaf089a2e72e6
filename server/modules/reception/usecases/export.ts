/** 导出: the plan with its itinerary as DOCX (read access suffices; audited as `reception.export`). */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { renderPlanDocx } from '../reception.docx.js';
import * as repo from '../reception.repo.js';
import { loadPlan, presentPlan } from './common.js';

export async function planDocx(ctx: AppContext, actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadPlan(trx, actor, id, 'reception.export');
    const view = await presentPlan(ctx, trx, actor, p);
    const issuer = (await repo.officeName(trx)) ?? '办公厅';
    await ctx.audit.append(trx, {
      actor,
      action: 'reception.export',
      targetType: 'reception_plan',
      targetId: id,
      detail: { format: 'docx', revision: p.row.revision },
    });
    return { filename: `${p.row.title}接待方案.docx`, buffer: await renderPlanDocx(view, issuer) };
  });
}
