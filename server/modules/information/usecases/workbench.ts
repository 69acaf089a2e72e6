/** The 工作台 rows of the 信息 module: 信息处's intake queue, 督查室's 批示 waiting to become 批示件. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { chinaDate } from '../../../platform/clock.js';
import { ITEM_STATES } from '../information.constants.js';
import { isInfoDesk, isSupervisionDesk } from '../information.policy.js';
import { intakeQueue, pendingConversions } from '../information.repo.js';

const MODULE_NAME = { zh: '信息报送', en: 'Information' };
const stateName = (s: string) => ITEM_STATES[s as keyof typeof ITEM_STATES]?.zh ?? s;

/** The actor's pending information work. */
export async function workbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const out: WorkbenchItem[] = [];
  if (isInfoDesk(actor))
    for (const r of await intakeQueue(db, actor)) {
      // 采编 is due the working day after the report came in
      const deadline = ctx.calendar.addWorkingDays(chinaDate(new Date(r.reported_at)), 1);
      out.push({
        module: 'information',
        moduleName: MODULE_NAME,
        id: r.id,
        title: `待采编：${r.title}`,
        ownerUnit: r.unit_name,
        deadline,
        light: ctx.calendar.light(deadline, now),
        status: stateName(r.status),
        link: `/information/items/${r.id}`,
      });
    }
  if (isSupervisionDesk(actor))
    for (const r of await pendingConversions(db, actor))
      out.push({
        module: 'information',
        moduleName: MODULE_NAME,
        id: r.id,
        title: `批示待转督办：${r.title}`,
        ownerUnit: r.unit_name,
        deadline: null,
        light: 'yellow',
        status: stateName(r.status),
        link: `/information/items/${r.id}`,
      });
  return out;
}
