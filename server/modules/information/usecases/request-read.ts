/** 约稿 lists and the request page: asked units, who answered with which reports (titles only where readable), who did not. */
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { userNames } from '../../../platform/names.js';
import { requestAbilities, requestPolicy, type LoadedInfoRequest } from '../information.policy.js';
import { answersOf, askedUnits, listRequests, loadRequest, type RequestFilter } from '../repo/information.requests.js';

function summary(r: LoadedInfoRequest | Awaited<ReturnType<typeof listRequests>>[number], counts: { asked: number; answered: number; owed: boolean }) {
  return {
    id: r.id,
    topic: r.topic,
    level: r.level,
    deadline: r.deadline,
    status: r.status,
    createdAt: r.created_at,
    version: r.version,
    ...counts,
  };
}

/** The requests the actor may see (信息处: all up to clearance; a unit: those asking it), newest first. */
export async function requestList(ctx: AppContext, actor: Actor, f: RequestFilter) {
  const rows = await listRequests(ctx.db, actor, f);
  return {
    items: rows.map((r) =>
      summary(r, { asked: Number(r.asked), answered: Number(r.answered), owed: r.status === 'open' && Number(r.own_asked) > 0 && Number(r.own_answers) === 0 }),
    ),
    can: { create: requestPolicy.create(actor, null) },
  };
}

/** The request page (404 unless readable). */
export async function requestDetail(ctx: AppContext, actor: Actor, id: number) {
  const db = ctx.db;
  const req = await loadRequest(db, id);
  authorize(actor, requestPolicy.read, req, { action: 'information.request_read', targetType: 'info_request', targetId: id, mode: 'read' });
  const [units, answers, names] = await Promise.all([askedUnits(db, id), answersOf(db, actor, id), userNames(db, [req.created_by, req.closed_by])]);
  const rows = units.map((u) => {
    const own = answers.filter((a) => a.unit_id === u.unit_id);
    return {
      unitId: u.unit_id,
      unitName: u.unit_name,
      answered: own.length > 0,
      remindedAt: u.reminded_at,
      answers: own.map((a) => ({ itemId: a.item_id, answeredAt: a.answered_at, title: a.title, status: a.status })),
    };
  });
  const answered = rows.filter((r) => r.answered).length;
  const ownRow = rows.find((r) => r.unitId === actor.unitId);
  return {
    request: {
      ...summary(req, { asked: rows.length, answered, owed: req.status === 'open' && ownRow !== undefined && !ownRow.answered }),
      description: req.description,
      createdByName: names.get(req.created_by) ?? '',
      closedAt: req.closed_at,
      closedByName: req.closed_by ? (names.get(req.closed_by) ?? null) : null,
    },
    units: rows,
    actions: presentActions(actor, requestAbilities, req),
  };
}
