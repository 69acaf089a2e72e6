/** 工作台: the actor's own pending 会议 items — meetings to attend, minutes to issue, notices to send, consensus to give. */
import type { Db } from '../../../db/client.js';
import { hasRole, type Actor } from '../../../platform/actor.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { isManager } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { MEETING_STATES } from '../meetings.workflow.js';
import { config } from './common.js';

const MODULE_NAME = { zh: '会议', en: 'Meetings' };

/** Held meetings whose minutes are not issued (纪要 within 3 working days), and planned meetings coming up without notices. */
async function officeItems(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const cal = ctx.calendar;
  const items: WorkbenchItem[] = [];
  for (const m of await repo.heldMeetingsOfUnit(db, actor)) {
    const deadline = cal.addWorkingDays(chinaDate(new Date(m.starts_at)), 3);
    items.push({
      module: 'meetings',
      moduleName: MODULE_NAME,
      id: m.id,
      title: `整理印发纪要：${m.title}`,
      ownerUnit: actor.unitName,
      deadline,
      light: cal.light(deadline, now),
      status: '已召开',
      link: `/meetings/${m.id}`,
    });
  }
  for (const m of await repo.plannedMeetingsOfUnit(db, actor, iso(now))) {
    const d = chinaDate(new Date(m.starts_at));
    items.push({
      module: 'meetings',
      moduleName: MODULE_NAME,
      id: m.id,
      title: `筹备会议并发出通知：${m.title}`,
      ownerUnit: actor.unitName,
      deadline: d,
      light: cal.light(d, now),
      status: '筹备中',
      link: `/meetings/${m.id}`,
    });
  }
  return items;
}

/** The actor's pending 会议 items. */
export async function meetingsWorkbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const { cfg } = await config(db);
  const items: WorkbenchItem[] = [];
  const today = chinaDate(now);
  // meetings the actor is expected at, not yet signed in, still to come
  for (const m of await repo.meetingsToAttend(db, actor, new Date(`${today}T00:00:00+08:00`).toISOString())) {
    const d = chinaDate(new Date(m.starts_at));
    items.push({
      module: 'meetings',
      moduleName: MODULE_NAME,
      id: m.id,
      title: `出席会议：${m.title}（${m.place}）`,
      ownerUnit: actor.unitName,
      deadline: d,
      light: ctx.calendar.light(d, now, { yellowDays: 1 }),
      status: MEETING_STATES[m.status as keyof typeof MEETING_STATES]?.zh ?? m.status,
      link: `/meetings/${m.id}`,
    });
  }
  if (isManager(actor, cfg)) items.push(...(await officeItems(ctx, db, actor, now)));
  // 会前协商: topics in 调度 where the actor's unit is concerned and has not agreed
  const consult = await repo.topicsAwaitingConsensus(db, actor);
  if (hasRole(actor, 'liaison', 'division_head', 'staff', 'director')) {
    for (const t of consult)
      items.push({
        module: 'meetings',
        moduleName: MODULE_NAME,
        id: t.id,
        title: `会前协商：${t.title}`,
        ownerUnit: actor.unitName,
        deadline: null,
        light: 'none',
        status: t.gate_status === 'dissent' ? '有不同意见' : '待协商',
        link: `/meetings/topics/${t.id}`,
      });
  }
  return items;
}
