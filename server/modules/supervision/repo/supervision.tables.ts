/** 督查督办 table types, added to the platform's `DB` interface. */
import type { Generated, Selectable } from 'kysely';

/** 督查事项: one registered supervision item. */
export interface SupervisionItemTable {
  id: Generated<number>;
  number: string;
  year: number;
  serial: number;
  title: string;
  requirement: string;
  source: string;
  source_type: string | null;
  source_id: number | null;
  source_ref: string | null;
  instructed_by: string | null;
  instructed_by_id: number | null;
  instructed_at: string | null;
  instruction_text: string | null;
  priority: number;
  level: number;
  owner_unit_id: number;
  lead_unit_id: number;
  /** JSON array of 协办单位 ids as registered. */
  co_unit_ids: string | null;
  responsible_leader_id: number | null;
  responsible_user_id: number;
  deadline: string;
  cadence: string;
  cadence_dates: string | null;
  closing_criteria: string;
  status: string;
  created_by: number;
  issued_at: string | null;
  concluded_at: string | null;
  closed_at: string | null;
  followup_note: string | null;
  rating: number | null;
  notice_attachment_id: number | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 督办任务: one responsible unit's share of an item. */
export interface SupervisionTaskTable {
  id: Generated<number>;
  item_id: number;
  unit_id: number;
  is_lead: number;
  responsible_user_id: number;
  deadline: string;
  status: string;
  level: number;
  owner_unit_id: number;
  lead_unit_id: number;
  leader_id: number | null;
  last_report_at: string | null;
  next_report_due: string | null;
  return_count: Generated<number>;
  extension_count: Generated<number>;
  escalated_at: string | null;
  accepted_at: string | null;
  accepted_on_time: number | null;
  /** The item's registration time, copied by triggers (migration 202612081705). */
  item_created_at: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 节点: a stage of a task with its own time limit. */
export interface SupervisionStageTable {
  id: Generated<number>;
  task_id: number;
  seq: number;
  name: string;
  deadline: string;
  done_at: string | null;
  note: string | null;
  done_by: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 情况反馈: a progress or final report of a task. */
export interface SupervisionReportTable {
  id: Generated<number>;
  task_id: number;
  item_id: number;
  kind: string;
  content: string;
  submitted_by: number;
  submitted_at: string;
  late: number;
  review_status: string;
  review_comment: string | null;
  criteria: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 延期申请. */
export interface SupervisionExtensionTable {
  id: Generated<number>;
  task_id: number;
  item_id: number;
  requested_by: number;
  reason: string;
  old_deadline: string;
  requested_deadline: string;
  status: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  new_deadline: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The item's timeline: every transition, reminder, report and review (append-only). */
export interface SupervisionEventTable {
  id: Generated<number>;
  item_id: number;
  task_id: number | null;
  kind: string;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
  message: string | null;
  detail: string | null;
}

/** Task counts kept by triggers (migration 202612081000): per owner unit, unit, level, item day, status, on time. */
export interface SupervisionStatTaskTable {
  owner_unit_id: number;
  unit_id: number;
  level: number;
  created_day: string;
  status: string;
  on_time: number;
  cnt: number;
  return_sum: number;
  extension_sum: number;
}

/** Item counts kept by triggers: per owner unit, level, day registered, source, status. */
export interface SupervisionStatItemTable {
  owner_unit_id: number;
  level: number;
  created_day: string;
  source: string;
  status: string;
  cnt: number;
}

/** Extension request counts kept by triggers: per the task's owner unit and level, the item's day, the request's status. */
export interface SupervisionStatExtTable {
  owner_unit_id: number;
  level: number;
  created_day: string;
  status: string;
  cnt: number;
}

/** Open tasks (in_progress, returned, submitted) counted by triggers (migration 202612081702): per owner unit, level, time limit, unit. */
export interface SupervisionStatOpenTaskTable {
  owner_unit_id: number;
  level: number;
  deadline: string;
  unit_id: number;
  cnt: number;
}

/** The same open tasks counted per owner unit, level, month of the time limit (`YYYY-MM`), unit (migration 202612081703). */
export interface SupervisionStatOpenTaskMonthTable {
  owner_unit_id: number;
  level: number;
  month: string;
  unit_id: number;
  cnt: number;
}

/**
 * The units of an item as the ledger's unit filter means them (its lead unit, the unit of each of its tasks), with
 * the item's status and time limit copied; kept by triggers (migration 202612081500).
 */
export interface SupervisionItemUnitTable {
  item_id: number;
  unit_id: number;
  status: string;
  deadline: string;
  /** 1 where the unit is the item's lead unit (牵头单位). */
  is_lead: number;
  /** The item's 密级 and owning office, copied (the ledger decides visibility from the index entry). */
  level: number;
  owner_unit_id: number;
}

declare module '../../../db/schema.js' {
  interface DB {
    supervision_item: SupervisionItemTable;
    supervision_task: SupervisionTaskTable;
    supervision_stage: SupervisionStageTable;
    supervision_report: SupervisionReportTable;
    supervision_extension: SupervisionExtensionTable;
    supervision_event: SupervisionEventTable;
    supervision_stat_task: SupervisionStatTaskTable;
    supervision_stat_item: SupervisionStatItemTable;
    supervision_stat_ext: SupervisionStatExtTable;
    supervision_stat_open_task: SupervisionStatOpenTaskTable;
    supervision_stat_open_task_month: SupervisionStatOpenTaskMonthTable;
    supervision_item_unit: SupervisionItemUnitTable;
  }
}

/** A loaded item row. */
export type ItemRecord = Selectable<SupervisionItemTable>;
/** A loaded task row. */
export type TaskRecord = Selectable<SupervisionTaskTable>;
