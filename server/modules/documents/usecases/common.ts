/** What every 公文 use case shares: load-then-authorize a read, and re-indexing for the whole-system search. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { documentsPolicy, type LoadedDocument } from '../documents.policy.js';
import { loadDocument, searchDocs } from '../documents.repo.js';

/** Loads a document the actor may read; otherwise 404, audited as `action` denied. */
export async function loadReadable(db: Db | Trx, actor: Actor, id: number, action = 'documents.read'): Promise<LoadedDocument> {
  const d = await loadDocument(db, id, actor);
  authorize(actor, documentsPolicy.read, d, { action, targetType: 'document', targetId: id, mode: 'read' });
  return d;
}

/** Re-indexes documents for the whole-system search, inside the write's transaction. */
export async function reindex(ctx: AppContext, trx: Trx, ids: readonly number[]): Promise<void> {
  if (ctx.search) await ctx.search.indexMany(trx, await searchDocs(trx, ids));
}
