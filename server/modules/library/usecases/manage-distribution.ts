/** 定期分送 lists: create, change (pause, resume, new period), delete — each moves the list's scheduled run. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { LibraryKind } from '../library.constants.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { deleteList, insertList, listUnitsOf, reviveCancelledRun, setListUnits, updateList } from '../repo/library.distribution.js';
import { checkPeople, DAY, loadList } from './common.js';

/**
 * Moves the list's next run to `dueAt`: its pending run is cancelled first. A cancelled run at
 * the same instant (a pause and a resume within one clock tick) is revived, because the job
 * queue keeps one row per kind, target and due time.
 */
async function rescheduleList(ctx: AppContext, trx: Trx, listId: number, dueAt: Date | null): Promise<void> {
  await ctx.scheduler.cancel(trx, 'library_distribution', listId, 'library.distribute');
  if (!dueAt) return;
  await ctx.scheduler.schedule(trx, { kind: 'library.distribute', targetType: 'library_distribution', targetId: listId, dueAt });
  await reviveCancelledRun(trx, listId, iso(dueAt));
}

/** The manager of a list (its creator or a head of its unit), as an ability over the loaded row. */
function managed(list: repo.DistributionRow) {
  return { createdBy: list.created_by, ownerUnitId: list.owner_unit_id };
}

/** Creates a list: new items of `kinds` are sent to subscribers every `periodDays`. */
export async function createDistribution(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; kinds: LibraryKind[]; periodDays: number; subscriberIds: number[]; unitIds?: number[] },
): Promise<{ id: number }> {
  authorize(actor, libraryPolicy.createList, null, { action: 'library.distribution_create', targetType: 'library_distribution' });
  return ctx.db.transaction().execute(async (trx) => {
    await checkPeople(trx, input.unitIds ?? [], input.subscriberIds);
    const now = ctx.clock.now();
    const id = await insertList(
      trx,
      { name: input.name, kinds: JSON.stringify(input.kinds), periodDays: input.periodDays, ownerUnitId: actor.unitId, createdBy: actor.id, at: iso(now) },
      input.subscriberIds,
    );
    await setListUnits(trx, id, input.unitIds ?? []);
    await ctx.scheduler.schedule(trx, {
      kind: 'library.distribute',
      targetType: 'library_distribution',
      targetId: id,
      dueAt: new Date(now.getTime() + input.periodDays * DAY),
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'library.distribution_create',
      targetType: 'library_distribution',
      targetId: id,
      detail: { kinds: input.kinds, periodDays: input.periodDays, subscribers: input.subscriberIds, units: input.unitIds ?? [] },
    });
    return { id };
  });
}

/**
 * Changes a list (optimistic lock on `version`): name, kinds, period, subscribers; `active: false`
 * pauses it (its pending run is cancelled), `active: true` resumes it — only items filed after the
 * resumption are sent, one period later. A new period moves the next run.
 */
export async function updateDistribution(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; name?: string; kinds?: LibraryKind[]; periodDays?: number; subscriberIds?: number[]; unitIds?: number[]; active?: boolean },
): Promise<{ version: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const list = await loadList(trx, actor, id, 'library.distribution_update');
    authorize(actor, libraryPolicy.manageList, managed(list), { action: 'library.distribution_update', targetType: 'library_distribution', targetId: id });
    assertVersion(list, input.version);
    if (input.subscriberIds || input.unitIds) await checkPeople(trx, input.unitIds ?? [], input.subscriberIds ?? []);
    const now = ctx.clock.now();
    const wasActive = list.active === 1;
    const active = input.active ?? wasActive;
    const period = input.periodDays ?? list.period_days;
    const resumed = active && !wasActive;
    const patch = {
      name: input.name,
      kinds: input.kinds ? JSON.stringify(input.kinds) : undefined,
      period_days: input.periodDays,
      active: input.active === undefined ? undefined : active ? 1 : 0,
      last_sent_at: resumed ? iso(now) : undefined,
    };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(patch))
      if (v !== undefined && v !== (list as Record<string, unknown>)[k]) changes[k] = [(list as Record<string, unknown>)[k], v];
    const version = await updateList(trx, list, patch, iso(now));
    if (input.subscriberIds) {
      const before = await repo.subscriberIdsOf(trx, id);
      await repo.setSubscribers(trx, id, input.subscriberIds);
      const after = await repo.subscriberIdsOf(trx, id);
      if (before.join() !== after.join()) changes.subscribers = [before, after];
    }
    if (input.unitIds) {
      const before = (await listUnitsOf(trx, [id])).map((u) => u.unit_id);
      await setListUnits(trx, id, input.unitIds);
      const after = (await listUnitsOf(trx, [id])).map((u) => u.unit_id);
      if (before.join() !== after.join()) changes.units = [before, after];
    }
    if (!active && wasActive) await rescheduleList(ctx, trx, id, null);
    else if (resumed) await rescheduleList(ctx, trx, id, new Date(now.getTime() + period * DAY));
    else if (active && period !== list.period_days)
      await rescheduleList(ctx, trx, id, new Date(Math.max(now.getTime(), new Date(list.last_sent_at).getTime() + period * DAY)));
    await ctx.audit.append(trx, { actor, action: 'library.distribution_update', targetType: 'library_distribution', targetId: id, changes });
    return { version };
  });
}

/** Deletes a list (optimistic lock on `version`), its subscribers and its pending run. */
export async function deleteDistribution(ctx: AppContext, actor: Actor, id: number, version: number): Promise<{ deleted: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const list = await loadList(trx, actor, id, 'library.distribution_delete');
    authorize(actor, libraryPolicy.manageList, managed(list), { action: 'library.distribution_delete', targetType: 'library_distribution', targetId: id });
    assertVersion(list, version);
    const subscribers = await repo.subscriberIdsOf(trx, id);
    const units = (await listUnitsOf(trx, [id])).map((u) => u.unit_id);
    await rescheduleList(ctx, trx, id, null);
    await repo.setSubscribers(trx, id, []);
    await setListUnits(trx, id, []);
    await deleteList(trx, id, version);
    await ctx.audit.append(trx, {
      actor,
      action: 'library.distribution_delete',
      targetType: 'library_distribution',
      targetId: id,
      detail: { name: list.name, kinds: JSON.parse(list.kinds) as string[], periodDays: list.period_days, subscribers, units },
    });
    return { deleted: true as const };
  });
}
