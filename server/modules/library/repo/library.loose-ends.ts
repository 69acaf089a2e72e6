/** 件件有着落 of 资源共享: 查阅申请 awaiting a decision (time limit: DECIDE_DAYS working days, as on the 工作台), and the checker's findings. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { WorkCalendar } from '../../../platform/deadlines.js';
import { limitDate, mostUrgent } from '../../../platform/loose-ends.js';
import type { LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { decidedBy, entryVisibleTo } from './library.visibility.js';

/** Working days within which an access request is decided (the 工作台's light uses the same). */
export const DECIDE_DAYS = 3;

async function openItems(cal: WorkCalendar, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const rows = await db
    .selectFrom('library_access_request as r')
    .innerJoin('library_item', 'library_item.id', 'r.item_id')
    .select(['r.id', 'r.item_id', 'library_item.title', 'library_item.owner_unit_id', 'library_item.created_by', 'r.created_at'])
    .where('r.status', '=', 'pending')
    .where(entryVisibleTo(actor))
    .where((eb) => eb.or([decidedBy(actor), eb('r.requester_id', '=', actor.id)]))
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return mostUrgent(
    rows.map((r) => ({
      module: 'library',
      type: 'access_request',
      id: r.id,
      title: `查阅申请：${r.title}`,
      ownerUnitId: r.owner_unit_id,
      ownerUserId: r.created_by,
      deadline: cal.addWorkingDays(limitDate(r.created_at)!, DECIDE_DAYS),
      status: '待审批',
      link: '/library/requests',
    })),
    limit,
  );
}

async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  const pending = await db
    .selectFrom('library_access_request as r')
    .innerJoin('library_item', 'library_item.id', 'r.item_id')
    .leftJoin('unit', 'unit.id', 'library_item.owner_unit_id')
    .leftJoin('user', 'user.id', 'library_item.created_by')
    .select(['r.id', 'unit.id as unit_id', 'unit.active as unit_active', 'user.id as user_id', 'user.disabled as user_disabled'])
    .where('r.status', '=', 'pending')
    .where((eb) => eb.or([eb('unit.id', 'is', null), eb('unit.active', '!=', 1), eb('user.id', 'is', null), eb('user.disabled', '!=', 0)]))
    .execute();
  for (const r of pending) {
    if (r.unit_id === null || r.unit_active !== 1) out.push({ module: 'library', type: 'access_request', id: r.id, problem: 'no_owner_unit' });
    if (r.user_id === null || r.user_disabled !== 0) out.push({ module: 'library', type: 'access_request', id: r.id, problem: 'no_responsible_person' });
  }
  // decided without the decision recorded (who, when; a refusal's reasons)
  const ended = await db
    .selectFrom('library_access_request')
    .select('id')
    .where('status', 'in', ['granted', 'refused'])
    .where((eb) =>
      eb.or([
        eb('decided_by', 'is', null),
        eb('decided_at', 'is', null),
        eb.and([eb('status', '=', 'refused'), eb.or([eb('decision_note', 'is', null), eb('decision_note', '=', '')])]),
      ]),
    )
    .execute();
  for (const r of ended) out.push({ module: 'library', type: 'access_request', id: r.id, problem: 'no_outcome' });
  return out;
}

/** The library module's registration on the 件件有着落 board. */
export function libraryLooseEnds(cal: WorkCalendar): LooseEndsProvider {
  return { open: (db, actor, { limit }) => openItems(cal, db, actor, limit), check };
}
