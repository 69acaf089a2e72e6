/** 排班: the month's roster, generating a month from a template, and the printable roster. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { renderRosterDocx } from '../duty.docx.js';
import { dutyPolicy, type Desk } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import { presentShifts } from './common.js';
import { presentSwaps } from './swaps.js';

/** The days of a month (`YYYY-MM`). */
export function daysOf(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * Which of `n` staff takes shift `shiftIndex` (0 day, 1 night) of the month's day `dayIndex`: in turn by
 * shift; with an even number of staff the turn moves on one more each day, so nobody keeps the same shift all month.
 */
export function staffTurn(dayIndex: number, shiftIndex: number, n: number): number {
  return (dayIndex * 2 + shiftIndex + (n % 2 === 0 ? dayIndex : 0)) % n;
}

/** A month's roster: visible to the office and leaders; others get an empty month. */
export async function getRoster(ctx: AppContext, actor: Actor, month: string) {
  const desk = await repo.desk(ctx.db);
  if (!dutyPolicy.readRoster(actor, desk)) return { month, shifts: [], swaps: [], can: { manage: false } };
  const rows = await repo.shiftsOfMonth(ctx.db, month);
  const swaps = await repo.swapsOfShifts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    month,
    shifts: await presentShifts(ctx.db, actor, desk, rows),
    swaps: await presentSwaps(ctx.db, actor, desk, swaps),
    can: { manage: dutyPolicy.manageRoster(actor, desk) },
  };
}

/** Checks that every leader holds the leader role and every staff member is at a desk unit. */
async function checkTemplate(db: repo.H, desk: Desk, leaderIds: number[], staffIds: number[]): Promise<void> {
  const users = await repo.usersById(db, [...leaderIds, ...staffIds]);
  for (const id of [...leaderIds, ...staffIds]) if (!users.has(id)) throw new RuleError('duty.unknown_user', { user: id });
  for (const id of leaderIds) if (!users.get(id)!.roles.includes('leader')) throw new RuleError('duty.not_leader', { name: users.get(id)!.name });
  for (const id of staffIds) if (!desk.dutyUnitIds.includes(users.get(id)!.unitId)) throw new RuleError('duty.not_desk', { name: users.get(id)!.name });
}

/**
 * Generates a month from the template: a day and a night shift per date. On working days one leader
 * leads both shifts of the day; on days off (weekends and holidays of the working-day calendar, 调休
 * workdays count as working days) the leaders take turns by shift, and the shifts are marked holiday.
 * Staff take turns by shift, shifted by one each day so that nobody keeps the same shift all month.
 */
export async function generateMonth(ctx: AppContext, actor: Actor, input: { month: string; leaderIds: number[]; staffIds: number[] }) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    authorize(actor, dutyPolicy.manageRoster, desk, { action: 'duty.roster_generate', targetType: 'duty_roster', targetId: input.month });
    if ((await repo.shiftsOfMonth(trx, input.month)).length) throw new RuleError('duty.roster_exists', { month: input.month });
    await checkTemplate(trx, desk, input.leaderIds, input.staffIds);
    const at = iso(ctx.clock.now());
    let leaderTurn = 0;
    let created = 0;
    let holidays = 0;
    for (const [dayIndex, date] of daysOf(input.month).entries()) {
      const off = !ctx.calendar.isWorkday(date);
      if (off) holidays++;
      const dayLeader = input.leaderIds[leaderTurn++ % input.leaderIds.length]!;
      for (const [shiftIndex, shift] of (['day', 'night'] as const).entries()) {
        const leader = off && shift === 'night' ? input.leaderIds[leaderTurn++ % input.leaderIds.length]! : dayLeader;
        await repo.insertShift(trx, {
          date,
          shift,
          holiday: off ? 1 : 0,
          leader_id: leader,
          staff_id: input.staffIds[staffTurn(dayIndex, shiftIndex, input.staffIds.length)]!,
          status: 'scheduled',
          created_by: actor.id,
          created_at: at,
          updated_at: at,
        });
        created++;
      }
    }
    await ctx.audit.append(trx, {
      actor,
      action: 'duty.roster_generate',
      targetType: 'duty_roster',
      targetId: input.month,
      detail: { created, holidays, leaders: input.leaderIds.length, staff: input.staffIds.length },
    });
    return { month: input.month, created, holidays };
  });
}

/** The month's roster as a DOCX (值班表), for those who may see the roster; the export is audited. */
export async function rosterDocx(ctx: AppContext, actor: Actor, month: string): Promise<{ filename: string; buffer: Buffer }> {
  const desk = await repo.desk(ctx.db);
  authorize(actor, dutyPolicy.readRoster, desk, { action: 'duty.roster_export', targetType: 'duty_roster', targetId: month, mode: 'read' });
  const rows = await repo.shiftsOfMonth(ctx.db, month);
  const names = await repo.userNames(
    ctx.db,
    rows.flatMap((s) => [s.leader_id, s.staff_id]),
  );
  const buffer = await renderRosterDocx({
    issuer: (await repo.officeName(ctx.db)) ?? '办公厅',
    month,
    rows: rows.map((s) => ({
      date: s.date,
      shift: s.shift,
      holiday: s.holiday === 1,
      leader: names.get(s.leader_id) ?? '',
      staff: names.get(s.staff_id) ?? '',
    })),
  });
  await ctx.db
    .transaction()
    .execute((trx) =>
      ctx.audit.append(trx, { actor, action: 'duty.roster_export', targetType: 'duty_roster', targetId: month, detail: { shifts: rows.length } }),
    );
  return { filename: `${month.replace('-', '年')}月值班表.docx`, buffer };
}
