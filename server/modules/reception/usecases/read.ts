/** Reading 接待方案: the list, one plan, the day-of checklist (当日清单) and the 工作台 entries. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { isDirector, isReception, isReceptionHead, officeActions } from '../reception.policy.js';
import * as repo from '../reception.repo.js';
import { dayOf, loadPlan, namesOf, planBase, planFacts, presentItem, presentPlan, viewer } from './common.js';

/** The plans the actor may read. */
export async function list(ctx: AppContext, actor: Actor, f: repo.PlanFilter) {
  const d = await repo.desk(ctx.db);
  const { plans, items } = await repo.listPlans(ctx.db, viewer(actor, d), f);
  const { users } = await namesOf(ctx.db, plans, []);
  return {
    items: plans.map((p) => {
      const mine = items.filter((i) => i.plan_id === p.id);
      return { ...planBase(p, mine, users), itemCount: mine.length, openItems: mine.filter((i) => i.status === 'open').length };
    }),
    can: { draft: officeActions.draft(actor, d) },
  };
}

/** One plan (404 unless readable). */
export async function get(ctx: AppContext, actor: Actor, id: number) {
  const p = await loadPlan(ctx.db, actor, id, 'reception.read');
  return presentPlan(ctx, ctx.db, actor, p);
}

/** The China-time day `date` as UTC ISO bounds. */
function dayBounds(date: string): { from: string; to: string } {
  const start = new Date(`${date}T00:00:00+08:00`);
  return { from: start.toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() };
}

/** 当日清单: the day's items of approved plans the actor may see, in time order, with 完成 marks. */
export async function checklist(ctx: AppContext, actor: Actor, date: string | undefined) {
  const day = date ?? chinaDate(ctx.clock.now());
  const d = await repo.desk(ctx.db);
  const { from, to } = dayBounds(day);
  const items = await repo.itemsBetween(ctx.db, viewer(actor, d), from, to);
  const plans = await repo.plansByIds(
    ctx.db,
    items.map((i) => i.plan_id),
  );
  const all = await repo.itemsOfPlans(
    ctx.db,
    plans.map((p) => p.id),
  );
  const { users, units } = await namesOf(ctx.db, plans, items);
  const byId = new Map(plans.map((p) => [p.id, p]));
  return {
    date: day,
    items: items.map((i) => {
      const p = byId.get(i.plan_id)!;
      const facts = planFacts(
        d,
        p,
        all.filter((x) => x.plan_id === p.id),
      );
      return { ...presentItem(ctx, actor, facts, i, users, units), planTitle: p.title, planNumber: p.number };
    }),
  };
}

const MODULE_NAME = { zh: '政务接待', en: 'Reception' };

/** The 工作台: plans awaiting the actor's approval, open items they are responsible for, finished visits to close. */
export async function workbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const d = await repo.desk(db);
  const v = viewer(actor, d);
  const statuses = [...(isReceptionHead(actor, d) ? ['submitted'] : []), ...(isDirector(actor, d) ? ['head_approved'] : [])];
  const out: WorkbenchItem[] = [];
  for (const p of await repo.plansAwaiting(db, v, statuses))
    out.push({
      module: 'reception',
      moduleName: MODULE_NAME,
      id: p.id,
      title: `审批接待方案：${p.title}`,
      ownerUnit: '接待处',
      deadline: p.arrive_date,
      light: ctx.calendar.light(p.arrive_date, now, { yellowDays: 2 }),
      status: p.status,
      link: `/reception/plans/${p.id}`,
    });
  const items = await repo.openItemsOf(db, actor);
  const units = await repo.unitNames(
    db,
    items.map((i) => i.unit_id),
  );
  for (const i of items)
    out.push({
      module: 'reception',
      moduleName: MODULE_NAME,
      id: i.id,
      title: `${i.plan_title}：${i.title}`,
      ownerUnit: i.unit_id !== null ? (units.get(i.unit_id) ?? '') : '',
      deadline: dayOf(i.starts_at),
      light: ctx.calendar.light(dayOf(i.starts_at), now, { yellowDays: 1 }),
      status: 'open',
      link: `/reception/plans/${i.plan_id}`,
    });
  if (isReception(actor, d))
    for (const p of await repo.plansToClose(db, v, chinaDate(now)))
      out.push({
        module: 'reception',
        moduleName: MODULE_NAME,
        id: p.id,
        title: `办结接待方案（填报实际费用）：${p.title}`,
        ownerUnit: '接待处',
        deadline: p.leave_date,
        light: ctx.calendar.light(p.leave_date, now),
        status: p.status,
        link: `/reception/plans/${p.id}`,
      });
  return out;
}
