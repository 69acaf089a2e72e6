/** The 工作台 rows of 督查督办 (the actor's own pending work) and the progress a source module shows beside its rows. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { itemsOfSource } from '../repo/supervision.lists.js';
import { extensionsToDecide, ownItemsToHandle, tasksToReview, unitWorkingTasks } from '../repo/supervision.stats.js';
import type { SourceProgress } from '../supervision.contract.js';
import { supervisionPolicy } from '../supervision.policy.js';
import { light } from '../supervision.presenter.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { ITEM_OPEN, ITEM_STATES, TASK_STATES } from '../supervision.workflow.js';

/** {@inheritDoc SupervisionContract.progressBySource} */
export async function progressBySource(
  ctx: AppContext,
  db: Db,
  actor: Actor,
  sourceType: string,
  sourceIds: number[],
): Promise<Record<number, SourceProgress[]>> {
  const out: Record<number, SourceProgress[]> = {};
  if (!sourceIds.length) return out;
  const s = (await readSettings(db)).value;
  const rows = await itemsOfSource(db, actor, sourceType, sourceIds);
  for (const r of rows)
    (out[r.source_id!] ??= []).push({
      itemId: r.id,
      number: r.number,
      status: r.status,
      light: light(ctx, r.deadline, !(ITEM_OPEN as readonly string[]).includes(r.status), s.yellowDays),
    });
  return out;
}

/** The actor's own pending supervision work for the 工作台. */
export async function workbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const s = (await readSettings(db)).value;
  const out: WorkbenchItem[] = [];
  const light = (d: string) => ctx.calendar.light(d, now, { yellowDays: s.yellowDays });
  const mod = { module: 'supervision', moduleName: { zh: '督查督办', en: 'Supervision' } };
  const unitTasks = await unitWorkingTasks(db, actor);
  if (supervisionPolicy.workOnUnitTasks(actor, null)) {
    for (const t of unitTasks)
      out.push({
        ...mod,
        id: t.id,
        title: `【${t.status === 'returned' ? '退回重办' : '待反馈'}】${t.number} ${t.title}`,
        ownerUnit: actor.unitName,
        deadline: t.deadline,
        light: light(t.deadline),
        status: TASK_STATES[t.status as keyof typeof TASK_STATES].zh,
        link: `/supervision/items/${t.item_id}`,
      });
  }
  if (supervisionPolicy.register(actor, null)) {
    const review = await tasksToReview(db, actor);
    const ext = await extensionsToDecide(db, actor);
    const own = await ownItemsToHandle(db, actor);
    const units = await repo.unitNames(db, [...review.map((r) => r.unit_id), ...ext.map((r) => r.unit_id), ...own.map((r) => r.lead_unit_id)]);
    for (const r of review)
      out.push({
        ...mod,
        id: r.id,
        title: `【待审核】${r.number} ${r.title}`,
        ownerUnit: units.get(r.unit_id) ?? '',
        deadline: r.deadline,
        light: light(r.deadline),
        status: '待审核',
        link: `/supervision/items/${r.item_id}`,
      });
    for (const r of ext)
      out.push({
        ...mod,
        id: r.id,
        title: `【延期申请】${r.number} ${r.title}`,
        ownerUnit: units.get(r.unit_id) ?? '',
        deadline: r.deadline,
        light: light(r.deadline),
        status: '待审批',
        link: `/supervision/items/${r.item_id}`,
      });
    for (const r of own)
      out.push({
        ...mod,
        id: r.id,
        title: `【${r.status === 'registered' ? '待交办' : '待回访'}】${r.number} ${r.title}`,
        ownerUnit: units.get(r.lead_unit_id) ?? '',
        deadline: r.status === 'registered' ? r.deadline : null,
        light: r.status === 'registered' ? light(r.deadline) : 'none',
        status: ITEM_STATES[r.status as keyof typeof ITEM_STATES].zh,
        link: `/supervision/items/${r.id}`,
      });
  }
  return out;
}
