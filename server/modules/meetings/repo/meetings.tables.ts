/** Table types of 会议 (meetings), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 议题: an agenda topic, held in one of three layers (储存 / 调度 / 上会). */
export interface MeetingTopicTable {
  id: Generated<number>;
  title: string;
  background: string;
  proposing_unit_id: number;
  /** 分管领导 */
  leader_id: number | null;
  /** The kind of meeting it is meant for (MeetingKind). */
  kind: string;
  level: number;
  needs_expert: number;
  /** stored | preparing | scheduled | decided | withdrawn */
  status: string;
  meeting_id: number | null;
  agenda_order: number | null;
  proposed_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A department concerned by a topic (会前协商一致 needs each of them). */
export interface MeetingTopicUnitTable {
  topic_id: number;
  unit_id: number;
}

/** One confirmation of a gate (决策把关) of a topic, with its evidence; `unit_id` 0 unless per-department. */
export interface MeetingGateEntryTable {
  id: Generated<number>;
  topic_id: number;
  gate_key: string;
  unit_id: number;
  /** confirmed | dissent */
  status: string;
  evidence_attachment_id: number | null;
  evidence_text: string | null;
  confirmed_by: number;
  confirmed_at: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 会议 */
export interface MeetingTable {
  id: Generated<number>;
  title: string;
  kind: string;
  starts_at: string;
  ends_at: string | null;
  place: string;
  chair_id: number;
  level: number;
  /** planned | notified | held | minuted | cancelled */
  status: string;
  minutes_summary: string | null;
  /** 纪要期号, taken when the minutes are finalised. */
  minutes_no: number | null;
  handler_unit_id: number;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** An invited attendee (出席) or one excused (请假), with notice and sign-in (签到) times. */
export interface MeetingAttendeeTable {
  meeting_id: number;
  user_id: number;
  /** expected | excused */
  attendance: string;
  excuse_reason: string | null;
  notified_at: string | null;
  signed_in_at: string | null;
  version: Generated<number>;
}

/** 会议材料: 传达提纲, 发言材料, 领导讲话…; files are attachments of owner type `meeting_material`. */
export interface MeetingMaterialTable {
  id: Generated<number>;
  meeting_id: number;
  topic_id: number | null;
  kind: string;
  title: string;
  level: number;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 议定事项: one decision of the minutes, on one topic; may become a supervision item (会后督办). */
export interface MeetingDecisionTable {
  id: Generated<number>;
  meeting_id: number;
  topic_id: number;
  seq: number;
  text: string;
  lead_unit_id: number;
  /** JSON array of unit ids (协办单位). */
  co_unit_ids: string;
  due_date: string;
  level: number;
  supervision_item_id: number | null;
  supervision_number: string | null;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    meeting_topic: MeetingTopicTable;
    meeting_topic_unit: MeetingTopicUnitTable;
    meeting_gate_entry: MeetingGateEntryTable;
    meeting: MeetingTable;
    meeting_attendee: MeetingAttendeeTable;
    meeting_material: MeetingMaterialTable;
    meeting_decision: MeetingDecisionTable;
  }
}
