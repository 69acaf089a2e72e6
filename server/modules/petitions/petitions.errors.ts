/** Error codes of 信访 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const petitionsErrors = defineErrors('petitions', {
  'petitions.unknown_unit': { 'zh-CN': '责任单位不存在或已停用', 'en-US': 'Unknown or inactive unit' },
  'petitions.reply_required': { 'zh-CN': '尚未记录对信访人的答复，不能办结', 'en-US': 'Record the answer to the petitioner before closing' },
  'petitions.outcome_required': { 'zh-CN': '请填写办理结果', 'en-US': 'Record the outcome' },
  'petitions.contact_required': {
    'zh-CN': '请至少填写信访人的身份证号码或联系电话',
    'en-US': 'Give at least the petitioner’s ID number or phone',
  },
  'petitions.bad_id_no': { 'zh-CN': '身份证号码格式不正确', 'en-US': 'The ID number is not valid' },
  'petitions.not_answered': { 'zh-CN': '须先答复信访人，才能回访', 'en-US': 'Answer the petitioner before the follow-up' },
});
