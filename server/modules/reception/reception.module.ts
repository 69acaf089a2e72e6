/** 政务接待 (reception): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import * as core from './migrations/202612050001_reception_core.js';
import './reception.contract.js';
import './reception.errors.js';
import { registerReceptionRoutes } from './reception.routes.js';
import { seedReceptionDemo } from './reception.seed.js';
import { ReceptionService } from './reception.service.js';

/** 政务接待: 接待方案 with the itinerary, two-step approval, versioned changes, the day-of checklist, costs and 办结. */
export const receptionModule = defineModule({
  name: 'reception',
  migrations: { '202612050001_reception_core': core },
  service: (ctx) => new ReceptionService(ctx),
  routes: (app, svc) => registerReceptionRoutes(app, svc),
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (svc) => svc.looseEnds(),
  seedDemo: (trx, _svc, ctx, demo) => seedReceptionDemo(trx, ctx, demo),
});
