/** 督查督办 state machines, declared as data: the item's and each unit task's. */
import { defineWorkflow } from '../../platform/workflow.js';
import { approvalSteps, itemPolicy, taskPolicy, type ItemRow, type TaskRow } from './supervision.policy.js';

/** Item states: 立项 → 已交办 → 已办结（待回访）→ 已销号. */
export const ITEM_STATES = {
  registered: { zh: '立项', en: 'Registered' },
  issued: { zh: '办理中', en: 'In progress' },
  concluded: { zh: '已办结待回访', en: 'Concluded, follow-up due' },
  closed: { zh: '已销号', en: 'Closed', terminal: true },
  withdrawn: { zh: '已撤销', en: 'Withdrawn', terminal: true },
} as const;

/** Task states: 待交办 → 办理中 ⇄ 退回重办, → 待审核 (申请办结) → 已办结. */
export const TASK_STATES = {
  pending: { zh: '待交办', en: 'Not issued' },
  in_progress: { zh: '办理中', en: 'In progress' },
  returned: { zh: '退回重办', en: 'Returned' },
  submitted: { zh: '待审核', en: 'Awaiting review' },
  accepted: { zh: '已办结', en: 'Accepted', terminal: true },
  withdrawn: { zh: '已撤销', en: 'Withdrawn', terminal: true },
} as const;

/** Task states in which the unit is still working (reports, extensions and reminders apply). */
export const TASK_WORKING = ['in_progress', 'returned'] as const;
/** Task states that are not finished. */
export const TASK_OPEN = ['pending', 'in_progress', 'returned', 'submitted'] as const;
/** Item states that are not finished. */
export const ITEM_OPEN = ['registered', 'issued'] as const;

/** 督查事项 workflow. */
export const itemWorkflow = defineWorkflow<ItemRow>({
  name: 'supervision.item',
  table: 'supervision_item',
  states: ITEM_STATES,
  transitions: {
    issue: { label: { zh: '交办', en: 'Issue' }, from: ['registered'], to: 'issued', allowed: (a, i) => itemPolicy.manage(a, i) },
    conclude: { label: { zh: '办结', en: 'Conclude' }, from: ['issued'], to: 'concluded', allowed: (a, i) => itemPolicy.manage(a, i) },
    close: {
      label: { zh: '回访销号', en: 'Follow up and close' },
      from: ['concluded'],
      to: 'closed',
      allowed: (a, i) => approvalSteps.closeItem(a, i),
      required: ['followupNote', 'rating'],
    },
    withdraw: {
      label: { zh: '撤销', en: 'Withdraw' },
      from: ['registered', 'issued'],
      to: 'withdrawn',
      allowed: (a, i) => itemPolicy.manage(a, i),
      required: ['reason'],
    },
  },
});

/** 督办任务 workflow. */
export const taskWorkflow = defineWorkflow<TaskRow>({
  name: 'supervision.task',
  table: 'supervision_task',
  states: TASK_STATES,
  transitions: {
    issue: { label: { zh: '交办', en: 'Issue' }, from: ['pending'], to: 'in_progress', allowed: (a, t) => taskPolicy.manage(a, t) },
    request_close: {
      label: { zh: '申请办结', en: 'Request closing' },
      from: ['in_progress', 'returned'],
      to: 'submitted',
      allowed: (a, t) => taskPolicy.report(a, t),
      required: ['content'],
    },
    accept: { label: { zh: '审核通过', en: 'Accept' }, from: ['submitted'], to: 'accepted', allowed: (a, t) => approvalSteps.reviewTask(a, t) },
    return: {
      label: { zh: '退回重办', en: 'Return for rework' },
      from: ['submitted'],
      to: 'returned',
      allowed: (a, t) => approvalSteps.reviewTask(a, t),
      required: ['reason'],
    },
    withdraw: {
      label: { zh: '撤销任务', en: 'Withdraw task' },
      from: ['pending', 'in_progress', 'returned', 'submitted'],
      to: 'withdrawn',
      allowed: (a, t) => taskPolicy.manage(a, t),
      required: ['reason'],
    },
  },
});
