/** 超配额审批: a drafter asks to draft past the quota; the 办公厅主任 decides; each side lists what it may see. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import { NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { DocType } from '../documents.constants.js';
import { documentsPolicy } from '../documents.policy.js';
import { directorIds } from '../repo/documents.people.js';
import { decideApprovalRow, findApproval, insertApproval, listApprovalRows } from '../repo/documents.quota.js';

/** Files a request with its reasons; the directors are notified. */
export async function requestApproval(ctx: AppContext, actor: Actor, input: { docType: DocType; title: string; reason: string }) {
  authorize(actor, documentsPolicy.draft, null, { action: 'documents.quota_request', targetType: 'document_quota_approval' });
  return ctx.db.transaction().execute(async (trx) => {
    const at = iso(ctx.clock.now());
    const year = chinaYear(ctx.clock.now());
    const id = await insertApproval(trx, {
      unitId: actor.unitId,
      year,
      docType: input.docType,
      title: input.title,
      reason: input.reason,
      requestedBy: actor.id,
      at,
    });
    await ctx.audit.append(trx, { actor, action: 'documents.quota_request', targetType: 'document_quota_approval', targetId: id, detail: { ...input, year } });
    await ctx.notifier.send(trx, await directorIds(trx), {
      kind: 'documents.quota_request',
      title: `超配额发文审批：${input.title}`,
      body: input.reason,
      link: '/documents/quota',
      level: 0,
    });
    return { id, status: 'pending' };
  });
}

/** Decides a pending request, with the decision's reasons; the requester is notified. */
export async function decideApproval(ctx: AppContext, actor: Actor, id: number, input: { version: number; approve: boolean; comment: string }) {
  authorize(actor, documentsPolicy.manageQuota, null, { action: 'documents.quota_decide', targetType: 'document_quota_approval', targetId: id });
  return ctx.db.transaction().execute(async (trx) => {
    const ap = await findApproval(trx, id);
    if (!ap) throw new NotFoundError();
    assertVersion(ap, input.version);
    if (ap.status !== 'pending') throw new RuleError('workflow.invalid_transition', { state: ap.status, action: input.approve ? '批准' : '不批准' });
    const at = iso(ctx.clock.now());
    const status = input.approve ? 'approved' : 'rejected';
    const version = await decideApprovalRow(trx, ap, { status, by: actor.id, comment: input.comment, at });
    await ctx.audit.append(trx, {
      actor,
      action: 'documents.quota_decide',
      targetType: 'document_quota_approval',
      targetId: id,
      changes: { status: [ap.status, status] },
      detail: { comment: input.comment },
    });
    await ctx.notifier.send(trx, [ap.requested_by], {
      kind: 'documents.quota_decided',
      title: `超配额发文申请${input.approve ? '已批准' : '未批准'}：${ap.title}`,
      body: input.comment,
      link: '/documents/quota',
      level: 0,
    });
    return { id, status, version };
  });
}

/** Over-quota requests of a year: directors see all; others their unit's. */
export async function listApprovals(ctx: AppContext, actor: Actor, year: number) {
  authorize(actor, documentsPolicy.viewQuota, null, { action: 'documents.quota_requests', targetType: 'document_quota_approval' });
  const rows = await listApprovalRows(ctx.db, year, documentsPolicy.manageQuota(actor, null) ? null : actor.unitId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      unitName: r.unit_name,
      docType: r.doc_type,
      title: r.title,
      reason: r.reason,
      status: r.status,
      decisionComment: r.decision_comment,
      decidedAt: r.decided_at,
      version: r.version,
      requester: r.requester,
      documentId: r.document_id,
    })),
  };
}
