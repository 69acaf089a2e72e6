/**
 * 办理结果: every entry ends with a recorded outcome — handled on the spot, 转办 to a division, into
 * 督查督办, or put to the leader on duty, whose instruction then ends it. Also naming the owner and the
 * written report of a 突发事件.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { dutyPolicy } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import { loadEntry, presentEntries } from './common.js';

/** What recording an outcome takes. */
export interface OutcomeInput {
  version: number;
  kind: 'on_spot' | 'to_unit' | 'to_supervision' | 'to_leader';
  text: string;
  unitId?: number;
  deadline?: string;
}

const ACTION = {
  on_spot: 'duty.entry_handle',
  to_unit: 'duty.entry_transfer',
  to_supervision: 'duty.entry_supervise',
  to_leader: 'duty.entry_to_leader',
} as const;

/** Records the outcome of an open entry. */
export async function recordOutcome(ctx: AppContext, actor: Actor, id: number, input: OutcomeInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const action = ACTION[input.kind];
    const { row, facts, desk } = await loadEntry(trx, actor, id, action);
    authorize(actor, dutyPolicy.handle, facts, { action, targetType: 'duty_entry', targetId: id });
    assertVersion(row, input.version);
    const text = input.text.trim();
    if (!text) throw new RuleError('duty.outcome_required');
    const at = iso(ctx.clock.now());
    const set: Record<string, unknown> = { outcome_kind: input.kind, outcome: text, updated_at: at };
    if (input.kind === 'on_spot') set.status = 'handled';
    if (input.kind === 'to_leader') {
      if (row.leader_id === null) throw new RuleError('duty.no_leader_on_duty');
      set.status = 'awaiting_instruction';
      set.owner_user_id = row.leader_id;
    }
    if (input.kind === 'to_unit' || input.kind === 'to_supervision') {
      if (!input.unitId) throw new RuleError('duty.unit_required');
      if (!(await repo.activeUnit(trx, input.unitId))) throw new RuleError('duty.unknown_unit');
      set.status = 'transferred';
      set.target_unit_id = input.unitId;
    }
    if (input.kind === 'to_supervision') {
      const supervision = ctx.services.supervision;
      if (!supervision) throw new RuleError('duty.supervision_unavailable');
      if (!input.deadline) throw new RuleError('duty.deadline_required');
      const created = await supervision.createFromSource(trx, actor, {
        source: 'instruction',
        sourceType: 'duty_entry',
        sourceId: id,
        sourceRef: `值班日志 ${chinaDate(new Date(row.received_at))} ${row.caller_unit || row.caller}来电`,
        title: row.summary.slice(0, 60),
        requirement: text,
        leadUnitId: input.unitId!,
        coUnitIds: [],
        instructedAt: row.received_at,
        deadline: input.deadline,
        level: row.level,
      });
      set.supervision_item_id = created.id;
      set.supervision_number = created.number;
    }
    await updateVersioned(trx, 'duty_entry', row, set);
    await ctx.audit.append(trx, {
      actor,
      action,
      targetType: 'duty_entry',
      targetId: id,
      changes: { status: [row.status, set.status], outcome: [null, text] },
      detail: { unitId: input.unitId ?? null, supervisionItemId: (set.supervision_item_id as number | undefined) ?? null },
    });
    const notify = input.kind === 'to_leader' ? [row.leader_id!] : [];
    if (notify.length)
      await ctx.notifier.send(trx, notify, {
        kind: 'duty.instruction',
        title: '值班事项请示',
        body: row.summary.slice(0, 80),
        link: `/duty/entries/${id}`,
        level: row.level,
      });
    return (await presentEntries(trx, actor, desk, [(await repo.findEntry(trx, id))!]))[0]!;
  });
}

/** 领导批示: the leader on duty's instruction ends an entry put to them. */
export async function instruct(ctx: AppContext, actor: Actor, id: number, version: number, text: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, facts, desk } = await loadEntry(trx, actor, id, 'duty.entry_instruct');
    authorize(actor, dutyPolicy.instruct, facts, { action: 'duty.entry_instruct', targetType: 'duty_entry', targetId: id });
    assertVersion(row, version);
    if (!text.trim()) throw new RuleError('duty.outcome_required');
    const at = iso(ctx.clock.now());
    const outcome = `${row.outcome ?? ''}\n领导批示（${actor.name}）：${text.trim()}`.trim();
    await updateVersioned(trx, 'duty_entry', row, { status: 'handled', outcome, updated_at: at });
    await ctx.audit.append(trx, { actor, action: 'duty.entry_instruct', targetType: 'duty_entry', targetId: id, changes: { status: [row.status, 'handled'] } });
    await ctx.notifier.send(trx, [row.registered_by], {
      kind: 'duty.instruction',
      title: '领导已批示',
      body: row.summary.slice(0, 80),
      link: `/duty/entries/${id}`,
      level: row.level,
    });
    return (await presentEntries(trx, actor, desk, [(await repo.findEntry(trx, id))!]))[0]!;
  });
}

/** 指定承办人 of an open entry (a desk member). */
export async function assignOwner(ctx: AppContext, actor: Actor, id: number, version: number, ownerId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, facts, desk } = await loadEntry(trx, actor, id, 'duty.entry_assign');
    authorize(actor, dutyPolicy.assignOwner, facts, { action: 'duty.entry_assign', targetType: 'duty_entry', targetId: id });
    assertVersion(row, version);
    const user = (await repo.usersById(trx, [ownerId])).get(ownerId);
    if (!user) throw new RuleError('duty.unknown_user', { user: ownerId });
    if (!desk.dutyUnitIds.includes(user.unitId) && ownerId !== row.leader_id) throw new RuleError('duty.not_desk', { name: user.name });
    await updateVersioned(trx, 'duty_entry', row, { owner_user_id: ownerId, updated_at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, {
      actor,
      action: 'duty.entry_assign',
      targetType: 'duty_entry',
      targetId: id,
      changes: { owner_user_id: [row.owner_user_id, ownerId] },
    });
    return (await presentEntries(trx, actor, desk, [(await repo.findEntry(trx, id))!]))[0]!;
  });
}

/** 书面报告 of a 突发事件: filed once; the reminder and escalation jobs then do nothing. */
export async function fileReport(ctx: AppContext, actor: Actor, id: number, version: number, text: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, facts, desk } = await loadEntry(trx, actor, id, 'duty.entry_report');
    authorize(actor, dutyPolicy.report, facts, { action: 'duty.entry_report', targetType: 'duty_entry', targetId: id });
    assertVersion(row, version);
    if (!text.trim()) throw new RuleError('duty.outcome_required');
    const at = iso(ctx.clock.now());
    await updateVersioned(trx, 'duty_entry', row, { report_text: text.trim(), reported_at: at, updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'duty.entry_report',
      targetType: 'duty_entry',
      targetId: id,
      detail: { late: row.report_due_at !== null && at > row.report_due_at },
    });
    if (row.leader_id !== null)
      await ctx.notifier.send(trx, [row.leader_id], {
        kind: 'duty.emergency',
        title: '突发事件书面报告',
        body: row.summary.slice(0, 80),
        link: `/duty/entries/${id}`,
        level: row.level,
      });
    return (await presentEntries(trx, actor, desk, [(await repo.findEntry(trx, id))!]))[0]!;
  });
}
