/**
 * 交接班: the outgoing shift signs a hand-over listing its open entries (refused while one lacks an
 * owner); the incoming shift confirms, and the open entries carry over to it, counted on each entry.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { dutyPolicy, type Desk, type HandoverFacts } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import { entryFacts, presentEntries, presentShifts, shiftFacts } from './common.js';

async function handoverFacts(db: repo.H, desk: Desk, h: repo.HandoverRecord): Promise<HandoverFacts> {
  const next = (await repo.findShift(db, h.next_shift_id))!;
  return { ...desk, status: h.status, incoming: { leaderId: next.leader_id, staffId: next.staff_id } };
}

async function presentHandover(db: repo.H, actor: Actor, desk: Desk, h: repo.HandoverRecord | undefined) {
  if (!h) return null;
  const names = await repo.userNames(db, [h.signed_by, ...(h.confirmed_by !== null ? [h.confirmed_by] : [])]);
  return {
    id: h.id,
    shiftId: h.shift_id,
    nextShiftId: h.next_shift_id,
    entryIds: JSON.parse(h.entry_ids) as number[],
    note: h.note,
    status: h.status as 'signed' | 'confirmed',
    signedBy: { id: h.signed_by, name: names.get(h.signed_by) ?? '' },
    signedAt: h.signed_at,
    confirmedBy: h.confirmed_by !== null ? { id: h.confirmed_by, name: names.get(h.confirmed_by) ?? '' } : null,
    confirmedAt: h.confirmed_at,
    canConfirm: dutyPolicy.confirmHandover(actor, await handoverFacts(db, desk, h)),
    version: h.version,
  };
}

/** The hand-over page of a shift: the shift, its open entries (those the actor may read) and the hand-over if signed. */
export async function handoverPage(ctx: AppContext, actor: Actor, shiftId: number) {
  const desk = await repo.desk(ctx.db);
  const shift = await repo.findShift(ctx.db, shiftId);
  authorize(actor, dutyPolicy.readRoster, shift ? desk : undefined, {
    action: 'duty.handover_read',
    targetType: 'duty_shift',
    targetId: shiftId,
    mode: 'read',
  });
  const open = await repo.openEntriesOfShift(ctx.db, shiftId);
  const entries = await presentEntries(
    ctx.db,
    actor,
    desk,
    open.filter((e) => dutyPolicy.readEntry(actor, entryFacts(desk, e))),
  );
  return {
    shift: (await presentShifts(ctx.db, actor, desk, [shift!]))[0]!,
    openEntries: entries,
    handover: await presentHandover(ctx.db, actor, desk, await repo.handoverOfShift(ctx.db, shiftId)),
  };
}

/** 交班: signs the hand-over of a shift to the next one in the roster. */
export async function signHandover(ctx: AppContext, actor: Actor, shiftId: number, version: number, note: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    const shift = await repo.findShift(trx, shiftId);
    authorize(actor, dutyPolicy.readRoster, shift ? desk : undefined, {
      action: 'duty.handover_sign',
      targetType: 'duty_shift',
      targetId: shiftId,
      mode: 'read',
    });
    if (await repo.handoverOfShift(trx, shiftId)) throw new RuleError('duty.already_handed_over');
    authorize(actor, dutyPolicy.signHandover, shiftFacts(desk, shift!), { action: 'duty.handover_sign', targetType: 'duty_shift', targetId: shiftId });
    assertVersion(shift!, version);
    const open = await repo.openEntriesOfShift(trx, shiftId);
    const orphans = open.filter((e) => e.owner_user_id === null);
    if (orphans.length) throw new RuleError('duty.entry_without_owner', { entries: orphans.map((e) => `#${e.id}（${e.caller_unit || e.caller}）`).join('、') });
    const next = await repo.nextShift(trx, shift!);
    if (!next) throw new RuleError('duty.no_next_shift');
    const at = iso(ctx.clock.now());
    await updateVersioned(trx, 'duty_shift', shift!, { status: 'handed_over', updated_at: at });
    const id = await repo.insertHandover(trx, {
      shift_id: shiftId,
      next_shift_id: next.id,
      entry_ids: JSON.stringify(open.map((e) => e.id)),
      note,
      status: 'signed',
      signed_by: actor.id,
      signed_at: at,
      confirmed_by: null,
      confirmed_at: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'duty.handover_sign',
      targetType: 'duty_handover',
      targetId: id,
      detail: { shiftId, nextShiftId: next.id, open: open.length },
    });
    await ctx.notifier.send(trx, [next.leader_id, next.staff_id], {
      kind: 'duty.handover',
      title: '请确认接班',
      body: `${open.length} 项未办结事项`,
      link: `/duty/shifts/${shiftId}/handover`,
      level: 0,
    });
    return (await presentHandover(trx, actor, desk, await repo.findHandover(trx, id)))!;
  });
}

/** 接班: the incoming shift confirms; the open entries listed move to it. */
export async function confirmHandover(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    const h = await repo.findHandover(trx, id);
    authorize(actor, dutyPolicy.readRoster, h ? desk : undefined, { action: 'duty.handover_confirm', targetType: 'duty_handover', targetId: id, mode: 'read' });
    authorize(actor, dutyPolicy.confirmHandover, await handoverFacts(trx, desk, h!), {
      action: 'duty.handover_confirm',
      targetType: 'duty_handover',
      targetId: id,
    });
    assertVersion(h!, version);
    const at = iso(ctx.clock.now());
    const ids = (JSON.parse(h!.entry_ids) as number[]).filter(Boolean);
    const stillOpen = (await repo.openEntriesOfShift(trx, h!.shift_id)).filter((e) => ids.includes(e.id)).map((e) => e.id);
    await repo.carryOver(trx, stillOpen, h!.next_shift_id, at);
    await updateVersioned(trx, 'duty_handover', h!, { status: 'confirmed', confirmed_by: actor.id, confirmed_at: at, updated_at: at });
    await ctx.audit.append(trx, { actor, action: 'duty.handover_confirm', targetType: 'duty_handover', targetId: id, detail: { carried: stillOpen.length } });
    return (await presentHandover(trx, actor, desk, await repo.findHandover(trx, id)))!;
  });
}
