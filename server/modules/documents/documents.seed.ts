/** Demo 公文: incoming and outgoing documents in varied states (some overdue), quotas and an over-quota request. */
import type { Trx } from '../../db/client.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import type { DocumentTable } from './repo/documents.tables.js';
import type { Insertable } from 'kysely';

const DAY = 86_400_000;

/** One step of a document's history: action, status reached, actor, comment. */
type Step = [string, string, number, string | null];

/** What the demo seeders share: the transaction, the clock, the directory and the insert helpers. */
interface DemoSeed {
  trx: Trx;
  now: Date;
  year: number;
  U: DemoDirectory['unitByCode'];
  P: DemoDirectory['userByName'];
  ago: (days: number) => string;
  dayOff: (days: number) => string;
  /** Inserts a document and its history (one step a day from `createdDaysAgo`); returns its id. */
  insert: (
    v: Partial<Insertable<DocumentTable>> & Pick<Insertable<DocumentTable>, 'direction' | 'status' | 'doc_type' | 'title' | 'owner_unit_id' | 'created_by'>,
    steps: Step[],
    createdDaysAgo: number,
  ) => Promise<number>;
  /** The next 收文编号 of the 秘书处. */
  receiveNo: () => Promise<string>;
  sec: number;
  clerk: number;
  inBase: { direction: 'in'; owner_unit_id: number; created_by: number };
  /** The 签收 and 登记 steps. */
  reg: (by?: number) => Step[];
  /** A 承办单位 of an incoming document (its reply, if any, given yesterday). */
  handler: (documentId: number, unitId: number, role: 'lead' | 'co', reply: string | null) => Promise<void>;
}

/** Seeds the demo documents inside the demo-seeding transaction. */
export async function seedDocumentsDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const s = await demoSeed(trx, ctx, demo);
  // ---- 收文
  await seedIncomingOpen(s);
  await seedIncomingHandling(s);
  await seedIncomingClosed(s);
  // ---- 发文 (drafted by 综合处, issued in the name of the 市委办公厅)
  await seedOutgoingInReview(s);
  await seedOutgoingIssued(s);
  // ---- 计划发文与配额
  await seedQuotas(s);
}

/** The shared helpers of the demo seeders. */
async function demoSeed(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<DemoSeed> {
  const now = ctx.clock.now();
  const year = chinaYear(now);
  const U = demo.unitByCode;
  const P = demo.userByName;
  const ago = (days: number) => iso(new Date(now.getTime() - days * DAY));
  const dayOff = (days: number) => chinaDate(new Date(now.getTime() + days * DAY));
  const names = new Map((await trx.selectFrom('user').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));

  const insert: DemoSeed['insert'] = async (v, steps, createdDaysAgo) => {
    const at = ago(createdDaysAgo);
    const row = await trx
      .insertInto('document')
      .values({ year, created_at: at, updated_at: at, ...v })
      .returning('id')
      .executeTakeFirstOrThrow();
    let from = '';
    for (const [i, [action, to, actor, comment]] of steps.entries()) {
      await trx
        .insertInto('document_step')
        .values({
          document_id: row.id,
          action,
          from_status: from,
          to_status: to,
          actor_id: actor,
          actor_name: names.get(actor) ?? '',
          comment,
          at: ago(Math.max(0, createdDaysAgo - i)),
        })
        .execute();
      from = to;
    }
    return row.id;
  };
  const receiveNo = async () => `秘书处收〔${year}〕${await nextSerial(trx, `收文:${U.secretariat}`, year)}号`;
  const sec = U.secretariat!;
  const clerk = P.msc_zhou!;
  const inBase = { direction: 'in' as const, owner_unit_id: sec, created_by: clerk };
  const reg = (by = clerk): Step[] => [
    ['receive', 'received', by, null],
    ['register', 'registered', by, null],
  ];
  const handler: DemoSeed['handler'] = async (documentId, unitId, role, reply) => {
    await trx
      .insertInto('document_handler')
      .values({
        document_id: documentId,
        unit_id: unitId,
        role,
        reply,
        replied_by: reply ? clerk : null,
        replied_at: reply ? ago(1) : null,
        created_at: ago(5),
        updated_at: ago(1),
      })
      .execute();
  };
  return { trx, now, year, U, P, ago, dayOff, insert, receiveNo, sec, clerk, inBase, reg, handler };
}

/** 收文 waiting for a leader, for a proposal, registered; one overdue in handling. */
async function seedIncomingOpen(s: DemoSeed): Promise<void> {
  const { year, U, P, ago, dayOff, insert, receiveNo, clerk, inBase, reg, handler } = s;
  const overdue = await insert(
    {
      ...inBase,
      status: 'handling',
      doc_type: '通知',
      title: '关于做好春季安全生产大检查工作的通知',
      source_organ: '中共省委办公厅',
      original_no: `省委办发〔${year}〕8号`,
      urgency: 'very_urgent',
      level: 0,
      receive_no: await receiveNo(),
      received_at: ago(12),
      pages: 4,
      copies: 2,
      proposal: '建议呈李明华同志阅示，由市应急管理局牵头落实。',
      leader_id: P.sj_li,
      instruction: '请应急管理局牵头，住建局配合，抓紧部署，按时报送检查情况。',
      lead_unit_id: U.emergency,
      deadline: dayOff(-3),
    },
    [
      ...reg(),
      ['accept', 'to_propose', clerk, null],
      ['propose', 'to_instruct', clerk, '建议呈李明华同志阅示'],
      ['instruct', 'handling', P.sj_li!, '请应急管理局牵头，住建局配合'],
      ['urge', 'handling', clerk, '已超时限，请抓紧报送'],
    ],
    12,
  );
  await handler(overdue, U.emergency!, 'lead', null);
  await handler(overdue, U.housing!, 'co', '已完成城建领域在建工地安全检查 126 处，整改隐患 43 项。');

  await insert(
    {
      ...inBase,
      status: 'to_instruct',
      doc_type: '请示',
      title: '关于青州市2026年重大项目建设计划的请示',
      source_organ: '青州市发展和改革委员会',
      original_no: `青发改〔${year}〕21号`,
      urgency: 'urgent',
      level: 1,
      receive_no: await receiveNo(),
      received_at: ago(3),
      pages: 12,
      copies: 1,
      proposal: '拟请李明华同志阅示，由市发展改革委会同市财政局研究办理。',
      leader_id: P.sj_li,
      deadline: dayOff(4),
    },
    [...reg(), ['accept', 'to_propose', clerk, null], ['propose', 'to_instruct', clerk, '拟请李明华同志阅示']],
    3,
  );
  await insert(
    {
      ...inBase,
      status: 'to_propose',
      doc_type: '报告',
      title: '关于2025年度市级预算执行情况的报告',
      source_organ: '青州市财政局',
      original_no: `青财预〔${year}〕5号`,
      level: 1,
      receive_no: await receiveNo(),
      received_at: ago(2),
      pages: 18,
      copies: 1,
    },
    [...reg(), ['accept', 'to_propose', clerk, null]],
    2,
  );
  await insert(
    {
      ...inBase,
      status: 'registered',
      doc_type: '函',
      title: '关于报送一季度重点工作进展情况的函',
      source_organ: '中共江北区委办公室',
      original_no: `江委办函〔${year}〕3号`,
      receive_no: await receiveNo(),
      received_at: ago(1),
      pages: 3,
      copies: 1,
    },
    reg(),
    1,
  );
}

/** 收文 in handling: one due soon, one circulated to two leaders. */
async function seedIncomingHandling(s: DemoSeed): Promise<void> {
  const { trx, year, U, P, ago, dayOff, insert, receiveNo, clerk, inBase, reg, handler } = s;
  const yellow = await insert(
    {
      ...inBase,
      status: 'handling',
      doc_type: '报告',
      title: '关于中央生态环境保护督察反馈问题整改进展情况的报告',
      source_organ: '青州市生态环境局',
      original_no: `青环〔${year}〕14号`,
      urgency: 'urgent',
      receive_no: await receiveNo(),
      received_at: ago(6),
      pages: 9,
      copies: 1,
      proposal: '建议呈赵国强同志阅示。',
      leader_id: P.msz_zhao,
      instruction: '请生态环境局加快整改进度，每月报送进展。',
      lead_unit_id: U.ecology,
      deadline: dayOff(2),
    },
    [
      ...reg(),
      ['accept', 'to_propose', clerk, null],
      ['propose', 'to_instruct', clerk, null],
      ['instruct', 'handling', P.msz_zhao!, '请生态环境局加快整改进度'],
    ],
    6,
  );
  await handler(yellow, U.ecology!, 'lead', null);
  const circulating = await insert(
    {
      ...inBase,
      status: 'handling',
      doc_type: '报告',
      title: '关于全市老旧小区改造推进情况的报告',
      source_organ: '青州市住房和城乡建设局',
      original_no: `青建〔${year}〕30号`,
      receive_no: await receiveNo(),
      received_at: ago(4),
      pages: 6,
      copies: 1,
      proposal: '建议传阅并由住建局继续推进。',
      leader_id: P.zr_chen,
      instruction: '请住建局继续推进，按月报告。',
      lead_unit_id: U.housing,
      deadline: dayOff(15),
    },
    [
      ...reg(),
      ['accept', 'to_propose', clerk, null],
      ['propose', 'to_instruct', clerk, null],
      ['instruct', 'handling', P.zr_chen!, null],
      ['circulate', 'handling', clerk, '传阅：刘海燕、吴涛（供掌握情况）'],
    ],
    4,
  );
  await handler(circulating, U.housing!, 'lead', null);
  for (const u of [P.fzr_liu!, P.zhc_wu!])
    await trx
      .insertInto('document_circulation')
      .values({
        document_id: circulating,
        user_id: u,
        purpose: '供掌握情况',
        sent_by: clerk,
        read_at: u === P.zhc_wu ? ago(1) : null,
        created_at: ago(2),
        updated_at: ago(1),
      })
      .execute();
}

/** 收文 returned, waiting to be received, and done. */
async function seedIncomingClosed(s: DemoSeed): Promise<void> {
  const { year, U, P, ago, dayOff, insert, receiveNo, clerk, inBase, reg, handler } = s;
  await insert(
    {
      ...inBase,
      status: 'returned',
      doc_type: '请示',
      title: '关于申请追加校园安全经费的请示',
      source_organ: '青州市教育局',
      original_no: `青教〔${year}〕9号`,
      receive_no: await receiveNo(),
      received_at: ago(8),
      pages: 2,
      copies: 1,
      return_reason: '请示事项应按行文规则报市政府办公室办理，且未附经费测算依据。',
    },
    [...reg(), ['return', 'returned', clerk, '不符合行文规则']],
    8,
  );
  await insert(
    {
      ...inBase,
      status: 'to_receive',
      doc_type: '报告',
      title: '关于防汛备汛工作情况的报告',
      source_organ: '中共青山区委办公室',
      original_no: `青山委办〔${year}〕11号`,
      urgency: 'urgent',
    },
    [['distribute', 'to_receive', P.qs_yuan!, '电子公文送达']],
    0,
  );
  const doneIn = await insert(
    {
      ...inBase,
      status: 'done',
      doc_type: '通知',
      title: '关于开展党委办公室系统“以文辅政”能力提升培训的通知',
      source_organ: '中共省委办公厅',
      original_no: `省委办发〔${year}〕3号`,
      receive_no: await receiveNo(),
      received_at: ago(30),
      pages: 3,
      copies: 1,
      proposal: '建议由综合处组织参训。',
      leader_id: P.zr_chen,
      instruction: '同意，综合处组织。',
      lead_unit_id: U.general,
      result: '已组织 26 人参加培训，并报送培训总结。',
      deadline: dayOff(-10),
    },
    [
      ...reg(),
      ['accept', 'to_propose', clerk, null],
      ['propose', 'to_instruct', clerk, null],
      ['instruct', 'handling', P.zr_chen!, null],
      ['reply', 'handling', P.zhc_zheng!, '已组织参训'],
      ['complete', 'done', clerk, '已办结'],
    ],
    30,
  );
  await handler(doneIn, U.general!, 'lead', '已组织 26 人参加培训，并报送培训总结。');
}

/** The fields every demo 发文 shares. */
const out = (s: DemoSeed) => ({
  direction: 'out' as const,
  owner_unit_id: s.U.general!,
  created_by: s.P.zhc_zheng!,
  org_code: '青委办发',
  issuer_organ: '中共青州市委办公厅文件',
  signature: '中共青州市委办公厅',
  print_organ: '中共青州市委办公厅',
  signer_id: s.P.zr_chen!,
  flow: 'down' as const,
});
const body = (paras: string[]) => paras.map((p) => `<p>${p}</p>`).join('');
const common = '各区委，市委各部委，市级国家机关各部门党组（党委），各人民团体党组：';

/** 发文 drafted, in review, waiting to be signed. */
async function seedOutgoingInReview(s: DemoSeed): Promise<void> {
  const { trx, U, P, ago, insert } = s;
  await insert(
    {
      ...out(s),
      status: 'draft',
      doc_type: '通知',
      title: '关于进一步精简文件简报的通知',
      main_to: common,
      body_html: body([
        '为深入贯彻中央八项规定精神，进一步改进文风，切实减轻基层负担，经市委同意，现就精简文件简报有关事项通知如下。',
        '一、严格控制发文数量。凡国家法律法规和上级文件已作出明确规定的，一律不再制发贯彻性文件。',
        '二、着力提高文件质量。坚持“短、实、新”，一般性文件不超过3000字。',
      ]),
    },
    [['draft', 'draft', P.zhc_zheng!, null]],
    1,
  );
  const reviewing = await insert(
    {
      ...out(s),
      status: 'reviewing',
      doc_type: '通知',
      title: '关于做好2026年全市党委信息工作的通知',
      main_to: common,
      body_html: body([
        '为进一步提升党委信息工作质量，做到不漏报、不瞒报、不误报，现将有关事项通知如下。',
        '一、突出信息报送重点。',
        '二、严格紧急信息报送时限。',
      ]),
    },
    [
      ['draft', 'draft', P.zhc_zheng!, null],
      ['submit', 'reviewing', P.zhc_zheng!, null],
    ],
    2,
  );
  await trx
    .insertInto('document_review')
    .values({
      document_id: reviewing,
      kind: 'review',
      reviewer_id: P.zhc_wu!,
      unit_id: U.general!,
      round: 1,
      decision: 'pending',
      comment: null,
      decided_by: null,
      decided_at: null,
      created_at: ago(1),
      updated_at: ago(1),
    })
    .execute();
  const toSign = await insert(
    {
      ...out(s),
      status: 'to_sign',
      doc_type: '通报',
      title: '关于2026年一季度全市重点工作督查情况的通报',
      main_to: common,
      body_html: body([
        '根据市委工作安排，市委督查室对一季度全市重点工作推进情况进行了督查。现将有关情况通报如下。',
        '一、总体情况。',
        '二、存在问题。',
        '三、下步要求。',
      ]),
    },
    [
      ['draft', 'draft', P.zhc_zheng!, null],
      ['submit', 'reviewing', P.zhc_zheng!, null],
      ['approve', 'to_sign', P.zhc_wu!, '同意，呈签。'],
    ],
    3,
  );
  await trx
    .insertInto('document_review')
    .values({
      document_id: toSign,
      kind: 'review',
      reviewer_id: P.zhc_wu!,
      unit_id: U.general!,
      round: 1,
      decision: 'approved',
      comment: '同意，呈签。',
      decided_by: P.zhc_wu!,
      decided_at: ago(2),
      created_at: ago(3),
      updated_at: ago(2),
    })
    .execute();
}

/** 发文 signed and issued: distributed, archived, printed. */
async function seedOutgoingIssued(s: DemoSeed): Promise<void> {
  const { trx, year, U, P, ago, insert } = s;
  const issued: [string, string, string, 'up' | 'down', number | undefined, string][] = [
    ['报告', '关于2025年度全市党委办公室系统工作情况的报告', '中共省委办公厅：', 'up', P.sj_li, 'distributed'],
    ['通知', '关于召开全市党委秘书长会议的通知', common, 'down', P.zr_chen, 'distributed'],
    ['通知', '关于印发《市委办公厅公文处理办法》的通知', '市委办公厅各处室：', 'down', P.zr_chen, 'archived'],
    ['通知', '关于做好2026年春节期间值班工作的通知', common, 'down', P.zr_chen, 'printed'],
  ];
  for (const [i, [type, title, mainTo, flow, signer, status]] of issued.entries()) {
    const n = await nextSerial(trx, '青委办发', year);
    const signedAt = ago(20 - i * 3);
    const archived = status === 'archived';
    const archiveNo = archived ? `${year}-青委办发-D30-${String(await nextSerial(trx, '归档:青委办发:30y', year)).padStart(4, '0')}` : null;
    await insert(
      {
        ...out(s),
        status,
        doc_type: type,
        title,
        flow,
        signer_id: signer ?? null,
        main_to: mainTo,
        cc: '市纪委监委，市人大常委会办公室，市政府办公室，市政协办公室。',
        body_html: body([
          '根据工作安排，现将有关事项通知（报告）如下。',
          '一、提高政治站位，切实增强做好工作的责任感和紧迫感。',
          '二、明确工作任务，确保各项要求落到实处。',
          '三、加强组织领导，按时报送工作情况。',
        ]),
        serial: n,
        doc_no: formatSerial('青委办发', year, n),
        signed_at: signedAt,
        doc_date: signedAt.slice(0, 10),
        print_date: signedAt.slice(0, 10),
        print_count: 60,
        main_unit_ids: JSON.stringify(flow === 'up' ? [U.province_office] : [U.district_qingshan, U.district_jiangbei, U.ndrc]),
        cc_unit_ids: '[]',
        retention: archived ? '30y' : null,
        archive_no: archiveNo,
        archived_at: archived ? ago(1) : null,
      },
      [
        ['draft', 'draft', P.zhc_zheng!, null],
        ['submit', 'reviewing', P.zhc_zheng!, null],
        ['approve', 'to_sign', P.zhc_wu!, '同意'],
        ['sign', 'signed', signer!, '签发'],
        ['recheck', 'checked', P.zhc_zheng!, null],
        ['register', 'registered', P.zhc_zheng!, null],
        ['print', 'printed', P.zhc_zheng!, null],
        ...(status !== 'printed' ? ([['distribute', 'distributed', P.zhc_zheng!, null]] as [string, string, number, string | null][]) : []),
        ...(archived ? ([['archive', 'archived', P.zhc_zheng!, null]] as [string, string, number, string | null][]) : []),
      ],
      25 - i * 3,
    );
  }
}

/** 计划发文 and quotas of the year, and an over-quota request. */
async function seedQuotas(s: DemoSeed): Promise<void> {
  const { trx, now, year, U, P } = s;
  const at = iso(now);
  const plans: [string, string, number, number][] = [
    ['general', '通知', 12, 15],
    ['general', '通报', 6, 8],
    ['general', '报告', 6, 8],
    ['general', '意见', 2, 3],
    ['secretariat', '通知', 10, 12],
    ['secretariat', '函', 8, 10],
    ['supervision', '通报', 8, 10],
    ['supervision', '通知', 4, 5],
    ['information', '通报', 6, 8],
    ['research', '报告', 4, 5],
    ['research', '意见', 2, 2],
  ];
  for (const [unit, type, plan, quota] of plans)
    await trx.insertInto('document_quota').values({ unit_id: U[unit]!, year, doc_type: type, plan, quota, created_at: at, updated_at: at }).execute();
  await trx
    .insertInto('document_quota_approval')
    .values({
      unit_id: U.research!,
      year,
      doc_type: '意见',
      title: '关于加强新时代调查研究工作的意见',
      reason: '落实市委常委会议部署，须以市委办公厅名义印发，年度配额已用完。',
      requested_by: P.dys_guo!,
      status: 'pending',
      decided_by: null,
      decision_comment: null,
      decided_at: null,
      document_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
