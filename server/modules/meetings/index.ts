/** 会议 (meetings): the module as the platform plugs it in. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, ZhongshuModule } from '../../platform/module.js';
import * as core from './migrations/202611240001_meetings_core.js';
import { searchDocs } from './meetings.repo.js';
import { registerMeetingsRoutes } from './meetings.routes.js';
import { seedMeetingsDemo } from './meetings.seed.js';
import { MeetingsService } from './meetings.service.js';

// one service per database handle: tests build several apps in one process
const services = new WeakMap<Db, MeetingsService>();
function serviceOf(ctx: AppContext): MeetingsService {
  let svc = services.get(ctx.db);
  if (!svc) {
    svc = new MeetingsService(ctx);
    services.set(ctx.db, svc);
  }
  return svc;
}

/** 会议: agenda topics in three layers, enforced decision gates, minutes that become supervision items. */
export const meetingsModule: ZhongshuModule = {
  name: 'meetings',
  migrations: { '202611240001_meetings_core': core },
  services: (ctx) => {
    ctx.search.registerSource('meetings', (db) => searchDocs(db));
    return serviceOf(ctx);
  },
  register: (app, ctx) => registerMeetingsRoutes(app, serviceOf(ctx)),
  workbench: async (db: Db, actor: Actor, now: Date) => services.get(db)?.workbench(db, actor, now) ?? [],
  attachmentOwners: (ctx) => {
    const svc = serviceOf(ctx);
    return {
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
    };
  },
  seedDemo: (trx, ctx, demo) => seedMeetingsDemo(trx, ctx, demo),
};
