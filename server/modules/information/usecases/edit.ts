/** 编辑: 信息处 edits an item's text; the unit's original and every edit stay (info_revision), with who and when. */
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { informationPolicy } from '../information.policy.js';
import { insertRevision, updateItem } from '../information.repo.js';
import type { EditInput } from '../information.schema.js';
import { assertState, loadReadable } from './common.js';

/** Edits the text of an item being edited (`information.edit`); a text equal to the current one changes nothing. */
export async function editItem(ctx: AppContext, actor: Actor, id: number, input: EditInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await loadReadable(trx, actor, id, 'information.edit');
    assertVersion(item, input.version);
    assertState(item, ['taken']);
    authorize(actor, informationPolicy.edit, item, { action: 'information.edit', targetType: 'info_item', targetId: id });
    const changes = diffFields(item as unknown as Record<string, unknown>, { title: input.title, body: input.body });
    if (!Object.keys(changes).length) return { id, version: item.version, status: item.status };
    const at = iso(ctx.clock.now());
    const version = await updateItem(trx, item, { title: input.title, body: input.body, editor_id: actor.id, updated_at: at });
    const seq = await insertRevision(trx, { itemId: id, title: input.title, body: input.body, note: input.note ?? null, by: actor.id, at });
    await ctx.audit.append(trx, { actor, action: 'information.edit', targetType: 'info_item', targetId: id, changes, detail: { revision: seq } });
    return { id, version, status: item.status };
  });
}
