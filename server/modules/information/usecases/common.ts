/** What the 信息 use cases share: load-then-authorize a read, level checks, reporting time limits, one workflow step. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { AppContext } from '../../../platform/module.js';
import { ITEM_STATES, type InfoKind } from '../information.constants.js';
import { informationPolicy, type LoadedInfoItem } from '../information.policy.js';
import { loadItem } from '../information.repo.js';
import { readInfoSettings } from '../information.settings.js';
import { itemWorkflow } from '../information.workflow.js';

/** Loads an item the actor may read; otherwise 404, audited as `action` denied. */
export async function loadReadable(db: Db | Trx, actor: Actor, id: number, action = 'information.read'): Promise<LoadedInfoItem> {
  const item = await loadItem(db, id);
  authorize(actor, informationPolicy.read, item, { action, targetType: 'info_item', targetId: id, mode: 'read' });
  return item;
}

/** The level is enabled on this system and within the actor's clearance (422 otherwise). */
export async function assertLevel(ctx: AppContext, db: Db | Trx, actor: Actor, level: number): Promise<void> {
  const { value } = await ctx.settings.get(db);
  if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
  if (level > actor.clearance) throw new RuleError('level.above_clearance');
}

/** An event time is not in the future (422 otherwise). */
export function assertPast(ctx: AppContext, at: string): void {
  if (new Date(at).getTime() > ctx.clock.now().getTime()) throw new RuleError('information.event_in_future');
}

/**
 * The reporting time limit of `kind` for an event at `eventAt` (ISO): minutes after it, or the end
 * (24:00 China time) of the N-th working day after its date, from the settings.
 */
export async function reportingDue(ctx: AppContext, db: Db | Trx, kind: InfoKind, eventAt: string): Promise<string> {
  const limit = (await readInfoSettings(db)).value.limits[kind];
  const at = new Date(eventAt);
  if ('minutes' in limit) return iso(new Date(at.getTime() + limit.minutes * 60_000));
  const day = ctx.calendar.addWorkingDays(chinaDate(at), limit.workingDays);
  return iso(new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000 - 1));
}

/** 迟报: whether `reportedAt` is after `dueAt`, and by how many whole minutes (rounded up). */
export function lateness(dueAt: string, reportedAt: string): { late: boolean; delayMinutes: number | null } {
  const ms = new Date(reportedAt).getTime() - new Date(dueAt).getTime();
  return ms > 0 ? { late: true, delayMinutes: Math.ceil(ms / 60_000) } : { late: false, delayMinutes: null };
}

/** 409 `information.wrong_state` unless the item is in one of `states`. */
export function assertState(item: { status: string }, states: readonly string[]): void {
  if (!states.includes(item.status))
    throw new ConflictError('information.wrong_state', { status: ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status });
}

/**
 * One step of the item's workflow (采编, 退回, 合并, 采用): authorizes it (a refusal is 403, audited
 * as `information.item.<action>`), then lets the engine check version and state, write and audit.
 */
export async function applyStep(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  item: LoadedInfoItem,
  action: 'take' | 'return' | 'merge' | 'adopt',
  version: number,
  input: Record<string, unknown>,
  set: Record<string, unknown>,
  detail?: Record<string, unknown>,
) {
  const t = itemWorkflow.transitions[action]!;
  assertVersion(item, version);
  assertState(item, t.from);
  authorize(actor, t.allowed, item, { action: [itemWorkflow.name, action].join('.'), targetType: 'info_item', targetId: item.id });
  return ctx.workflow.apply(trx, itemWorkflow, { row: item, action, actor, version, input, set, ...(detail ? { detail } : {}) });
}
