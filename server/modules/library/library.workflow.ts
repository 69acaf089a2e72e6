/** The state machine of 查阅申请 (access requests), declared as data. */
import { defineWorkflow } from '../../platform/workflow.js';
import type { Actor } from '../../platform/actor.js';

/** A loaded access request with what the policy needs of its item. */
export interface AccessRequestRow {
  id: number;
  status: string;
  version: number;
  /** Whether the actor decides requests of the item (filled by the service from the item's policy). */
  decidable: boolean;
}

/** 查阅申请: pending → granted | refused. */
export const accessRequestWorkflow = defineWorkflow<AccessRequestRow, { note?: string | null }>({
  name: 'library.access_request',
  table: 'library_access_request',
  states: {
    pending: { zh: '待审批', en: 'Pending' },
    granted: { zh: '已同意', en: 'Granted', terminal: true },
    refused: { zh: '未同意', en: 'Refused', terminal: true },
  },
  transitions: {
    grant: { label: { zh: '同意', en: 'Grant' }, from: ['pending'], to: 'granted', allowed: (_a: Actor, r) => r.decidable },
    refuse: { label: { zh: '不同意', en: 'Refuse' }, from: ['pending'], to: 'refused', allowed: (_a: Actor, r) => r.decidable, required: ['note'] },
  },
});

/** Display names of circulation states: 传阅中 / 已阅. */
export const CIRCULATION_STATES = {
  circulating: { zh: '传阅中', en: 'Circulating' },
  done: { zh: '已阅', en: 'Read by all' },
} as const;
