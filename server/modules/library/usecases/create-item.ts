/** Files an item (or a 查阅条目) for the actor's unit. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { LibraryKind } from '../library.constants.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { insertItem } from '../repo/library.items.js';
import { checkLevel, checkPeople, reindexItem } from './common.js';

/** Input of filing an item. */
export interface ItemInput {
  kind: LibraryKind;
  title: string;
  source: string;
  level: number;
  secrecyPeriod?: string | null;
  scope: 'everyone' | 'scoped';
  scopeUnitIds?: number[];
  scopeUserIds?: number[];
  catalog: boolean;
  keywords: string[];
  summary: string;
  content: string;
  date: string;
}

/** 报送: a new item of the actor's unit, counted as provided (提供). */
export async function createItem(ctx: AppContext, actor: Actor, input: ItemInput): Promise<{ id: number; version: number }> {
  authorize(actor, libraryPolicy.create, null, { action: 'library.create', targetType: 'library_item' });
  return ctx.db.transaction().execute(async (trx) => {
    await checkLevel(ctx, trx, actor, input.level);
    const units = input.scope === 'scoped' ? (input.scopeUnitIds ?? []) : [];
    const users = input.scope === 'scoped' ? (input.scopeUserIds ?? []) : [];
    await checkPeople(trx, units, users);
    const at = iso(ctx.clock.now());
    const item = await insertItem(
      trx,
      {
        kind: input.kind,
        title: input.title,
        source: input.source,
        owner_unit_id: actor.unitId,
        created_by: actor.id,
        level: input.level,
        secrecy_period: input.secrecyPeriod ?? null,
        scope: input.scope,
        catalog: input.catalog ? 1 : 0,
        keywords: input.keywords.join(','),
        summary: input.summary,
        content: input.content,
        date: input.date,
      },
      at,
    );
    await repo.setScope(trx, item.id, units, users);
    await repo.recordUse(trx, { itemId: item.id, unitId: actor.unitId, actorId: actor.id, actorUnitId: actor.unitId, kind: 'provided', at });
    await ctx.audit.append(trx, {
      actor,
      action: 'library.create',
      targetType: 'library_item',
      targetId: item.id,
      detail: { kind: input.kind, level: input.level, scope: input.scope, catalog: input.catalog },
    });
    await reindexItem(ctx, trx, item);
    return { id: item.id, version: item.version };
  });
}
