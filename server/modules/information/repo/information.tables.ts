/** Table types of the 信息 module, added to the platform's `DB`. */
import type { Generated, Selectable } from 'kysely';

/** One information item: a unit's report (报送, `origin = 'report'`) or an item merged by 信息处 (`origin = 'merge'`). */
export interface InfoItemTable {
  id: Generated<number>;
  origin: 'report' | 'merge';
  kind: string;
  title: string;
  body: string;
  level: Generated<number>;
  /** The reporting unit (for a merged item: 信息处). */
  unit_id: number;
  reporter_id: number;
  event_at: string;
  reported_at: string;
  /** The reporting time limit (null for a 续报 or a merged item). */
  due_at: string | null;
  /** 迟报: 1 when reported after `due_at`. */
  late: Generated<number>;
  delay_minutes: number | null;
  /** 续报: the first report of the chain. */
  first_id: number | null;
  /** The event known to the office this report answered. */
  event_id: number | null;
  status: string;
  merged_into_id: number | null;
  editor_id: number | null;
  return_reason: string | null;
  adopt_level: string | null;
  adopted_at: string | null;
  adopted_by: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The unit's original text (seq 0) and every edit of 采编 after it. */
export interface InfoRevisionTable {
  id: Generated<number>;
  item_id: number;
  seq: number;
  title: string;
  body: string;
  note: string | null;
  edited_by: number;
  edited_at: string;
}

/** 批示: a leader's instruction on an adopted item; 督查室 may turn it into a 批示件 (supervision item). */
export interface InfoInstructionTable {
  id: Generated<number>;
  item_id: number;
  leader_id: number;
  text: string;
  supervision_item_id: number | null;
  converted_by: number | null;
  converted_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** An event known to the office, expected to be reported by a unit; 漏报 (`missed`) when no report came in time. */
export interface InfoEventTable {
  id: Generated<number>;
  kind: string;
  title: string;
  level: Generated<number>;
  unit_id: number;
  occurred_at: string;
  due_at: string;
  status: 'open' | 'reported' | 'missed';
  report_id: number | null;
  missed_at: string | null;
  registered_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Reports kept by triggers (migration 202612081400): per China day of `reported_at`, unit and effective 采用 level ('' for none). */
export interface InfoStatReportTable {
  day: string;
  unit_id: number;
  lvl: string;
  cnt: number;
  late_sum: number;
}

/** Per China day and unit: (批示, report) pairs (`info_stat_instruction`, by the 批示's day) or 漏报 events (`info_stat_missed`, by `due_at`). */
export interface InfoStatDayTable {
  day: string;
  unit_id: number;
  cnt: number;
}

export type InfoItemRow = Selectable<InfoItemTable>;
export type InfoInstructionRow = Selectable<InfoInstructionTable>;
export type InfoEventRow = Selectable<InfoEventTable>;

declare module '../../../db/schema.js' {
  interface DB {
    info_item: InfoItemTable;
    info_revision: InfoRevisionTable;
    info_instruction: InfoInstructionTable;
    info_event: InfoEventTable;
    info_stat_report: InfoStatReportTable;
    info_stat_instruction: InfoStatDayTable;
    info_stat_missed: InfoStatDayTable;
  }
}
