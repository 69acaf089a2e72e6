/** Job: automatic 催办 of an urgent incoming document still being handled. */
import type { Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import { unitClerks } from '../repo/documents.people.js';
import { unitsWithoutReply, urgeTarget } from '../repo/documents.relations.js';

/**
 * The units that have not replied are reminded; recorded in the audit trail. Runs in the
 * scheduler's claiming transaction.
 */
export async function runAutoUrge(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const d = await urgeTarget(trx, job.targetId);
  if (!d || d.status !== 'handling') return;
  const pending = await unitsWithoutReply(trx, d.id);
  if (!pending.length) return;
  const overdue = d.deadline !== null && chinaDate(ctx.clock.now()) > d.deadline;
  await ctx.notifier.send(trx, await unitClerks(trx, pending, d.level), {
    kind: 'documents.urge',
    title: `${overdue ? '超期催办' : '到期催办'}：${d.title}`,
    body: `办理时限 ${d.deadline ?? '—'}，请抓紧办理并答复`,
    link: `/documents/${d.id}`,
    level: d.level,
  });
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'documents.in.auto_urge',
    targetType: 'document',
    targetId: d.id,
    detail: { jobId: job.id, overdue, units: pending, deadline: d.deadline },
  });
}
