/** 结束约稿: 信息处 closes a request; units that did not answer stay listed as such. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { requestPolicy } from '../information.policy.js';
import { loadRequest, unansweredAsks, updateRequest } from '../repo/information.requests.js';
import { REQUEST_REMIND_JOB } from './request-remind.js';

/** Closes an open request at `version` (`information.request_close`). */
export async function closeRequest(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const req = await loadRequest(trx, id);
    authorize(actor, requestPolicy.read, req, { action: 'information.request_close', targetType: 'info_request', targetId: id, mode: 'read' });
    assertVersion(req, version);
    if (req.status !== 'open') throw new ConflictError('information.request_closed');
    authorize(actor, requestPolicy.close, req, { action: 'information.request_close', targetType: 'info_request', targetId: id });
    const at = iso(ctx.clock.now());
    const unanswered = await unansweredAsks(trx).where('r.request_id', '=', id).execute();
    const next = await updateRequest(trx, req, { status: 'closed', closed_by: actor.id, closed_at: at, updated_at: at });
    await ctx.scheduler.cancel(trx, 'info_request', id, REQUEST_REMIND_JOB);
    await ctx.audit.append(trx, {
      actor,
      action: 'information.request_close',
      targetType: 'info_request',
      targetId: id,
      changes: { status: ['open', 'closed'] },
      detail: { unanswered: unanswered.map((u) => u.unit_id) },
    });
    return { id, version: next, status: 'closed' };
  });
}
