/** Output of documents: a readable document for DOCX/PDF rendering, and the record of an archive export. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import type { LoadedDocument } from '../documents.policy.js';
import { userName } from '../repo/documents.people.js';
import { loadReadable } from './common.js';

/** A loaded document for rendering, after the read policy; the render is audited. */
export async function documentForRender(ctx: AppContext, actor: Actor, id: number): Promise<{ doc: LoadedDocument; signerName: string | null }> {
  const d = await loadReadable(ctx.db, actor, id, 'documents.render');
  await ctx.audit.record(ctx.db, { actor, action: 'documents.render', targetType: 'document', targetId: id, detail: { level: d.level } });
  const signerName = d.signer_id ? await userName(ctx.db, d.signer_id) : undefined;
  return { doc: d, signerName: signerName ?? null };
}

/** Records an export of the archive list (what and how many rows). */
export async function recordArchiveExport(ctx: AppContext, actor: Actor, rows: number): Promise<void> {
  await ctx.audit.record(ctx.db, { actor, action: 'documents.archive_export', targetType: 'document', detail: { rows } });
}
