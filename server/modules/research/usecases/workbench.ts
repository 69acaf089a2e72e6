/** The 工作台 of 调研: open milestones for the team and the 负责人; 课题 to conclude for the lead unit; proposals to decide for the 调研室. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { hasRole } from '../../../platform/actor.js';
import { isDesk } from '../research.policy.js';
import * as repo from '../research.repo.js';

const MODULE_NAME = { zh: '调研工作', en: 'Research' };

export async function workbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const out: WorkbenchItem[] = [];
  const milestones = await repo.openMilestonesOfTeam(db, actor);
  const topicsSoon = hasRole(actor, 'division_head', 'staff', 'director', 'liaison')
    ? await repo.topicsToConclude(db, actor, ctx.calendar.lightThresholds(now, 10).yellowUntil)
    : [];
  const units = await repo.unitNames(db, [...milestones.map((m) => m.lead_unit_id), ...topicsSoon.map((t) => t.lead_unit_id)]);
  for (const m of milestones)
    out.push({
      module: 'research',
      moduleName: MODULE_NAME,
      id: m.id,
      title: `调研节点：${m.topic_title} — ${m.title}`,
      ownerUnit: units.get(m.lead_unit_id) ?? '',
      deadline: m.due_date,
      light: ctx.calendar.light(m.due_date, now, { yellowDays: 3 }),
      status: 'open',
      link: `/research/topics/${m.topic_id}`,
    });
  for (const t of topicsSoon)
    out.push({
      module: 'research',
      moduleName: MODULE_NAME,
      id: t.id,
      title: `调研课题结题：${t.title}`,
      ownerUnit: units.get(t.lead_unit_id) ?? '',
      deadline: t.end_date,
      light: ctx.calendar.light(t.end_date, now, { yellowDays: 10 }),
      status: t.status,
      link: `/research/topics/${t.id}`,
    });
  const d = await repo.desk(db);
  if (isDesk(actor, d)) {
    const proposals = await repo.undecidedProposalsVisible(db, actor, d, 20);
    for (const p of proposals)
      out.push({
        module: 'research',
        moduleName: MODULE_NAME,
        id: p.id,
        title: `待研究的调研选题：${p.title}`,
        ownerUnit: '调研室',
        deadline: null,
        light: 'none',
        status: p.status,
        link: '/research/proposals',
      });
  }
  return out;
}
