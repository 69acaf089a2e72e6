/** 发文办理: the side effects of each step of the outgoing workflow (see `documents.workflow.ts`). */
import { chinaYear } from '../../platform/clock.js';
import { RuleError } from '../../platform/errors.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import { assertSigner, assertUnits, assertUsers } from './documents.checks.js';
import { RECEIPT_DAYS } from './documents.constants.js';
import { countIssued, documentState, findQuota, insertDocument, insertStep } from './documents.repo.js';
import type { StepContext, StepHandler } from './documents.steps.js';
import { reindex } from './usecases/common.js';
import { unitClerks } from './repo/documents.people.js';
import { closePendingReviews, decidePending, insertReview, lastReviewRound } from './repo/documents.relations.js';

/** 送审: a new review round with the named reviewers. */
const submit: StepHandler = async ({ trx, d, input, msg, at }, plan) => {
  const reviewers = await assertUsers(trx, input.reviewerIds ?? [], d.level);
  const round = 1 + (await lastReviewRound(trx, d.id));
  plan.after = async () => {
    for (const r of reviewers) await insertReview(trx, { documentId: d.id, kind: 'review', reviewerId: r.id, unitId: r.unit_id, round, at });
  };
  plan.notify.push({ userIds: reviewers.map((r) => r.id), message: msg('documents.review', `请审核：${d.title}`) });
};

/** After the last decision of a round: 会签 opens for the co-issuing units, or the signer is asked to sign. */
async function afterReview({ ctx, trx, d, msg, at }: StepContext): Promise<void> {
  const { status } = await documentState(trx, d.id);
  if (status === 'countersigning') {
    for (const u of d.jointUnitIds) await insertReview(trx, { documentId: d.id, kind: 'countersign', reviewerId: null, unitId: u, round: 1, at });
    await ctx.notifier.send(
      trx,
      await unitClerks(trx, d.jointUnitIds, d.level, ['leader', 'director', 'division_head', 'liaison']),
      msg('documents.countersign', `请会签：${d.title}`),
    );
  } else if (status === 'to_sign' && d.signer_id) await ctx.notifier.send(trx, [d.signer_id], msg('documents.to_sign', `请签发：${d.title}`));
}

/** 审核通过 / 审核退回: the reviewer's decision; a return ends the round for the others. */
const review: StepHandler = async (s, plan) => {
  const { trx, actor, d, input, action, msg, at } = s;
  plan.after = async () => {
    const decision = action === 'approve' ? 'approved' : 'rejected';
    await decidePending(trx, d.id, { kind: 'review', reviewerId: actor.id }, { decision, comment: input.comment ?? null, by: actor.id, at });
    if (action === 'reject') await closePendingReviews(trx, d.id, at);
    await afterReview(s);
  };
  if (action === 'reject') plan.notify.push({ userIds: [d.created_by], message: msg('documents.rejected', `审核退回：${d.title}`, input.comment ?? '') });
};

/** 会签: the actor's unit agrees; the last one sends it to the signer. */
const countersign: StepHandler = async ({ ctx, trx, actor, d, input, msg, at }, plan) => {
  plan.after = async () => {
    await decidePending(trx, d.id, { kind: 'countersign', unitId: actor.unitId }, { decision: 'approved', comment: input.comment ?? null, by: actor.id, at });
    const { status } = await documentState(trx, d.id);
    if (status === 'to_sign' && d.signer_id) await ctx.notifier.send(trx, [d.signer_id], msg('documents.to_sign', `请签发：${d.title}`));
  };
};

/** 签发: the signer is checked again against the draft as it is now; the 成文日期 defaults to today. */
const sign: StepHandler = async ({ trx, d, input, msg, at, today }, plan) => {
  if (!d.signer_id) throw new RuleError('workflow.missing_fields', { fields: 'signerId' }, { fields: ['signerId'] });
  await assertSigner(trx, d.signer_id, { level: d.level, flow: d.flow, important: Boolean(d.important), docType: d.doc_type });
  Object.assign(plan.set, { signed_at: at, doc_date: d.doc_date ?? today });
  plan.notify.push({ userIds: [d.created_by], message: msg('documents.signed', `已签发：${d.title}`, input.comment ?? '') });
};

/** 不予签发: back to the drafter. */
const decline: StepHandler = async ({ d, input, msg }, plan) => {
  plan.notify.push({ userIds: [d.created_by], message: msg('documents.declined', `不予签发：${d.title}`, input.comment ?? '') });
};

/** 登记编号: the 发文字号 of the organ and year (no gaps: a refusal rolls the number back), recipients, print count. */
const register: StepHandler = async ({ ctx, trx, d, input, today }, plan) => {
  if (!d.org_code) throw new RuleError('documents.org_code_required');
  await assertUnits(trx, [...(input.mainUnitIds ?? []), ...(input.ccUnitIds ?? [])]);
  const year = chinaYear(ctx.clock.now());
  // the 配额 is consumed by numbering, not by drafting: past it, only a document drafted under an approved over-quota request is numbered
  const quota = await findQuota(trx, d.owner_unit_id, d.doc_type, year);
  if (quota && !d.over_quota_approval_id && (await countIssued(trx, d.owner_unit_id, d.doc_type, year)) >= quota.quota)
    throw new RuleError('documents.over_quota', { year, type: d.doc_type, quota: quota.quota });
  const n = await nextSerial(trx, d.org_code, year);
  Object.assign(plan.set, {
    year,
    serial: n,
    doc_no: formatSerial(d.org_code, year, n),
    main_unit_ids: JSON.stringify(input.mainUnitIds ?? []),
    cc_unit_ids: JSON.stringify(input.ccUnitIds ?? []),
    print_count: input.printCount ?? null,
    print_date: d.print_date ?? today,
  });
};

/** 核发: each recipient unit gets an incoming copy to sign for (来文送达). */
const distribute: StepHandler = async ({ ctx, trx, actor, d, at, today }, plan) => {
  const mains = JSON.parse(d.main_unit_ids) as number[];
  const ccs = JSON.parse(d.cc_unit_ids) as number[];
  const recipients = [...new Set([...mains, ...ccs])].filter((u) => u !== d.owner_unit_id);
  plan.after = async () => {
    for (const unitId of recipients) {
      const copyId = await insertDocument(trx, {
        direction: 'in',
        status: 'to_receive',
        doc_type: d.doc_type,
        title: d.title,
        level: d.level,
        secrecy_term: d.secrecy_term,
        urgency: d.urgency,
        owner_unit_id: unitId,
        created_by: actor.id,
        source_organ: d.signature ?? d.print_organ ?? d.issuer_organ,
        original_no: d.doc_no,
        source_document_id: d.id,
        issuer_organ: d.issuer_organ,
        doc_no: null,
        org_code: null,
        flow: d.flow,
        main_to: d.main_to,
        cc: d.cc,
        body_html: d.body_html,
        attachments_note: d.attachments_note,
        signature: d.signature,
        doc_date: d.doc_date,
        note: d.note,
        print_organ: d.print_organ,
        print_date: d.print_date,
        year: d.year,
        created_at: at,
        updated_at: at,
      });
      await insertStep(trx, { documentId: copyId, action: 'distribute', from: '', to: 'to_receive', actor, comment: `${d.doc_no ?? ''} 核发`, at });
      await reindex(ctx, trx, [copyId]);
      await ctx.audit.append(trx, {
        actor,
        action: 'documents.in.delivered',
        targetType: 'document',
        targetId: copyId,
        detail: { sourceDocumentId: d.id, unitId },
      });
      // the unit's 文书 and 联络员: someone in every recipient unit is told and may sign for it
      await ctx.notifier.send(trx, await unitClerks(trx, [unitId], d.level), {
        kind: 'documents.delivered',
        title: `新来文待签收：${d.doc_no ?? ''} ${d.title}`,
        body: d.issuer_organ ?? '',
        link: `/documents/${copyId}`,
        level: d.level,
      });
    }
    // 签收时限: the units that have not signed for their copy by then are reminded (documents.receipt_remind)
    if (recipients.length)
      await ctx.scheduler.schedule(trx, {
        kind: 'documents.receipt_remind',
        targetType: 'document',
        targetId: d.id,
        dueAt: new Date(`${ctx.calendar.addWorkingDays(today, RECEIPT_DAYS)}T01:00:00.000Z`),
      });
  };
  plan.comment = `核发至 ${recipients.length} 个单位`;
};

/** The handlers of the outgoing steps (归档 is shared with incoming, in `documents.steps.ts`). */
export const outgoingSteps: Readonly<Record<string, StepHandler>> = {
  submit,
  approve: review,
  reject: review,
  countersign,
  sign,
  decline,
  register,
  distribute,
};
