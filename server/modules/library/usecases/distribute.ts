/** The 定期分送 job: sends a list's new items to each subscriber (only what that subscriber may see), then schedules the next run. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import * as repo from '../library.repo.js';
import { activeSubscribersOf, markListSent, newItemsFor } from '../repo/library.distribution.js';
import { DAY } from './common.js';

/** A subscriber as an actor, for the visibility rules. */
function subscriberActor(s: { id: number; unit_id: number; clearance: number; roles: string[] }): Actor {
  return {
    id: s.id,
    username: '',
    name: '',
    unitId: s.unit_id,
    unitName: '',
    unitCode: null,
    roles: s.roles as Actor['roles'],
    clearance: s.clearance as Actor['clearance'],
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/** One run of a list (audited `library.distribute`); answers how many subscribers were sent something. */
export async function distribute(ctx: AppContext, trx: Trx, listId: number): Promise<number> {
  const list = await repo.findList(trx, listId);
  if (!list || list.active !== 1) return 0;
  const now = ctx.clock.now();
  const kinds = JSON.parse(list.kinds) as string[];
  let sent = 0;
  for (const s of await activeSubscribersOf(trx, listId)) {
    const items = await newItemsFor(trx, subscriberActor(s), kinds, list.last_sent_at, iso(now));
    if (!items.length) continue;
    await ctx.notifier.send(trx, [s.id], {
      kind: 'library.distribution',
      title: `定期分送：${list.name}（${items.length} 件）`,
      body: items.map((i) => `· ${i.title}`).join('\n'),
      link: '/library',
      level: 0,
    });
    sent++;
  }
  await markListSent(trx, listId, iso(now));
  await ctx.scheduler.schedule(trx, {
    kind: 'library.distribute',
    targetType: 'library_distribution',
    targetId: listId,
    dueAt: new Date(now.getTime() + list.period_days * DAY),
  });
  await ctx.audit.append(trx, {
    actor: null,
    action: 'library.distribute',
    targetType: 'library_distribution',
    targetId: listId,
    detail: { subscribersSent: sent },
  });
  return sent;
}
