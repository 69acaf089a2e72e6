/** The 工作台 items of 政务值班: open entries the actor owns or must instruct. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { WorkbenchItem } from '../../../platform/module.js';
import * as repo from '../duty.repo.js';

export async function workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const rows = await repo.openEntriesOf(db, actor);
  return rows.map((r) => ({
    module: 'duty',
    moduleName: { zh: '政务值班', en: 'Duty desk' },
    id: r.id,
    title: r.summary.slice(0, 60),
    ownerUnit: '值班室',
    deadline: r.report_due_at ? r.report_due_at.slice(0, 10) : null,
    light: r.report_due_at && r.report_due_at < now.toISOString() ? 'red' : 'green',
    status: r.status,
    link: `/duty/entries/${r.id}`,
  }));
}
