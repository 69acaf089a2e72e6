/** Changes an item (optimistic lock on `version`), its scope included. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { updateItem as writeItem } from '../repo/library.items.js';
import { checkLevel, checkPeople, loadEntry, reindexItem } from './common.js';
import type { ItemInput } from './create-item.js';

/** 修改: the filer or a head of the owner unit changes fields and scope; the content's text is not audited. */
export async function updateItem(ctx: AppContext, actor: Actor, id: number, input: Partial<ItemInput> & { version: number }): Promise<{ version: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, facts } = await loadEntry(trx, actor, id, 'library.update');
    authorize(actor, libraryPolicy.edit, facts, { action: 'library.update', targetType: 'library_item', targetId: id });
    assertVersion(item, input.version);
    if (input.level !== undefined) await checkLevel(ctx, trx, actor, input.level);
    const patch = {
      kind: input.kind,
      title: input.title,
      source: input.source,
      level: input.level,
      secrecy_period: input.secrecyPeriod,
      scope: input.scope,
      catalog: input.catalog === undefined ? undefined : input.catalog ? 1 : 0,
      keywords: input.keywords?.join(','),
      summary: input.summary,
      content: input.content,
      date: input.date,
    };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(patch))
      if (v !== undefined && v !== (item as Record<string, unknown>)[k])
        changes[k] = [k === 'content' ? '…' : (item as Record<string, unknown>)[k], k === 'content' ? '…' : v];
    const version = await writeItem(trx, item, patch, iso(ctx.clock.now()));
    if (input.scopeUnitIds !== undefined || input.scopeUserIds !== undefined || input.scope === 'everyone') {
      const scope = input.scope ?? item.scope;
      const units = scope === 'scoped' ? (input.scopeUnitIds ?? facts.scopeUnits) : [];
      const users = scope === 'scoped' ? (input.scopeUserIds ?? facts.scopeUsers) : [];
      await checkPeople(trx, units, users);
      await repo.setScope(trx, id, units, users);
      changes.scope_members = [
        { units: facts.scopeUnits, users: facts.scopeUsers },
        { units, users },
      ];
    }
    await ctx.audit.append(trx, { actor, action: 'library.update', targetType: 'library_item', targetId: id, changes });
    await reindexItem(ctx, trx, (await repo.findItem(trx, id))!);
    return { version };
  });
}
