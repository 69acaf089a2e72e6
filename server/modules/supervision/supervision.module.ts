/** 督查督办 (supervision): the module as the platform sees it. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { defineModule } from '../../platform/module.js';
import './supervision.contract.js';
import './supervision.errors.js';
import * as core from './migrations/202611230001_supervision_core.js';
import * as coUnits from './migrations/202611230002_supervision_co_units.js';
import * as overdueIdx from './migrations/202611260001_supervision_overdue_idx.js';
import * as stagesMig from './migrations/202612071500_supervision_stages.js';
import * as stageTaskOpen from './migrations/202612101001_supervision_stage_task_open.js';
import * as statsAggregates from './migrations/202612081000_supervision_stats_aggregates.js';
import * as itemUnit from './migrations/202612081500_supervision_item_unit.js';
import * as itemUnitAccess from './migrations/202612081701_supervision_item_unit_access.js';
import * as openTaskCounts from './migrations/202612081702_supervision_open_task_counts.js';
import * as openTaskMonths from './migrations/202612081703_supervision_open_task_months.js';
import * as taskItemCreated from './migrations/202612081705_supervision_task_item_created.js';
import { itemPolicy, reportPolicy, taskPolicy } from './supervision.policy.js';
import * as repo from './supervision.repo.js';
import { findReportWithTask } from './repo/supervision.lists.js';
import { supervisionLooseEnds } from './repo/supervision.loose-ends.js';
import { registerSupervisionRoutes } from './supervision.routes.js';
import { seedSupervisionDemo } from './supervision.seed.js';
import { findLooseEnds, SupervisionService } from './supervision.service.js';

export { findLooseEnds };
export type { SupervisionContract } from './supervision.contract.js';

async function canReadItem(db: Db | Trx, actor: Actor, id: number): Promise<boolean> {
  const item = await repo.findItem(db, id);
  if (!item) return false;
  const tasks = await repo.tasksOfItem(db, id);
  return itemPolicy.read(actor, { ...item, taskUnitIds: tasks.map((t) => t.unit_id), shared: await repo.itemShared(db, actor, id) });
}

/** The supervision module. */
export const supervisionModule = defineModule({
  name: 'supervision',
  migrations: {
    '202611230001_supervision_core': core,
    '202611230002_supervision_co_units': coUnits,
    '202611260001_supervision_overdue_idx': overdueIdx,
    '202612071500_supervision_stages': stagesMig,
    '202612081000_supervision_stats_aggregates': statsAggregates,
    '202612081500_supervision_item_unit': itemUnit,
    '202612081701_supervision_item_unit_access': itemUnitAccess,
    '202612081702_supervision_open_task_counts': openTaskCounts,
    '202612081703_supervision_open_task_months': openTaskMonths,
    '202612081705_supervision_task_item_created': taskItemCreated,
    '202612101001_supervision_stage_task_open': stageTaskOpen,
  },
  service: (ctx) => new SupervisionService(ctx),
  routes: (app, svc) => registerSupervisionRoutes(app, svc),
  search: { supervision: (db) => repo.itemSearchDocs(db) },
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  attachmentOwners: () => ({
    supervision_item: {
      canRead: (db, actor, id) => canReadItem(db, actor, id),
      async canAttach(db, actor, id) {
        const item = await repo.findItem(db, id);
        return !!item && itemPolicy.attach(actor, item);
      },
      level: async (db, id) => (await repo.findItem(db, id))?.level ?? 3,
    },
    supervision_report: {
      async canRead(db, actor, id) {
        const r = await findReportWithTask(db, id);
        return !!r && taskPolicy.readReports(actor, { ...r.task, shared: await repo.itemShared(db, actor, r.task.item_id) });
      },
      async canAttach(db, actor, id) {
        const r = await findReportWithTask(db, id);
        return !!r && reportPolicy.attach(actor, { ...r.rep, task: r.task });
      },
      level: async (db, id) => (await findReportWithTask(db, id))?.task.level ?? 3,
    },
  }),
  looseEnds: () => supervisionLooseEnds,
  jobs: (svc) => ({
    'supervision.remind': (trx, job) => svc.runReminder(trx, job),
    'supervision.escalate': (trx, job) => svc.runEscalation(trx, job),
    'supervision.stage_remind': (trx, job) => svc.runStageReminder(trx, job),
  }),
  seedDemo: (trx, svc, ctx, demo) => seedSupervisionDemo(trx, ctx, demo, svc),
});
