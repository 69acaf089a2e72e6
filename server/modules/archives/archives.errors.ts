/** Error codes of 保密档案 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const archivesErrors = defineErrors('archives', {
  'archives.not_archivable': { 'zh-CN': '该事项不存在或尚未办结，不能归档', 'en-US': 'The item does not exist or is not closed yet' },
  'archives.already_archived': { 'zh-CN': '该事项已归档', 'en-US': 'The item is already archived' },
  'archives.unknown_source': { 'zh-CN': '不支持归档该类事项', 'en-US': 'This kind of item cannot be archived' },
  'archives.secrecy_required': { 'zh-CN': '涉密档案须填写保密期限', 'en-US': 'A classified record needs a secrecy period' },
  'archives.return_date_past': { 'zh-CN': '归还日期不能早于今天', 'en-US': 'The return date cannot be before today' },
  'archives.above_clearance': { 'zh-CN': '借阅人的涉密等级低于档案密级，不能借阅', 'en-US': 'The borrower is not cleared for this record’s level' },
  'archives.bad_decision': {
    'zh-CN': '审查决定不完整：延期须填写新的保密期限，降密须选择更低的密级和新的保密期限',
    'en-US': 'Incomplete decision: an extension needs a new end date; a downgrade needs a lower level and a new end date',
  },
  'archives.until_past': { 'zh-CN': '新的保密期限须晚于今天', 'en-US': 'The new secrecy period must end after today' },
});
