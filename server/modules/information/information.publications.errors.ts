/** Error codes of 信息刊物 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const publicationErrors = defineErrors('information', {
  'information.issue_wrong_state': { 'zh-CN': '该期刊物当前状态（{status}）不允许此操作', 'en-US': 'The issue is {status}: this step is not possible now' },
  'information.issue_empty': { 'zh-CN': '本期尚未编入任何信息', 'en-US': 'The issue has no items yet' },
  'information.issue_item_unfit': {
    'zh-CN': '信息（编号{id}）未按本刊要求的层级采用，或不可见',
    'en-US': 'Item {id} is not adopted at a level this publication takes, or is not visible',
  },
  'information.issue_item_duplicate': { 'zh-CN': '同一条信息不能重复编入', 'en-US': 'An item can be in the issue only once' },
  'information.publication_inactive': { 'zh-CN': '该刊物已停用', 'en-US': 'The publication is deactivated' },
  'information.publication_unknown': { 'zh-CN': '刊物不存在', 'en-US': 'No such publication' },
  'information.publication_name_taken': { 'zh-CN': '已有同名刊物', 'en-US': 'A publication of this name exists' },
});
