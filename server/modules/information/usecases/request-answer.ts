/** 答复约稿: a report submitted with `requestId` answers the request for the reporter's unit (called inside the 报送 transaction). */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { canReadRequest, requestPolicy, type LoadedInfoRequest } from '../information.policy.js';
import { insertAnswer, loadRequest } from '../repo/information.requests.js';

/**
 * The request a report is to answer: readable and asking the actor's unit (422
 * `information.request_not_asked` otherwise, the same answer whether it exists or not), and open (409).
 */
export async function answerableRequest(trx: Trx, actor: Actor, requestId: number): Promise<LoadedInfoRequest> {
  const req = await loadRequest(trx, requestId);
  if (!req || !canReadRequest(actor, req) || !req.unitIds.includes(actor.unitId)) throw new RuleError('information.request_not_asked');
  if (req.status !== 'open') throw new ConflictError('information.request_closed');
  if (!requestPolicy.answer(actor, req)) throw new RuleError('information.request_not_asked');
  return req;
}

/** Links report `itemId` to the request (`information.request_answer`) and tells the request's author. */
export async function linkAnswer(ctx: AppContext, trx: Trx, actor: Actor, req: LoadedInfoRequest, itemId: number, at: string): Promise<void> {
  await insertAnswer(trx, { requestId: req.id, unitId: actor.unitId, itemId, by: actor.id, at });
  await ctx.audit.append(trx, {
    actor,
    action: 'information.request_answer',
    targetType: 'info_request',
    targetId: req.id,
    detail: { unitId: actor.unitId, itemId },
  });
  await ctx.notifier.send(trx, [req.created_by], {
    kind: 'information.request_answered',
    title: `${actor.unitName}已答复约稿《${req.topic}》`,
    body: '',
    link: `/information/requests/${req.id}`,
    level: req.level,
  });
}
