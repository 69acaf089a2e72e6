/**
 * 件件有着落 of the 信息 module on the office-wide board:
 * - `event`: an event known to the office still awaiting its unit's report (约报), the unit's, answered
 *   for by its liaison (else division head) — whom a 漏报 is notified to — due by the reporting time limit.
 * - `item`: a report waiting for 采编, 信息处's: its editor once taken, 信息处's division head until then;
 *   due the working day after it came in (as on the 工作台).
 * - `instruction`: a 批示 not yet turned into a 批示件, 督查室's division head's, due the working day
 *   after it was written (the same desk turnaround as 采编).
 * The checker adds events, reports and adopted items ended without their outcome (`no_outcome`).
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext, LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { INFO_DESK_UNIT_CODE, SUPERVISION_DESK_UNIT_CODE } from '../information.constants.js';
import { unitUsers } from '../information.repo.js';
import * as loose from '../repo/information.loose-ends.js';

const M = 'information';

/** Most urgent first: no deadline first, then by deadline, then by id. */
function byUrgency(a: OpenItem, b: OpenItem): number {
  if (a.deadline !== b.deadline) return a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1;
  return a.id - b.id;
}

/** Who answers for a unit's work at a level: its first enabled user holding one of `roles` cleared for it (looked up once per unit and level). */
function responsible(db: Db) {
  const cache = new Map<string, Promise<number | null>>();
  return (unit: { id: number } | { code: string }, roles: readonly string[], level: number): Promise<number | null> => {
    const key = `${'id' in unit ? unit.id : unit.code}/${roles.join()}/${level}`;
    if (!cache.has(key))
      cache.set(
        key,
        unitUsers(db, unit, roles, level).then((ids) => ids[0] ?? null),
      );
    return cache.get(key)!;
  };
}

const LIAISON = ['liaison', 'division_head'];
const HEAD = ['division_head'];

/** The open 信息 items the actor may see, most urgent first. */
export async function openItems(ctx: AppContext, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const who = responsible(db);
  const desk = await loose.unitByCode(db, INFO_DESK_UNIT_CODE);
  const sup = await loose.unitByCode(db, SUPERVISION_DESK_UNIT_CODE);
  const items: OpenItem[] = [];
  for (const e of await loose.openEvents(db, actor, limit))
    items.push({
      module: M,
      type: 'event',
      id: e.id,
      title: `约报：${e.title}`,
      ownerUnitId: e.unit_id,
      ownerUserId: await who({ id: e.unit_id }, LIAISON, e.level),
      deadline: chinaDate(new Date(e.due_at)),
      status: e.status,
      link: '/information/events',
    });
  for (const r of await loose.openIntake(db, actor, limit))
    items.push({
      module: M,
      type: 'item',
      id: r.id,
      title: `待采编：${r.title}`,
      ownerUnitId: desk?.id ?? null,
      ownerUserId: r.status === 'taken' ? r.editor_id : await who({ code: INFO_DESK_UNIT_CODE }, HEAD, r.level),
      deadline: ctx.calendar.addWorkingDays(chinaDate(new Date(r.reported_at)), 1),
      status: r.status,
      link: `/information/items/${r.id}`,
    });
  for (const i of await loose.openInstructions(db, actor, limit))
    items.push({
      module: M,
      type: 'instruction',
      id: i.id,
      title: `批示待转督办：${i.title}`,
      ownerUnitId: sup?.id ?? null,
      ownerUserId: await who({ code: SUPERVISION_DESK_UNIT_CODE }, HEAD, i.level),
      deadline: ctx.calendar.addWorkingDays(chinaDate(new Date(i.created_at)), 1),
      status: 'unconverted',
      link: `/information/items/${i.item_id}`,
    });
  return items.sort(byUrgency).slice(0, limit);
}

/** What the checker finds in the 信息 module (ids and codes only). */
export async function check(db: Db): Promise<LooseEnd[]> {
  const who = responsible(db);
  const out: LooseEnd[] = [];
  const push = (type: string, id: number, problem: LooseEnd['problem']) => out.push({ module: M, type, id, problem });
  for (const e of await loose.allOpenEvents(db)) {
    if (e.unit_active !== 1) push('event', e.id, 'no_owner_unit');
    if ((await who({ id: e.unit_id }, LIAISON, e.level)) === null) push('event', e.id, 'no_responsible_person');
    if (!e.due_at) push('event', e.id, 'no_time_limit');
  }
  for (const e of await loose.eventsEndedWithoutOutcome(db)) push('event', e.id, 'no_outcome');
  const desk = await loose.unitByCode(db, INFO_DESK_UNIT_CODE);
  for (const r of await loose.allIntake(db)) {
    if (desk?.active !== 1) push('item', r.id, 'no_owner_unit');
    const person =
      r.status === 'taken' ? (r.editor_id !== null && r.editor_disabled === 0 ? r.editor_id : null) : await who({ code: INFO_DESK_UNIT_CODE }, HEAD, r.level);
    if (person === null) push('item', r.id, 'no_responsible_person');
  }
  for (const r of await loose.itemsEndedWithoutOutcome(db)) push('item', r.id, 'no_outcome');
  const sup = await loose.unitByCode(db, SUPERVISION_DESK_UNIT_CODE);
  for (const i of await loose.allOpenInstructions(db)) {
    if (sup?.active !== 1) push('instruction', i.id, 'no_owner_unit');
    if ((await who({ code: SUPERVISION_DESK_UNIT_CODE }, HEAD, i.level)) === null) push('instruction', i.id, 'no_responsible_person');
  }
  return out;
}

/** The registration of the 信息 module on the loose-ends board. */
export function looseEndsProvider(ctx: AppContext): LooseEndsProvider {
  return { open: (db, actor, opts) => openItems(ctx, db, actor, opts.limit), check };
}
