/** 政务值班: the only file with SQL (with `repo/`). Every function takes the handle it runs on. */
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { visibleTo } from '../../platform/authz.js';
import type { Desk } from './duty.policy.js';
import type { DutyEntryTable, DutyHandoverTable, DutyShiftTable, DutySwapTable } from './repo/duty.tables.js';
import './repo/duty.tables.js';
import * as names from '../../platform/names.js';

export type H = Db | Trx;
export type ShiftRecord = Selectable<DutyShiftTable>;
export type SwapRecord = Selectable<DutySwapTable>;
export type EntryRecord = Selectable<DutyEntryTable>;
export type HandoverRecord = Selectable<DutyHandoverTable>;

/** Unit codes of the duty desk (值班室, 秘书处). */
export const DESK_UNIT_CODES = ['duty', 'secretariat'];

/** The desk units, the office and its divisions. */
export async function desk(db: H): Promise<Desk> {
  const office = await db.selectFrom('unit').select('id').where('code', '=', 'office').executeTakeFirst();
  const dutyUnits = await db.selectFrom('unit').select('id').where('code', 'in', DESK_UNIT_CODES).where('active', '=', 1).execute();
  const officeUnits = office ? await db.selectFrom('unit').select('id').where('parent_id', '=', office.id).where('active', '=', 1).execute() : [];
  return {
    dutyUnitIds: dutyUnits.map((u) => u.id),
    officeUnitIds: office ? [office.id, ...officeUnits.map((u) => u.id)] : [],
    officeUnitId: office?.id ?? null,
  };
}

/** Active users by id, with their unit and roles. */
export async function usersById(db: H, ids: readonly number[]): Promise<Map<number, { id: number; name: string; unitId: number; roles: string[] }>> {
  const out = new Map<number, { id: number; name: string; unitId: number; roles: string[] }>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('user')
    .select(['id', 'name', 'unit_id'])
    .where('id', 'in', [...new Set(ids)])
    .where('disabled', '=', 0)
    .execute();
  const roles = await db
    .selectFrom('user_role')
    .select(['user_id', 'role'])
    .where('user_id', 'in', [...new Set(ids)])
    .execute();
  for (const r of rows) out.set(r.id, { id: r.id, name: r.name, unitId: r.unit_id, roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role) });
  return out;
}

/** Names of users by id (`server/platform/names.ts`). */
export const userNames = names.userNames;

/** Names of units by id (full names; `server/platform/names.ts`). */
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'full');

/** An active unit. */
export function activeUnit(db: H, id: number) {
  return db.selectFrom('unit').select(['id', 'name']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

/** The office's name, for the printed roster. */
export async function officeName(db: H): Promise<string | null> {
  const row = await db.selectFrom('unit').select('name').where('code', '=', 'office').executeTakeFirst();
  return row?.name ?? null;
}

// ---- roster ----

/** The shifts of a month (`YYYY-MM`), in date and day-before-night order. */
export function shiftsOfMonth(db: H, month: string) {
  return db
    .selectFrom('duty_shift')
    .selectAll()
    .where('date', '>=', `${month}-01`)
    .where('date', '<=', `${month}-31`)
    .orderBy('date')
    .orderBy('shift')
    .execute();
}

/** A shift by id. */
export function findShift(db: H, id: number) {
  return db.selectFrom('duty_shift').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The shift of a date and kind. */
export function shiftAt(db: H, date: string, shift: string) {
  return db.selectFrom('duty_shift').selectAll().where('date', '=', date).where('shift', '=', shift).executeTakeFirst();
}

/** Inserts a shift; returns its id. */
export async function insertShift(trx: Trx, row: Omit<ShiftRecord, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('duty_shift').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The swap requests of the given shifts. */
export function swapsOfShifts(db: H, shiftIds: readonly number[]) {
  if (!shiftIds.length) return Promise.resolve([] as SwapRecord[]);
  return db
    .selectFrom('duty_swap')
    .selectAll()
    .where('shift_id', 'in', [...shiftIds])
    .orderBy('id')
    .execute();
}

/** A swap by id. */
export function findSwap(db: H, id: number) {
  return db.selectFrom('duty_swap').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a swap request; returns its id. */
export async function insertSwap(trx: Trx, row: Omit<SwapRecord, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('duty_swap').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

// ---- duty log ----

/** An entry by id. */
export function findEntry(db: H, id: number) {
  return db.selectFrom('duty_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts an entry; returns its id. */
export async function insertEntry(trx: Trx, row: Omit<EntryRecord, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('duty_entry').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The entries the actor may read, newest first (at most `limit`), optionally only open ones. */
export function listEntries(db: H, actor: Actor, d: Desk, opts: { open?: boolean; limit: number; offset: number }) {
  let q = db.selectFrom('duty_entry').selectAll().where(entriesVisibleTo(actor, d));
  if (opts.open) q = q.where('status', 'in', ['open', 'awaiting_instruction']);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute();
}

/** The read rule of the duty log (`dutyPolicy.readEntry`) as SQL over `duty_entry`. */
export function entriesVisibleTo(actor: Actor, d: Desk) {
  return visibleTo(actor, {
    itemType: 'duty_entry',
    id: 'duty_entry.id',
    level: 'duty_entry.level',
    units: ['duty_entry.target_unit_id'],
    users: ['duty_entry.registered_by', 'duty_entry.owner_user_id', 'duty_entry.leader_id'],
    extra: deskOrDirector(actor, d, d.dutyUnitIds.includes(actor.unitId)),
  });
}

function deskOrDirector(actor: Actor, d: Desk, isDeskUnit: boolean) {
  const desk = isDeskUnit && actor.roles.some((r) => r === 'staff' || r === 'division_head' || r === 'director');
  const director = d.officeUnitId !== null && actor.unitId === d.officeUnitId && actor.roles.includes('director');
  return desk || director ? [sqlTrue()] : [];
}

function sqlTrue() {
  return sql<SqlBool>`1 = 1`;
}

/** Open entries of a shift. */
export function openEntriesOfShift(db: H, shiftId: number) {
  return db
    .selectFrom('duty_entry')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('status', 'in', ['open', 'awaiting_instruction'])
    .orderBy('id')
    .execute();
}

/** Moves entries to another shift (交接班 carry-over), bumping their version. */
export async function carryOver(trx: Trx, ids: readonly number[], shiftId: number, at: string): Promise<void> {
  if (!ids.length) return;
  await trx
    .updateTable('duty_entry')
    .set((eb) => ({ shift_id: shiftId, carried_over: eb('carried_over', '+', 1), version: eb('version', '+', 1), updated_at: at }))
    .where('id', 'in', [...ids])
    .execute();
}

/** Open entries the actor owns or must instruct (工作台, at most 50). */
export function openEntriesOf(db: H, actor: Actor) {
  return db
    .selectFrom('duty_entry')
    .select(['id', 'summary', 'status', 'report_due_at', 'level'])
    .where('status', 'in', ['open', 'awaiting_instruction'])
    .where('level', '<=', actor.clearance)
    .where((eb) => eb.or([eb('owner_user_id', '=', actor.id), eb.and([eb('leader_id', '=', actor.id), eb('status', '=', 'awaiting_instruction')])]))
    .orderBy('id')
    .limit(50)
    .execute();
}

// ---- hand-over ----

/** The hand-over of a shift (as the outgoing one). */
export function handoverOfShift(db: H, shiftId: number) {
  return db.selectFrom('duty_handover').selectAll().where('shift_id', '=', shiftId).executeTakeFirst();
}

/** A hand-over by id. */
export function findHandover(db: H, id: number) {
  return db.selectFrom('duty_handover').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a hand-over; returns its id. */
export async function insertHandover(trx: Trx, row: Omit<HandoverRecord, 'id' | 'version'>): Promise<number> {
  const r = await trx.insertInto('duty_handover').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The shift after `s` in the roster (the night after a day, the next day's day shift after a night). */
export function nextShift(db: H, s: Pick<ShiftRecord, 'date' | 'shift'>) {
  let q = db.selectFrom('duty_shift').selectAll();
  q =
    s.shift === 'day'
      ? q.where((eb) => eb.or([eb.and([eb('date', '=', s.date), eb('shift', '=', 'night')]), eb('date', '>', s.date)]))
      : q.where('date', '>', s.date);
  return q.orderBy('date').orderBy('shift').limit(1).executeTakeFirst();
}
