/** The state machine of an information item, declared as data (the engine: `server/platform/workflow.ts`). */
import { defineWorkflow } from '../../platform/workflow.js';
import { ITEM_STATES } from './information.constants.js';
import { informationPolicy, type LoadedInfoItem } from './information.policy.js';

/** 已报送 → 采编中 → 已采用; 退回 and 合并 end a report. Audited as `information.item.<action>`. */
export const itemWorkflow = defineWorkflow<LoadedInfoItem>({
  name: 'information.item',
  table: 'info_item',
  states: {
    submitted: ITEM_STATES.submitted,
    taken: ITEM_STATES.taken,
    adopted: ITEM_STATES.adopted,
    returned: { ...ITEM_STATES.returned, terminal: true },
    merged: { ...ITEM_STATES.merged, terminal: true },
  },
  transitions: {
    take: { label: { zh: '采编', en: 'Take' }, from: ['submitted'], to: 'taken', allowed: informationPolicy.take },
    return: { label: { zh: '退回', en: 'Return' }, from: ['submitted', 'taken'], to: 'returned', allowed: informationPolicy.return, required: ['reason'] },
    merge: { label: { zh: '合并', en: 'Merge' }, from: ['submitted', 'taken'], to: 'merged', allowed: informationPolicy.merge },
    adopt: { label: { zh: '采用', en: 'Adopt' }, from: ['taken', 'adopted'], to: 'adopted', allowed: informationPolicy.adopt, required: ['level'] },
  },
});
