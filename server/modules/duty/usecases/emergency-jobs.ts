/** 突发事件 time limits: at the limit the desk is reminded; after it the leader on duty is alerted (升级). */
import type { Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import { updateVersioned } from '../../../platform/versioned.js';
import * as repo from '../duty.repo.js';

/** 催报: the written report is due and not filed — remind its owner and the registrar. */
export async function remindReport(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const e = await repo.findEntry(trx, job.targetId);
  if (!e || e.reported_at !== null) return;
  const to = [e.registered_by, ...(e.owner_user_id !== null ? [e.owner_user_id] : [])];
  await ctx.notifier.send(trx, to, {
    kind: 'duty.report_due',
    title: '突发事件书面报告已到时限',
    body: e.summary.slice(0, 80),
    link: `/duty/entries/${e.id}`,
    level: e.level,
  });
  await ctx.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'duty.report_remind', targetType: 'duty_entry', targetId: e.id });
}

/** 升级: still no report after the grace period — the leader on duty is alerted and the entry marked escalated. */
export async function escalateReport(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const e = await repo.findEntry(trx, job.targetId);
  if (!e || e.reported_at !== null || e.escalated_at !== null) return;
  const at = iso(ctx.clock.now());
  await updateVersioned(trx, 'duty_entry', e, { escalated_at: at, updated_at: at });
  if (e.leader_id !== null)
    await ctx.notifier.send(trx, [e.leader_id], {
      kind: 'duty.report_late',
      title: '突发事件书面报告逾期',
      body: e.summary.slice(0, 80),
      link: `/duty/entries/${e.id}`,
      level: e.level,
    });
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'duty.report_escalate',
    targetType: 'duty_entry',
    targetId: e.id,
    detail: { leaderId: e.leader_id },
  });
}
