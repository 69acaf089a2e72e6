/** Error codes of 政务值班 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const dutyErrors = defineErrors('duty', {
  'duty.bad_month': { 'zh-CN': '月份格式应为 YYYY-MM', 'en-US': 'The month must be YYYY-MM' },
  'duty.roster_exists': { 'zh-CN': '{month} 的排班表已生成', 'en-US': 'The roster of {month} already exists' },
  'duty.template_empty': { 'zh-CN': '排班模板须至少包含一名带班领导和一名值班人员', 'en-US': 'The template needs at least one leader and one staff member' },
  'duty.unknown_user': { 'zh-CN': '人员不存在或已停用：{user}', 'en-US': 'Unknown or disabled user: {user}' },
  'duty.not_leader': { 'zh-CN': '{name} 不是领导，不能担任带班领导', 'en-US': '{name} is not a leader and cannot be leader on duty' },
  'duty.not_desk': { 'zh-CN': '{name} 不是值班人员（值班室、秘书处）', 'en-US': '{name} is not duty desk staff' },
  'duty.swap_same_user': { 'zh-CN': '换班人员与原值班人员相同', 'en-US': 'The swap names the same person' },
  'duty.outcome_required': { 'zh-CN': '须填写办理结果', 'en-US': 'The outcome must be recorded' },
  'duty.unit_required': { 'zh-CN': '转办须指明承办单位', 'en-US': 'A transfer needs the unit' },
  'duty.unknown_unit': { 'zh-CN': '单位不存在或已停用', 'en-US': 'Unknown or inactive unit' },
  'duty.no_leader_on_duty': { 'zh-CN': '该来电没有对应的带班领导', 'en-US': 'There is no leader on duty for this entry' },
  'duty.supervision_unavailable': { 'zh-CN': '督查督办模块未启用，暂不能转督办', 'en-US': 'The supervision module is not available' },
  'duty.deadline_required': { 'zh-CN': '转督办须填写办理时限', 'en-US': 'A transfer into supervision needs a time limit' },
  'duty.level_too_high': { 'zh-CN': '密级不能高于本人密级', 'en-US': 'The level is above your clearance' },
  'duty.entry_without_owner': {
    'zh-CN': '以下未办结事项没有承办人，不能交班：{entries}',
    'en-US': 'These open entries have no owner, the shift cannot be handed over: {entries}',
  },
  'duty.no_next_shift': { 'zh-CN': '排班表中没有下一班次，不能交班', 'en-US': 'The roster has no next shift to hand over to' },
  'duty.already_handed_over': { 'zh-CN': '该班次已交班', 'en-US': 'The shift has already been handed over' },
});
