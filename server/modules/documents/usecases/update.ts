/** Edits an outgoing document; a substantive change after 签发 sends it back to the signer (实质性修改退回签发人). */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { assertLevel, assertSigner, assertUnits } from '../documents.checks.js';
import { draftColumnName, draftColumns, SUBSTANTIVE } from '../documents.columns.js';
import { documentsPolicy, type LoadedDocument } from '../documents.policy.js';
import { insertStep, updateDocument } from '../documents.repo.js';
import type { UpdateInput } from '../documents.schema.js';
import { workflowOf } from '../documents.workflow.js';
import { loadReadable, reindex } from './common.js';
import { lengthWarnings } from './length-guide.js';

/** The patch is valid: level enabled, units active, the signer still fits the type, flow and importance. */
async function checkPatch(ctx: AppContext, trx: Trx, actor: Actor, d: LoadedDocument, patch: Omit<UpdateInput, 'version'>): Promise<void> {
  if (patch.level !== undefined) await assertLevel(ctx, trx, actor, patch.level);
  if (patch.jointUnitIds) await assertUnits(trx, patch.jointUnitIds);
  const signerId = patch.signerId ?? d.signer_id;
  const touchesSigner =
    patch.signerId !== undefined || patch.flow !== undefined || patch.important !== undefined || patch.docType !== undefined || patch.level !== undefined;
  if (signerId && touchesSigner)
    await assertSigner(trx, signerId, {
      level: patch.level ?? d.level,
      flow: patch.flow ?? d.flow,
      important: patch.important ?? Boolean(d.important),
      docType: patch.docType ?? d.doc_type,
    });
}

/** 修改 of an outgoing document, audited as `documents.update` (or `documents.out.resubmit` when it goes back to the signer). */
export async function updateDocumentFields(ctx: AppContext, actor: Actor, id: number, input: UpdateInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await loadReadable(trx, actor, id);
    if (d.status === 'archived') throw new RuleError('documents.read_only');
    authorize(actor, documentsPolicy.edit, d, { action: 'documents.update', targetType: 'document', targetId: id });
    assertVersion(d, input.version);
    const { version: _v, ...patch } = input;
    await checkPatch(ctx, trx, actor, d, patch);
    const cols = draftColumns(patch);
    const changes = diffFields(d as unknown as Record<string, unknown>, cols);
    const changed = Object.keys(changes);
    if (!changed.length) return { id, version: d.version, status: d.status, warnings: [] };
    const substantive = SUBSTANTIVE.some((k) => (patch as Record<string, unknown>)[k] !== undefined && changes[draftColumnName(k)] !== undefined);
    const at = iso(ctx.clock.now());
    let result: { version: number; status: string };
    if (['signed', 'checked'].includes(d.status) && substantive) {
      const r = await ctx.workflow.apply(trx, workflowOf(d), {
        row: d,
        action: 'resubmit',
        actor,
        version: input.version,
        input: {},
        set: { ...cols, signed_at: null },
        detail: { changed },
        notify: d.signer_id
          ? [
              {
                userIds: [d.signer_id],
                message: {
                  kind: 'documents.resign',
                  title: `公文签发后有实质性修改，请重新签发：${patch.title ?? d.title}`,
                  body: `修改内容：${changed.join('、')}`,
                  link: `/documents/${id}`,
                  level: patch.level ?? d.level,
                },
              },
            ]
          : [],
      });
      await insertStep(trx, { documentId: id, action: 'resubmit', from: r.from, to: r.status, actor, comment: `实质性修改：${changed.join('、')}`, at });
      result = r;
    } else {
      const version = await updateDocument(trx, d, cols, at);
      await ctx.audit.append(trx, { actor, action: 'documents.update', targetType: 'document', targetId: id, changes });
      result = { version, status: d.status };
    }
    await reindex(ctx, trx, [id]);
    const warnings = await lengthWarnings(trx, patch.docType ?? d.doc_type, (cols.body_html as string | undefined) ?? d.body_html);
    return { id, version: result.version, status: result.status, warnings };
  });
}
