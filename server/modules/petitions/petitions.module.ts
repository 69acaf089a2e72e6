/** 信访 (petitions): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import * as core from './migrations/202612042001_petitions_core.js';
import * as supervision from './migrations/202612042002_petitions_supervision.js';
import './petitions.contract.js';
import './petitions.errors.js';
import { registerPetitionsRoutes } from './petitions.routes.js';
import { searchDocs } from './repo/petitions.search.js';
import { seedPetitionsDemo } from './petitions.seed.js';
import { PetitionsService } from './petitions.service.js';

/** 信访: registration with protected personal data and repeat detection, 转办 with legal time limits, 督办 when late, 答复 and 回访. */
export const petitionsModule = defineModule({
  name: 'petitions',
  migrations: { '202612042001_petitions_core': core, '202612042002_petitions_supervision': supervision },
  service: (ctx) => new PetitionsService(ctx),
  routes: (app, svc) => registerPetitionsRoutes(app, svc),
  search: { petitions: (db) => searchDocs(db) },
  jobs: (svc) => ({ 'petitions.overdue': (trx, job) => svc.supervise(trx, job) }),
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (svc) => svc.looseEnds(),
  seedDemo: (trx, svc, ctx, demo) => seedPetitionsDemo(trx, ctx, demo),
});
