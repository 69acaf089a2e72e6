/** The aggregate reads of 督查督办: 工作台 queues, statistics, overdue counts and 件件有着落 (loose ends). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { planLiteral, type Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { ITEM_OPEN, TASK_OPEN, TASK_WORKING } from '../supervision.workflow.js';
import { itemsVisibleTo, tasksVisibleTo } from './supervision.visibility.js';

type Thresholds = { today: string; yellowUntil: string };

/** 工作台: the open tasks of the actor's unit, by time limit (at most 100). */
export function unitWorkingTasks(db: Db, actor: Actor) {
  return db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .select([
      'supervision_task.id',
      'supervision_task.item_id',
      'supervision_task.deadline',
      'supervision_task.status',
      'supervision_item.number',
      'supervision_item.title',
    ])
    .where('supervision_task.unit_id', '=', actor.unitId)
    .where('supervision_task.status', 'in', [...TASK_WORKING])
    .where('supervision_task.level', '<=', actor.clearance)
    .where(tasksVisibleTo(actor))
    .orderBy('supervision_task.deadline')
    .limit(100)
    .execute();
}

/** 工作台 of 督查室: submitted tasks of the items the actor handles (at most 100). */
export function tasksToReview(db: Db, actor: Actor) {
  return db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .select([
      'supervision_task.id',
      'supervision_task.item_id',
      'supervision_task.deadline',
      'supervision_task.unit_id',
      'supervision_item.number',
      'supervision_item.title',
    ])
    .where('supervision_task.owner_unit_id', '=', actor.unitId)
    .where('supervision_task.status', '=', 'submitted')
    .where('supervision_item.responsible_user_id', '=', actor.id)
    .where('supervision_task.level', '<=', actor.clearance)
    .limit(100)
    .execute();
}

/** 工作台 of 督查室: pending extension requests of the items the actor handles (at most 100). */
export function extensionsToDecide(db: Db, actor: Actor) {
  return db
    .selectFrom('supervision_extension')
    .innerJoin('supervision_task', 'supervision_task.id', 'supervision_extension.task_id')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .select([
      'supervision_extension.id',
      'supervision_task.item_id',
      'supervision_task.deadline',
      'supervision_task.unit_id',
      'supervision_item.number',
      'supervision_item.title',
    ])
    .where('supervision_extension.status', '=', 'pending')
    .where('supervision_item.responsible_user_id', '=', actor.id)
    .where('supervision_task.level', '<=', actor.clearance)
    .limit(100)
    .execute();
}

/** 工作台 of 督查室: the actor's items waiting to be issued or followed up (at most 100). */
export function ownItemsToHandle(db: Db, actor: Actor) {
  return db
    .selectFrom('supervision_item')
    .select(['id', 'number', 'title', 'deadline', 'status', 'lead_unit_id'])
    .where('responsible_user_id', '=', actor.id)
    .where('status', 'in', ['registered', 'concluded'])
    .where('level', '<=', actor.clearance)
    .limit(100)
    .execute();
}

/** Visible open tasks past `today`, counted per unit (with `outsideOwner`, only tasks whose owner unit is another). */
export function overdueCountsByUnit(db: Db, actor: Actor, today: string, outsideOwner?: number) {
  return overdueTasks(db, actor, today, outsideOwner)
    .select((eb) => ['supervision_task.unit_id as unitId', eb.fn.countAll<number>().as('overdue')])
    .groupBy('supervision_task.unit_id')
    .execute();
}

/** The same counts as rows `(unit_id, cnt, o = 1, y = 0)` of a query, for a sum over the open-task counts (`openTaskSums`). */
export function overdueCountRows(db: Db, actor: Actor, today: string, outsideOwner: number) {
  return overdueTasks(db, actor, today, outsideOwner)
    .select((eb) => ['supervision_task.unit_id as unit_id', eb.fn.countAll<number>().as('cnt'), sql<number>`1`.as('o'), sql<number>`0`.as('y')])
    .groupBy('supervision_task.unit_id');
}

function overdueTasks(db: Db, actor: Actor, today: string, outsideOwner: number | undefined) {
  return db
    .selectFrom('supervision_task')
    .where(tasksVisibleTo(actor))
    .where(outside('supervision_task', outsideOwner))
    .where('supervision_task.status', 'in', ['in_progress', 'returned', 'submitted'])
    .where('supervision_task.deadline', '<', today);
}

/**
 * SQL: the row's owner unit is not `unit` — its id among the ids of two index ranges on owner_unit_id, so the few rows
 * owned elsewhere drive the query (a plain `<>`, or a range on the item's day, made SQLite scan every row).
 */
function outside(table: 'supervision_task' | 'supervision_item', unit: number | undefined): RawBuilder<SqlBool> {
  if (unit === undefined) return sql<SqlBool>`1 = 1`;
  const t = sql.table(table);
  // the unit in the text (one per owner unit): PostgreSQL then keeps a generic plan of 超期任务（按单位） (`planLiteral`)
  const u = planLiteral(unit);
  return sql<SqlBool>`${sql.ref(`${table}.id`)} IN (SELECT o.id FROM ${t} o WHERE o.owner_unit_id < ${u} UNION ALL SELECT o.id FROM ${t} o WHERE o.owner_unit_id > ${u})`;
}

/**
 * The statistics' grouped counts over the visible items and tasks created in [from, to] (ISO instants), computed
 * from the rows (the exact reference of `statsRowsAggregated`). With `outsideOwner`, only rows whose owner unit is another.
 */
export async function statsRows(db: Db, actor: Actor, th: Thresholds, from: string, to: string, outsideOwner?: number) {
  const taskBase = db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .where(tasksVisibleTo(actor))
    .where(outside('supervision_task', outsideOwner))
    .where('supervision_item.created_at', '>=', from)
    .where('supervision_item.created_at', '<=', to);
  const open = ['in_progress', 'returned', 'submitted'];
  const byUnitRows = await taskBase
    .select((eb) => [
      'supervision_task.unit_id as unitId',
      eb.fn.count<number>('supervision_task.id').filterWhere('supervision_task.status', '!=', 'pending').as('assigned'),
      eb.fn.count<number>('supervision_task.id').filterWhere('supervision_task.status', '=', 'accepted').as('closed'),
      eb.fn.count<number>('supervision_task.id').filterWhere('supervision_task.accepted_on_time', '=', 1).as('onTime'),
      eb.fn
        .count<number>('supervision_task.id')
        .filterWhere((w) => w.and([w('supervision_task.status', 'in', open), w('supervision_task.deadline', '<', th.today)]))
        .as('overdue'),
      eb.fn
        .count<number>('supervision_task.id')
        .filterWhere((w) =>
          w.and([
            w('supervision_task.status', 'in', open),
            w('supervision_task.deadline', '>=', th.today),
            w('supervision_task.deadline', '<=', th.yellowUntil),
          ]),
        )
        .as('yellow'),
      eb.fn.sum<number>('supervision_task.return_count').as('returns'),
      eb.fn.sum<number>('supervision_task.extension_count').as('extensions'),
    ])
    .groupBy('supervision_task.unit_id')
    .execute();
  const itemBase = db
    .selectFrom('supervision_item')
    .where(itemsVisibleTo(actor))
    .where(outside('supervision_item', outsideOwner))
    .where('supervision_item.created_at', '>=', from)
    .where('supervision_item.created_at', '<=', to);
  const bySourceRows = await itemBase
    .select((eb) => [
      'supervision_item.source as source',
      eb.fn.countAll<number>().as('count'),
      eb.fn.count<number>('supervision_item.id').filterWhere('supervision_item.status', 'in', ['concluded', 'closed']).as('closed'),
    ])
    .groupBy('supervision_item.source')
    .execute();
  const month = sql<string>`substr(supervision_item.created_at, 1, 7)`;
  const byMonthRows = await itemBase
    .select((eb) => [
      month.as('month'),
      eb.fn.countAll<number>().as('registered'),
      eb.fn.count<number>('supervision_item.id').filterWhere('supervision_item.status', 'in', ['concluded', 'closed']).as('closed'),
    ])
    .groupBy(month)
    .orderBy(month)
    .execute();
  const byStatusRows = await itemBase
    .select((eb) => ['supervision_item.status as status', eb.fn.countAll<number>().as('count')])
    .groupBy('supervision_item.status')
    .execute();
  const extRows = await db
    .selectFrom('supervision_extension')
    .innerJoin('supervision_task', 'supervision_task.id', 'supervision_extension.task_id')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .where(tasksVisibleTo(actor))
    .where(outside('supervision_task', outsideOwner))
    .where('supervision_item.created_at', '>=', from)
    .where('supervision_item.created_at', '<=', to)
    .select((eb) => ['supervision_extension.status as status', eb.fn.countAll<number>().as('count')])
    .groupBy('supervision_extension.status')
    .execute();
  return { byUnitRows, bySourceRows, byMonthRows, byStatusRows, extRows };
}

/** What an open item or task row lacks (件件有着落: an active owner unit, an active responsible person, a time limit). */
function looseEndsOf(r: {
  unit_id: number | null;
  unit_active: number | null;
  user_id: number | null;
  user_disabled: number | null;
  deadline: string | null;
}): string[] {
  const problems: string[] = [];
  if (r.unit_id === null || r.unit_active !== 1) problems.push('no_owner_unit');
  if (r.user_id === null || r.user_disabled !== 0) problems.push('no_responsible_person');
  if (!r.deadline) problems.push('no_time_limit');
  return problems;
}

/** 件件有着落: open items and tasks without an owner unit, a responsible person or a time limit (or with a disabled person / inactive unit). */
export async function findLooseEnds(db: Db): Promise<{ type: 'item' | 'task'; id: number; number: string; problem: string }[]> {
  const out: { type: 'item' | 'task'; id: number; number: string; problem: string }[] = [];
  const items = await db
    .selectFrom('supervision_item')
    .leftJoin('unit', 'unit.id', 'supervision_item.lead_unit_id')
    .leftJoin('user', 'user.id', 'supervision_item.responsible_user_id')
    .select([
      'supervision_item.id',
      'supervision_item.number',
      'supervision_item.lead_unit_id',
      'supervision_item.responsible_user_id',
      'supervision_item.deadline',
      'supervision_item.status',
      'unit.active as unit_active',
      'user.disabled as user_disabled',
      'user.id as user_id',
      'unit.id as unit_id',
    ])
    .where('supervision_item.status', 'in', [...ITEM_OPEN])
    .where((eb) =>
      eb.or([
        eb('unit.id', 'is', null),
        eb('unit.active', '!=', 1),
        eb('user.id', 'is', null),
        eb('user.disabled', '!=', 0),
        eb('supervision_item.deadline', 'is', null),
        eb('supervision_item.deadline', '=', ''),
      ]),
    )
    .execute();
  for (const i of items) for (const problem of looseEndsOf(i)) out.push({ type: 'item', id: i.id, number: i.number, problem });
  const tasks = await db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .leftJoin('unit', 'unit.id', 'supervision_task.unit_id')
    .leftJoin('user', 'user.id', 'supervision_task.responsible_user_id')
    .select([
      'supervision_task.id',
      'supervision_item.number',
      'supervision_task.deadline',
      'unit.active as unit_active',
      'unit.id as unit_id',
      'user.disabled as user_disabled',
      'user.id as user_id',
    ])
    .where('supervision_task.status', 'in', [...TASK_OPEN])
    .where((eb) =>
      eb.or([
        eb('unit.id', 'is', null),
        eb('unit.active', '!=', 1),
        eb('user.id', 'is', null),
        eb('user.disabled', '!=', 0),
        eb('supervision_task.deadline', 'is', null),
        eb('supervision_task.deadline', '=', ''),
      ]),
    )
    .execute();
  for (const t of tasks) for (const problem of looseEndsOf(t)) out.push({ type: 'task', id: t.id, number: t.number, problem });
  // an issued item with no task left open and not concluded has nobody working on it
  const orphan = await db
    .selectFrom('supervision_item')
    .select(['id', 'number'])
    .where('status', '=', 'issued')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('supervision_task')
            .select('id')
            .whereRef('supervision_task.item_id', '=', 'supervision_item.id')
            .where('supervision_task.status', 'in', [...TASK_OPEN]),
        ),
      ),
    )
    .execute();
  for (const o of orphan) out.push({ type: 'item', id: o.id, number: o.number, problem: 'issued_without_open_task' });
  return out;
}
