/** The states of 调研 as data: a proposal 待定 → 已立项 | 未采纳 (by a 调研联席会议); a 课题 进行中 → 已结题. */
import type { Actor } from '../../platform/actor.js';
import { defineWorkflow } from '../../platform/workflow.js';
import { PROPOSAL_STATES, TOPIC_STATES } from '../../../common/research.js';

/** A row as the engine moves it. */
export interface Row {
  id: number;
  status: string;
  version: number;
}

/** The proposal workflow: the decision's use case has authorized the 调研室 before. */
export function proposalWorkflow(may: (a: Actor) => boolean) {
  return defineWorkflow<Row>({
    name: 'research',
    table: 'research_proposal',
    states: {
      proposed: PROPOSAL_STATES.proposed,
      accepted: { ...PROPOSAL_STATES.accepted, terminal: true },
      declined: { ...PROPOSAL_STATES.declined, terminal: true },
    },
    transitions: {
      accept: { label: { zh: '立项', en: 'Accept' }, from: ['proposed'], to: 'accepted', allowed: (a) => may(a) },
      decline: { label: { zh: '不予立项', en: 'Decline' }, from: ['proposed'], to: 'declined', allowed: (a) => may(a) },
    },
  });
}

/** The 课题 workflow; `may` is the policy's `conclude` on the loaded row. */
export function topicWorkflow(may: (a: Actor) => boolean) {
  return defineWorkflow<Row>({
    name: 'research',
    table: 'research_topic',
    states: { in_progress: TOPIC_STATES.in_progress, concluded: { ...TOPIC_STATES.concluded, terminal: true } },
    transitions: {
      conclude: { label: { zh: '结题', en: 'Conclude' }, from: ['in_progress'], to: 'concluded', allowed: (a) => may(a) },
    },
  });
}
