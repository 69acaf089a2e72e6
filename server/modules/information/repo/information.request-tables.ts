/** Table types of 约稿 and handwritten 批示, added to the platform's `DB`. */
import type { Generated, Selectable } from 'kysely';

/** 约稿: 信息处 asks chosen units for information on a topic by a deadline. */
export interface InfoRequestTable {
  id: Generated<number>;
  topic: string;
  description: string;
  level: Generated<number>;
  /** `YYYY-MM-DD`, China date: answers are due by the end of that day. */
  deadline: string;
  status: 'open' | 'closed';
  created_by: number;
  closed_by: number | null;
  closed_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One unit a request asks (its liaisons answer; `reminded_at` once the reminder went out). */
export interface InfoRequestUnitTable {
  id: Generated<number>;
  request_id: number;
  unit_id: number;
  reminded_at: string | null;
}

/** A report that answers a request for its unit. */
export interface InfoRequestAnswerTable {
  id: Generated<number>;
  request_id: number;
  unit_id: number;
  item_id: number;
  answered_by: number;
  answered_at: string;
}

/** The handwriting of a 批示 (a PNG, base64). */
export interface InfoInstructionInkTable {
  instruction_id: number;
  png_base64: string;
  size: number;
  sha256: string;
  created_at: string;
}

export type InfoRequestRow = Selectable<InfoRequestTable>;

declare module '../../../db/schema.js' {
  interface DB {
    info_request: InfoRequestTable;
    info_request_unit: InfoRequestUnitTable;
    info_request_answer: InfoRequestAnswerTable;
    info_instruction_ink: InfoInstructionInkTable;
  }
}
