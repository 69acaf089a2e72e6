/** Demo data of 信息报送与采编: a few reports from demo units, one adopted into a 专报 with a 批示 turned into a 督办, one 迟报, one 漏报. */
import type { Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import type { InfoKind } from './information.constants.js';
import { insertEvent, insertInstruction, insertItem, insertRevision, linkInstruction } from './information.repo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface DemoReport {
  key: string;
  unit: string;
  reporter: string;
  kind: InfoKind;
  title: string;
  body: string;
  /** Hours before now of the event, and of the report. */
  eventAgo: number;
  reportAgo: number;
  status: 'submitted' | 'taken' | 'adopted' | 'returned';
  adopt?: 'recorded' | 'special' | 'upper';
  returnReason?: string;
  /** 报送时限 in hours after the event (demo figures: 1 hour for 紧急信息, 3 working days ≈ 72 hours otherwise). */
  limitHours: number;
}

const REPORTS: DemoReport[] = [
  {
    key: 'river',
    unit: 'ecology',
    reporter: 'sthj_feng',
    kind: '问题建议',
    title: '青江支流部分河段汛后水质反弹，建议开展入河排污口专项排查',
    body: '近期监测显示，青江两条支流汛后氨氮浓度较汛前上升约18%，主要集中在城乡结合部河段。建议由市生态环境局牵头，会同住建、农业农村部门开展入河排污口专项排查，建立问题清单和整改台账。',
    eventAgo: 10 * 24,
    reportAgo: 9 * 24,
    status: 'adopted',
    adopt: 'special',
    limitHours: 72,
  },
  {
    key: 'invest',
    unit: 'ndrc',
    reporter: 'fgw_xu',
    kind: '工作动态',
    title: '市发展改革委推进重点项目“拿地即开工”审批改革',
    body: '市发展改革委会同自然资源、住建等部门，推行重点项目“拿地即开工”，前三季度已有12个项目实现签约、拿地、开工同步，平均缩短审批时间40个工作日。',
    eventAgo: 6 * 24,
    reportAgo: 5 * 24,
    status: 'adopted',
    adopt: 'recorded',
    limitHours: 72,
  },
  {
    key: 'fire',
    unit: 'emergency',
    reporter: 'yjj_cao',
    kind: '紧急信息',
    title: '江北区某物流仓库发生火情，无人员伤亡',
    body: '今日凌晨，江北区一物流仓库发生火情，消防救援力量已到场处置，明火已扑灭，无人员伤亡，过火面积约200平方米，起火原因正在调查。',
    eventAgo: 30,
    reportAgo: 27,
    status: 'taken',
    limitHours: 1,
  },
  {
    key: 'school',
    unit: 'education',
    reporter: 'jyj_dong',
    kind: '经验做法',
    title: '市教育局推行课后服务“一校一案”',
    body: '市教育局指导各中小学结合实际制定课后服务方案，引入科技、体育、艺术等特色课程，学生参与率达92%。',
    eventAgo: 4 * 24,
    reportAgo: 3 * 24,
    status: 'submitted',
    limitHours: 120,
  },
  {
    key: 'opinion',
    unit: 'district_qingshan',
    reporter: 'qs_yuan',
    kind: '社情民意',
    title: '青山区部分老旧小区居民反映加装电梯协调难',
    body: '近期青山区部分老旧小区居民反映，加装电梯因低层住户意见不一、费用分摊难以协调，推进缓慢，希望出台统一的费用分摊指导意见。',
    eventAgo: 3 * 24,
    reportAgo: 2 * 24,
    status: 'submitted',
    limitHours: 72,
  },
  {
    key: 'returned',
    unit: 'finance',
    reporter: 'czj_han',
    kind: '工作动态',
    title: '市财政局召开会议',
    body: '市财政局召开会议，研究部署有关工作。',
    eventAgo: 8 * 24,
    reportAgo: 7 * 24,
    status: 'returned',
    returnReason: '内容过于简单，请补充会议研究的具体事项和工作成效后重新报送。',
    limitHours: 72,
  },
];

/** The actor of a demo user (the seed writes in its own transaction: no session). */
async function demoActor(trx: Trx, userId: number, roles: Actor['roles']): Promise<Actor> {
  const r = await trx
    .selectFrom('user')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select(['user.id', 'user.name', 'user.username', 'user.unit_id', 'user.clearance', 'unit.short_name', 'unit.code'])
    .where('user.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.short_name,
    unitCode: r.code,
    roles,
    clearance: r.clearance as Actor['clearance'],
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/** Seeds the demo reports, the 批示 and its 督办, and one 漏报. */
export async function seedInformationDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const u = (name: string) => demo.userByName[name];
  const unit = (code: string) => demo.unitByCode[code];
  const editor = u('xxc_he');
  if (!editor || !unit('information')) return;
  const now = ctx.clock.now().getTime();
  const ago = (hours: number) => iso(new Date(now - hours * HOUR));
  const ids: Record<string, number> = {};
  for (const r of REPORTS) {
    const unitId = unit(r.unit);
    const reporter = u(r.reporter);
    if (!unitId || !reporter) continue;
    const due = iso(new Date(now - r.eventAgo * HOUR + r.limitHours * HOUR));
    const reportedAt = ago(r.reportAgo);
    const delay = Math.ceil((new Date(reportedAt).getTime() - new Date(due).getTime()) / 60_000);
    const id = await insertItem(trx, {
      origin: 'report',
      kind: r.kind,
      title: r.title,
      body: r.body,
      level: 0,
      unit_id: unitId,
      reporter_id: reporter,
      event_at: ago(r.eventAgo),
      reported_at: reportedAt,
      due_at: due,
      late: delay > 0 ? 1 : 0,
      delay_minutes: delay > 0 ? delay : null,
      status: r.status,
      editor_id: r.status === 'submitted' ? null : editor,
      return_reason: r.returnReason ?? null,
      adopt_level: r.adopt ?? null,
      adopted_at: r.adopt ? ago(r.reportAgo - 20) : null,
      adopted_by: r.adopt ? editor : null,
      created_at: reportedAt,
      updated_at: reportedAt,
    });
    await insertRevision(trx, { itemId: id, title: r.title, body: r.body, note: null, by: reporter, at: reportedAt });
    ids[r.key] = id;
  }
  if (ids.river)
    await insertRevision(trx, {
      itemId: ids.river,
      title: REPORTS[0]!.title,
      body: `${REPORTS[0]!.body}（信息处编辑：已核实监测数据。）`,
      note: '核实数据，精简表述',
      by: editor,
      at: ago(9 * 24 - 20),
    });

  // 批示 on the 专报 item, turned into a 批示件 by 督查室
  const leader = u('sj_li');
  const clerk = u('dcs_zhang');
  const sup = ctx.services.supervision;
  if (ids.river && leader) {
    const at = ago(7 * 24);
    const insId = await insertInstruction(trx, {
      item_id: ids.river,
      leader_id: leader,
      text: '请市生态环境局牵头，会同有关部门抓紧排查整改，一个月内报送结果。',
      created_at: at,
      updated_at: at,
    });
    if (sup && clerk && unit('ecology')) {
      const actor = await demoActor(trx, clerk, ['staff']);
      const created = await sup.createFromSource(trx, actor, {
        source: 'instruction',
        sourceType: 'information_item',
        sourceId: ids.river,
        sourceRef: `信息：${REPORTS[0]!.title}`,
        title: REPORTS[0]!.title,
        requirement: '请市生态环境局牵头，会同有关部门抓紧排查整改，一个月内报送结果。',
        leadUnitId: unit('ecology')!,
        coUnitIds: unit('housing') ? [unit('housing')!] : [],
        responsibleLeaderId: leader,
        instructedBy: '李明华',
        instructedAt: at,
        deadline: chinaDate(new Date(now + 30 * DAY)),
        level: 0,
      });
      await linkInstruction(trx, { id: insId, version: 1 }, created.id, clerk, ago(6 * 24));
    }
  }

  // an event known to the office, never reported by its unit: 漏报
  if (unit('housing')) {
    const at = ago(2 * 24);
    await insertEvent(trx, {
      kind: '紧急信息',
      title: '城东某在建工地塔吊故障停工',
      level: 0,
      unit_id: unit('housing')!,
      occurred_at: ago(2 * 24 + 3),
      due_at: ago(2 * 24 + 2),
      status: 'missed',
      missed_at: at,
      registered_by: editor,
      created_at: at,
      updated_at: at,
    });
  }
}
