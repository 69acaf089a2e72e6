/**
 * The item as the actor may see it: always the entry; the content, attachments, circulations and
 * use counts only with need-to-know. Opening the content counts a view (once a day per person) and
 * signs the actor's pending circulation receipts of the item.
 */
import type { Actor } from '../../../platform/actor.js';
import { presentAbilities } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { latestRequestOf } from '../repo/library.items.js';
import { CIRCULATION_STATES } from '../library.workflow.js';
import { DAY, kindName, loadEntry } from './common.js';

/** The buttons of an item's page. */
const ITEM_ACTIONS = {
  edit: libraryPolicy.edit,
  requestAccess: libraryPolicy.requestAccess,
  circulate: libraryPolicy.circulate,
  recordUse: libraryPolicy.recordUse,
  decide: libraryPolicy.decide,
};

/** Counts the view and signs the actor's receipts of the item, in one audited transaction. */
async function recordOpening(ctx: AppContext, actor: Actor, item: repo.ItemRow): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const since = iso(new Date(now.getTime() - DAY));
    const read = await repo.markItemRead(trx, item.id, actor.id, iso(now));
    if (!(await repo.viewedSince(trx, item.id, actor.id, since)))
      await repo.recordUse(trx, { itemId: item.id, unitId: item.owner_unit_id, actorId: actor.id, actorUnitId: actor.unitId, kind: 'viewed', at: iso(now) });
    await ctx.audit.append(trx, {
      actor,
      action: 'library.read',
      targetType: 'library_item',
      targetId: item.id,
      detail: { level: item.level, ...(read.length ? { receipts: read } : {}) },
    });
  });
}

/** The detail of an item (详情). */
export async function getItem(ctx: AppContext, actor: Actor, id: number) {
  const { item, facts } = await loadEntry(ctx.db, actor, id, 'library.read');
  const canOpen = libraryPolicy.readContent(actor, facts);
  if (canOpen) await recordOpening(ctx, actor, item);
  const names = await repo.namesOf(ctx.db, [item.owner_unit_id, ...facts.scopeUnits], [item.created_by, ...facts.scopeUsers]);
  const myRequest = await latestRequestOf(ctx.db, id, actor.id);
  const circulations = canOpen ? await presentCirculations(ctx, actor, item, await repo.circulationsOf(ctx.db, id)) : [];
  const actions = presentAbilities(actor, ITEM_ACTIONS, facts);
  return {
    id: item.id,
    kind: item.kind,
    kindName: kindName(item.kind),
    title: item.title,
    source: item.source,
    ownerUnitId: item.owner_unit_id,
    ownerUnitName: names.units.get(item.owner_unit_id) ?? '',
    createdBy: item.created_by,
    createdByName: names.users.get(item.created_by) ?? '',
    level: item.level,
    secrecyPeriod: item.secrecy_period,
    scope: item.scope,
    scopeUnits: canOpen ? facts.scopeUnits.map((u) => ({ id: u, name: names.units.get(u) ?? '' })) : [],
    scopeUsers: canOpen ? facts.scopeUsers.map((u) => ({ id: u, name: names.users.get(u) ?? '' })) : [],
    catalog: item.catalog === 1,
    keywords: item.keywords ? item.keywords.split(',') : [],
    summary: item.summary,
    date: item.date,
    version: item.version,
    canOpen,
    content: canOpen ? item.content : null,
    attachments: canOpen ? await ctx.files.listFor(ctx.db, 'library_item', id) : [],
    circulations,
    uses: canOpen ? await repo.useCountsOf(ctx.db, id) : {},
    myRequest: myRequest ? { id: myRequest.id, status: myRequest.status, createdAt: myRequest.created_at, note: myRequest.decision_note } : null,
    // a pending request of one's own hides the button until it is decided
    actions: { ...actions, requestAccess: actions.requestAccess && myRequest?.status !== 'pending' },
  };
}

/** The circulations of an item with their receipts: in full to the sender and the owner unit, a recipient sees only their own line. */
async function presentCirculations(ctx: AppContext, actor: Actor, item: repo.ItemRow, circs: Awaited<ReturnType<typeof repo.circulationsOf>>) {
  const names = await repo.namesOf(
    ctx.db,
    [],
    circs.flatMap((c) => [c.created_by, ...c.recipients.map((r) => r.user_id)]),
  );
  return circs
    .map((c) => ({ c, full: libraryPolicy.readAllReceipts(actor, { createdBy: c.created_by, ownerUnitId: item.owner_unit_id }) }))
    .filter(({ c, full }) => full || c.recipients.some((r) => r.user_id === actor.id))
    .map(({ c, full }) => {
      const recipients = (full ? c.recipients : c.recipients.filter((r) => r.user_id === actor.id)).map((r) => ({
        userId: r.user_id,
        name: names.users.get(r.user_id) ?? '',
        readAt: r.read_at,
        reminders: r.reminders,
      }));
      return {
        id: c.id,
        purpose: c.purpose,
        createdBy: c.created_by,
        createdByName: names.users.get(c.created_by) ?? '',
        createdAt: c.created_at,
        dueDate: c.due_date,
        status: c.status,
        statusName: CIRCULATION_STATES[c.status as keyof typeof CIRCULATION_STATES]?.zh ?? c.status,
        readCount: c.recipients.filter((r) => r.read_at).length,
        total: c.recipients.length,
        recipients,
        canRemind: libraryPolicy.remind(actor, { createdBy: c.created_by }) && c.status === 'circulating',
        version: c.version,
      };
    });
}

/** 相似条目: the items most like this one that the actor may see. */
export async function similarItems(ctx: AppContext, actor: Actor, itemId: number, limit = 6) {
  await loadEntry(ctx.db, actor, itemId, 'library.read');
  return ctx.search.similar(ctx.db, actor, 'library_item', itemId, limit);
}
