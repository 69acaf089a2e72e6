/** Error messages of the library module (zh-CN and en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const libraryErrors = defineErrors('library', {
  'library.already_readable': { 'zh-CN': '您已可查阅该条目的内容，无需申请', 'en-US': 'You can already open this item' },
  'library.request_pending': { 'zh-CN': '您已提交查阅申请，正在等待审批', 'en-US': 'Your access request is awaiting a decision' },
  'library.request_decided': { 'zh-CN': '该申请已处理', 'en-US': 'This request has already been decided' },
  'library.recipient_clearance': {
    'zh-CN': '以下人员涉密等级低于条目密级，不能传阅：{names}',
    'en-US': 'These recipients lack the clearance for this item: {names}',
  },
  'library.no_recipients': { 'zh-CN': '请至少选择一名传阅对象', 'en-US': 'Choose at least one recipient' },
  'library.not_recipient': { 'zh-CN': '您不在该传阅的对象之中', 'en-US': 'You are not a recipient of this circulation' },
  'library.circulation_done': { 'zh-CN': '该传阅已全部阅毕', 'en-US': 'Everyone has read this circulation' },
  'library.topic_closed': { 'zh-CN': '该话题已关闭，不能回复', 'en-US': 'This topic is closed' },
  'library.unknown_user': { 'zh-CN': '所选人员或单位不存在', 'en-US': 'Unknown user or unit' },
  'library.due_in_past': { 'zh-CN': '传阅期限不能早于今天', 'en-US': 'The due date cannot be in the past' },
});
