/** The SQL of 信访: the only file (with repo/) that speaks to the database. */
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import { withSavepoint as savepoint } from '../../db/commit-hooks.js';
import { visibleTo, type VisibilityColumns } from '../../platform/authz.js';
import type { Actor } from '../../platform/actor.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { PetitionUnits } from './petitions.policy.js';
import './repo/petitions.tables.js';
import type { PetitionCaseTable } from './repo/petitions.tables.js';
import type { Insertable, Selectable } from 'kysely';
import * as names from '../../platform/names.js';

export type H = Db | Trx;
export type CaseRecord = Selectable<PetitionCaseTable>;

/** The module's settings (信访 units, time limits, repeat detection). */
export interface PetitionsConfig extends PetitionUnits {
  /** 受理时限 (days from 转办). */
  acceptDays: number;
  /** 办理时限 (days from 受理). */
  handleDays: number;
  /** Whether the limits count working days (the calendar) or calendar days. */
  workingDays: boolean;
  /** 重复信访: the same petitioner with a similar subject within this many days. */
  repeatDays: number;
  /** Subject similarity (0…1) from which a case is a repeat. */
  repeatSimilarity: number;
}

const CONFIG_KEY = 'petitions.config';

/** The configuration over its defaults (信访 staff: 接待处; overseers: the general office itself). */
export async function readConfig(db: H): Promise<{ value: PetitionsConfig; version: number }> {
  const defaults: PetitionsConfig = {
    staffUnitIds: await unitIdsWhere(db, 'code', 'reception'),
    overseerUnitIds: await unitIdsWhere(db, 'kind', 'office'),
    acceptDays: 15,
    handleDays: 60,
    workingDays: false,
    repeatDays: 180,
    repeatSimilarity: 0.5,
  };
  const { value, version } = await readSetting<PetitionsConfig>(db, CONFIG_KEY, defaults, (v) => v as Partial<PetitionsConfig>);
  if (!value.staffUnitIds.length) value.staffUnitIds = defaults.staffUnitIds;
  return { value, version };
}

async function unitIdsWhere(db: H, column: 'code' | 'kind', value: string): Promise<number[]> {
  return (await db.selectFrom('unit').select('id').where(column, '=', value).execute()).map((r) => r.id);
}

/** Writes the configuration (409 when stale). */
export function writeConfig(trx: Trx, version: number, value: PetitionsConfig, at: Date): Promise<number> {
  return writeSetting(trx, CONFIG_KEY, version, value, at);
}

/** The viewer as the lists' SQL filter sees them: `all` when a 信访 staff member or an overseer. */
export interface Viewer {
  actor: Actor;
  all: boolean;
}

const COLUMNS: VisibilityColumns = {
  itemType: 'petition_case',
  id: 'petition_case.id',
  level: 'petition_case.level',
  units: ['petition_case.unit_id'],
  users: ['petition_case.handler_id'],
};

/** The read rule of the policy as SQL. */
export function visible(v: Viewer) {
  return visibleTo(v.actor, { ...COLUMNS, extra: v.all ? [sql<boolean>`1 = 1`] : [] });
}

/** A case by id. */
export function findCase(db: H, id: number): Promise<CaseRecord | undefined> {
  return db.selectFrom('petition_case').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a case; returns its id. */
export async function insertCase(trx: Trx, values: Insertable<PetitionCaseTable>): Promise<number> {
  const row = await trx.insertInto('petition_case').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Writes a case at its version (409 when stale); returns the new version. */
export function updateCase(trx: Trx, row: CaseRecord, set: Partial<Record<keyof PetitionCaseTable, unknown>>): Promise<number> {
  return updateVersioned(trx, 'petition_case', row, set);
}

/** Earlier cases of the same petitioner (ID number, or name and phone) registered since `since`, newest first. */
export function samePetitioner(db: H, p: { idNo: string | null; name: string; phone: string | null; since: string }) {
  return db
    .selectFrom('petition_case')
    .select(['id', 'number', 'subject', 'repeat_of', 'created_at'])
    .where('created_at', '>=', p.since)
    .where((eb) => {
      const ors = [];
      if (p.idNo) ors.push(eb('petitioner_id_no', '=', p.idNo));
      if (p.phone) ors.push(eb.and([eb('petitioner_name', '=', p.name), eb('petitioner_phone', '=', p.phone)]));
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    })
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}

/** The cases linked as repeats of one first case (and the first case itself), oldest first. */
export function repeatChain(db: H, rootId: number) {
  return db
    .selectFrom('petition_case')
    .select(['id', 'number', 'subject', 'status', 'created_at', 'level', 'unit_id', 'handler_id'])
    .where((eb) => eb.or([eb('id', '=', rootId), eb('repeat_of', '=', rootId)]))
    .orderBy('id')
    .execute();
}

/** List filters. */
export interface CaseFilter {
  status?: string;
  channel?: string;
  category?: string;
  place?: string;
  unitId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

/** A page of visible cases, newest first, with a capped total. */
export async function listCases(db: H, v: Viewer, f: CaseFilter): Promise<{ rows: CaseRecord[]; total: number }> {
  let q = db.selectFrom('petition_case').where(visible(v));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.place) q = q.where('place', '=', f.place);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.q) q = q.where((eb) => eb.or([eb('subject', 'like', `%${f.q}%`), eb('number', 'like', `%${f.q}%`)]));
  const rows = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const counted = await q.select('id').limit(10001).execute();
  return { rows, total: counted.length };
}

/** Every visible case (exports), oldest first. */
export function exportCases(db: H, v: Viewer, f: Omit<CaseFilter, 'page' | 'pageSize'>): Promise<CaseRecord[]> {
  let q = db.selectFrom('petition_case').where(visible(v));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  return q.selectAll().orderBy('id').limit(20000).execute();
}

/** Counts of visible cases by one dimension: total, open, closed, overdue (by `today`), repeats, satisfied. */
export async function countBy(db: H, v: Viewer, by: 'category' | 'place' | 'unit_id', today: string) {
  const rows = await db
    .selectFrom('petition_case')
    .where(visible(v))
    .select([
      sql<string | number | null>`${sql.ref(by)}`.as('key'),
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when status = 'closed' then 1 else 0 end)`.as('closed'),
      sql<number>`sum(case when status <> 'closed' and ((status = 'transferred' and accept_due < ${today}) or (status = 'accepted' and handle_due < ${today})) then 1 else 0 end)`.as(
        'overdue',
      ),
      sql<number>`sum(case when repeat_of is not null then 1 else 0 end)`.as('repeats'),
      sql<number>`sum(case when satisfaction in ('satisfied', 'basically') then 1 else 0 end)`.as('satisfied'),
    ])
    .groupBy(by)
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    total: Number(r.total),
    closed: Number(r.closed ?? 0),
    overdue: Number(r.overdue ?? 0),
    repeats: Number(r.repeats ?? 0),
    satisfied: Number(r.satisfied ?? 0),
  }));
}

/** Names of units by id (full names; `server/platform/names.ts`). */
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'full');

/** Names of users by id (`server/platform/names.ts`). */
export const userNames = names.userNames;

/** Whether an active unit exists. */
export async function activeUnit(db: H, id: number): Promise<boolean> {
  const row = await db.selectFrom('unit').select('id').where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  return row !== undefined;
}

/** Active users of `unitIds` holding any of `roles` (notification recipients). */
export const usersOf = (db: H, unitIds: readonly number[], roles: readonly string[]): Promise<number[]> => names.roleHolders(db, unitIds, roles);

/** Open cases of a responsible unit or handler for the 工作台. */
export function openForUnit(db: H, v: Viewer) {
  return db
    .selectFrom('petition_case')
    .where(visible(v))
    .where('status', 'in', ['transferred', 'accepted'])
    .where((eb) => eb.or([eb('unit_id', '=', v.actor.unitId), eb('handler_id', '=', v.actor.id)]))
    .selectAll()
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}

/** The registrar of a case as the actor on whose behalf a late case is handed to 督查督办 (null when disabled). */
export async function actorOfUser(db: H, userId: number): Promise<Actor | null> {
  const u = await db
    .selectFrom('user')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select(['user.id', 'user.username', 'user.name', 'user.unit_id', 'user.clearance', 'user.disabled', 'unit.name as unit_name', 'unit.code as unit_code'])
    .where('user.id', '=', userId)
    .executeTakeFirst();
  if (!u || u.disabled) return null;
  const roles = (await db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute()).map((r) => r.role as Actor['roles'][number]);
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    unitCode: u.unit_code,
    roles,
    clearance: u.clearance as Actor['clearance'],
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/** Runs `fn` inside a savepoint: its failure undoes only its own writes and answers null (the caller's transaction goes on). */
export function withSavepoint<T>(trx: Trx, fn: () => Promise<T>): Promise<T | null> {
  return savepoint(trx, 'petitions_step', fn);
}
