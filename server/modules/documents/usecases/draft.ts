/** 起草: a new outgoing draft; past the unit's quota it needs an approved over-quota request. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertLevel, assertSigner, assertUnits } from '../documents.checks.js';
import { draftColumns } from '../documents.columns.js';
import { documentsPolicy } from '../documents.policy.js';
import { countIssued, findQuota, insertDocument, insertStep } from '../documents.repo.js';
import type { DraftInput } from '../documents.schema.js';
import { findApproval, useApproval } from '../repo/documents.quota.js';
import { reindex } from './common.js';
import { lengthWarnings } from './length-guide.js';

/** The approved over-quota request the draft needs, or null when the unit is within its quota. */
async function quotaApproval(trx: Trx, actor: Actor, input: DraftInput, year: number): Promise<number | null> {
  const quota = await findQuota(trx, actor.unitId, input.docType, year);
  if (!quota || (await countIssued(trx, actor.unitId, input.docType, year)) < quota.quota) return null;
  if (!input.overQuotaApprovalId) throw new RuleError('documents.over_quota', { year, type: input.docType, quota: quota.quota });
  const ap = await findApproval(trx, input.overQuotaApprovalId);
  if (!ap || ap.status !== 'approved' || ap.unit_id !== actor.unitId || ap.doc_type !== input.docType || ap.year !== year)
    throw new RuleError('documents.approval_invalid');
  return ap.id;
}

/** 起草 of an outgoing document by the actor's unit. */
export async function draftDocument(ctx: AppContext, actor: Actor, input: DraftInput) {
  authorize(actor, documentsPolicy.draft, null, { action: 'documents.out.draft', targetType: 'document' });
  return ctx.db.transaction().execute(async (trx) => {
    await assertLevel(ctx, trx, actor, input.level);
    await assertUnits(trx, input.jointUnitIds ?? []);
    if (input.signerId)
      await assertSigner(trx, input.signerId, { level: input.level, flow: input.flow ?? null, important: input.important ?? false, docType: input.docType });
    const year = chinaYear(ctx.clock.now());
    const approvalId = await quotaApproval(trx, actor, input, year);
    const at = iso(ctx.clock.now());
    const id = await insertDocument(trx, {
      direction: 'out',
      status: 'draft',
      owner_unit_id: actor.unitId,
      created_by: actor.id,
      year,
      over_quota_approval_id: approvalId,
      created_at: at,
      updated_at: at,
      ...(draftColumns(input) as { doc_type: string; title: string }),
    });
    if (approvalId && !(await useApproval(trx, approvalId, id, at))) throw new RuleError('documents.approval_invalid');
    await insertStep(trx, { documentId: id, action: 'draft', from: '', to: 'draft', actor, at });
    await ctx.audit.append(trx, {
      actor,
      action: 'documents.out.draft',
      targetType: 'document',
      targetId: id,
      detail: { title: input.title, docType: input.docType, overQuotaApprovalId: approvalId },
    });
    await reindex(ctx, trx, [id]);
    return { id, warnings: await lengthWarnings(trx, input.docType, input.bodyHtml ?? '') };
  });
}
