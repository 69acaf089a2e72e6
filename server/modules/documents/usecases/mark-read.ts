/** 传阅 read receipt: the recipient confirms reading (a recipient may read, not edit). */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { documentsPolicy } from '../documents.policy.js';
import { markCirculationRead } from '../repo/documents.relations.js';
import { loadReadable } from './common.js';

/** 阅知: records the receipt once (audited the first time only). */
export async function markDocumentRead(ctx: AppContext, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await loadReadable(trx, actor, id);
    // a reader who is no recipient breaks a rule (422), not a permission: the document is readable
    if (!documentsPolicy.markRead(actor, d)) throw new RuleError('documents.not_circulation_recipient');
    const at = iso(ctx.clock.now());
    if (await markCirculationRead(trx, id, actor.id, at))
      await ctx.audit.append(trx, { actor, action: 'documents.circulation_read', targetType: 'document', targetId: id });
    return { ok: true, readAt: at };
  });
}
