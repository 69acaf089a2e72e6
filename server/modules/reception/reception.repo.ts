/** 政务接待: the only file with SQL (with `repo/`). Every function takes the handle it runs on. */
import { sql, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { visibleTo } from '../../platform/authz.js';
import * as names from '../../platform/names.js';
import type { Desk } from './reception.policy.js';
import type { ReceptionChangeTable, ReceptionItemTable, ReceptionPlanTable } from './repo/reception.tables.js';
import './repo/reception.tables.js';

export type H = Db | Trx;
export type PlanRecord = Selectable<ReceptionPlanTable>;
export type ItemRecord = Selectable<ReceptionItemTable>;
export type ChangeRecord = Selectable<ReceptionChangeTable>;

/** The 接待处 (by unit code) and the general office. */
export async function desk(db: H): Promise<Desk> {
  const units = await db.selectFrom('unit').select(['id', 'code']).where('code', 'in', ['reception', 'office']).where('active', '=', 1).execute();
  return {
    receptionUnitIds: units.filter((u) => u.code === 'reception').map((u) => u.id),
    officeUnitId: units.find((u) => u.code === 'office')?.id ?? null,
  };
}

/** The viewer as the lists' SQL sees them: `all` for the 接待处 and the approving directors. */
export interface Viewer {
  actor: Actor;
  all: boolean;
}

/** The plans the viewer may read (the policy's `read` as SQL). */
export function visiblePlans(v: Viewer) {
  const { actor } = v;
  const extra = v.all
    ? sql<SqlBool>`1 = 1`
    : sql<SqlBool>`EXISTS (SELECT 1 FROM reception_item ri WHERE ri.plan_id = reception_plan.id AND (ri.unit_id = ${actor.unitId} OR ri.person_id = ${actor.id}))`;
  return visibleTo(actor, {
    itemType: 'reception_plan',
    id: 'reception_plan.id',
    level: 'reception_plan.level',
    units: [],
    users: ['reception_plan.drafted_by'],
    extra: [extra],
  });
}

export const userNames = names.userNames;
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'short');

/** Active units among `ids`. */
export async function activeUnitIds(db: H, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Active users among `ids`, with unit and clearance. */
export async function activeUsers(db: H, ids: readonly number[]): Promise<Map<number, { unitId: number; clearance: number }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('user')
    .select(['id', 'unit_id', 'clearance'])
    .where('id', 'in', [...new Set(ids)])
    .where('disabled', '=', 0)
    .execute();
  return new Map(rows.map((r) => [r.id, { unitId: r.unit_id, clearance: r.clearance }]));
}

/** Active users of `unitIds` holding any of `roles` (notification recipients). */
export const usersOf = (db: H, unitIds: readonly number[], roles: readonly string[]): Promise<number[]> => names.roleHolders(db, unitIds, roles);

// ---- plans ----

export function findPlan(db: H, id: number) {
  return db.selectFrom('reception_plan').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(trx: Trx, row: Insertable<ReceptionPlanTable>): Promise<number> {
  const r = await trx.insertInto('reception_plan').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A plan list filter. */
export interface PlanFilter {
  status?: string;
  page: number;
  pageSize: number;
}

/** The plans the viewer may read, newest arrival first, with item counts. */
export async function listPlans(db: H, v: Viewer, f: PlanFilter) {
  let q = db.selectFrom('reception_plan').selectAll().where(visiblePlans(v));
  if (f.status) q = q.where('status', '=', f.status);
  const plans = await q
    .orderBy('arrive_date', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const items = plans.length
    ? await itemsOfPlans(
        db,
        plans.map((p) => p.id),
      )
    : [];
  return { plans, items };
}

// ---- items ----

/** The items of plans, in time order (no time first). */
export function itemsOfPlans(db: H, planIds: readonly number[]) {
  if (!planIds.length) return Promise.resolve([] as ItemRecord[]);
  return db
    .selectFrom('reception_item')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .orderBy('plan_id')
    .orderBy(sql`starts_at IS NULL`, 'desc')
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export function findItem(db: H, id: number) {
  return db.selectFrom('reception_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertItem(trx: Trx, row: Insertable<ReceptionItemTable>): Promise<number> {
  const r = await trx.insertInto('reception_item').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteItems(trx: Trx, planId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await trx
    .deleteFrom('reception_item')
    .where('plan_id', '=', planId)
    .where('id', 'in', [...ids])
    .execute();
}

/** The items of approved plans the viewer may see, starting within [from, to) (ISO instants), in time order. */
export async function itemsBetween(db: H, v: Viewer, from: string, to: string) {
  return db
    .selectFrom('reception_item')
    .innerJoin('reception_plan', 'reception_plan.id', 'reception_item.plan_id')
    .selectAll('reception_item')
    .where('reception_plan.status', 'in', ['approved', 'closed'])
    .where('reception_item.starts_at', '>=', from)
    .where('reception_item.starts_at', '<', to)
    .where(visiblePlans(v))
    .orderBy('reception_item.starts_at')
    .orderBy('reception_item.id')
    .limit(500)
    .execute();
}

/** The plans of some items (for the checklist). */
export function plansByIds(db: H, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([] as PlanRecord[]);
  return db
    .selectFrom('reception_plan')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

// ---- change log ----

export async function insertChange(trx: Trx, row: Omit<ChangeRecord, 'id'>): Promise<void> {
  await trx.insertInto('reception_change').values(row).execute();
}

export function changesOf(db: H, planId: number) {
  return db.selectFrom('reception_change').selectAll().where('plan_id', '=', planId).orderBy('revision', 'desc').execute();
}

// ---- 工作台 ----

/** Plans waiting for the actor's approval (by status), visible to them. */
export function plansAwaiting(db: H, v: Viewer, statuses: readonly string[]) {
  if (!statuses.length) return Promise.resolve([] as PlanRecord[]);
  return db
    .selectFrom('reception_plan')
    .selectAll()
    .where('status', 'in', [...statuses])
    .where(visiblePlans(v))
    .orderBy('arrive_date')
    .limit(50)
    .execute();
}

/** Open items of approved plans the actor is responsible for. */
export function openItemsOf(db: H, actor: Actor) {
  return db
    .selectFrom('reception_item')
    .innerJoin('reception_plan', 'reception_plan.id', 'reception_item.plan_id')
    .select([
      'reception_item.id',
      'reception_item.kind',
      'reception_item.title',
      'reception_item.starts_at',
      'reception_item.unit_id',
      'reception_item.plan_id',
    ])
    .select('reception_plan.title as plan_title')
    .where('reception_plan.status', '=', 'approved')
    .where('reception_item.status', '=', 'open')
    .where('reception_item.person_id', '=', actor.id)
    .where('reception_plan.level', '<=', actor.clearance)
    .orderBy('reception_item.starts_at')
    .limit(50)
    .execute();
}

/** Approved plans past their leave date (to record costs and close), visible to the viewer. */
export function plansToClose(db: H, v: Viewer, today: string) {
  return db
    .selectFrom('reception_plan')
    .selectAll()
    .where('status', '=', 'approved')
    .where('leave_date', '<', today)
    .where(visiblePlans(v))
    .orderBy('leave_date')
    .limit(50)
    .execute();
}

// ---- 件件有着落 ----

/** Open items of approved plans the viewer may see, no time first, then by start. */
export function openItemsVisible(db: H, v: Viewer, limit: number) {
  return db
    .selectFrom('reception_item')
    .innerJoin('reception_plan', 'reception_plan.id', 'reception_item.plan_id')
    .select([
      'reception_item.id',
      'reception_item.kind',
      'reception_item.title',
      'reception_item.starts_at',
      'reception_item.unit_id',
      'reception_item.person_id',
      'reception_item.status',
      'reception_item.plan_id',
    ])
    .where('reception_plan.status', '=', 'approved')
    .where('reception_item.status', '=', 'open')
    .where(visiblePlans(v))
    .orderBy(sql`reception_item.starts_at IS NULL`, 'desc')
    .orderBy('reception_item.starts_at')
    .orderBy('reception_item.id')
    .limit(limit)
    .execute();
}

/** Unclosed plans the viewer may see. */
export function unclosedPlansVisible(db: H, v: Viewer, limit: number) {
  return db
    .selectFrom('reception_plan')
    .selectAll()
    .where('status', '!=', 'closed')
    .where(visiblePlans(v))
    .orderBy('arrive_date')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Every open item of a submitted or approved (unclosed) plan, with whether its unit is active and its person enabled (the checker). */
export function openItemsForCheck(db: H) {
  return db
    .selectFrom('reception_item')
    .innerJoin('reception_plan', 'reception_plan.id', 'reception_item.plan_id')
    .leftJoin('unit', 'unit.id', 'reception_item.unit_id')
    .leftJoin('user', 'user.id', 'reception_item.person_id')
    .select(['reception_item.id', 'reception_item.starts_at', 'reception_item.unit_id', 'reception_item.person_id', 'reception_plan.number'])
    .select(['unit.active as unit_active', 'user.disabled as user_disabled'])
    .where('reception_plan.status', 'in', ['submitted', 'head_approved', 'approved'])
    .where('reception_item.status', '=', 'open')
    .orderBy('reception_item.id')
    .execute();
}

/** Unclosed plans whose owner unit is inactive or drafter disabled (the checker). */
export function unclosedPlansForCheck(db: H) {
  return db
    .selectFrom('reception_plan')
    .innerJoin('unit', 'unit.id', 'reception_plan.unit_id')
    .innerJoin('user', 'user.id', 'reception_plan.drafted_by')
    .select(['reception_plan.id', 'reception_plan.number', 'unit.active as unit_active', 'user.disabled as user_disabled'])
    .where('reception_plan.status', '!=', 'closed')
    .where((eb) => eb.or([eb('unit.active', '=', 0), eb('user.disabled', '=', 1)]))
    .orderBy('reception_plan.id')
    .execute();
}

/** Closed plans without a summary, or with a done item without its actual cost (the checker). */
export function closedPlansWithoutOutcome(db: H) {
  return db
    .selectFrom('reception_plan')
    .select(['reception_plan.id', 'reception_plan.number'])
    .where('reception_plan.status', '=', 'closed')
    .where((eb) =>
      eb.or([
        eb('reception_plan.summary', 'is', null),
        eb('reception_plan.summary', '=', ''),
        eb.exists(
          eb
            .selectFrom('reception_item as ri')
            .select('ri.id')
            .whereRef('ri.plan_id', '=', 'reception_plan.id')
            .where('ri.status', '=', 'done')
            .where('ri.actual_cost', 'is', null),
        ),
      ]),
    )
    .orderBy('reception_plan.id')
    .execute();
}

/** The office's name, for the printed plan. */
export async function officeName(db: H): Promise<string | null> {
  const row = await db.selectFrom('unit').select('name').where('code', '=', 'office').executeTakeFirst();
  return row?.name ?? null;
}
