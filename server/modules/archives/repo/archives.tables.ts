/** Table types of 保密档案 (archives), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 档案: one archived item of any module, with its 档号 and bundle. */
export interface ArchiveRecordTable {
  id: Generated<number>;
  /** 档号: 2026-督查室-Y-0001 */
  archive_no: string;
  year: number;
  /** supervision | petitions | meetings | reception | documents */
  source_module: string;
  /** supervision_item | petition_case | meeting | reception_plan | research_topic | document */
  source_type: string;
  source_id: number;
  /** The source's own number (督字〔2026〕3号). */
  source_number: string | null;
  title: string;
  /** 保管期限: permanent | 30y | 10y */
  retention: string;
  /** 密级 (changes only through a recorded secrecy review). */
  level: number;
  /** 保密期限: the day the secrecy period ends (YYYY-MM-DD); null for 公开. */
  secrecy_until: string | null;
  /** 立卷单位: the division owning the source item. */
  owner_unit_id: number;
  /** The bundle (卷宗 PDF) as an attachment owned by `archive_record`. */
  attachment_id: number | null;
  archived_by: number;
  archived_at: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 借阅: a request to read an archive record until a return date. */
export interface ArchiveLoanTable {
  id: Generated<number>;
  record_id: number;
  borrower_id: number;
  borrower_unit_id: number;
  reason: string;
  /** YYYY-MM-DD: access ends after this day. */
  return_due: string;
  /** requested | approved | refused | returned */
  status: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  returned_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 解密/延期审查: a record whose 保密期限 ended, and the 机要保密处's decision. */
export interface ArchiveReviewTable {
  id: Generated<number>;
  record_id: number;
  /** The 保密期限 that ended. */
  due_date: string;
  /** pending | decided */
  status: string;
  /** declassify | extend | downgrade */
  decision: string | null;
  old_level: number;
  new_level: number | null;
  new_until: string | null;
  reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    archive_record: ArchiveRecordTable;
    archive_loan: ArchiveLoanTable;
    archive_review: ArchiveReviewTable;
  }
}
