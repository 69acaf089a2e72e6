/**
 * 件件有着落 of 政务值班 on the office-wide board:
 * - `entry`: a duty-log entry not ended (open, or put to the leader on duty), owned by its 承办人 (the
 *   值班室 while nobody owns it). Its time limit: a 突发事件's written report deadline while the report
 *   is due, otherwise the end of the shift holding it (the shift must handle or hand it over: day shifts
 *   end 18:00 the same day, night shifts 08:00 the next day).
 * - `report`: an ended 突发事件 whose written report is still not filed (deadline: the report's).
 * - `swap`: a pending swap request, answered for by the desk's manager, due by the shift's date.
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { dutyPolicy } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import * as loose from '../repo/duty.loose-ends.js';
import { shiftKeyAt } from './common.js';

/** Open items read at most (then sorted by deadline): the duty log's pending entries are few. */
const CAP = 2000;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The date a shift ends on. */
function shiftEnd(date: string, shift: string): string {
  return shift === 'night' ? nextDay(date) : date;
}

const reportDue = (e: loose.LooseEntryRow) => e.kind === 'emergency' && e.reported_at === null;
const ended = (e: loose.LooseEntryRow) => !loose.OPEN_ENTRY_STATES.includes(e.status);

/** The time limit of a pending entry (YYYY-MM-DD), or null when a 突发事件 has no report deadline. */
function deadlineOf(e: loose.LooseEntryRow): string | null {
  if (reportDue(e)) return e.report_due_at ? chinaDate(new Date(e.report_due_at)) : null;
  if (e.shift_date && e.shift_kind) return shiftEnd(e.shift_date, e.shift_kind);
  const key = shiftKeyAt(new Date(e.received_at));
  return shiftEnd(key.date, key.shift);
}

/** Most urgent first: no deadline first, then by deadline, then by id. */
function byUrgency(a: OpenItem, b: OpenItem): number {
  if (a.deadline !== b.deadline) return a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1;
  return a.id - b.id;
}

/** The open duty items the actor may see, most urgent first. */
export async function openItems(db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const desk = await repo.desk(db);
  const room = await loose.dutyRoomUnit(db);
  const items: OpenItem[] = (await loose.openEntries(db, actor, desk, CAP)).map((e) => {
    const report = ended(e);
    return {
      module: 'duty',
      type: report ? 'report' : 'entry',
      id: e.id,
      title: `${report ? '突发事件书面报告：' : ''}${e.summary.slice(0, 60)}`,
      ownerUnitId: e.owner_user_id !== null ? e.owner_unit_id : (room?.id ?? null),
      ownerUserId: e.owner_user_id,
      deadline: deadlineOf(e),
      status: report ? 'report_due' : e.status,
      link: `/duty/entries/${e.id}`,
    };
  });
  if (dutyPolicy.readRoster(actor, desk)) {
    const manager = await loose.deskManager(db, desk);
    for (const s of await loose.pendingSwaps(db, CAP))
      items.push({
        module: 'duty',
        type: 'swap',
        id: s.id,
        title: `换班申请：${s.date} ${s.shift === 'day' ? '白班' : '夜班'}${s.role === 'leader' ? '带班领导' : '值班员'}`,
        ownerUnitId: manager?.unitId ?? null,
        ownerUserId: manager?.id ?? null,
        deadline: s.date,
        status: 'pending',
        link: '/duty/roster',
      });
  }
  return items.sort(byUrgency).slice(0, limit);
}

/** What the checker finds in the duty log and the swap requests (ids and codes only). */
export async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  const room = await loose.dutyRoomUnit(db);
  for (const e of await loose.entriesToCheck(db)) {
    const type = ended(e) ? 'report' : 'entry';
    if (ended(e) && (!e.outcome || !e.outcome_kind)) out.push({ module: 'duty', type: 'entry', id: e.id, problem: 'no_outcome' });
    if (!ended(e) || reportDue(e)) {
      const unitActive = e.owner_user_id !== null ? e.owner_unit_active : (room?.active ?? null);
      if (unitActive !== 1) out.push({ module: 'duty', type, id: e.id, problem: 'no_owner_unit' });
      if (e.owner_user_id === null || e.owner_disabled !== 0) out.push({ module: 'duty', type, id: e.id, problem: 'no_responsible_person' });
      if (deadlineOf(e) === null) out.push({ module: 'duty', type, id: e.id, problem: 'no_time_limit' });
    }
  }
  const desk = await repo.desk(db);
  if (!(await loose.deskManager(db, desk)))
    for (const s of await loose.pendingSwaps(db, 100_000)) out.push({ module: 'duty', type: 'swap', id: s.id, problem: 'no_responsible_person' });
  return out;
}

/** The registration of 政务值班 on the loose-ends board. */
export function looseEndsProvider(): LooseEndsProvider {
  return { open: (db, actor, opts) => openItems(db, actor, opts.limit), check };
}
