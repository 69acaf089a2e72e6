/** Error codes of 政务接待 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const receptionErrors = defineErrors('reception', {
  'reception.level_too_high': { 'zh-CN': '密级不能高于本人密级', 'en-US': 'The level is above your clearance' },
  'reception.bad_dates': { 'zh-CN': '离开日期不能早于抵达日期', 'en-US': 'The departure date is before the arrival date' },
  'reception.unknown_unit': { 'zh-CN': '责任处室（单位）不存在或已停用：第{item}项', 'en-US': 'Unknown or inactive responsible unit: item {item}' },
  'reception.unknown_person': { 'zh-CN': '责任人不存在或已停用：第{item}项', 'en-US': 'Unknown or disabled responsible person: item {item}' },
  'reception.person_clearance': {
    'zh-CN': '第{item}项的责任人密级低于方案密级，不能知悉该方案',
    'en-US': 'The responsible person of item {item} is not cleared for the plan’s level',
  },
  'reception.unknown_item': { 'zh-CN': '日程安排不属于该方案：{item}', 'en-US': 'The itinerary item is not in this plan: {item}' },
  'reception.item_not_open': { 'zh-CN': '已完成或已取消的日程安排不能修改：第{item}项', 'en-US': 'A done or cancelled item cannot be changed: item {item}' },
  'reception.remove_after_approval': {
    'zh-CN': '方案批准后不能删除日程安排，请改为取消并说明理由',
    'en-US': 'After approval an item cannot be removed: cancel it with a reason',
  },
  'reception.incomplete_items': {
    'zh-CN': '以下日程安排缺少时间、责任处室或责任人，不能报送：{items}',
    'en-US': 'These items lack a time, a responsible unit or person and cannot be submitted: {items}',
  },
  'reception.no_items': { 'zh-CN': '接待方案至少须有一项日程安排', 'en-US': 'The plan needs at least one itinerary item' },
  'reception.no_change': { 'zh-CN': '方案没有变化', 'en-US': 'Nothing changed' },
  'reception.change_note_required': { 'zh-CN': '方案批准后修改须说明变更原因', 'en-US': 'A change after approval needs its reason' },
  'reception.items_open': {
    'zh-CN': '以下日程安排尚未完成或取消，不能办结：{items}',
    'en-US': 'These items are neither done nor cancelled; the plan cannot be closed: {items}',
  },
  'reception.costs_missing': { 'zh-CN': '以下已完成的日程安排未填写实际费用：{items}', 'en-US': 'Actual costs are missing for: {items}' },
  'reception.summary_required': { 'zh-CN': '办结须填写接待工作小结', 'en-US': 'Closing needs a short summary' },
  'reception.reason_required': { 'zh-CN': '请填写理由', 'en-US': 'Give the reason' },
});
