/** The 信息 module (以谋辅政): 信息报送 → 采编 → 采用 → 批示 → 督办, 迟报/漏报 and statistics. */
import { defineModule } from '../../platform/module.js';
import './information.contract.js';
import './information.errors.js';
import './repo/information.tables.js';
import './repo/information.request-tables.js';
import { OMISSION_JOB } from './information.constants.js';
import { informationPolicy } from './information.policy.js';
import { loadItem } from './information.repo.js';
import { registerInformationRoutes } from './information.routes.js';
import { seedInformationDemo } from './information.seed.js';
import { InformationService } from './information.service.js';
import * as core from './migrations/202612040001_information_core.js';
import * as requests from './migrations/202612071100_information_requests.js';
import { seedRequestDemo } from './information.requests.seed.js';
import { REQUEST_REMIND_JOB } from './usecases/request-remind.js';
import * as publications from './migrations/202612071200_information_publications.js';
import * as listIndexes from './migrations/202612081200_information_list_indexes.js';
import * as statsAggregates from './migrations/202612081400_information_stats_aggregates.js';
import { issueSearchDocs } from './repo/information.publications.js';
import { seedPublicationsDemo } from './information.publications.seed.js';

/** The module object listed in `server/modules/index.ts`. */
export const informationModule = defineModule({
  name: 'information',
  migrations: {
    '202612040001_information_core': core,
    '202612071100_information_requests': requests,
    '202612071200_information_publications': publications,
    '202612081200_information_list_indexes': listIndexes,
    '202612081400_information_stats_aggregates': statsAggregates,
  },
  search: { info_issues: (db) => issueSearchDocs(db) },
  service: (ctx) => new InformationService(ctx),
  routes: (app, svc) => registerInformationRoutes(app, svc),
  attachmentOwners: () => ({
    info_item: {
      async canRead(db, actor, id) {
        const it = await loadItem(db, id);
        return it !== undefined && informationPolicy.read(actor, it);
      },
      async canAttach(db, actor, id) {
        const it = await loadItem(db, id);
        // the reporting unit while the report waits for 采编, 信息处 while it edits
        return it !== undefined && (informationPolicy.edit(actor, it) || (informationPolicy.followUp(actor, it) && it.status === 'submitted'));
      },
      level: async (db, id) => (await loadItem(db, id))?.level ?? 0,
    },
  }),
  jobs: (svc) => ({ [OMISSION_JOB]: (trx, job) => svc.runOmission(trx, job), [REQUEST_REMIND_JOB]: (trx, job) => svc.runRequestReminder(trx, job) }),
  workbench: async (svc, db, actor, now) => [...(await svc.workbench(db, actor, now)), ...(await svc.publications.workbench(db, actor, now))],
  looseEnds: (svc) => svc.publications.looseEnds(svc.looseEnds()),
  seedDemo: async (trx, svc, ctx, demo) => {
    await seedInformationDemo(trx, ctx, demo);
    await seedRequestDemo(trx, ctx, demo);
    await seedPublicationsDemo(trx, ctx, demo);
  },
});
