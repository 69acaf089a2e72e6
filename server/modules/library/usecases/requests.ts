/** Access requests (查阅申请): the list and the actions the web shows on one. */
import { isBusinessUser, type Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { allowedTransitions } from '../../../platform/workflow.js';
import { listRequests as queryRequests } from '../repo/library.items.js';
import { accessRequestWorkflow, type AccessRequestRow } from '../library.workflow.js';

/** The workflow actions the actor holds on an access request. */
export function requestActions(actor: Actor, row: AccessRequestRow): string[] {
  return allowedTransitions(accessRequestWorkflow, actor, row);
}

/** Requests the actor decides (`incoming`) or made (`mine`), newest first. */
export async function listRequests(ctx: AppContext, actor: Actor, q: { box: 'incoming' | 'mine'; status?: string; page: number; pageSize: number }) {
  if (q.box === 'incoming' && !isBusinessUser(actor)) return { total: 0, items: [] };
  const { total, rows } = await queryRequests(ctx.db, actor, q);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      itemTitle: r.title,
      level: r.level,
      requesterId: r.requester_id,
      requesterName: r.requester_name,
      requesterUnit: r.requester_unit,
      reason: r.reason,
      status: r.status,
      statusName: accessRequestWorkflow.states[r.status]?.zh ?? r.status,
      note: r.decision_note,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      version: r.version,
      // the incoming box holds exactly the requests the actor decides (the SQL of libraryPolicy.decide)
      actions: requestActions(actor, { id: r.id, status: r.status, version: r.version, decidable: q.box === 'incoming' }),
    })),
  };
}
