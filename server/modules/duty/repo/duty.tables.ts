/** Table types of 政务值班 (duty), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 班次: one day or night shift of the roster, with its leader and staff on duty. */
export interface DutyShiftTable {
  id: Generated<number>;
  date: string;
  /** day | night */
  shift: string;
  /** 1 when the date is not a working day in the calendar (weekend or holiday). */
  holiday: number;
  leader_id: number;
  staff_id: number;
  /** scheduled | handed_over | closed */
  status: string;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 换班申请 */
export interface DutySwapTable {
  id: Generated<number>;
  shift_id: number;
  /** leader | staff */
  role: string;
  from_user_id: number;
  to_user_id: number;
  reason: string;
  /** pending | approved | rejected */
  status: string;
  requested_by: number;
  decided_by: number | null;
  decided_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 值班日志 entry: one incoming call, fax, telegram or e-mail. */
export interface DutyEntryTable {
  id: Generated<number>;
  shift_id: number | null;
  received_at: string;
  channel: string;
  /** routine | emergency (突发事件) */
  kind: string;
  caller: string;
  caller_unit: string;
  summary: string;
  urgency: string;
  level: number;
  /** open | awaiting_instruction | handled | transferred */
  status: string;
  owner_user_id: number | null;
  leader_id: number | null;
  /** on_spot | to_unit | to_supervision | to_leader */
  outcome_kind: string | null;
  outcome: string | null;
  target_unit_id: number | null;
  supervision_item_id: number | null;
  supervision_number: string | null;
  report_due_at: string | null;
  report_text: string | null;
  reported_at: string | null;
  escalated_at: string | null;
  carried_over: number;
  registered_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 交接班 */
export interface DutyHandoverTable {
  id: Generated<number>;
  shift_id: number;
  next_shift_id: number;
  /** JSON array of the open entries handed over. */
  entry_ids: string;
  note: string;
  /** signed | confirmed */
  status: string;
  signed_by: number;
  signed_at: string;
  confirmed_by: number | null;
  confirmed_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    duty_shift: DutyShiftTable;
    duty_swap: DutySwapTable;
    duty_entry: DutyEntryTable;
    duty_handover: DutyHandoverTable;
  }
}
