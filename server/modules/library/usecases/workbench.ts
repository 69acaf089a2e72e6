/** The 工作台 entries of 资源共享: unread circulations (due-date lights) and access requests to decide. */
import type { Db } from '../../../db/client.js';
import { isBusinessUser, type Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { LIBRARY_NAME } from '../library.constants.js';
import { unreadCirculationsOf } from '../repo/library.circulation.js';
import { pendingRequestsToDecide } from '../repo/library.items.js';

/** The actor's pending items, already filtered by what the actor may see. */
export async function libraryWorkbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  if (!isBusinessUser(actor)) return [];
  const circ = await unreadCirculationsOf(db, actor);
  const reqs = await pendingRequestsToDecide(db, actor);
  const cal = ctx.calendar;
  return [
    ...circ.map((c) => ({
      module: 'library',
      moduleName: LIBRARY_NAME,
      id: c.id,
      title: `${c.kind === 'notice' ? '议政会通知' : '传阅'}：${c.title}`,
      ownerUnit: c.short_name,
      deadline: c.due_date,
      light: cal.light(c.due_date, now),
      status: '待阅',
      link: `/library/items/${c.item_id}`,
    })),
    ...reqs.map((r) => {
      const deadline = cal.addWorkingDays(chinaDate(new Date(r.created_at)), 3);
      return {
        module: 'library',
        moduleName: LIBRARY_NAME,
        id: r.id,
        title: `查阅申请待审批：${r.title}`,
        ownerUnit: r.short_name,
        deadline,
        light: cal.light(deadline, now),
        status: '待审批',
        link: '/library/requests',
      };
    }),
  ];
}
