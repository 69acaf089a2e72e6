/** What the 接待 use cases share: the desk, facts for the policy, load-then-authorize and the presenters. */
import { ITEM_KIND_NAMES, PLAN_STATES, type ItemKind, type ItemView, type PlanView } from '../../../../common/reception.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { isDirector, isReception, itemActions, planActions, type Desk, type ItemFacts, type PlanFacts } from '../reception.policy.js';
import * as repo from '../reception.repo.js';

export type H = repo.H;

/** The actor as the lists' SQL sees them. */
export function viewer(actor: Actor, d: Desk): repo.Viewer {
  return { actor, all: isReception(actor, d) || isDirector(actor, d) };
}

/** A plan and its items as the policy needs them. */
export function planFacts(d: Desk, p: repo.PlanRecord, items: readonly repo.ItemRecord[]): PlanFacts {
  return {
    ...d,
    level: p.level,
    status: p.status,
    draftedBy: p.drafted_by,
    itemUnitIds: items.flatMap((i) => (i.unit_id !== null ? [i.unit_id] : [])),
    itemPersonIds: items.flatMap((i) => (i.person_id !== null ? [i.person_id] : [])),
  };
}

export function itemFacts(plan: PlanFacts, i: repo.ItemRecord): ItemFacts {
  return { plan, status: i.status, unitId: i.unit_id, personId: i.person_id };
}

/** A loaded plan: the row, its items, the desk and the facts. */
export interface LoadedPlan {
  row: repo.PlanRecord;
  items: repo.ItemRecord[];
  desk: Desk;
  facts: PlanFacts;
}

/** Loads a plan the actor may read (404, audited as denied under `action`, otherwise). */
export async function loadPlan(db: H, actor: Actor, id: number, action: string): Promise<LoadedPlan> {
  const d = await repo.desk(db);
  const row = await repo.findPlan(db, id);
  const items = row ? await repo.itemsOfPlans(db, [id]) : [];
  const f = row ? planFacts(d, row, items) : undefined;
  authorize(actor, planActions.read, f, { action, targetType: 'reception_plan', targetId: id, mode: 'read' });
  return { row: row!, items, desk: d, facts: f };
}

/** China-time date of an ISO instant. */
export function dayOf(isoText: string | null): string | null {
  return isoText ? chinaDate(new Date(isoText)) : null;
}

/** An item as the API answers it. */
export function presentItem(
  ctx: AppContext,
  actor: Actor,
  plan: PlanFacts,
  i: repo.ItemRecord,
  users: Map<number, string>,
  units: Map<number, string>,
): ItemView {
  const ref = (id: number | null, m: Map<number, string>) => (id !== null ? { id, name: m.get(id) ?? '' } : null);
  return {
    id: i.id,
    planId: i.plan_id,
    kind: i.kind as ItemKind,
    kindName: ITEM_KIND_NAMES[i.kind as ItemKind] ?? { zh: i.kind, en: i.kind },
    title: i.title,
    startsAt: i.starts_at,
    place: i.place,
    unit: ref(i.unit_id, units),
    person: ref(i.person_id, users),
    vehicles: i.vehicles,
    standard: i.standard,
    budget: i.budget,
    actualCost: i.actual_cost,
    status: i.status as 'open',
    doneBy: ref(i.done_by, users),
    doneAt: i.done_at,
    cancelReason: i.cancel_reason,
    light: ctx.calendar.light(dayOf(i.starts_at), ctx.clock.now(), { done: i.status !== 'open' || plan.status === 'closed', yellowDays: 1 }),
    actions: presentActions(actor, itemActions, itemFacts(plan, i)),
    version: i.version,
  };
}

/** Names of the users and units of plans and items. */
export async function namesOf(db: H, plans: readonly repo.PlanRecord[], items: readonly repo.ItemRecord[]) {
  const users = await repo.userNames(db, [
    ...plans.flatMap((p) => [p.drafted_by, p.head_approved_by, p.approved_by]),
    ...items.flatMap((i) => [i.person_id, i.done_by]),
  ]);
  const units = await repo.unitNames(
    db,
    items.map((i) => i.unit_id),
  );
  return { users, units };
}

/** The plan's fields shared by lists and the detail. */
export function planBase(p: repo.PlanRecord, items: readonly repo.ItemRecord[], users: Map<number, string>) {
  const costs = items.filter((i) => i.status !== 'cancelled' || i.actual_cost !== null);
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    delegation: p.delegation,
    purpose: p.purpose,
    arriveDate: p.arrive_date,
    leaveDate: p.leave_date,
    guestCount: p.guest_count,
    level: p.level,
    status: p.status as 'draft',
    statusName: PLAN_STATES[p.status as keyof typeof PLAN_STATES] ?? { zh: p.status, en: p.status },
    revision: p.revision,
    budget: items.filter((i) => i.status !== 'cancelled').reduce((s, i) => s + i.budget, 0),
    actualCost: costs.some((i) => i.actual_cost !== null) ? costs.reduce((s, i) => s + (i.actual_cost ?? 0), 0) : null,
    draftedBy: { id: p.drafted_by, name: users.get(p.drafted_by) ?? '' },
    createdAt: p.created_at,
    version: p.version,
  };
}

/** A plan with its guests, itinerary, change log and the viewer's actions. */
export async function presentPlan(ctx: AppContext, db: H, actor: Actor, loaded: LoadedPlan): Promise<PlanView> {
  const { row: p, items, facts } = loaded;
  const { users, units } = await namesOf(db, [p], items);
  const changes = await repo.changesOf(db, p.id);
  const changers = await repo.userNames(
    db,
    changes.map((c) => c.changed_by),
  );
  const ref = (id: number | null) => (id !== null ? { id, name: users.get(id) ?? '' } : null);
  return {
    ...planBase(p, items, users),
    guests: JSON.parse(p.guests) as { name: string; title: string }[],
    returnReason: p.return_reason,
    headApprovedBy: ref(p.head_approved_by),
    headApprovedAt: p.head_approved_at,
    approvedBy: ref(p.approved_by),
    approvedAt: p.approved_at,
    summary: p.summary,
    closedAt: p.closed_at,
    items: items.map((i) => presentItem(ctx, actor, facts, i, users, units)),
    changes: changes.map((c) => ({
      revision: c.revision,
      by: { id: c.changed_by, name: changers.get(c.changed_by) ?? '' },
      at: c.changed_at,
      note: c.note,
      fields: JSON.parse(c.fields) as string[],
    })),
    actions: presentActions(actor, planActions, facts),
  };
}

/** Reloads a plan inside the transaction after a write and presents it. */
export async function reloadAndPresent(ctx: AppContext, db: H, actor: Actor, id: number): Promise<PlanView> {
  const d = await repo.desk(db);
  const row = (await repo.findPlan(db, id))!;
  const items = await repo.itemsOfPlans(db, [id]);
  return presentPlan(ctx, db, actor, { row, items, desk: d, facts: planFacts(d, row, items) });
}
