/** 换班: a swap asked for by whoever is on a shift, approved (the shift changes) or refused by a manager. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { dutyPolicy, type Desk } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import { shiftFacts } from './common.js';

/** Swaps as the API answers them. */
export async function presentSwaps(db: repo.H, actor: Actor, desk: Desk, rows: repo.SwapRecord[]) {
  const names = await repo.userNames(
    db,
    rows.flatMap((s) => [s.from_user_id, s.to_user_id]),
  );
  return rows.map((s) => ({
    id: s.id,
    shiftId: s.shift_id,
    role: s.role as 'leader' | 'staff',
    from: { id: s.from_user_id, name: names.get(s.from_user_id) ?? '' },
    to: { id: s.to_user_id, name: names.get(s.to_user_id) ?? '' },
    reason: s.reason,
    status: s.status as 'pending' | 'approved' | 'rejected',
    canDecide: dutyPolicy.decideSwap(actor, { ...desk, status: s.status }),
    version: s.version,
  }));
}

/** 申请换班: the person taking over must fit the role (a leader, or desk staff). */
export async function requestSwap(ctx: AppContext, actor: Actor, shiftId: number, input: { role: 'leader' | 'staff'; toUserId: number; reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    const shift = await repo.findShift(trx, shiftId);
    authorize(actor, dutyPolicy.readRoster, shift ? desk : undefined, {
      action: 'duty.swap_request',
      targetType: 'duty_shift',
      targetId: shiftId,
      mode: 'read',
    });
    authorize(actor, dutyPolicy.requestSwap, shiftFacts(desk, shift!), { action: 'duty.swap_request', targetType: 'duty_shift', targetId: shiftId });
    const from = input.role === 'leader' ? shift!.leader_id : shift!.staff_id;
    if (from === input.toUserId) throw new RuleError('duty.swap_same_user');
    const to = (await repo.usersById(trx, [input.toUserId])).get(input.toUserId);
    if (!to) throw new RuleError('duty.unknown_user', { user: input.toUserId });
    if (input.role === 'leader' && !to.roles.includes('leader')) throw new RuleError('duty.not_leader', { name: to.name });
    if (input.role === 'staff' && !desk.dutyUnitIds.includes(to.unitId)) throw new RuleError('duty.not_desk', { name: to.name });
    const at = iso(ctx.clock.now());
    const id = await repo.insertSwap(trx, {
      shift_id: shiftId,
      role: input.role,
      from_user_id: from,
      to_user_id: input.toUserId,
      reason: input.reason,
      status: 'pending',
      requested_by: actor.id,
      decided_by: null,
      decided_at: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, { actor, action: 'duty.swap_request', targetType: 'duty_swap', targetId: id, detail: { shiftId, role: input.role } });
    const managers = [shift!.leader_id, shift!.staff_id, input.toUserId].filter((u) => u !== actor.id);
    await ctx.notifier.send(trx, managers, {
      kind: 'duty.swap',
      title: '换班申请',
      body: `${shift!.date} ${shift!.shift === 'day' ? '白班' : '夜班'}`,
      link: '/duty/roster',
      level: 0,
    });
    const row = (await repo.findSwap(trx, id))!;
    return (await presentSwaps(trx, actor, desk, [row]))[0]!;
  });
}

/** 批准 or 不批准 a swap; an approved swap changes the shift (both versioned and audited). */
export async function decideSwap(ctx: AppContext, actor: Actor, swapId: number, version: number, approve: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    const swap = await repo.findSwap(trx, swapId);
    const action = approve ? 'duty.swap_approve' : 'duty.swap_reject';
    authorize(actor, dutyPolicy.readRoster, swap ? desk : undefined, { action, targetType: 'duty_swap', targetId: swapId, mode: 'read' });
    authorize(actor, dutyPolicy.decideSwap, { ...desk, status: swap!.status }, { action, targetType: 'duty_swap', targetId: swapId });
    assertVersion(swap!, version);
    const at = iso(ctx.clock.now());
    await updateVersioned(trx, 'duty_swap', swap!, { status: approve ? 'approved' : 'rejected', decided_by: actor.id, decided_at: at, updated_at: at });
    if (approve) {
      const shift = (await repo.findShift(trx, swap!.shift_id))!;
      const col = swap!.role === 'leader' ? 'leader_id' : 'staff_id';
      await updateVersioned(trx, 'duty_shift', shift, { [col]: swap!.to_user_id, updated_at: at });
    }
    await ctx.audit.append(trx, {
      actor,
      action,
      targetType: 'duty_swap',
      targetId: swapId,
      changes: { status: ['pending', approve ? 'approved' : 'rejected'] },
    });
    await ctx.notifier.send(trx, [swap!.requested_by, swap!.from_user_id, swap!.to_user_id], {
      kind: 'duty.swap',
      title: approve ? '换班已批准' : '换班未批准',
      body: '',
      link: '/duty/roster',
      level: 0,
    });
    const row = (await repo.findSwap(trx, swapId))!;
    return (await presentSwaps(trx, actor, desk, [row]))[0]!;
  });
}
