/** Error codes of 信息报送与采编 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const informationErrors = defineErrors('information', {
  'information.wrong_state': { 'zh-CN': '该信息当前状态（{status}）不允许此操作', 'en-US': 'The item is {status}: this step is not possible now' },
  'information.event_in_future': { 'zh-CN': '事件发生时间不能晚于当前时间', 'en-US': 'The event time cannot be in the future' },
  'information.unknown_parent': { 'zh-CN': '续报所接的首报不存在或不属于本单位', 'en-US': 'The first report of this follow-up is missing or not your unit’s' },
  'information.merge_needs_two': { 'zh-CN': '合并至少需要两条信息', 'en-US': 'Merging needs at least two items' },
  'information.unknown_unit': { 'zh-CN': '单位不存在或已停用', 'en-US': 'No such active unit' },
  'information.already_converted': { 'zh-CN': '该批示已转为督办事项', 'en-US': 'This instruction is already a supervision item' },
  'information.supervision_unavailable': { 'zh-CN': '督查模块未启用，无法转为督办事项', 'en-US': 'Supervision is not available' },
  'information.bad_period': { 'zh-CN': '统计期间起止日期有误', 'en-US': 'The period is wrong (from after to)' },
  'information.request_not_asked': { 'zh-CN': '该约稿不存在或未向本单位约稿', 'en-US': 'No such request, or it does not ask your unit' },
  'information.request_closed': { 'zh-CN': '该约稿已结束', 'en-US': 'The request is closed' },
  'information.request_deadline_past': { 'zh-CN': '约稿截止日期不能早于今天', 'en-US': 'The deadline cannot be before today' },
  'information.instruction_empty': { 'zh-CN': '批示须有文字或手写内容', 'en-US': 'An instruction needs text or handwriting' },
  'information.handwriting_invalid': { 'zh-CN': '手写批示须为 PNG 图片', 'en-US': 'The handwriting must be a PNG image' },
  'information.handwriting_too_large': { 'zh-CN': '手写批示图片过大（不超过 {maxKb} KB）', 'en-US': 'The handwriting image is too large (at most {maxKb} KB)' },
});
