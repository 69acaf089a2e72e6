/** The detail of a document: its fields, record, relations, linked supervision progress and the actor's allowed actions. */
import { isBusinessUser, type Actor } from '../../../platform/actor.js';
import { presentAbilities, presentActions } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { documentsPolicy } from '../documents.policy.js';
import { present } from '../documents.presenter.js';
import { stepAbilities, workflowOf } from '../documents.workflow.js';
import { namesOf } from '../repo/documents.people.js';
import { deliveries, documentRecords } from '../repo/documents.relations.js';
import { loadReadable } from './common.js';
import { lengthWarnings } from './length-guide.js';

/** The name of a recorded step (two steps have no transition: 起草 and 来文送达). */
function stepName(wf: ReturnType<typeof workflowOf>, action: string): string {
  return (wf.transitions[action]?.label ?? { zh: action === 'draft' ? '起草' : action === 'distribute' ? '来文送达' : action, en: action }).zh;
}

/** The detail page of a document (404 unless readable). */
export async function documentDetail(ctx: AppContext, actor: Actor, id: number) {
  const db = ctx.db;
  const d = await loadReadable(db, actor, id);
  const units = [d.owner_unit_id, d.lead_unit_id, ...d.jointUnitIds, ...(JSON.parse(d.main_unit_ids) as number[]), ...(JSON.parse(d.cc_unit_ids) as number[])];
  const [[steps, handlers, circulations, reviews], attachments, names, copies] = await Promise.all([
    documentRecords(db, id),
    ctx.files.listFor(db, 'document', id),
    namesOf(db, units, [d.created_by, d.signer_id, d.leader_id]),
    d.direction === 'out' && d.status !== 'draft' ? deliveries(db, id) : Promise.resolve([]),
  ]);
  const sup = ctx.services.supervision;
  const supervision = d.supervision_item_id && sup?.progressBySource ? ((await sup.progressBySource(db, actor, 'document', [id]))[id] ?? null) : null;
  const wf = workflowOf(d);
  const can = presentAbilities(actor, { edit: documentsPolicy.edit, attach: documentsPolicy.attach, markRead: documentsPolicy.markRead }, d);
  return {
    document: present(d, names),
    statusName: wf.states[d.status] ?? { zh: d.status, en: d.status },
    steps: steps.map((s) => ({
      action: s.action,
      actionName: stepName(wf, s.action),
      from: s.from_status,
      to: s.to_status,
      actorName: s.actor_name,
      comment: s.comment,
      at: s.at,
    })),
    handlers: handlers.map((h) => ({ unitId: h.unit_id, unitName: h.short_name, role: h.role, reply: h.reply, repliedAt: h.replied_at })),
    circulations: circulations.map((c) => ({ userId: c.user_id, name: c.name, purpose: c.purpose, readAt: c.read_at, sentAt: c.created_at })),
    reviews: reviews.map((r) => ({
      id: r.id,
      kind: r.kind,
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      round: r.round,
      decision: r.decision,
      comment: r.comment,
      decidedAt: r.decided_at,
    })),
    // 签收情况 of a distributed document: one row per recipient unit
    deliveries: copies.map((c) => ({ unitId: c.unit_id, unitName: c.short_name, received: c.status !== 'to_receive', receivedAt: c.received_at })),
    attachments,
    supervision,
    actions: isBusinessUser(actor) ? presentActions(actor, stepAbilities(wf), d) : [],
    can: {
      ...can,
      // the receipt button only while the actor's own 传阅 is unread
      markRead: can.markRead && circulations.some((c) => c.user_id === actor.id && !c.read_at),
      render: d.body_html.length > 0 || d.direction === 'out',
    },
    warnings: d.direction === 'out' ? await lengthWarnings(db, d.doc_type, d.body_html) : [],
  };
}
