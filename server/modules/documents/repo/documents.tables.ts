/** Table types of the 公文 module, added to the platform's `DB`. */
import type { Generated, Selectable } from 'kysely';

/** One document (公文), incoming (收文) or outgoing (发文). */
export interface DocumentTable {
  id: Generated<number>;
  direction: 'in' | 'out';
  status: string;
  doc_type: string;
  title: string;
  level: Generated<number>;
  secrecy_term: string | null;
  urgency: Generated<string>;
  owner_unit_id: number;
  created_by: number;
  deadline: string | null;
  receive_no: string | null;
  source_organ: string | null;
  original_no: string | null;
  pages: number | null;
  copies: number | null;
  received_at: string | null;
  attachments_note: string | null;
  return_reason: string | null;
  proposal: string | null;
  leader_id: number | null;
  instruction: string | null;
  lead_unit_id: number | null;
  supervision_item_id: number | null;
  source_document_id: number | null;
  result: string | null;
  org_code: string | null;
  year: number | null;
  serial: number | null;
  doc_no: string | null;
  issuer_organ: string | null;
  flow: string | null;
  important: Generated<number>;
  joint_unit_ids: Generated<string>;
  signer_id: number | null;
  signed_at: string | null;
  main_to: string | null;
  cc: string | null;
  body_html: Generated<string>;
  signature: string | null;
  doc_date: string | null;
  note: string | null;
  print_organ: string | null;
  print_date: string | null;
  copy_no: string | null;
  print_count: number | null;
  main_unit_ids: Generated<string>;
  cc_unit_ids: Generated<string>;
  over_quota_approval_id: number | null;
  retention: string | null;
  archive_no: string | null;
  archived_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A document row as loaded. */
export type DocumentRow = Selectable<DocumentTable>;

/** The record of one workflow step of a document. */
export interface DocumentStepTable {
  id: Generated<number>;
  document_id: number;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: number;
  actor_name: string;
  comment: string | null;
  at: string;
}

/** 承办: a unit handling an incoming document (lead 主办 or co 协办). */
export interface DocumentHandlerTable {
  id: Generated<number>;
  document_id: number;
  unit_id: number;
  role: 'lead' | 'co';
  reply: string | null;
  replied_by: number | null;
  replied_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 传阅: one recipient of a circulation, with the read receipt. */
export interface DocumentCirculationTable {
  id: Generated<number>;
  document_id: number;
  user_id: number;
  purpose: string | null;
  sent_by: number;
  read_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 审核 (by a reviewer) or 会签 (by a co-issuing organ) of an outgoing document. */
export interface DocumentReviewTable {
  id: Generated<number>;
  document_id: number;
  kind: 'review' | 'countersign';
  reviewer_id: number | null;
  unit_id: number | null;
  round: number;
  decision: 'pending' | 'approved' | 'rejected';
  comment: string | null;
  decided_by: number | null;
  decided_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 计划发文、配额: a unit's yearly plan and quota for one document type. */
export interface DocumentQuotaTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  doc_type: string;
  plan: number;
  quota: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 超配额审批: an explicit approval to draft past the quota, with reasons. */
export interface DocumentQuotaApprovalTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  doc_type: string;
  title: string;
  reason: string;
  requested_by: number;
  status: 'pending' | 'approved' | 'rejected' | 'used';
  decided_by: number | null;
  decision_comment: string | null;
  decided_at: string | null;
  document_id: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    document: DocumentTable;
    document_step: DocumentStepTable;
    document_handler: DocumentHandlerTable;
    document_circulation: DocumentCirculationTable;
    document_review: DocumentReviewTable;
    document_quota: DocumentQuotaTable;
    document_quota_approval: DocumentQuotaApprovalTable;
  }
}
