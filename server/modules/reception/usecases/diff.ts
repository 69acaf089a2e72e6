/** What a 修改 changes: the plan's columns, the items added, removed and updated, in words for the change log and as field names for the audit. */
import { ITEM_KIND_NAMES, type ItemKind } from '../../../../common/reception.js';
import { RuleError } from '../../../platform/errors.js';
import type * as repo from '../reception.repo.js';
import type { z } from 'zod';
import type { itemInput, planBody } from '../reception.schema.js';

type PlanInput = z.infer<typeof planBody>;
type ItemInput = z.infer<typeof itemInput>;

const PLAN_LABELS: Record<string, string> = {
  title: '方案名称',
  delegation: '来访单位',
  purpose: '来访事由',
  arrive_date: '抵达日期',
  leave_date: '离开日期',
  guest_count: '人数',
  guests: '来宾名单',
  level: '密级',
};
const ITEM_LABELS: Record<string, string> = {
  kind: '类别',
  title: '事项',
  starts_at: '时间',
  place: '地点',
  unit_id: '责任处室',
  person_id: '责任人',
  vehicles: '车辆',
  standard: '标准',
  budget: '预算',
};

/** The plan's columns from the input. */
export function planColumns(input: PlanInput, level: number) {
  return {
    title: input.title,
    delegation: input.delegation,
    purpose: input.purpose,
    arrive_date: input.arriveDate,
    leave_date: input.leaveDate,
    guest_count: Math.max(input.guestCount ?? 0, input.guests.length),
    guests: JSON.stringify(input.guests.map((g) => ({ name: g.name, title: g.title }))),
    level,
  };
}

/** An item's columns from the input (times normalized to UTC ISO). */
export function itemColumns(i: ItemInput) {
  return {
    kind: i.kind,
    title: i.title,
    starts_at: i.startsAt ? new Date(i.startsAt).toISOString() : null,
    place: i.place,
    unit_id: i.unitId ?? null,
    person_id: i.personId ?? null,
    vehicles: i.vehicles,
    standard: i.standard,
    budget: i.budget,
  };
}

/** The differences between the stored plan and the input. */
export interface PlanDiff {
  removed: number[];
  added: ItemInput[];
  updates: { row: repo.ItemRecord; set: Record<string, unknown> }[];
  /** The position (1-based) of the first done or cancelled item the input changes, if any. */
  closedTouched: number | null;
  /** Field name → [old, new] (the audit keeps the names, hashes the values). */
  auditChanges: Record<string, [unknown, unknown]>;
  /** The change in words (「会见「…」：时间、地点」). */
  words: string[];
  /** Responsible persons of changed, added or removed items (before and after). */
  concernedUserIds: number[];
}

/** Compares the stored plan and items with the input. */
export function diffPlan(row: repo.PlanRecord, items: readonly repo.ItemRecord[], input: PlanInput, level: number): PlanDiff {
  const out: PlanDiff = { removed: [], added: [], updates: [], closedTouched: null, auditChanges: {}, words: [], concernedUserIds: [] };
  const cols = planColumns(input, level);
  const planFields = (Object.keys(cols) as (keyof typeof cols)[]).filter((k) => cols[k] !== row[k]);
  for (const k of planFields) out.auditChanges[k] = [row[k], cols[k]];
  if (planFields.length) out.words.push(`方案：${planFields.map((k) => PLAN_LABELS[k]).join('、')}`);
  const byId = new Map(items.map((i) => [i.id, i]));
  const kept = new Set<number>();
  for (const [n, i] of input.items.entries()) {
    const name = `${ITEM_KIND_NAMES[i.kind].zh}「${i.title}」`;
    if (i.id === undefined) {
      out.added.push(i);
      out.auditChanges[`item.new${n + 1}`] = [null, i.kind];
      out.words.push(`新增 ${name}`);
      if (i.personId) out.concernedUserIds.push(i.personId);
      continue;
    }
    const old = byId.get(i.id);
    if (!old) throw new RuleError('reception.unknown_item', { item: i.id });
    kept.add(i.id);
    const c = itemColumns(i);
    const fields = (Object.keys(c) as (keyof typeof c)[]).filter((k) => c[k] !== old[k]);
    if (!fields.length) continue;
    if (old.status !== 'open' && out.closedTouched === null) out.closedTouched = n + 1;
    out.updates.push({ row: old, set: Object.fromEntries(fields.map((k) => [k, c[k]])) });
    for (const k of fields) out.auditChanges[`item.${old.id}.${k}`] = [old[k], c[k]];
    out.words.push(`${name}：${fields.map((k) => ITEM_LABELS[k]).join('、')}`);
    for (const u of [old.person_id, c.person_id]) if (u !== null) out.concernedUserIds.push(u);
  }
  for (const i of items)
    if (!kept.has(i.id)) {
      out.removed.push(i.id);
      out.auditChanges[`item.${i.id}`] = [i.kind, null];
      out.words.push(`删除 ${ITEM_KIND_NAMES[i.kind as ItemKind]?.zh ?? i.kind}「${i.title}」`);
      if (i.person_id !== null) out.concernedUserIds.push(i.person_id);
    }
  return out;
}
