/**
 * 约稿 on the 工作台 and the 件件有着落 board: an asked unit's liaison (or division head) sees each open
 * request the unit has not answered on the 工作台; past the deadline, each unanswered unit is a loose
 * end (`request_unit`) of that unit and its liaison. The checker finds asks with no active unit or no
 * cleared liaison, and requests closed without the closing recorded.
 */
import type { Db } from '../../../db/client.js';
import { hasRole, type Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import { mostUrgent } from '../../../platform/loose-ends.js';
import type { AppContext, LooseEnd, LooseEndsProvider, OpenItem, WorkbenchItem } from '../../../platform/module.js';
import { unitUsers } from '../information.repo.js';
import { requestsClosedWithoutOutcome, requestVisibleTo, unansweredAsks } from '../repo/information.requests.js';
import { REQUEST_ROLES } from './request-create.js';

const M = 'information';
const MODULE_NAME = { zh: '信息报送', en: 'Information' };

/** The open requests the actor's unit owes an answer to (for its liaisons and division heads). */
export async function requestWorkbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  if (!hasRole(actor, 'liaison', 'division_head')) return [];
  const rows = await unansweredAsks(db)
    .where('r.unit_id', '=', actor.unitId)
    .where('info_request.level', '<=', actor.clearance)
    .orderBy('info_request.deadline')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    module: M,
    moduleName: MODULE_NAME,
    id: r.request_id,
    title: `约稿：${r.topic}`,
    ownerUnit: r.unit_name,
    deadline: r.deadline,
    light: ctx.calendar.light(r.deadline, now),
    status: '待报送',
    link: `/information/requests/${r.request_id}`,
  }));
}

/** Unanswered asks past their deadline that the actor may see, earliest deadline first. */
export async function overdueAsks(ctx: AppContext, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const today = chinaDate(ctx.clock.now());
  const rows = await unansweredAsks(db)
    .where('info_request.deadline', '<', today)
    .where(requestVisibleTo(actor))
    .orderBy('info_request.deadline')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  const out: OpenItem[] = [];
  for (const r of rows)
    out.push({
      module: M,
      type: 'request_unit',
      id: r.id,
      title: `约稿未报：${r.topic}（${r.unit_name}）`,
      ownerUnitId: r.unit_id,
      ownerUserId: (await unitUsers(db, { id: r.unit_id }, REQUEST_ROLES, r.level))[0] ?? null,
      deadline: r.deadline,
      status: 'unanswered',
      link: `/information/requests/${r.request_id}`,
    });
  return out;
}

/** What the checker finds in 约稿 (ids and codes only). */
export async function checkRequests(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  for (const r of await unansweredAsks(db).orderBy('r.id').execute()) {
    if (r.unit_active !== 1) out.push({ module: M, type: 'request_unit', id: r.id, problem: 'no_owner_unit' });
    else if (!(await unitUsers(db, { id: r.unit_id }, REQUEST_ROLES, r.level)).length)
      out.push({ module: M, type: 'request_unit', id: r.id, problem: 'no_responsible_person' });
  }
  for (const r of await requestsClosedWithoutOutcome(db)) out.push({ module: M, type: 'request', id: r.id, problem: 'no_outcome' });
  return out;
}

/** The module's provider with the 约稿 rows added to `base`'s. */
export function withRequests(ctx: AppContext, base: LooseEndsProvider): LooseEndsProvider {
  return {
    async open(db, actor, opts) {
      return mostUrgent([...(await base.open(db, actor, opts)), ...(await overdueAsks(ctx, db, actor, opts.limit))], opts.limit);
    },
    check: async (db) => [...(await base.check(db)), ...(await checkRequests(db))],
  };
}
