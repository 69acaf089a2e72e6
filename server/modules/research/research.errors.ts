/** Error codes of 调研 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const researchErrors = defineErrors('research', {
  'research.level_too_high': { 'zh-CN': '密级不能高于本人密级', 'en-US': 'The level is above your clearance' },
  'research.unknown_unit': { 'zh-CN': '单位不存在或已停用', 'en-US': 'Unknown or inactive unit' },
  'research.unknown_member': { 'zh-CN': '课题组成员不存在或已停用：{name}', 'en-US': 'Unknown or disabled team member: {name}' },
  'research.member_clearance': { 'zh-CN': '课题组成员{name}的密级低于课题密级', 'en-US': 'Team member {name} is not cleared for the topic’s level' },
  'research.empty_decision': { 'zh-CN': '会议决定至少须涉及一个选题', 'en-US': 'The decision must cover at least one proposal' },
  'research.proposal_twice': { 'zh-CN': '同一选题在一次决定中只能出现一次', 'en-US': 'A proposal appears twice in the decision' },
  'research.proposal_decided': { 'zh-CN': '选题已有决定：{title}', 'en-US': 'The proposal is already decided: {title}' },
  'research.bad_dates': { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'The end date is before the start date' },
  'research.milestone_after_end': { 'zh-CN': '节点时限不能晚于课题结束日期', 'en-US': 'A milestone cannot be due after the topic ends' },
  'research.milestones_open': { 'zh-CN': '以下节点尚未完成，不能结题：{items}', 'en-US': 'These milestones are open; the topic cannot be concluded: {items}' },
  'research.report_missing': { 'zh-CN': '结题须先上传调研报告', 'en-US': 'Upload the research report before concluding' },
  'research.supervision_deadline': { 'zh-CN': '转为督办须填写督办时限', 'en-US': 'Turning into supervision needs a deadline' },
  'research.no_change': { 'zh-CN': '没有变化', 'en-US': 'Nothing changed' },
});
