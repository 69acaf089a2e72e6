/** Error codes of 会议 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const meetingsErrors = defineErrors('meetings', {
  'meetings.gates_failed': {
    'zh-CN': '议题未通过以下把关，不能列入本次会议议程：{gates}',
    'en-US': 'The topic has not passed these gates and cannot be placed on this agenda: {gates}',
  },
  'meetings.evidence_required': {
    'zh-CN': '确认把关事项须附佐证材料（附件或书面记录）',
    'en-US': 'Confirming a gate needs evidence (an attachment or a written record)',
  },
  'meetings.evidence_invalid': { 'zh-CN': '佐证附件须为本议题的附件', 'en-US': 'The evidence must be an attachment of this topic' },
  'meetings.gate_not_in_checklist': { 'zh-CN': '该议题适用的把关清单中没有“{gate}”', 'en-US': 'The checklist of this topic has no gate "{gate}"' },
  'meetings.unit_not_concerned': { 'zh-CN': '该单位不是本议题的协商单位', 'en-US': 'That unit is not concerned by this topic' },
  'meetings.unit_required': { 'zh-CN': '会前协商须指明协商单位', 'en-US': 'Prior agreement needs the department concerned' },
  'meetings.dissent_only_consensus': { 'zh-CN': '只有会前协商一致可以记录不同意见', 'en-US': 'Dissent is recorded only for prior agreement' },
  'meetings.topic_not_ready': {
    'zh-CN': '议题须处于“调度”层才能列入议程（当前：{state}）',
    'en-US': 'Only a topic being prepared can be placed on an agenda (now: {state})',
  },
  'meetings.topic_level_above_meeting': { 'zh-CN': '议题密级高于会议密级，不能列入本次会议', 'en-US': 'The topic is classified above the meeting' },
  'meetings.topic_not_on_agenda': { 'zh-CN': '该议题不在本次会议议程中', 'en-US': 'That topic is not on this agenda' },
  'meetings.agenda_mismatch': { 'zh-CN': '议程排序须包含本次会议的全部议题', 'en-US': 'The order must list exactly the topics on the agenda' },
  'meetings.agenda_empty': { 'zh-CN': '会议议程为空', 'en-US': 'The agenda is empty' },
  'meetings.not_yet_held': {
    'zh-CN': '会议定于{date}召开，尚未到会议日期，不能登记为已召开；如已提前召开，请先修改会议时间',
    'en-US': 'The meeting is set for {date}; it cannot be marked held before that day (change its time if it was brought forward)',
  },
  'meetings.meeting_closed': { 'zh-CN': '会议当前状态“{state}”下不能进行此操作', 'en-US': 'Not possible while the meeting is {state}' },
  'meetings.unknown_user': { 'zh-CN': '人员不存在或已停用', 'en-US': 'Unknown or disabled user' },
  'meetings.unknown_unit': { 'zh-CN': '单位不存在或已停用', 'en-US': 'Unknown or inactive unit' },
  'meetings.not_attendee': { 'zh-CN': '您不是本次会议的应到人员', 'en-US': 'You are not an expected attendee' },
  'meetings.minutes_missing': { 'zh-CN': '请先填写会议纪要', 'en-US': 'Write the minutes first' },
  'meetings.already_supervised': { 'zh-CN': '该议定事项已转为督办事项 {number}', 'en-US': 'The decision is already supervised as {number}' },
  'meetings.supervision_unavailable': { 'zh-CN': '督查督办模块未启用，暂不能转督办', 'en-US': 'The supervision module is not available' },
  'meetings.deadline_passed': { 'zh-CN': '办理时限不能早于今天', 'en-US': 'The time limit cannot be in the past' },
  'meetings.ends_before_start': { 'zh-CN': '结束时间不能早于开始时间', 'en-US': 'The end is before the start' },
  'meetings.decision_topic_not_on_agenda': { 'zh-CN': '议定事项须对应本次会议议程中的议题', 'en-US': 'A decision must be on a topic of this agenda' },
  'meetings.material_topic_not_on_agenda': { 'zh-CN': '材料所属议题须在本次会议议程中', 'en-US': 'The material topic must be on this agenda' },
});
