/** Vocabulary of 保密档案: sources, 保管期限 (shared with 公文's 档号), loan and review states. */
import { RETENTION_NAMES, RETENTIONS } from '../documents/documents.constants.js';

export { RETENTION_NAMES, RETENTIONS };
export type Retention = (typeof RETENTIONS)[number];

/** The modules whose closed items the 档案处 archives here (公文 register themselves when archived). */
export const SOURCES = {
  supervision_item: { module: 'supervision', zh: '督查卷宗', en: 'Supervision dossier' },
  petition_case: { module: 'petitions', zh: '信访案卷', en: 'Petition case' },
  meeting: { module: 'meetings', zh: '会议纪要', en: 'Meeting minutes' },
  reception_plan: { module: 'reception', zh: '接待档案', en: 'Reception file' },
  research_topic: { module: 'research', zh: '调研课题档案', en: 'Research topic file' },
  document: { module: 'documents', zh: '公文', en: 'Document' },
  document_legacy: { module: 'documents', zh: '公文（历史档案）', en: 'Document (legacy)' },
} as const;
export type SourceType = keyof typeof SOURCES;
/** Source types the 档案处 archives through the archives module (a bundle is rendered). */
export const BUNDLED_SOURCES = ['supervision_item', 'petition_case', 'meeting', 'reception_plan', 'research_topic'] as const;

export const LOAN_STATES: Record<string, { zh: string; en: string }> = {
  requested: { zh: '待审批', en: 'Requested' },
  approved: { zh: '借阅中', en: 'On loan' },
  refused: { zh: '未同意', en: 'Refused' },
  returned: { zh: '已归还', en: 'Returned' },
};

/** 解密 (level → 公开), 延期 (new end date), 降密 (a lower level and a new end date). */
export const DECISIONS = ['declassify', 'extend', 'downgrade'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_NAMES: Record<Decision, { zh: string; en: string }> = {
  declassify: { zh: '解密', en: 'Declassify' },
  extend: { zh: '延期', en: 'Extend' },
  downgrade: { zh: '降密', en: 'Downgrade' },
};

/** Default 保密期限 by level when the source names none (《保密法》: 秘密 10 年, 机密 20 年; 内部 10 年 here). */
export const DEFAULT_SECRECY_YEARS: Record<number, number> = { 1: 10, 2: 10, 3: 20 };

/** Job kind: a record's 保密期限 ended. */
export const SECRECY_JOB = 'archives.secrecy_due';
