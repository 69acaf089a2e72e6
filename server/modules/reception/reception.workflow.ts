/** The states of a 接待方案, as data: 草拟 → 报送 → 处长审核 → 主任审批 → 已批准 → 办结; 退回 to 草拟 with a reason. */
import type { Actor } from '../../platform/actor.js';
import { defineWorkflow } from '../../platform/workflow.js';
import { PLAN_STATES } from '../../../common/reception.js';

/** A plan row as the engine moves it. */
export interface PlanRow {
  id: number;
  status: string;
  version: number;
}

export type StepName = 'submit' | 'approve' | 'return' | 'close';

/** The plan workflow; `may` is the policy's ability of the same name (decided on the loaded row by the use case first). */
export function planWorkflow(may: (a: Actor, action: StepName) => boolean) {
  return defineWorkflow<PlanRow>({
    name: 'reception',
    table: 'reception_plan',
    states: { ...PLAN_STATES, closed: { ...PLAN_STATES.closed, terminal: true } },
    transitions: {
      submit: { label: { zh: '报送审批', en: 'Submit' }, from: ['draft'], to: 'submitted', allowed: (a) => may(a, 'submit') },
      approve: {
        label: { zh: '审批同意', en: 'Approve' },
        from: ['submitted', 'head_approved'],
        to: (row) => (row.status === 'submitted' ? 'head_approved' : 'approved'),
        allowed: (a) => may(a, 'approve'),
      },
      return: { label: { zh: '退回修改', en: 'Return' }, from: ['submitted', 'head_approved'], to: 'draft', allowed: (a) => may(a, 'return') },
      close: { label: { zh: '办结', en: 'Close' }, from: ['approved'], to: 'closed', allowed: (a) => may(a, 'close') },
    },
  });
}
