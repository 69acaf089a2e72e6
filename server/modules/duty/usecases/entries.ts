/** 值班日志: registering an incoming call, fax, telegram or e-mail, and reading the log. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { dutyPolicy } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import { loadEntry, presentEntries, settings, shiftKeyAt } from './common.js';

/** What registering an entry takes. */
export interface EntryInput {
  receivedAt?: string;
  channel: string;
  kind: 'routine' | 'emergency';
  caller: string;
  callerUnit: string;
  summary: string;
  urgency: string;
  level: number;
  ownerId?: number | null;
}

/**
 * 登记: the entry joins the shift covering its time (its leader on duty noted). A 突发事件 goes to the
 * leader on duty at once and its written report is due within the limit: a reminder is scheduled at
 * the limit and an escalation to the leader on duty after it.
 */
export async function registerEntry(ctx: AppContext, actor: Actor, input: EntryInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    authorize(actor, dutyPolicy.register, desk, { action: 'duty.entry_register', targetType: 'duty_entry' });
    if (input.level > actor.clearance) throw new RuleError('duty.level_too_high');
    const now = ctx.clock.now();
    const received = input.receivedAt ? new Date(input.receivedAt) : now;
    const key = shiftKeyAt(received);
    const shift = await repo.shiftAt(trx, key.date, key.shift);
    const ownerId = input.ownerId === undefined ? actor.id : input.ownerId;
    if (ownerId !== null) {
      const owner = (await repo.usersById(trx, [ownerId])).get(ownerId);
      if (!owner) throw new RuleError('duty.unknown_user', { user: ownerId });
      if (!desk.dutyUnitIds.includes(owner.unitId)) throw new RuleError('duty.not_desk', { name: owner.name });
    }
    const s = await settings(trx);
    const due = input.kind === 'emergency' ? new Date(received.getTime() + s.reportLimitMinutes * 60_000) : null;
    const at = iso(now);
    const id = await repo.insertEntry(trx, {
      shift_id: shift?.id ?? null,
      received_at: iso(received),
      channel: input.channel,
      kind: input.kind,
      caller: input.caller,
      caller_unit: input.callerUnit,
      summary: input.summary,
      urgency: input.urgency,
      level: input.level,
      status: 'open',
      owner_user_id: ownerId,
      leader_id: shift?.leader_id ?? null,
      outcome_kind: null,
      outcome: null,
      target_unit_id: null,
      supervision_item_id: null,
      supervision_number: null,
      report_due_at: due ? iso(due) : null,
      report_text: null,
      reported_at: null,
      escalated_at: null,
      carried_over: 0,
      registered_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'duty.entry_register',
      targetType: 'duty_entry',
      targetId: id,
      detail: { kind: input.kind, channel: input.channel, level: input.level },
    });
    if (due) {
      if (shift)
        await ctx.notifier.send(trx, [shift.leader_id], {
          kind: 'duty.emergency',
          title: '突发事件报告',
          body: input.summary.slice(0, 80),
          link: `/duty/entries/${id}`,
          level: input.level,
        });
      await ctx.scheduler.schedule(trx, { kind: 'duty.report_remind', targetType: 'duty_entry', targetId: id, dueAt: due });
      await ctx.scheduler.schedule(trx, {
        kind: 'duty.report_escalate',
        targetType: 'duty_entry',
        targetId: id,
        dueAt: new Date(due.getTime() + s.escalateAfterMinutes * 60_000),
      });
    }
    const row = (await repo.findEntry(trx, id))!;
    return (await presentEntries(trx, actor, desk, [row]))[0]!;
  });
}

/** The log as the actor may see it, newest first. */
export async function listEntries(ctx: AppContext, actor: Actor, q: { open?: '0' | '1'; limit: number; offset: number }) {
  const desk = await repo.desk(ctx.db);
  const rows = await repo.listEntries(ctx.db, actor, desk, { open: q.open === '1', limit: q.limit, offset: q.offset });
  return { items: await presentEntries(ctx.db, actor, desk, rows), can: { register: dutyPolicy.register(actor, desk) } };
}

/** One entry (404 unless readable). */
export async function getEntry(ctx: AppContext, actor: Actor, id: number) {
  const { row, desk } = await loadEntry(ctx.db, actor, id, 'duty.entry_read');
  return (await presentEntries(ctx.db, actor, desk, [row]))[0]!;
}
