/** What the library's use cases share: input checks, load-then-authorize reads, re-indexing for the whole-system search. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { LIBRARY_KINDS, type LibraryKind } from '../library.constants.js';
import '../library.errors.js';
import { libraryPolicy, type ItemFacts } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { countExisting } from '../repo/library.items.js';
import { findTopic } from '../repo/library.forum.js';
import { listUnitsOf } from '../repo/library.distribution.js';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** The display name of an item kind (an unknown kind shows as itself). */
export function kindName(kind: string): (typeof LIBRARY_KINDS)[LibraryKind]['zh'] {
  return LIBRARY_KINDS[kind as LibraryKind]?.zh ?? (kind as (typeof LIBRARY_KINDS)[LibraryKind]['zh']);
}

/** The level is enabled and within the actor's clearance. */
export async function checkLevel(ctx: AppContext, db: Db | Trx, actor: Actor, level: number): Promise<void> {
  const { value } = await ctx.settings.get(db);
  if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
  if (level > actor.clearance) throw new RuleError('level.above_clearance');
}

/** Every unit and user named exists. */
export async function checkPeople(db: Db | Trx, unitIds: readonly number[], userIds: readonly number[]): Promise<void> {
  const found = await countExisting(db, unitIds, userIds);
  if (found.units !== new Set(unitIds).size || found.users !== new Set(userIds).size) throw new RuleError('library.unknown_user');
}

/** Loads an item and its policy facts, refusing (404, audited as `action`) unless the actor sees its entry. */
export async function loadEntry(db: Db | Trx, actor: Actor, id: number, action: string): Promise<{ item: repo.ItemRow; facts: ItemFacts }> {
  const item = await repo.findItem(db, id);
  const facts = item ? await repo.factsOf(db, actor, item) : undefined;
  authorize(actor, libraryPolicy.readEntry, facts, { action, targetType: 'library_item', targetId: id, mode: 'read' });
  return { item: item!, facts };
}

/** Re-indexes an item for the whole-system search, inside the write's transaction. */
export async function reindexItem(ctx: AppContext, trx: Trx, item: repo.ItemRow): Promise<void> {
  await ctx.search.index(trx, repo.itemSearchDoc(item, await repo.scopeOf(trx, item.id)));
}

/** Re-indexes a forum topic (title, body, visible replies). */
export async function reindexTopic(ctx: AppContext, trx: Trx, topicId: number): Promise<void> {
  const doc = await repo.topicSearchDoc(trx, topicId);
  if (doc) await ctx.search.index(trx, doc);
}

/** Loads a topic the actor may open (a hidden one only for moderators); otherwise 404, audited as `action`. */
export async function loadTopic(db: Db | Trx, actor: Actor, id: number, action: string) {
  const t = await findTopic(db, id);
  authorize(actor, libraryPolicy.openTopic, t, { action, targetType: 'library_topic', targetId: id, mode: 'read' });
  return t;
}

/** Loads a distribution list the actor may see (manager, unit member, subscriber); otherwise 404, audited as `action`. */
export async function loadList(db: Db | Trx, actor: Actor, id: number, action: string): Promise<repo.DistributionRow> {
  const list = await repo.findList(db, id);
  const subscribed = list
    ? (await repo.subscriberIdsOf(db, id)).includes(actor.id) || (await listUnitsOf(db, [id])).some((u) => u.unit_id === actor.unitId)
    : false;
  const row = list && { createdBy: list.created_by, ownerUnitId: list.owner_unit_id, subscribed };
  authorize(actor, libraryPolicy.readList, row, { action, targetType: 'library_distribution', targetId: id, mode: 'read' });
  return list!;
}
