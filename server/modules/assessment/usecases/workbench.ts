/** 工作台: a rater's open expert scoring (专业评估) — each published scheme with cells they have not scored yet. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { appealWorkbench } from './appeal-workbench.js';

const MODULE_NAME = { zh: '考核督查', en: 'Assessment' };

/** The actor's pending expert scoring, one item per scheme. */
export async function workbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const items: WorkbenchItem[] = [];
  const schemes = (await repo.listSchemes(db, false)).filter((s) => s.status === 'published' && assessmentPolicy.scoreExpert(actor, s));
  for (const s of schemes) {
    const cells = leavesOf(await repo.listIndicators(db, s.id), unitIdsOf(s))
      .filter((l) => l.row.method === 'expert')
      .reduce((a, l) => a + l.unitIds.length, 0);
    const done = (await repo.listScores(db, s.id, actor.id)).filter((c) => c.kind === 'expert').length;
    if (done >= cells) continue;
    items.push({
      module: 'assessment',
      moduleName: MODULE_NAME,
      id: s.id,
      title: `专业评估评分：${s.name}（待评 ${cells - done} 项）`,
      ownerUnit: actor.unitName,
      deadline: s.period_to,
      light: ctx.calendar.light(s.period_to, now),
      status: '考核中',
      link: `/assessment/${s.id}`,
    });
  }
  items.push(...(await appealWorkbench(ctx, db, actor, now))); // 申诉 pending (appeal-workbench.ts)
  return items;
}
