/** The 约稿 reminder: at 09:00 China time on the last working day before the deadline, the units that have not answered are notified. */
import { SYSTEM_ACTOR } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import type { Trx } from '../../../db/client.js';
import { unitUsers } from '../information.repo.js';
import { loadRequest, markReminded, unansweredAsks } from '../repo/information.requests.js';

/** The scheduler job that reminds unanswered units of a 约稿. */
export const REQUEST_REMIND_JOB = 'information.request_remind';

const DAY = 86_400_000;
const nineAm = (day: string) => new Date(`${day}T09:00:00+08:00`);

/**
 * When to remind: 09:00 on the last working day before `deadline`, or 09:00 on the deadline day
 * when that one has passed already; null when both have (the request is due today, its units just heard of it).
 */
export function reminderAt(ctx: AppContext, deadline: string, now: Date): Date | null {
  let d = new Date(`${deadline}T00:00:00Z`);
  for (let i = 0; i < 14; i++) {
    d = new Date(d.getTime() - DAY);
    if (ctx.calendar.isWorkday(d.toISOString().slice(0, 10))) break;
  }
  for (const at of [nineAm(d.toISOString().slice(0, 10)), nineAm(deadline)]) if (at.getTime() > now.getTime()) return at;
  return null;
}

/** Job: a request still open reminds the liaisons of its unanswered units (`information.request_remind`). */
export async function remindRequest(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const req = await loadRequest(trx, job.targetId);
  if (!req || req.status !== 'open') return;
  const asks = await unansweredAsks(trx).where('r.request_id', '=', req.id).execute();
  if (!asks.length) return;
  const at = iso(ctx.clock.now());
  await markReminded(
    trx,
    asks.map((a) => a.id),
    at,
  );
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'information.request_remind',
    targetType: 'info_request',
    targetId: req.id,
    detail: { unitIds: asks.map((a) => a.unit_id), deadline: req.deadline },
  });
  const recipients = (await Promise.all(asks.map((a) => unitUsers(trx, { id: a.unit_id }, ['liaison', 'division_head'], req.level)))).flat();
  await ctx.notifier.send(trx, recipients, {
    kind: 'information.request_remind',
    title: `约稿催报：《${req.topic}》将于${req.deadline}截止，本单位尚未报送`,
    body: '请按时报送',
    link: `/information/requests/${req.id}`,
    level: req.level,
  });
}
