/** Streams an attachment of an item the actor may open, counting a download (下载). */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { findItemAttachment } from '../repo/library.items.js';
import { loadEntry } from './common.js';

/** The file of an attachment, its name and type; the download is counted and audited. */
export async function downloadAttachment(ctx: AppContext, actor: Actor, itemId: number, fileId: number) {
  const { item, facts } = await loadEntry(ctx.db, actor, itemId, 'library.download');
  authorize(actor, libraryPolicy.readContent, facts, { action: 'library.download', targetType: 'library_item', targetId: itemId, mode: 'read' });
  const a = await findItemAttachment(ctx.db, itemId, fileId);
  if (!a) throw new NotFoundError();
  // opened first: a missing content answers 404 file.content_missing without counting a download
  const stream = await ctx.files.open(a.sha256);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const at = iso(ctx.clock.now());
      await repo.recordUse(trx, { itemId, unitId: item.owner_unit_id, actorId: actor.id, actorUnitId: actor.unitId, kind: 'downloaded', at });
      await ctx.audit.append(trx, {
        actor,
        action: 'file.download',
        targetType: 'attachment',
        targetId: fileId,
        detail: { ownerType: 'library_item', ownerId: itemId, level: item.level },
      });
    })
    .catch((err: unknown) => {
      stream.destroy();
      throw err;
    });
  return { filename: a.filename, mime: a.mime, size: a.size, stream };
}
