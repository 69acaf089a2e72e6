/** The use cases of the 公文 module, one file each (writes: transaction → load → authorize → write → audit → notify). */
export * as approvals from './approvals.js';
export * as autoUrge from './auto-urge.js';
export * as detail from './detail.js';
export * as draft from './draft.js';
export * as lengthGuide from './length-guide.js';
export * as lists from './lists.js';
export * as markRead from './mark-read.js';
export * as quotas from './quotas.js';
export * as receive from './receive-incoming.js';
export * as render from './render.js';
export * as transition from './transition.js';
export * as update from './update.js';
export * as receiptRemind from './receipt-remind.js';
export * as assessmentCounts from './assessment-counts.js';
