/** Test factory: the `Actor` of a demo user, as the server builds it for a request. */
import type { Actor } from '../../server/platform/actor.js';
import { IdentityService } from '../../server/modules/identity/identity.service.js';
import type { TestEnv } from '../harness.js';

/** The actor of demo user `username` (its roles, unit, clearance), for calling a service directly. */
export async function actorOf(env: TestEnv, username: string): Promise<Actor> {
  const id = env.demo.userByName[username];
  if (id === undefined) throw new Error(`no demo user ${username}`);
  const actor = await new IdentityService(env.ctx).loadActor(env.ctx.db, id, { ip: null, userAgent: null, locale: 'zh-CN' });
  if (!actor) throw new Error(`demo user ${username} cannot act`);
  return actor;
}
