/** Error codes of 督查督办 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const supervisionErrors = defineErrors('supervision', {
  'supervision.not_office': { 'zh-CN': '只有督查室工作人员可以办理此事项', 'en-US': 'Only the supervision office may do this' },
  'supervision.approver_staff': {
    'zh-CN': '此审批须由督查室工作人员办理',
    'en-US': 'This approval is for the staff of the supervision office',
  },
  'supervision.approver_division_head': {
    'zh-CN': '此类事项的延期、办结和销号须由督查室处长或办公厅主任审批，工作人员不能审批',
    'en-US': 'Extensions, acceptance and closing of such items are approved by the head of the supervision office or the office director',
  },
  'supervision.approver_leader': {
    'zh-CN': '此类事项（批示件）的审批须由批示领导（无批示领导时为责任领导）或办公厅主任办理',
    'en-US': 'This approval of an instructed item is for the instructing leader (or the responsible leader) or the office director',
  },
  'supervision.unit_unknown': { 'zh-CN': '单位不存在或已停用：{unit}', 'en-US': 'Unknown or inactive unit: {unit}' },
  'supervision.user_unknown': { 'zh-CN': '人员不存在或已停用：{user}', 'en-US': 'Unknown or disabled user: {user}' },
  'supervision.user_not_in_unit': { 'zh-CN': '责任人必须是该责任单位的人员', 'en-US': 'The responsible person must belong to the unit' },
  'supervision.unit_without_person': { 'zh-CN': '单位“{unit}”没有可指定的责任人（联络员）', 'en-US': 'Unit {unit} has nobody to be responsible (no liaison)' },
  'supervision.deadline_past': { 'zh-CN': '时限不能早于今天', 'en-US': 'The time limit cannot be in the past' },
  'supervision.stage_after_deadline': {
    'zh-CN': '节点时限不能晚于任务时限，且须按顺序排列',
    'en-US': 'Stage limits must be in order and not after the task limit',
  },
  'supervision.no_tasks': { 'zh-CN': '请先分解立项（至少包括牵头单位）', 'en-US': 'Split the item into tasks first (including the lead unit)' },
  'supervision.lead_task_missing': { 'zh-CN': '分解立项必须包括牵头单位', 'en-US': 'The split must include the lead unit' },
  'supervision.task_not_open': {
    'zh-CN': '该任务当前不在办理中（未交办、待审核或已办结），不能执行此操作',
    'en-US': 'The task is not being worked on (not issued, under review, or closed)',
  },
  'supervision.task_issued': { 'zh-CN': '任务已交办，不能再修改分解', 'en-US': 'The task was issued and can no longer be changed' },
  'supervision.extension_after_deadline': {
    'zh-CN': '已超过时限，不能再申请延期',
    'en-US': 'The time limit has passed; an extension can no longer be requested',
  },
  'supervision.extension_pending': { 'zh-CN': '已有待审批的延期申请', 'en-US': 'An extension request is already pending' },
  'supervision.extension_date': {
    'zh-CN': '延期后的时限必须晚于原时限且不早于今天',
    'en-US': 'The new limit must be after the current one and not in the past',
  },
  'supervision.extension_decided': { 'zh-CN': '该延期申请已经审批', 'en-US': 'This extension request was already decided' },
  'supervision.comment_required': { 'zh-CN': '请填写理由', 'en-US': 'Please give the reason' },
  'supervision.criteria_unmet': {
    'zh-CN': '办结须满足全部标准：事实清楚、问题解决、批示落实、结论准确、处理恰当',
    'en-US': 'Closing needs every criterion: facts clear, problem solved, instruction implemented, conclusion accurate, handling proper',
  },
  'supervision.cadence_dates': { 'zh-CN': '“按日期”反馈须列出反馈日期', 'en-US': 'A by-date cadence needs its dates' },
  'supervision.import_invalid': { 'zh-CN': '导入文件有 {count} 行不合格，未导入任何事项', 'en-US': '{count} rows are invalid; nothing was imported' },
  'supervision.import_file': { 'zh-CN': '无法读取导入文件，请使用台账模板（.xlsx）', 'en-US': 'Cannot read the file; use the ledger template (.xlsx)' },
  'supervision.import_columns': {
    'zh-CN': '导入文件的表头与模板不符：缺少列 {missing}；无法识别或重复的列 {unknown}。请使用台账导入模板',
    'en-US': 'The header row does not match the template: missing columns {missing}; unknown or repeated columns {unknown}. Use the ledger import template',
  },
  'supervision.item_not_open': {
    'zh-CN': '该事项已办结、销号或撤销，不能再修改',
    'en-US': 'The item is concluded, closed or withdrawn and can no longer be changed',
  },
  'supervision.deadline_before_tasks': {
    'zh-CN': '总时限不能早于各单位任务的时限',
    'en-US': 'The overall time limit cannot be before a unit task’s limit',
  },
  'supervision.unit_not_on_item': { 'zh-CN': '所选单位不是该事项的责任单位', 'en-US': 'A chosen unit holds no task of the item' },
  'supervision.stage_done': { 'zh-CN': '该节点已完成', 'en-US': 'This stage is already completed' },
  'supervision.task_reported': {
    'zh-CN': '该单位已反馈办理情况，不能撤销任务（请通过审核把关处理）',
    'en-US': 'The unit has reported on this task; it cannot be withdrawn (review it instead)',
  },
  'supervision.lead_task_cancel': { 'zh-CN': '牵头单位的任务不能撤销', 'en-US': 'The lead unit’s task cannot be withdrawn' },
  'supervision.task_exists': { 'zh-CN': '该单位已有此事项的任务', 'en-US': 'This unit already has a task for the item' },
  'supervision.no_instruction': { 'zh-CN': '该事项没有领导批示，无需办理情况报告', 'en-US': 'The item has no leader’s instruction to report on' },
  'supervision.rating_range': { 'zh-CN': '满意度须为 1 至 5', 'en-US': 'The rating must be 1 to 5' },
});
