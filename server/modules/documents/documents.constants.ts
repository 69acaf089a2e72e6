/** Domain vocabulary of 公文: types, urgency, flows, retention, default length guide, error messages. */
import { registerErrorMessages } from '../../../common/error-messages.js';

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

registerErrorMessages({
  'documents.over_quota': {
    'zh-CN': '本单位{year}年“{type}”发文已达配额（{quota}件），须先经超配额审批并说明理由',
    'en-US': 'The {year} quota for "{type}" ({quota}) is used up; an over-quota approval with reasons is required',
  },
  'documents.approval_invalid': {
    'zh-CN': '超配额审批不存在、未批准或与本文不符',
    'en-US': 'The over-quota approval is missing, not approved, or for another unit/type/year',
  },
  'documents.signer_not_allowed': { 'zh-CN': '签发人须为领导或办公厅主任', 'en-US': 'The signer must be a leader or office director' },
  'documents.signer_not_principal': {
    'zh-CN': '上行文、重要公文及“{type}”须由主要负责人（领导）签发',
    'en-US': 'Upward, important and "{type}" documents must be signed by the principal (a leader)',
  },
  'documents.not_signer': { 'zh-CN': '您不是本文指定的签发人', 'en-US': 'You are not the designated signer of this document' },
  'documents.reviewers_required': { 'zh-CN': '请至少指定一名审核人', 'en-US': 'Name at least one reviewer' },
  'documents.read_only': { 'zh-CN': '公文已归档或处于不可修改状态', 'en-US': 'The document is archived or cannot be edited now' },
  'documents.not_circulation_recipient': { 'zh-CN': '您不在本文传阅范围内', 'en-US': 'You are not a recipient of this circulation' },
  'documents.unknown_unit': { 'zh-CN': '单位不存在', 'en-US': 'No such unit' },
  'documents.unknown_user': { 'zh-CN': '人员不存在或不具备相应角色', 'en-US': 'No such user, or without the needed role' },
  'documents.level_above_clearance': { 'zh-CN': '公文密级高于相关人员的涉密等级', 'en-US': "The document level is above a named person's clearance" },
  'documents.not_handler': { 'zh-CN': '本单位不是该文的承办单位', 'en-US': 'Your unit does not handle this document' },
  'documents.lead_reply_required': { 'zh-CN': '主办单位答复后方可办结', 'en-US': 'The lead unit must reply before completion' },
  'documents.supervision_unavailable': { 'zh-CN': '督查模块未启用，无法转为督办事项', 'en-US': 'Supervision is not available' },
  'documents.org_code_required': { 'zh-CN': '请填写机关代字', 'en-US': 'The organ code (机关代字) is required' },
});
