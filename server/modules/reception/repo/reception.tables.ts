/** Table types of 政务接待 (reception), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 接待方案: one visiting delegation. */
export interface ReceptionPlanTable {
  id: Generated<number>;
  number: string;
  title: string;
  delegation: string;
  purpose: string;
  arrive_date: string;
  leave_date: string;
  guest_count: number;
  /** JSON: [{ name, title }] */
  guests: string;
  /** 密级 of the plan and its guests' details (内部 by default). */
  level: number;
  /** draft | submitted | head_approved | approved | closed */
  status: string;
  /** 0 until approved; 1 when approved; +1 with each change after approval. */
  revision: number;
  return_reason: string | null;
  head_approved_by: number | null;
  head_approved_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  summary: string | null;
  closed_at: string | null;
  /** The 接待处 that owns the plan. */
  unit_id: number;
  drafted_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 日程安排: one item of the itinerary, a task with its start time as deadline. */
export interface ReceptionItemTable {
  id: Generated<number>;
  plan_id: number;
  /** pickup | lodging | banquet | meeting | exchange | visit */
  kind: string;
  title: string;
  starts_at: string | null;
  place: string;
  unit_id: number | null;
  person_id: number | null;
  vehicles: string;
  standard: string;
  /** 预算 (元) */
  budget: number;
  /** 实际费用 (元) */
  actual_cost: number | null;
  /** open | done | cancelled */
  status: string;
  done_by: number | null;
  done_at: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 变更记录 of an approved plan. */
export interface ReceptionChangeTable {
  id: Generated<number>;
  plan_id: number;
  revision: number;
  changed_by: number;
  changed_at: string;
  note: string;
  /** JSON: the changed things in words */
  fields: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    reception_plan: ReceptionPlanTable;
    reception_item: ReceptionItemTable;
    reception_change: ReceptionChangeTable;
  }
}
