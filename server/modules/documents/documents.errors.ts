/** Error codes of 公文 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const documentsErrors = defineErrors('documents', {
  'documents.over_quota': {
    'zh-CN': '本单位{year}年“{type}”已登记编号的发文已达配额（{quota}件），须先经超配额审批并说明理由',
    'en-US': 'The {year} quota for "{type}" ({quota}) is used up by numbered documents; an over-quota approval with reasons is required',
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
