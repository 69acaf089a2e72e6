/** Job: the recipient units of a distributed document that have not signed for their copy are reminded. */
import type { Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import { unitClerks } from '../repo/documents.people.js';
import { deliveries } from '../repo/documents.relations.js';

/**
 * At the 签收时限 (`RECEIPT_DAYS` after 核发): each copy still 待签收 notifies its unit's 文书 and
 * 联络员; recorded in the audit trail. Runs in the scheduler's claiming transaction.
 */
export async function runReceiptRemind(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const waiting = (await deliveries(trx, job.targetId)).filter((c) => c.status === 'to_receive');
  if (!waiting.length) return;
  for (const copy of waiting)
    await ctx.notifier.send(trx, await unitClerks(trx, [copy.unit_id], copy.level), {
      kind: 'documents.receipt_remind',
      title: `来文尚未签收：${copy.original_no ?? ''} ${copy.title}`,
      body: '请及时签收',
      link: `/documents/${copy.id}`,
      level: copy.level,
    });
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'documents.out.receipt_remind',
    targetType: 'document',
    targetId: job.targetId,
    detail: { jobId: job.id, units: waiting.map((c) => c.unit_id) },
  });
}
