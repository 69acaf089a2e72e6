/** 会议 (meetings): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import * as core from './migrations/202611240001_meetings_core.js';
import './meetings.contract.js';
import './meetings.errors.js';
import { searchDocs } from './meetings.repo.js';
import { meetingsLooseEnds } from './repo/meetings.loose-ends.js';
import { registerMeetingsRoutes } from './meetings.routes.js';
import { seedMeetingsDemo } from './meetings.seed.js';
import { MeetingsService } from './meetings.service.js';

/** 会议: agenda topics in three layers, enforced decision gates, minutes that become supervision items. */
export const meetingsModule = defineModule({
  name: 'meetings',
  migrations: { '202611240001_meetings_core': core },
  service: (ctx) => new MeetingsService(ctx),
  routes: (app, svc) => registerMeetingsRoutes(app, svc),
  search: { meetings: (db) => searchDocs(db) },
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (_svc, ctx) => meetingsLooseEnds(ctx.calendar),
  attachmentOwners: (svc) => ({
    meeting_topic: {
      canRead: (db, a, id) => svc.canReadTopic(db, a, id),
      canAttach: (db, a, id) => svc.canAttachTopic(db, a, id),
      level: (db, id) => svc.topicLevel(db, id),
    },
    meeting_material: {
      canRead: (db, a, id) => svc.canReadMaterial(db, a, id),
      canAttach: (db, a, id) => svc.canAttachMaterial(db, a, id),
      level: (db, id) => svc.materialLevel(db, id),
    },
  }),
  seedDemo: (trx, _svc, ctx, demo) => seedMeetingsDemo(trx, ctx, demo),
});
