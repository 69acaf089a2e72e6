/** Domain vocabulary of 公文: types, urgency, flows, retention, default length guide (error messages: documents.errors.ts). */

/** The 15 types of 《党政机关公文处理工作条例》 (2012), 第八条. */
export const DOC_TYPES = ['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
/** A document type (文种). */
export type DocType = (typeof DOC_TYPES)[number];

/** 紧急程度: normal, 加急, 特急. */
export const URGENCIES = ['normal', 'urgent', 'very_urgent'] as const;
export const URGENCY_NAMES: Record<(typeof URGENCIES)[number], string> = { normal: '', urgent: '加急', very_urgent: '特急' };

/** 行文方向: 上行文 / 平行文 / 下行文. */
export const FLOWS = ['up', 'parallel', 'down'] as const;
export const FLOW_NAMES: Record<(typeof FLOWS)[number], string> = { up: '上行文', parallel: '平行文', down: '下行文' };

/** 保管期限 (retention) of an archived document. */
export const RETENTIONS = ['permanent', '30y', '10y'] as const;
export const RETENTION_NAMES: Record<(typeof RETENTIONS)[number], { zh: string; code: string }> = {
  permanent: { zh: '永久', code: 'Y' },
  '30y': { zh: '30年', code: 'D30' },
  '10y': { zh: '10年', code: 'D10' },
};

/** 签收时限: working days after 核发 within which a recipient unit signs for its copy; then it is reminded. */
export const RECEIPT_DAYS = 1;

/** Types that only a principal (holder of the 领导 role) may sign, whatever the flow. */
export const PRINCIPAL_TYPES: readonly string[] = ['决议', '决定', '命令', '公报', '议案', '请示', '报告'];

/** 文风 简短准: default maximum length (characters of body text) by type; configurable per deployment. */
export const DEFAULT_LENGTH_GUIDE: Record<string, number> = {
  决议: 5000,
  决定: 4000,
  命令: 1500,
  公报: 5000,
  公告: 1500,
  通告: 1500,
  意见: 5000,
  通知: 3000,
  通报: 3000,
  报告: 5000,
  请示: 1500,
  批复: 1500,
  议案: 3000,
  函: 1500,
  纪要: 4000,
};

/** Working days a handled incoming document gets by urgency (催办 time limits). */
export const HANDLING_DAYS: Record<(typeof URGENCIES)[number], number> = { normal: 10, urgent: 5, very_urgent: 2 };
