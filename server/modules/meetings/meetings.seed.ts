/**
 * Demo data of 会议: a topic pool across the three layers with gates in varied states, a 常委会 whose
 * minutes are issued and decisions supervised, one held with minutes overdue, upcoming meetings.
 */
import type { Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import type { GateKey, MeetingKind } from './meetings.gates.js';
import { searchDocs } from './meetings.repo.js';
import './repo/meetings.tables.js';

const DAY = 86_400_000;

/** What the seeding helpers share: the transaction, the clock and the demo directory's lookups. */
interface Seed {
  trx: Trx;
  ctx: AppContext;
  now: Date;
  at: string;
  u: (code: string) => number;
  p: (name: string) => number;
  /** A meeting's start at `hour` China time, `days` from today (moved to the next working day). */
  day: (days: number, hour?: number) => string;
}

/** Seeds the demo meetings (inside the demo-seeding transaction). */
export async function seedMeetingsDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const now = ctx.clock.now();
  const s: Seed = {
    trx,
    ctx,
    now,
    at: iso(now),
    u: (code) => demo.unitByCode[code]!,
    p: (name) => demo.userByName[name]!,
    day: (days, hour = 9) =>
      new Date(
        new Date(`${ctx.calendar.addWorkingDays(chinaDate(new Date(now.getTime() + days * DAY)), 0)}T00:00:00+08:00`).getTime() + hour * 3600_000,
      ).toISOString(),
  };
  const meetings = await seedMeetings(s);
  const topics = await seedTopics(s, meetings);
  await seedDecisions(s, meetings.past, topics);
  // 全文检索: index what was seeded, with its need-to-know
  for await (const batch of searchDocs(trx)) await ctx.search.indexMany(trx, batch);
}

/** A meeting with its attendees (signed in once held) and those excused; returns its id. */
async function insertMeeting(
  s: Seed,
  title: string,
  kind: MeetingKind,
  days: number,
  place: string,
  chair: string,
  status: string,
  attendees: string[],
  excused: [string, string][],
  extra: { minutes?: string; minutesNo?: number } = {},
) {
  const { trx, at, p, u, day } = s;
  const row = await trx
    .insertInto('meeting')
    .values({
      title,
      kind,
      starts_at: day(days),
      ends_at: day(days, 11),
      place,
      chair_id: p(chair),
      level: 1,
      status,
      minutes_summary: extra.minutes ?? null,
      minutes_no: extra.minutesNo ?? null,
      handler_unit_id: u('secretariat'),
      created_by: p('msc_sun'),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notified = status === 'planned' ? null : at;
  for (const a of attendees.filter((x) => !excused.some(([e]) => e === x)))
    await trx
      .insertInto('meeting_attendee')
      .values({
        meeting_id: row.id,
        user_id: p(a),
        attendance: 'expected',
        excuse_reason: null,
        notified_at: notified,
        signed_in_at: ['held', 'minuted'].includes(status) ? day(days, 8.8) : null,
      })
      .execute();
  for (const [a, reason] of excused)
    await trx
      .insertInto('meeting_attendee')
      .values({ meeting_id: row.id, user_id: p(a), attendance: 'excused', excuse_reason: reason, notified_at: notified, signed_in_at: null })
      .execute();
  return row.id;
}

/** Who confirms a department's gate entries in the demo. */
const unitUser: Record<string, string> = {
  ndrc: 'fgw_xu',
  finance: 'czj_han',
  ecology: 'sthj_feng',
  emergency: 'yjj_cao',
  housing: 'zjj_peng',
  education: 'jyj_dong',
};

/** A topic with its concerned units and gate entries; returns its id. */
async function insertTopic(
  s: Seed,
  title: string,
  background: string,
  unit: string,
  proposer: string,
  leader: string | null,
  kind: MeetingKind,
  status: string,
  opts: {
    level?: number;
    expert?: boolean;
    concerned?: string[];
    meetingId?: number;
    order?: number;
    gates?: [GateKey, string | null, 'confirmed' | 'dissent', string][];
  } = {},
) {
  const { trx, at, p, u } = s;
  const row = await trx
    .insertInto('meeting_topic')
    .values({
      title,
      background,
      proposing_unit_id: u(unit),
      leader_id: leader ? p(leader) : null,
      kind,
      level: opts.level ?? 0,
      needs_expert: opts.expert ? 1 : 0,
      status,
      meeting_id: opts.meetingId ?? null,
      agenda_order: opts.order ?? null,
      proposed_by: p(proposer),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const c of opts.concerned ?? [])
    await trx
      .insertInto('meeting_topic_unit')
      .values({ topic_id: row.id, unit_id: u(c) })
      .execute();
  for (const [gate, unit, st, text] of opts.gates ?? []) {
    await trx
      .insertInto('meeting_gate_entry')
      .values({
        topic_id: row.id,
        gate_key: gate,
        unit_id: unit ? u(unit) : 0,
        status: st,
        evidence_attachment_id: null,
        evidence_text: text,
        confirmed_by: unit ? p(unitUser[unit] ?? 'msc_sun') : p('msc_sun'),
        confirmed_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  return row.id;
}

/** The meetings: one minuted, one held with minutes overdue, one notified, two planned. */
async function seedMeetings(s: Seed): Promise<{ past: number; held: number; soon: number }> {
  const standing = ['sj_li', 'msz_zhao', 'zr_chen'];
  const past = await insertMeeting(
    s,
    '市委常委会2026年第3次会议',
    'standing_committee',
    -21,
    '市委第一会议室',
    'sj_li',
    'minuted',
    standing,
    [['fzr_liu', '外出调研']],
    {
      minutes: '会议强调，各责任单位要对照议定事项，明确责任人和时限，确保件件有着落。',
      minutesNo: 3,
    },
  );
  const held = await insertMeeting(s, '市委常委会2026年第4次会议', 'standing_committee', -6, '市委第一会议室', 'sj_li', 'held', [...standing, 'fzr_liu'], []);
  const soon = await insertMeeting(
    s,
    '市委常委会2026年第5次会议',
    'standing_committee',
    2,
    '市委第一会议室',
    'sj_li',
    'notified',
    [...standing, 'fzr_liu', 'msc_sun'],
    [['msz_zhao', '参加省委会议']],
  );
  await insertMeeting(
    s,
    '全市安全生产工作部署会议',
    'deployment',
    9,
    '市民中心报告厅',
    'msz_zhao',
    'planned',
    ['zr_chen', 'yjj_cao', 'zjj_peng', 'sthj_feng', 'qs_yuan', 'jb_pan'],
    [],
  );
  await insertMeeting(s, '老旧小区改造现场推进会', 'onsite', 16, '青山区幸福里小区', 'msz_zhao', 'planned', ['zjj_peng', 'qs_yuan', 'czj_han'], []);
  return { past, held, soon };
}

/** Every gate confirmed, with the consensus of the given departments. */
const all = (concerned: string[]): [GateKey, string | null, 'confirmed' | 'dissent', string][] => [
  ['situation_clear', null, 'confirmed', '材料已齐全，含调研报告和测算表'],
  ['legal_review', null, 'confirmed', '经市司法局合法性审查，意见书青司审〔2026〕8号'],
  ['democratic', null, 'confirmed', '已在市委常委会前征求各民主党派意见'],
  ...concerned.map((c): [GateKey, string, 'confirmed', string] => ['consensus', c, 'confirmed', '会签同意']),
];

/** The topic pool across the three layers, with gates in varied states. */
async function seedTopics(s: Seed, m: { past: number; held: number; soon: number }): Promise<{ t1: number; t2: number }> {
  const { past, held, soon } = m;
  const t1 = await insertTopic(
    s,
    '关于2026年重点项目投资计划的议题',
    '年度重点项目 86 个，总投资 420 亿元。',
    'ndrc',
    'fgw_xu',
    'msz_zhao',
    'standing_committee',
    'decided',
    { concerned: ['finance'], meetingId: past, order: 1, gates: all(['finance']) },
  );
  const t2 = await insertTopic(
    s,
    '关于加强城市生态环境保护的实施意见',
    '落实中央环保督察反馈意见整改。',
    'ecology',
    'sthj_feng',
    'msz_zhao',
    'standing_committee',
    'decided',
    { concerned: ['housing'], meetingId: past, order: 2, gates: all(['housing']), level: 1 },
  );
  await insertTopic(s, '关于市级财政预算执行情况的报告', '一季度预算执行进度分析。', 'finance', 'czj_han', 'msz_zhao', 'standing_committee', 'scheduled', {
    meetingId: held,
    order: 1,
    gates: all([]),
  });
  await insertTopic(
    s,
    '关于防汛抗旱应急预案修订的议题',
    '根据新修订的突发事件应对法调整预案。',
    'emergency',
    'yjj_cao',
    'zr_chen',
    'standing_committee',
    'scheduled',
    {
      meetingId: soon,
      order: 1,
      concerned: ['housing'],
      gates: all(['housing']),
    },
  );
  await insertTopic(
    s,
    '关于城市更新三年行动方案的议题',
    '涉及 36 个老旧小区，需专家论证。',
    'housing',
    'zjj_peng',
    'msz_zhao',
    'standing_committee',
    'scheduled',
    {
      meetingId: soon,
      order: 2,
      expert: true,
      concerned: ['finance', 'ndrc'],
      gates: [...all(['finance', 'ndrc']), ['expert_review', null, 'confirmed', '市规划专家委员会论证意见（2026年第2次）']],
    },
  );
  await insertTopic(s, '关于深化教育综合改革的实施方案', '义务教育优质均衡发展。', 'education', 'jyj_dong', 'zr_chen', 'standing_committee', 'preparing', {
    concerned: ['finance'],
    gates: [
      ['situation_clear', null, 'confirmed', '方案及附件齐全'],
      ['consensus', 'finance', 'dissent', '资金来源尚未落实，建议分年度安排'],
    ],
  });
  await insertTopic(s, '关于优化营商环境若干措施的议题', '对标先进城市，提出 20 条措施。', 'ndrc', 'fgw_xu', 'msz_zhao', 'standing_committee', 'preparing', {
    concerned: ['finance', 'housing'],
    gates: [
      ['situation_clear', null, 'confirmed', '材料齐全'],
      ['legal_review', null, 'confirmed', '合法性审查通过'],
      ['consensus', 'finance', 'confirmed', '会签同意'],
    ],
  });
  await insertTopic(s, '关于全市安全生产专项整治的部署', '部署燃气、消防、危化品专项整治。', 'emergency', 'yjj_cao', 'msz_zhao', 'deployment', 'preparing', {
    gates: [['situation_clear', null, 'confirmed', '排查数据已汇总']],
  });
  await insertTopic(s, '关于江北区产业园区规划调整的请示', '园区面积调整需报批。', 'district_jiangbei', 'jb_pan', 'msz_zhao', 'plenary', 'preparing', {
    expert: true,
  });
  await insertTopic(s, '关于机关事务集中统一管理的议题', '公务用车、办公用房统一管理。', 'general', 'zhc_wu', 'zr_chen', 'standing_committee', 'stored');
  await insertTopic(s, '关于推进数字政府建设的议题', '政务数据共享与一网通办。', 'information', 'xxc_lin', 'zr_chen', 'standing_committee', 'stored', {
    concerned: ['ndrc'],
  });
  await insertTopic(s, '关于农村人居环境整治提升的议题', '厕所革命与垃圾分类。', 'district_qingshan', 'qs_yuan', 'msz_zhao', 'special', 'stored', {
    concerned: ['ecology'],
  });
  await insertTopic(s, '关于调研成果转化应用的议题', '2025 年度调研成果汇编与转化。', 'research', 'dys_guo', 'zr_chen', 'special', 'stored');
  await insertTopic(s, '关于公共文化设施免费开放的议题', '已并入其他议题，撤回。', 'education', 'jyj_dong', null, 'special', 'withdrawn');
  return { t1, t2 };
}

/** The decisions of the minuted meeting, handed to supervision when the module runs. */
async function seedDecisions(s: Seed, past: number, t: { t1: number; t2: number }): Promise<void> {
  const { trx, ctx, now, at, u, p } = s;
  const { t1, t2 } = t;
  const sec: Actor = {
    id: p('msc_sun'),
    username: 'msc_sun',
    name: '孙立',
    unitId: u('secretariat'),
    unitName: '秘书处',
    unitCode: 'secretariat',
    roles: ['division_head'],
    clearance: 1,
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
  const due = (days: number) => chinaDate(new Date(now.getTime() + days * DAY));
  const decisions: [number, number, string, string, string[], string][] = [
    [t1, 1, '同意2026年重点项目投资计划，由市发展改革委牵头分解下达，按季度调度。', 'ndrc', ['finance'], due(40)],
    [t1, 2, '市财政局统筹安排项目前期经费，6月底前拨付到位。', 'finance', [], due(12)],
    [t2, 3, '原则同意实施意见，由市生态环境局牵头细化整改清单。', 'ecology', ['housing'], due(60)],
  ];
  const supervision = ctx.services.supervision;
  for (const [topicId, seq, text, lead, co, dueDate] of decisions) {
    const d = await trx
      .insertInto('meeting_decision')
      .values({
        meeting_id: past,
        topic_id: topicId,
        seq,
        text,
        lead_unit_id: u(lead),
        co_unit_ids: JSON.stringify(co.map(u)),
        due_date: dueDate,
        level: topicId === t2 ? 1 : 0,
        supervision_item_id: null,
        supervision_number: null,
        created_by: sec.id,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (supervision) {
      const created = await supervision.createFromSource(trx, sec, {
        source: 'decision',
        sourceType: 'meeting_decision',
        sourceId: d.id,
        sourceRef: `市委常委会2026年第3次会议议定事项第${seq}项`,
        title: text.slice(0, 40),
        requirement: text,
        leadUnitId: u(lead),
        coUnitIds: co.map(u),
        responsibleLeaderId: p('msz_zhao'),
        deadline: dueDate,
        level: topicId === t2 ? 1 : 0,
      });
      await trx
        .updateTable('meeting_decision')
        .set({ supervision_item_id: created.id, supervision_number: created.number, version: 2 })
        .where('id', '=', d.id)
        .execute();
    }
  }
}
