/** 报送: a unit reports an item (or a 续报 of its first report); 迟报 is recorded with its delay; an open event of the unit is answered. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { INFO_DESK_UNIT_CODE, OMISSION_JOB } from '../information.constants.js';
import { canReadItem, informationPolicy } from '../information.policy.js';
import { insertItem, insertRevision, loadItem, openEventOf, unitUsers, updateEvent } from '../information.repo.js';
import type { SubmitInput } from '../information.schema.js';
import { assertLevel, assertPast, lateness, reportingDue } from './common.js';
import { answerableRequest, linkAnswer } from './request-answer.js';

/** The first report a 续报 chains to: a readable report of the actor's own unit (422 otherwise). */
async function firstOf(trx: Trx, actor: Actor, parentId: number): Promise<number> {
  const parent = await loadItem(trx, parentId);
  if (!parent || parent.origin !== 'report' || parent.unit_id !== actor.unitId || !canReadItem(actor, parent))
    throw new RuleError('information.unknown_parent');
  return parent.first_id ?? parent.id;
}

/** 报送 of an information item by the actor's unit; audited as `information.submit`. */
export async function submitItem(ctx: AppContext, actor: Actor, input: SubmitInput) {
  authorize(actor, informationPolicy.submit, null, { action: 'information.submit', targetType: 'info_item' });
  return ctx.db.transaction().execute(async (trx) => {
    await assertLevel(ctx, trx, actor, input.level);
    assertPast(ctx, input.eventAt);
    const now = ctx.clock.now();
    const at = iso(now);
    const eventAt = iso(new Date(input.eventAt));
    const firstId = input.parentId ? await firstOf(trx, actor, input.parentId) : null;
    const request = input.requestId ? await answerableRequest(trx, actor, input.requestId) : null;
    // the time limit binds the first report; a 续报 follows it whenever there is news
    const dueAt = firstId ? null : await reportingDue(ctx, trx, input.kind, eventAt);
    const { late, delayMinutes } = dueAt ? lateness(dueAt, at) : { late: false, delayMinutes: null };
    const event = firstId ? undefined : await openEventOf(trx, actor.unitId, input.kind);
    const id = await insertItem(trx, {
      origin: 'report',
      kind: input.kind,
      title: input.title,
      body: input.body,
      level: input.level,
      unit_id: actor.unitId,
      reporter_id: actor.id,
      event_at: eventAt,
      reported_at: at,
      due_at: dueAt,
      late: late ? 1 : 0,
      delay_minutes: delayMinutes,
      first_id: firstId,
      event_id: event?.id ?? null,
      status: 'submitted',
      created_at: at,
      updated_at: at,
    });
    await insertRevision(trx, { itemId: id, title: input.title, body: input.body, note: null, by: actor.id, at });
    if (request) await linkAnswer(ctx, trx, actor, request, id, at);
    if (event) {
      await updateEvent(trx, event, { status: 'reported', report_id: id, updated_at: at });
      await ctx.scheduler.cancel(trx, 'info_event', event.id, OMISSION_JOB);
    }
    await ctx.audit.append(trx, {
      actor,
      action: 'information.submit',
      targetType: 'info_item',
      targetId: id,
      detail: { kind: input.kind, level: input.level, firstId, dueAt, late, delayMinutes, eventId: event?.id ?? null, requestId: request?.id ?? null },
    });
    if (input.kind === '紧急信息')
      await ctx.notifier.send(trx, await unitUsers(trx, { code: INFO_DESK_UNIT_CODE }, ['staff', 'division_head'], input.level), {
        kind: 'information.urgent',
        title: `紧急信息：${actor.unitName}报送《${input.title}》${late ? '（迟报）' : ''}`,
        body: '请及时采编处理',
        link: `/information/items/${id}`,
        level: input.level,
      });
    return { id, version: 1, status: 'submitted', dueAt, late, delayMinutes, eventId: event?.id ?? null };
  });
}
