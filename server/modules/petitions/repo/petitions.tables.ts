/** Table types of 信访 (petitions), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 信访件: one letter, visit, call or online message, from registration to 办结. */
export interface PetitionCaseTable {
  id: Generated<number>;
  /** 信字〔2026〕N号 */
  number: string;
  /** letter | visit | phone | online */
  channel: string;
  /** Personal data (shown only to 信访 staff and the assigned handler). */
  petitioner_name: string;
  petitioner_id_no: string | null;
  petitioner_phone: string | null;
  petitioner_address: string | null;
  subject: string;
  content: string;
  category: string;
  place: string;
  level: number;
  /** registered | transferred | accepted | replied | answered | closed */
  status: string;
  /** 重复信访: the first case of the same petitioner and matter. */
  repeat_of: number | null;
  /** 责任单位 the case is transferred to (转办). */
  unit_id: number | null;
  /** The unit's user who accepted it (assigned: sees personal data). */
  handler_id: number | null;
  transferred_at: string | null;
  accept_due: string | null;
  accepted_at: string | null;
  handle_due: string | null;
  unit_reply: string | null;
  replied_at: string | null;
  /** 答复 to the petitioner. */
  answer: string | null;
  answered_at: string | null;
  /** satisfied | basically | unsatisfied */
  satisfaction: string | null;
  /** 回访 record. */
  follow_up: string | null;
  followed_up_at: string | null;
  /** 办结 outcome. */
  outcome: string | null;
  closed_at: string | null;
  supervised_count: number;
  last_supervised_at: string | null;
  registered_by: number;
  /** The 督查督办 item the case was handed to when late (专项督查). */
  supervision_item_id: Generated<number | null>;
  supervision_number: Generated<string | null>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    petition_case: PetitionCaseTable;
  }
}
