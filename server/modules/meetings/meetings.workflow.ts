/** The state machines of 会议, as data: a topic's layers (储存 → 调度 → 上会 → 已议定) and a meeting's course. */
import { defineWorkflow } from '../../platform/workflow.js';
import type { Actor } from '../../platform/actor.js';

/** A topic row as the engine moves it. */
export interface TopicRow {
  id: number;
  status: string;
  version: number;
}
/** A meeting row as the engine moves it. */
export type MeetingRow = TopicRow;

/** Topic states: the three layers plus 已议定 and 已撤回. */
export const TOPIC_STATES = {
  stored: { zh: '储存', en: 'Stored' },
  preparing: { zh: '调度', en: 'Preparing' },
  scheduled: { zh: '上会', en: 'On agenda' },
  decided: { zh: '已议定', en: 'Decided', terminal: true },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', terminal: true },
} as const;

/** Meeting states. */
export const MEETING_STATES = {
  planned: { zh: '筹备中', en: 'Planned' },
  notified: { zh: '已通知', en: 'Notified' },
  held: { zh: '已召开', en: 'Held' },
  minuted: { zh: '纪要已印发', en: 'Minutes issued', terminal: true },
  cancelled: { zh: '已取消', en: 'Cancelled', terminal: true },
} as const;

/**
 * The topic workflow. `allowed` is decided by the service's policy (it knows the actor's handler
 * unit), passed in as `may`.
 */
export function topicWorkflow(may: (a: Actor, action: string) => boolean) {
  return defineWorkflow<TopicRow>({
    name: 'meetings.topic',
    table: 'meeting_topic',
    states: TOPIC_STATES,
    transitions: {
      prepare: { label: { zh: '转入调度', en: 'Move to preparing' }, from: ['stored'], to: 'preparing', allowed: (a) => may(a, 'prepare') },
      store: { label: { zh: '转回储存', en: 'Move back to store' }, from: ['preparing'], to: 'stored', allowed: (a) => may(a, 'store') },
      withdraw: { label: { zh: '撤回', en: 'Withdraw' }, from: ['stored', 'preparing'], to: 'withdrawn', allowed: (a) => may(a, 'withdraw') },
      schedule: { label: { zh: '列入议程（上会）', en: 'Place on agenda' }, from: ['preparing'], to: 'scheduled', allowed: (a) => may(a, 'schedule') },
      unschedule: { label: { zh: '撤出议程', en: 'Remove from agenda' }, from: ['scheduled'], to: 'preparing', allowed: (a) => may(a, 'unschedule') },
      decide: { label: { zh: '议定', en: 'Decide' }, from: ['scheduled'], to: 'decided', allowed: (a) => may(a, 'decide') },
    },
  });
}

/** The meeting workflow. */
export function meetingWorkflow(may: (a: Actor, action: string) => boolean) {
  return defineWorkflow<MeetingRow>({
    name: 'meetings.meeting',
    table: 'meeting',
    states: MEETING_STATES,
    transitions: {
      notify: { label: { zh: '发出会议通知', en: 'Send notices' }, from: ['planned', 'notified'], to: 'notified', allowed: (a) => may(a, 'notify') },
      hold: { label: { zh: '会议召开', en: 'Mark held' }, from: ['planned', 'notified'], to: 'held', allowed: (a) => may(a, 'hold') },
      finalize: { label: { zh: '印发纪要', en: 'Issue minutes' }, from: ['held'], to: 'minuted', allowed: (a) => may(a, 'finalize') },
      cancel: { label: { zh: '取消会议', en: 'Cancel' }, from: ['planned', 'notified'], to: 'cancelled', allowed: (a) => may(a, 'cancel') },
    },
  });
}
