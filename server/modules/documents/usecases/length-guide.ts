/** The length guide (文风 简短准): 字数 by document type, its warnings, and setting it. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { DEFAULT_LENGTH_GUIDE } from '../documents.constants.js';
import { documentsPolicy } from '../documents.policy.js';
import { htmlToText } from '../documents.sanitize.js';
import { storedLengthGuide, writeLengthGuide } from '../repo/documents.quota.js';

/** The length guide (字数 by type): the defaults overridden by the stored setting. */
export async function lengthGuide(db: Db | Trx): Promise<Record<string, number>> {
  return { ...DEFAULT_LENGTH_GUIDE, ...(await storedLengthGuide(db)) };
}

/** Warnings of the length guide for a body of a type. */
export async function lengthWarnings(db: Db | Trx, docType: string, bodyHtml: string): Promise<{ code: string; chars: number; limit: number }[]> {
  const guide = await lengthGuide(db);
  const chars = htmlToText(bodyHtml).replace(/\s/g, '').length;
  const limit = guide[docType];
  return limit !== undefined && chars > limit ? [{ code: 'documents.too_long', chars, limit }] : [];
}

/** Sets the length guide (办公厅主任). */
export async function setLengthGuide(ctx: AppContext, actor: Actor, guide: Record<string, number>) {
  authorize(actor, documentsPolicy.manageQuota, null, { action: 'documents.length_guide', targetType: 'setting' });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lengthGuide(trx);
    const key = await writeLengthGuide(trx, guide, iso(ctx.clock.now()));
    await ctx.audit.append(trx, { actor, action: 'documents.length_guide', targetType: 'setting', targetId: key, changes: diffFields(before, guide) });
    return lengthGuide(trx);
  });
}
