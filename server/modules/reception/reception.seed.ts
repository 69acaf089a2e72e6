/** Demo data of 政务接待: an upcoming delegation with an approved plan, and a finished visit closed with its actual costs. */
import type { Trx } from '../../db/client.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import './repo/reception.tables.js';

type Item = [
  kind: string,
  title: string,
  day: number,
  time: string,
  place: string,
  unit: string,
  person: string,
  vehicles: string,
  standard: string,
  budget: number,
  cost?: number,
];

/** What the demo plans are built from. */
interface Env {
  trx: Trx;
  at: string;
  year: number;
  u: (name: string) => number;
  unit: (code: string) => number;
  day: (offset: number) => string;
  instant: (offset: number, time: string) => string;
}

async function plan(
  env: Env,
  p: {
    title: string;
    delegation: string;
    purpose: string;
    from: number;
    to: number;
    guests: { name: string; title: string }[];
    level: number;
    drafter: string;
    closed: boolean;
    summary: string | null;
    items: Item[];
  },
): Promise<void> {
  const { trx, u, unit, day, instant, year, at } = env;
  const { id } = await trx
    .insertInto('reception_plan')
    .values({
      number: formatSerial('接字', year, await nextSerial(trx, 'reception', year)),
      title: p.title,
      delegation: p.delegation,
      purpose: p.purpose,
      arrive_date: day(p.from),
      leave_date: day(p.to),
      guest_count: p.guests.length + 2,
      guests: JSON.stringify(p.guests),
      level: p.level,
      status: p.closed ? 'closed' : 'approved',
      revision: 1,
      return_reason: null,
      head_approved_by: u('jd_wang'),
      head_approved_at: at,
      approved_by: u('zr_chen'),
      approved_at: at,
      summary: p.summary,
      closed_at: p.closed ? at : null,
      unit_id: unit('reception'),
      drafted_by: u(p.drafter),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [kind, title, d, time, place, unitCode, person, vehicles, standard, budget, cost] of p.items)
    await trx
      .insertInto('reception_item')
      .values({
        plan_id: id,
        kind,
        title,
        starts_at: instant(p.from + d, time),
        place,
        unit_id: unit(unitCode),
        person_id: u(person),
        vehicles,
        standard,
        budget,
        actual_cost: cost ?? null,
        status: p.closed ? 'done' : 'open',
        done_by: p.closed ? u(person) : null,
        done_at: p.closed ? instant(p.from + d, time) : null,
        cancel_reason: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
}

/** Seeds the demo plans (inside the demo-seeding transaction). */
export async function seedReceptionDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const now = ctx.clock.now();
  const at = iso(now);
  const u = (name: string) => demo.userByName[name]!;
  const unit = (code: string) => demo.unitByCode[code]!;
  const day = (offset: number) => chinaDate(new Date(now.getTime() + offset * 86_400_000));
  const instant = (offset: number, time: string) => new Date(`${day(offset)}T${time}:00+08:00`).toISOString();
  const year = chinaYear(now);
  const env: Env = { trx, at, year, u, unit, day, instant };

  await plan(env, {
    title: '江州市委办公室考察团',
    delegation: '中共江州市委办公室',
    purpose: '考察我市党委办公室“三服务”工作和数字机关建设经验',
    from: 3,
    to: 4,
    guests: [
      { name: '陆文博', title: '江州市委副秘书长、办公室主任' },
      { name: '韩秋', title: '江州市委办公室综合科科长' },
      { name: '邵立', title: '江州市委办公室信息科副科长' },
    ],
    level: 0,
    drafter: 'jd_song',
    closed: false,
    summary: null,
    items: [
      ['pickup', '高铁站接站', 0, '09:30', '青州高铁站贵宾通道', 'reception', 'jd_song', '考斯特1辆、轿车1辆', '按公务接待标准', 0],
      ['lodging', '入住及工作餐', 0, '11:30', '青州宾馆2号楼', 'reception', 'jd_song', '', '工作餐每人每餐不超过标准', 3600],
      ['meeting', '市委秘书长会见', 0, '15:00', '市委第三会议室', 'secretariat', 'msc_zhou', '', '', 0],
      ['exchange', '数字机关建设座谈交流', 0, '16:00', '市委第三会议室', 'ndrc', 'fgw_xu', '', '', 0],
      ['banquet', '工作晚餐', 0, '18:30', '青州宾馆餐厅', 'reception', 'jd_wang', '', '按公务接待标准，不上酒水', 1800],
      ['visit', '参观城市运行管理中心', 1, '09:00', '市城市运行管理中心', 'housing', 'zjj_peng', '考斯特1辆', '', 0],
      ['pickup', '送站', 1, '11:30', '青州高铁站', 'reception', 'jd_song', '考斯特1辆', '', 0],
    ],
  });
  await plan(env, {
    title: '省委办公厅调研组',
    delegation: '省委办公厅',
    purpose: '调研市县党委办公室督查督办工作',
    from: -10,
    to: -9,
    guests: [
      { name: '叶青', title: '省委办公厅督查室副主任' },
      { name: '程亮', title: '省委办公厅督查室四级调研员' },
    ],
    level: 1,
    drafter: 'jd_wang',
    closed: true,
    summary: '调研组听取了督查督办工作汇报，实地查看了两个区的督办台账，对“件件有着落”机制给予肯定。接待工作按方案完成，费用在预算内。',
    items: [
      ['pickup', '接站', 0, '08:30', '青州高铁站', 'reception', 'jd_song', '商务车1辆', '', 200, 160],
      ['meeting', '座谈汇报', 0, '09:30', '市委第一会议室', 'supervision', 'dcs_huang', '', '', 0, 0],
      ['lodging', '工作餐', 0, '12:00', '机关食堂', 'reception', 'jd_wang', '', '自助工作餐', 600, 480],
      ['visit', '实地查看区督办台账', 1, '09:00', '青山区委办', 'district_qingshan', 'qs_yuan', '商务车1辆', '', 200, 150],
    ],
  });
}
