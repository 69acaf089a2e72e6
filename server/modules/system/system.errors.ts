/** Error codes of 系统 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const systemErrors = defineErrors('system', {
  'system.holiday_wrong_year': { 'zh-CN': '日期不属于 {year} 年', 'en-US': 'A date is not in {year}' },
});
