/**
 * Test factory: a 议题 (meeting topic) in one call, through `MeetingsService` (the same use cases as
 * the routes, with their checks, audit entries and notifications), on whichever dialect the
 * environment runs.
 */
import type { MeetingInput, MeetingsService, ProposeTopicInput } from '../../server/modules/meetings/meetings.service.js';
import type { TestEnv } from '../harness.js';
import { actorOf } from './actors.js';

/** How far the topic has gone: 储存 (proposed), 调度 (moved by the office), 上会 (every gate confirmed, on a new meeting's agenda). */
export type TopicStage = 'stored' | 'preparing' | 'scheduled';

/** Options of `buildMeetingTopic`. */
export interface MeetingTopicOptions {
  /** Default 'stored'. */
  stage?: TopicStage;
  /** The proposing unit's user (default 徐鹏, fgw_xu, 市发展改革委 liaison). */
  proposer?: string;
  /** The 秘书处 user who moves the topic, confirms its gates and organises the meeting (default 周静, msc_zhou). */
  office?: string;
  /** Unit codes of the departments concerned (会前协商一致); default none. */
  concernedUnits?: string[];
  /** Overrides of the proposal (title, kind, level, needsExpert…); the concerned units come from `concernedUnits`. */
  input?: Partial<Omit<ProposeTopicInput, 'concernedUnitIds'>>;
  /** Overrides of the meeting created for 上会 (its kind is the topic's: the gates confirmed are those of the topic's kind). */
  meeting?: Partial<MeetingInput>;
}

/** A topic built by the factory; `meetingId` is the meeting whose agenda it is on (上会 only). */
export interface BuiltTopic {
  id: number;
  version: number;
  status: string;
  meetingId: number | null;
}

/** Builds a meeting topic up to `stage` (default 储存), through `MeetingsService`. */
export async function buildMeetingTopic(env: TestEnv, opts: MeetingTopicOptions = {}): Promise<BuiltTopic> {
  const svc = env.ctx.services.meetings as MeetingsService | undefined;
  if (!svc) throw new Error('the meetings module is not in this test environment');
  const stage = opts.stage ?? 'stored';
  const user = (name: string) => {
    const id = env.demo.userByName[name];
    if (id === undefined) throw new Error(`no demo user ${name}`);
    return id;
  };
  const proposer = await actorOf(env, opts.proposer ?? 'fgw_xu');
  const office = await actorOf(env, opts.office ?? 'msc_zhou');
  const input: ProposeTopicInput = {
    title: '关于推进城市更新行动的议题',
    background: '城市更新行动涉及老旧小区改造、管网更新等，需统筹资金和进度。',
    kind: 'special',
    level: 0,
    needsExpert: false,
    ...opts.input,
    concernedUnitIds: (opts.concernedUnits ?? []).map((code) => {
      const id = env.demo.unitByCode[code];
      if (id === undefined) throw new Error(`no demo unit ${code}`);
      return id;
    }),
  };
  let topic = await svc.proposeTopic(proposer, input);
  if (stage === 'stored') return { id: topic.id, version: topic.version, status: topic.status, meetingId: null };
  topic = await svc.transitionTopic(office, topic.id, 'prepare', topic.version);
  if (stage === 'preparing') return { id: topic.id, version: topic.version, status: topic.status, meetingId: null };
  // 上会: the office confirms every pending gate of the checklist with a written record, for each concerned department where the gate asks for one
  for (const gate of topic.gates) {
    if (gate.state !== 'pending') continue;
    const unitIds = gate.perUnit ? gate.units.filter((u) => u.state === 'pending').map((u) => u.unitId) : [0];
    for (const unitId of unitIds)
      topic = await svc.confirmGate(office, topic.id, gate.key, {
        version: 0,
        status: 'confirmed',
        text: `${gate.zh}：已核实（测试记录）`,
        ...(unitId ? { unitId } : {}),
      });
  }
  const meeting = await svc.createMeeting(office, {
    title: '市委专题会议',
    kind: input.kind,
    startsAt: '2026-03-20T01:00:00Z',
    endsAt: '2026-03-20T03:00:00Z',
    place: '市委第一会议室',
    chairId: user('sj_li'),
    level: input.level,
    attendeeIds: [user('msz_zhao'), user('zr_chen')],
    excused: [],
    ...opts.meeting,
  });
  await svc.placeOnAgenda(office, meeting.id, topic.id, topic.version);
  const placed = await svc.getTopic(office, topic.id);
  return { id: placed.id, version: placed.version, status: placed.status, meetingId: meeting.id };
}
