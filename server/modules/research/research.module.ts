/** 调研 (research work): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import * as core from './migrations/202612071000_research_core.js';
import './research.contract.js';
import './research.errors.js';
import * as repo from './research.repo.js';
import { topicActions } from './research.policy.js';
import { registerResearchRoutes } from './research.routes.js';
import { seedResearchDemo } from './research.seed.js';
import { ResearchService } from './research.service.js';
import { searchDocs } from './repo/research.search.js';
import { topicFacts } from './usecases/common.js';

async function factsOf(db: repo.H, id: number) {
  const row = await repo.findTopic(db, id);
  if (!row) return null;
  return { row, facts: topicFacts(await repo.desk(db), row, await repo.membersOf(db, [id])) };
}

/** 调研: 调研选题, the 调研联席会议's decision, 课题 with team and milestones, 结题 into 资源共享, 转化 links. */
export const researchModule = defineModule({
  name: 'research',
  migrations: { '202612071000_research_core': core },
  service: (ctx) => new ResearchService(ctx),
  routes: (app, svc) => registerResearchRoutes(app, svc),
  search: { research: (db) => searchDocs(db) },
  attachmentOwners: () => ({
    research_topic: {
      async canRead(db, actor, id) {
        const t = await factsOf(db, id);
        return t !== null && topicActions.read(actor, t.facts);
      },
      async canAttach(db, actor, id) {
        const t = await factsOf(db, id);
        return t !== null && topicActions.attach(actor, t.facts);
      },
      async level(db, id) {
        return (await repo.findTopic(db, id))?.level ?? 0;
      },
    },
  }),
  jobs: (svc) => ({ 'research.milestone_due': (trx, job) => svc.remindMilestone(trx, job) }),
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (svc) => svc.looseEnds(),
  seedDemo: (trx, _svc, ctx, demo) => seedResearchDemo(trx, ctx, demo),
});
