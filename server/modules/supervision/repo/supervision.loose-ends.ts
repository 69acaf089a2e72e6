/** 件件有着落 of 督查督办: open items and tasks on the office board, and the checker's findings. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { limitDate, mostUrgent } from '../../../platform/loose-ends.js';
import type { LooseEnd, LooseEndProblem, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { ITEM_STATES, TASK_OPEN, TASK_STATES } from '../supervision.workflow.js';
import { openStages } from './supervision.stages.js';
import { findLooseEnds } from './supervision.stats.js';
import { itemsVisibleTo, tasksVisibleTo } from './supervision.visibility.js';

/** Item states shown as items of their own (an issued item is worked through its tasks): 立项 not yet issued, 办结 awaiting 回访. */
const ITEM_ONLY_OPEN = ['registered', 'concluded'] as const;

async function openItems(db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const tasks = await db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .select([
      'supervision_task.id',
      'supervision_task.item_id',
      'supervision_item.title',
      'supervision_task.unit_id',
      'supervision_task.responsible_user_id',
      'supervision_task.deadline',
      'supervision_task.status',
    ])
    .where('supervision_task.status', 'in', [...TASK_OPEN])
    .where(tasksVisibleTo(actor))
    .orderBy('supervision_task.deadline')
    .orderBy('supervision_task.id')
    .limit(limit)
    .execute();
  const items = await db
    .selectFrom('supervision_item')
    .select(['id', 'title', 'lead_unit_id', 'responsible_user_id', 'deadline', 'status'])
    .where('status', 'in', [...ITEM_ONLY_OPEN])
    .where(itemsVisibleTo(actor))
    .orderBy('deadline')
    .orderBy('id')
    .limit(limit)
    .execute();
  // 节点: each open stage of a task still worked on, with its own limit (a late one is a loose end of its own)
  const stages = await openStages(db)
    .select([
      'supervision_stage.id',
      'supervision_stage.name',
      'supervision_stage.deadline',
      'supervision_task.item_id',
      'supervision_item.title',
      'supervision_task.unit_id',
      'supervision_task.responsible_user_id',
    ])
    .where(tasksVisibleTo(actor))
    .orderBy('supervision_stage.deadline')
    .orderBy('supervision_stage.id')
    .limit(limit)
    .execute();
  return mostUrgent(
    [
      ...stages.map((s) => ({
        module: 'supervision',
        type: 'stage',
        id: s.id,
        title: `${s.title}（节点：${s.name}）`,
        ownerUnitId: s.unit_id,
        ownerUserId: s.responsible_user_id,
        deadline: limitDate(s.deadline),
        status: '节点未完成',
        link: `/supervision/items/${s.item_id}`,
      })),
      ...tasks.map((t) => ({
        module: 'supervision',
        type: 'task',
        id: t.id,
        title: t.title,
        ownerUnitId: t.unit_id,
        ownerUserId: t.responsible_user_id,
        deadline: limitDate(t.deadline),
        status: TASK_STATES[t.status as keyof typeof TASK_STATES]?.zh ?? t.status,
        link: `/supervision/items/${t.item_id}`,
      })),
      ...items.map((i) => ({
        module: 'supervision',
        type: 'item',
        id: i.id,
        title: i.title,
        ownerUnitId: i.lead_unit_id,
        ownerUserId: i.responsible_user_id,
        deadline: limitDate(i.deadline),
        status: ITEM_STATES[i.status as keyof typeof ITEM_STATES]?.zh ?? i.status,
        link: `/supervision/items/${i.id}`,
      })),
    ],
    limit,
  );
}

/** Ended items and tasks without their recorded outcome: a closed item without 回访 note or rating, an accepted task without its acceptance. */
async function endedWithoutOutcome(db: Db): Promise<LooseEnd[]> {
  const items = await db
    .selectFrom('supervision_item')
    .select(['id', 'number'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'closed'), eb.or([eb('followup_note', 'is', null), eb('followup_note', '=', ''), eb('rating', 'is', null)])]),
        eb.and([eb('status', 'in', ['concluded', 'closed']), eb('concluded_at', 'is', null)]),
      ]),
    )
    .execute();
  const tasks = await db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .select(['supervision_task.id', 'supervision_item.number'])
    .where('supervision_task.status', '=', 'accepted')
    .where('supervision_task.accepted_at', 'is', null)
    .execute();
  return [
    ...items.map((i) => ({ module: 'supervision', type: 'item', id: i.id, number: i.number, problem: 'no_outcome' as const })),
    ...tasks.map((t) => ({ module: 'supervision', type: 'task', id: t.id, number: t.number, problem: 'no_outcome' as const })),
  ];
}

/** The checker: `findLooseEnds` (open items and tasks lacking owner, person or time limit; issued items nobody works on) and ended ones without outcome. */
async function check(db: Db): Promise<LooseEnd[]> {
  const loose = await findLooseEnds(db);
  const problem = (p: string): LooseEndProblem => (p === 'issued_without_open_task' ? 'orphaned' : (p as LooseEndProblem));
  return [
    ...loose.map((l) => ({ module: 'supervision', type: l.type, id: l.id, number: l.number, problem: problem(l.problem) })),
    ...(await endedWithoutOutcome(db)),
  ];
}

/** The supervision module's registration on the 件件有着落 board. */
export const supervisionLooseEnds: LooseEndsProvider = {
  open: (db, actor, { limit }) => openItems(db, actor, limit),
  check,
};
