/**
 * 归档入库 from another module (e.g. a finished 调研课题's report), inside the caller's transaction:
 * the item is filed for `ownerUnitId` with its 密级 and 知悉范围 as the caller decided them, counted as
 * provided (提供), audited as `library.file_from_module` and indexed for the whole-system search.
 * The caller has already authorized its own step; the library checks only the level and the people.
 */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { FileFromModuleInput } from '../library.contract.js';
import * as repo from '../library.repo.js';
import { insertItem } from '../repo/library.items.js';
import { checkLevel, checkPeople, reindexItem } from './common.js';

/** Files the item and answers its id. */
export async function fileFromModule(ctx: AppContext, trx: Trx, actor: Actor, input: FileFromModuleInput): Promise<{ id: number }> {
  await checkLevel(ctx, trx, actor, input.level);
  const units = [...new Set(input.scopeUnitIds)];
  const users = [...new Set(input.scopeUserIds)];
  await checkPeople(trx, units, users);
  const at = iso(ctx.clock.now());
  const item = await insertItem(
    trx,
    {
      kind: input.kind,
      title: input.title,
      source: input.source,
      owner_unit_id: input.ownerUnitId,
      created_by: actor.id,
      level: input.level,
      secrecy_period: null,
      scope: units.length || users.length ? 'scoped' : 'everyone',
      catalog: input.catalog ? 1 : 0,
      keywords: input.keywords.join(','),
      summary: input.summary,
      content: input.content,
      date: input.date,
    },
    at,
  );
  await repo.setScope(trx, item.id, units, users);
  await repo.recordUse(trx, { itemId: item.id, unitId: input.ownerUnitId, actorId: actor.id, actorUnitId: actor.unitId, kind: 'provided', at });
  await ctx.audit.append(trx, {
    actor,
    action: 'library.file_from_module',
    targetType: 'library_item',
    targetId: item.id,
    detail: { kind: input.kind, level: input.level, fromType: input.fromType, fromId: input.fromId },
  });
  await reindexItem(ctx, trx, item);
  return { id: item.id };
}
