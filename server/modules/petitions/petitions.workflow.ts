/** The states of a 信访 case, as data: 登记 → 转办 → 受理 → 单位办复 → 答复信访人 → 办结. */
import type { Actor } from '../../platform/actor.js';
import { defineWorkflow } from '../../platform/workflow.js';

/** A case row as the engine moves it. */
export interface CaseRow {
  id: number;
  status: string;
  version: number;
}

/** Case states. */
export const CASE_STATES = {
  registered: { zh: '已登记', en: 'Registered' },
  transferred: { zh: '已转办', en: 'Transferred' },
  accepted: { zh: '已受理', en: 'Accepted' },
  replied: { zh: '单位已办复', en: 'Unit replied' },
  answered: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed', terminal: true },
} as const;

export type CaseState = keyof typeof CASE_STATES;
export const OPEN_STATES: readonly CaseState[] = ['registered', 'transferred', 'accepted', 'replied', 'answered'];

/** The case workflow; `may` is the policy's ability of the same name (decided on the loaded row by the use case first). */
export function caseWorkflow(may: (a: Actor, action: string) => boolean) {
  return defineWorkflow<CaseRow>({
    name: 'petitions',
    table: 'petition_case',
    states: CASE_STATES,
    transitions: {
      transfer: { label: { zh: '转办', en: 'Transfer' }, from: ['registered', 'transferred'], to: 'transferred', allowed: (a) => may(a, 'transfer') },
      accept: { label: { zh: '受理', en: 'Accept' }, from: ['transferred'], to: 'accepted', allowed: (a) => may(a, 'accept') },
      reply: { label: { zh: '单位办复', en: 'Unit reply' }, from: ['accepted'], to: 'replied', allowed: (a) => may(a, 'reply') },
      answer: { label: { zh: '答复信访人', en: 'Answer the petitioner' }, from: ['replied', 'registered'], to: 'answered', allowed: (a) => may(a, 'answer') },
      close: { label: { zh: '办结', en: 'Close' }, from: OPEN_STATES, to: 'closed', allowed: (a) => may(a, 'close') },
    },
  });
}
