/**
 * 件件有着落: the open items of 政务接待 on the office-wide board (open itinerary items of unclosed plans,
 * and plans not yet approved or not yet closed), and the checker's findings (open items without an
 * active responsible unit, person or time; closed plans without a summary or actual costs).
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import * as repo from '../reception.repo.js';
import { dayOf, viewer } from './common.js';
import { ITEM_KIND_NAMES, type ItemKind } from '../../../../common/reception.js';

/** The open items `actor` may see, most urgent first. */
export async function open(db: Db, actor: Actor, opts: { limit: number }): Promise<OpenItem[]> {
  const v = viewer(actor, await repo.desk(db));
  const items = await repo.openItemsVisible(db, v, opts.limit);
  const plans = await repo.unclosedPlansVisible(db, v, opts.limit);
  const out: OpenItem[] = [
    ...items.map((i) => ({
      module: 'reception',
      type: 'reception_item',
      id: i.id,
      title: `${ITEM_KIND_NAMES[i.kind as ItemKind]?.zh ?? i.kind}：${i.title}`,
      ownerUnitId: i.unit_id,
      ownerUserId: i.person_id,
      deadline: dayOf(i.starts_at),
      status: i.status,
      link: `/reception/plans/${i.plan_id}`,
    })),
    ...plans.map((p) => ({
      module: 'reception',
      type: 'reception_plan',
      id: p.id,
      title: `接待方案：${p.title}`,
      ownerUnitId: p.unit_id,
      ownerUserId: p.drafted_by,
      // to be approved before the guests arrive; once approved, to be closed after they leave
      deadline: p.status === 'approved' ? p.leave_date : p.arrive_date,
      status: p.status,
      link: `/reception/plans/${p.id}`,
    })),
  ];
  out.sort((a, b) => (a.deadline === b.deadline ? 0 : a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1));
  return out.slice(0, opts.limit);
}

/** Every loose end of the module (no actor: ids and codes only). */
export async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  for (const i of await repo.openItemsForCheck(db)) {
    const base = { module: 'reception', type: 'reception_item', id: i.id, number: i.number };
    if (i.unit_id === null || i.unit_active !== 1) out.push({ ...base, problem: 'no_owner_unit' });
    if (i.person_id === null || i.user_disabled !== 0) out.push({ ...base, problem: 'no_responsible_person' });
    if (i.starts_at === null) out.push({ ...base, problem: 'no_time_limit' });
  }
  for (const p of await repo.unclosedPlansForCheck(db)) {
    const base = { module: 'reception', type: 'reception_plan', id: p.id, number: p.number };
    if (p.unit_active !== 1) out.push({ ...base, problem: 'no_owner_unit' });
    if (p.user_disabled !== 0) out.push({ ...base, problem: 'no_responsible_person' });
  }
  for (const p of await repo.closedPlansWithoutOutcome(db))
    out.push({ module: 'reception', type: 'reception_plan', id: p.id, number: p.number, problem: 'no_outcome' });
  return out;
}

/** The module's registration on the board. */
export function provider(): LooseEndsProvider {
  return { open, check };
}
