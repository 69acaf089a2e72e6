/** 政务值班 (duty desk): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import './duty.contract.js';
import './duty.errors.js';
import * as core from './migrations/202612041001_duty_core.js';
import { registerDutyRoutes } from './duty.routes.js';
import { seedDutyDemo } from './duty.seed.js';
import { DutyService } from './duty.service.js';

/** 政务值班: the roster, the duty log with its outcomes and 突发事件 time limits, hand-overs. */
export const dutyModule = defineModule({
  name: 'duty',
  migrations: { '202612041001_duty_core': core },
  service: (ctx) => new DutyService(ctx),
  routes: (app, svc) => registerDutyRoutes(app, svc),
  jobs: (svc) => ({
    'duty.report_remind': (trx, job) => svc.remindReport(trx, job),
    'duty.report_escalate': (trx, job) => svc.escalateReport(trx, job),
  }),
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (svc) => svc.looseEnds(),
  seedDemo: (trx, _svc, ctx, demo) => seedDutyDemo(trx, ctx, demo),
});
