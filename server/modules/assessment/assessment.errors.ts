/** Error codes of 考核督查 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const assessmentErrors = defineErrors('assessment', {
  'assessment.weights_sum': { 'zh-CN': '{level}的权重合计为 {sum}，应为 100', 'en-US': 'The weights of {level} add up to {sum}, not 100' },
  'assessment.leaf_method': { 'zh-CN': '末级指标“{name}”须指定评分方式', 'en-US': 'The leaf indicator "{name}" needs a scoring method' },
  'assessment.unknown_formula': { 'zh-CN': '指标“{name}”的自动计算公式不存在', 'en-US': 'The indicator "{name}" names an unknown formula' },
  'assessment.specific_unit': {
    'zh-CN': '个性指标“{name}”须指定一个被考核单位',
    'en-US': 'The specific indicator "{name}" must name one assessed unit',
  },
  'assessment.tree_too_deep': { 'zh-CN': '指标树最多三级', 'en-US': 'The indicator tree has at most three levels' },
  'assessment.no_indicators': { 'zh-CN': '方案尚无考核指标', 'en-US': 'The scheme has no indicators yet' },
  'assessment.period_format': {
    'zh-CN': '考核期“{period}”与周期类型不符（年度如 2026，半年如 2026H1，季度如 2026Q3）',
    'en-US': 'The period "{period}" does not fit its kind (year 2026, half 2026H1, quarter 2026Q3)',
  },
  'assessment.unknown_unit': { 'zh-CN': '单位不存在或已停用', 'en-US': 'Unknown or inactive unit' },
  'assessment.no_units': { 'zh-CN': '须至少有一个被考核单位', 'en-US': 'At least one unit must be assessed' },
  'assessment.not_draft': { 'zh-CN': '方案已发布，不能修改；请修订为新版本', 'en-US': 'The scheme is published and cannot change' },
  'assessment.not_published': { 'zh-CN': '方案尚未发布或已结束，不能评分', 'en-US': 'The scheme is not open for scoring' },
  'assessment.closed': { 'zh-CN': '考核期已结束，结果已冻结', 'en-US': 'The period is closed and its results frozen' },
  'assessment.not_scorable': {
    'zh-CN': '指标“{name}”不是您可评分的指标，或不适用于该单位',
    'en-US': 'You cannot score "{name}" for that unit',
  },
  'assessment.not_closed': { 'zh-CN': '考核期尚未结束，无需重新计算', 'en-US': 'The period is not closed; nothing to recompute' },
  'assessment.evidence_required': { 'zh-CN': '组织考核评分须填写依据', 'en-US': 'An organisation score needs its evidence' },
  'assessment.survey_indicator': {
    'zh-CN': '群众评价须对应方案中评分方式为“群众评价”的末级指标',
    'en-US': 'A survey needs a leaf indicator scored by public evaluation',
  },
  'assessment.survey_exists': { 'zh-CN': '该指标已发起群众评价', 'en-US': 'This indicator already has a survey' },
  'assessment.survey_closed': { 'zh-CN': '该评价已结束', 'en-US': 'This survey is closed' },
  'assessment.survey_code_unknown': { 'zh-CN': '评价码无效', 'en-US': 'This survey code is not valid' },
  'assessment.survey_code_used': { 'zh-CN': '该评价码已使用，每个评价码只能提交一次', 'en-US': 'This survey code has been used; each code answers once' },
  'assessment.survey_ratings': {
    'zh-CN': '请为所评单位的每个问题打 1–5 分，且只评本次考核的单位',
    'en-US': 'Rate each question 1–5 for the units you rate, only units of this assessment',
  },
  'assessment.adjustment_decided': { 'zh-CN': '该加减分已审批', 'en-US': 'This adjustment has been decided' },
  'assessment.appeal_not_published': { 'zh-CN': '考核结果尚未公布，暂不能申诉', 'en-US': 'The results are not published yet; no appeal yet' },
  'assessment.appeal_window': { 'zh-CN': '申诉期限已过（截至 {date}）', 'en-US': 'The time to appeal ended on {date}' },
  'assessment.appeal_target': {
    'zh-CN': '申诉须针对本单位已批准的一项扣分或本单位适用的一项指标',
    'en-US': 'An appeal names one approved deduction or one indicator of the appealing unit',
  },
  'assessment.appeal_pending': { 'zh-CN': '该扣分已有申诉待裁决', 'en-US': 'This deduction already has a pending appeal' },
  'assessment.appeal_decided': { 'zh-CN': '该申诉已裁决', 'en-US': 'This appeal has been decided' },
  'assessment.revised': { 'zh-CN': '该方案已有修订版本，请在最新版本上修订', 'en-US': 'This scheme has a newer version; revise that one' },
  'assessment.revise_draft': { 'zh-CN': '草稿方案可直接修改，无需修订', 'en-US': 'A draft can be edited; only a published scheme is revised' },
});
