/**
 * Demo data of 调研: six proposals of divisions and units, one 调研联席会议 decision (three accepted, one
 * declined, two left undecided), two 课题 in progress — one with a late milestone — and one concluded,
 * its report filed into 资源共享 and a leader's 批示 recorded as its 转化.
 */
import type { Trx } from '../../db/client.js';
import type { Level, Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { chinaDate, chinaYear } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import { reminderAt } from './usecases/milestones.js';
import { topicSearchDoc } from './repo/research.search.js';
import './repo/research.tables.js';

type Proposal = [title: string, background: string, by: string, unit: string, lead: string];

const PROPOSALS: Proposal[] = [
  ['关于进一步优化营商环境的调研', '企业反映审批环节多、办理时限长，需摸清堵点并提出对策。', 'fgw_xu', 'ndrc', 'research'],
  ['关于为基层减负的调研', '基层反映填表报数、检查考核仍然较多，需梳理清单提出减负举措。', 'zhc_zheng', 'general', 'general'],
  ['关于流域生态环境综合治理的调研', '青江流域水质改善进入攻坚期，需总结经验、查找短板。', 'sthj_feng', 'ecology', 'research'],
  ['关于智慧社区建设的调研', '部分街道自建平台重复投入，需统筹规划。', 'qs_yuan', 'district_qingshan', 'research'],
  ['关于职业教育产教融合的调研', '职业院校专业设置与产业需求匹配度不高。', 'jyj_dong', 'education', 'research'],
  ['关于应急物资储备体系建设的调研', '应急物资储备布局和轮换机制需完善。', 'yjj_cao', 'emergency', 'research'],
];

/** The dates and names the demo is built from. */
interface Env {
  year: number;
  u: (name: string) => number;
  unit: (code: string) => number;
  day: (offset: number) => string;
  dayAt: (offset: number) => string;
}

/** Six proposals and one 调研联席会议 decision (one proposal declined; the accepted ones are marked by `topic`). */
async function seedProposals(trx: Trx, { year, u, unit, day, dayAt }: Env): Promise<{ proposalIds: number[]; decisionId: number }> {
  const proposalIds: number[] = [];
  for (const [n, [title, background, by, from, lead]] of PROPOSALS.entries()) {
    const created = dayAt(-60 + n);
    const { id } = await trx
      .insertInto('research_proposal')
      .values({
        year,
        title,
        background,
        level: 0,
        unit_id: unit(from),
        proposed_by: u(by),
        lead_unit_id: unit(lead),
        status: 'proposed',
        decline_reason: null,
        decision_id: null,
        created_at: created,
        updated_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    proposalIds.push(id);
  }
  const { id: decisionId } = await trx
    .insertInto('research_decision')
    .values({
      year,
      held_on: day(-45),
      attendees: '陈志远（主持）、刘海燕、郭文、吴涛、黄振华及相关单位负责同志',
      meeting_ref: `${year}年第1次调研联席会议`,
      recorded_by: u('dys_ma'),
      created_at: dayAt(-45),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('research_proposal')
    .set({ status: 'declined', decision_id: decisionId, decline_reason: '与市数据局年度课题重复，建议并入其调研', updated_at: dayAt(-45) })
    .where('id', '=', proposalIds[3]!)
    .execute();

  return { proposalIds, decisionId };
}

/** The concluded 课题: its report filed into 资源共享 (when the library runs) and a leader's 批示 as its 转化. */
async function concludeDemo(trx: Trx, ctx: AppContext, { u, unit, day, dayAt }: Env, c: number): Promise<void> {
  const summary = '青江流域水质持续改善，但支流治理和农业面源污染仍是短板；建议建立上下游横向生态补偿机制，实施支流清单化治理。';
  let libraryItemId: number | null = null;
  const library = ctx.services.library;
  if (library) {
    const guo = await trx
      .selectFrom('user')
      .select(['id', 'name', 'username', 'unit_id', 'clearance'])
      .where('id', '=', u('dys_guo'))
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      id: guo.id,
      username: guo.username,
      name: guo.name,
      unitId: guo.unit_id,
      unitName: '调研室',
      unitCode: 'research',
      roles: ['division_head'] as Role[],
      clearance: guo.clearance as Level,
      adminRole: null,
      ip: null,
      locale: 'zh-CN',
    };
    libraryItemId = (
      await library.fileFromModule(trx, actor, {
        kind: 'research_report',
        title: PROPOSALS[2]![0],
        source: '调研课题',
        ownerUnitId: unit('research'),
        level: 0,
        scopeUnitIds: [unit('research'), unit('ecology')],
        scopeUserIds: [u('dys_guo'), u('dys_ma'), u('sthj_feng')],
        catalog: true,
        keywords: ['生态环境', '流域治理'],
        summary,
        content: summary,
        date: day(-4),
        fromType: 'research_topic',
        fromId: c,
      })
    ).id;
  }
  await trx
    .updateTable('research_topic')
    .set({ status: 'concluded', report_summary: summary, concluded_by: u('dys_guo'), concluded_at: dayAt(-4), on_time: 1, library_item_id: libraryItemId })
    .where('id', '=', c)
    .execute();
  await trx
    .insertInto('research_conversion')
    .values({
      topic_id: c,
      kind: 'instruction',
      reference: '李明华同志批示：报告很有价值，请生态环境局牵头研究落实。',
      note: '',
      supervision_item_id: null,
      supervision_number: null,
      recorded_by: u('dys_guo'),
      recorded_at: dayAt(-2),
    })
    .execute();
}

export async function seedResearchDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const now = ctx.clock.now();
  const year = chinaYear(now);
  const u = (name: string) => demo.userByName[name]!;
  const unit = (code: string) => demo.unitByCode[code]!;
  const day = (offset: number) => chinaDate(new Date(now.getTime() + offset * 86_400_000));
  const dayAt = (offset: number) => new Date(`${day(offset)}T10:00:00+08:00`).toISOString();
  const deskIds = [unit('research')];

  const { proposalIds, decisionId } = await seedProposals(trx, { year, u, unit, day, dayAt });

  /** One 课题 from an accepted proposal, with its team and milestones [title, due offset, done offset or null]. */
  const topic = async (
    n: number,
    t: { lead: string; leader: string; members: string[]; start: number; end: number; milestones: [string, number, number | null][] },
  ) => {
    const p = PROPOSALS[n]!;
    await trx
      .updateTable('research_proposal')
      .set({ status: 'accepted', decision_id: decisionId, updated_at: dayAt(-45) })
      .where('id', '=', proposalIds[n]!)
      .execute();
    const { id } = await trx
      .insertInto('research_topic')
      .values({
        number: formatSerial('调研', year, await nextSerial(trx, 'research', year)),
        year,
        proposal_id: proposalIds[n]!,
        decision_id: decisionId,
        title: p[0],
        background: p[1],
        level: 0,
        proposer_unit_id: unit(p[3]),
        lead_unit_id: unit(t.lead),
        leader_id: u(t.leader),
        start_date: day(t.start),
        end_date: day(t.end),
        status: 'in_progress',
        report_summary: null,
        concluded_by: null,
        concluded_at: null,
        on_time: null,
        library_item_id: null,
        created_by: u('dys_ma'),
        created_at: dayAt(-45),
        updated_at: dayAt(-45),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const members = t.members.map((m) => ({ topic_id: id, user_id: u(m), unit_id: 0 }));
    for (const m of members) m.unit_id = (await trx.selectFrom('user').select('unit_id').where('id', '=', m.user_id).executeTakeFirstOrThrow()).unit_id;
    if (members.length) await trx.insertInto('research_member').values(members).execute();
    for (const [title, due, done] of t.milestones) {
      const { id: mid } = await trx
        .insertInto('research_milestone')
        .values({
          topic_id: id,
          title,
          due_date: day(due),
          status: done === null ? 'open' : 'done',
          done_by: done === null ? null : u(t.members[0] ?? t.leader),
          done_at: done === null ? null : dayAt(done),
          note: null,
          created_at: dayAt(-44),
          updated_at: done === null ? dayAt(-44) : dayAt(done),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (done === null && reminderAt(day(due)) > now)
        await ctx.scheduler.schedule(trx, { kind: 'research.milestone_due', targetType: 'research_milestone', targetId: mid, dueAt: reminderAt(day(due)) });
    }
    return id;
  };

  const reindex = async (id: number) => {
    const row = (await trx.selectFrom('research_topic').selectAll().where('id', '=', id).executeTakeFirstOrThrow())!;
    const members = await trx.selectFrom('research_member').selectAll().where('topic_id', '=', id).execute();
    await ctx.search.index(trx, topicSearchDoc(row, members, { researchUnitIds: deskIds }));
  };

  // in progress, one milestone late
  const a = await topic(0, {
    lead: 'research',
    leader: 'dys_guo',
    members: ['dys_ma', 'fgw_xu', 'czj_han'],
    start: -44,
    end: 60,
    milestones: [
      ['制定调研方案', -35, -36],
      ['完成企业座谈和问卷', -5, null],
      ['形成调研报告初稿', 40, null],
    ],
  });
  // in progress, on schedule
  const b = await topic(1, {
    lead: 'general',
    leader: 'zhc_wu',
    members: ['zhc_zheng', 'qs_yuan', 'jb_pan'],
    start: -44,
    end: 75,
    milestones: [
      ['梳理基层填表报数清单', -20, -22],
      ['赴区县实地调研', 20, null],
    ],
  });
  // concluded, filed into 资源共享, one 转化 (a leader's 批示)
  const c = await topic(2, {
    lead: 'research',
    leader: 'dys_guo',
    members: ['dys_ma', 'sthj_feng'],
    start: -44,
    end: -3,
    milestones: [
      ['实地调研青江流域', -30, -31],
      ['形成调研报告', -8, -9],
    ],
  });
  await concludeDemo(trx, ctx, { year, u, unit, day, dayAt }, c);
  for (const id of [a, b, c]) await reindex(id);
}
