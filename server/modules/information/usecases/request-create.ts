/** 发起约稿: 信息处 asks chosen units for information on a topic by a deadline; their liaisons are notified and reminded before it. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { requestPolicy } from '../information.policy.js';
import { countActiveUnits, unitUsers } from '../information.repo.js';
import type { CreateRequestInput } from '../information.requests.schema.js';
import { insertRequest } from '../repo/information.requests.js';
import { assertLevel } from './common.js';
import { REQUEST_REMIND_JOB, reminderAt } from './request-remind.js';

/** Who hears of a request in an asked unit: its liaisons and division heads cleared for it. */
export const REQUEST_ROLES = ['liaison', 'division_head'];

/** Creates a 约稿 (`information.request_create`). */
export async function createRequest(ctx: AppContext, actor: Actor, input: CreateRequestInput) {
  authorize(actor, requestPolicy.create, null, { action: 'information.request_create', targetType: 'info_request' });
  const unitIds = [...new Set(input.unitIds)];
  return ctx.db.transaction().execute(async (trx) => {
    await assertLevel(ctx, trx, actor, input.level);
    const now = ctx.clock.now();
    if (input.deadline < chinaDate(now)) throw new RuleError('information.request_deadline_past');
    if ((await countActiveUnits(trx, unitIds)) !== unitIds.length) throw new RuleError('information.unknown_unit');
    const at = iso(now);
    const id = await insertRequest(
      trx,
      {
        topic: input.topic,
        description: input.description,
        level: input.level,
        deadline: input.deadline,
        status: 'open',
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      },
      unitIds,
    );
    const remind = reminderAt(ctx, input.deadline, now);
    if (remind) await ctx.scheduler.schedule(trx, { kind: REQUEST_REMIND_JOB, targetType: 'info_request', targetId: id, dueAt: remind });
    await ctx.audit.append(trx, {
      actor,
      action: 'information.request_create',
      targetType: 'info_request',
      targetId: id,
      detail: { unitIds, deadline: input.deadline, level: input.level },
    });
    const recipients = (await Promise.all(unitIds.map((u) => unitUsers(trx, { id: u }, REQUEST_ROLES, input.level)))).flat();
    await ctx.notifier.send(trx, recipients, {
      kind: 'information.request',
      title: `约稿：${input.topic}（${input.deadline}前报送）`,
      body: '',
      link: `/information/requests/${id}`,
      level: input.level,
    });
    return { id, version: 1, status: 'open' };
  });
}
