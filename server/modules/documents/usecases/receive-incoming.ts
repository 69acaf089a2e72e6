/** 签收: records a document received by the actor's unit (paper or other channel), with the time of receipt. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertLevel } from '../documents.checks.js';
import { documentsPolicy } from '../documents.policy.js';
import { insertDocument, insertStep } from '../documents.repo.js';
import type { IncomingInput } from '../documents.schema.js';
import { reindex } from './common.js';

/** 签收 of an incoming document: a new 收文 in state 待登记. */
export async function receiveIncoming(ctx: AppContext, actor: Actor, input: IncomingInput) {
  authorize(actor, documentsPolicy.receive, null, { action: 'documents.in.receive', targetType: 'document' });
  return ctx.db.transaction().execute(async (trx) => {
    await assertLevel(ctx, trx, actor, input.level);
    const now = ctx.clock.now();
    const at = iso(now);
    const id = await insertDocument(trx, {
      direction: 'in',
      status: 'received',
      doc_type: input.docType,
      title: input.title,
      level: input.level,
      secrecy_term: input.secrecyTerm ?? null,
      urgency: input.urgency,
      owner_unit_id: actor.unitId,
      created_by: actor.id,
      source_organ: input.sourceOrgan,
      original_no: input.originalNo ?? null,
      received_at: at,
      year: chinaYear(now),
      created_at: at,
      updated_at: at,
    });
    await insertStep(trx, { documentId: id, action: 'receive', from: '', to: 'received', actor, comment: null, at });
    await ctx.audit.append(trx, {
      actor,
      action: 'documents.in.receive',
      targetType: 'document',
      targetId: id,
      detail: { title: input.title, sourceOrgan: input.sourceOrgan },
    });
    await reindex(ctx, trx, [id]);
    return { id };
  });
}
