/** Demo data of 资源共享: resources, 查阅条目, circulations (some overdue), an access request, a 议政会 notice, forum topics, uses. */
import type { Trx } from '../../db/client.js';
import { grantShare } from '../../platform/authz.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import type { LibraryKind } from './library.constants.js';
import * as repo from './library.repo.js';

const DAY = 86_400_000;

interface ItemSpec {
  unit: string;
  by: string;
  kind: LibraryKind;
  title: string;
  source: string;
  level: number;
  scope: 'everyone' | 'scoped';
  units?: string[];
  catalog?: boolean;
  keywords: string[];
  summary: string;
  content: string;
  daysAgo: number;
}

const ITEMS: ItemSpec[] = [
  {
    unit: 'research',
    by: 'dys_guo',
    kind: 'research_report',
    title: '关于推进城乡基层治理现代化的调研报告',
    source: '调研室',
    level: 1,
    scope: 'scoped',
    units: ['office'],
    catalog: true,
    keywords: ['基层治理', '网格化', '调研'],
    summary: '围绕全市12个街道、36个社区开展调研，梳理基层治理中“小马拉大车”等突出问题，提出减负赋能、网格融合等六条建议。',
    content:
      '一、基本情况。全市现有街道12个、社区36个，网格员1200余名。二、存在问题：基层负担偏重，事项准入把关不严；网格职责交叉，信息多头采集；议事协商机制不健全。三、对策建议：建立村（社区）工作事项准入清单；推进“多网合一”；完善居民议事会制度；强化数字赋能，打通数据壁垒；健全考核激励；加强基层干部队伍建设。',
    daysAgo: 20,
  },
  {
    unit: 'research',
    by: 'dys_ma',
    kind: 'research_report',
    title: '青州市营商环境优化情况调研报告',
    source: '调研室',
    level: 1,
    scope: 'scoped',
    catalog: true,
    keywords: ['营商环境', '优化', '一网通办'],
    summary: '对企业开办、工程建设项目审批、政务服务“一网通办”等情况进行了调研，提出压缩审批时限、推行容缺受理等建议。',
    content:
      '调研采取座谈、问卷、实地走访方式，覆盖企业210家。企业开办时间已压缩至1个工作日；工程建设项目审批平均用时仍达58个工作日，高于省内先进水平。建议推行容缺受理、告知承诺，建立涉企政策“免申即享”机制。',
    daysAgo: 12,
  },
  {
    unit: 'secretariat',
    by: 'msc_sun',
    kind: 'speech',
    title: '在全市党委办公室系统工作会议上的讲话（代拟稿）',
    source: '秘书处',
    level: 1,
    scope: 'scoped',
    units: ['office'],
    catalog: true,
    keywords: ['讲话稿', '三服务', '办公室系统'],
    summary: '代拟稿，围绕“三服务”总要求，部署以文辅政、以会辅政、督查落实等重点工作。',
    content:
      '同志们：这次会议的主要任务是，总结去年全市党委办公室系统工作，部署今年任务。一要提高以文辅政水平，坚持文风“简短准”；二要提高以会辅政水平，严格会前协商；三要狠抓督查落实，做到件件有着落。',
    daysAgo: 8,
  },
  {
    unit: 'general',
    by: 'zhc_wu',
    kind: 'upper_doc',
    title: '省委办公厅关于进一步精文减会的通知',
    source: '省委办公厅',
    level: 1,
    scope: 'everyone',
    keywords: ['精文减会', '文风会风', '基层减负'],
    summary: '要求严控发文数量和篇幅，压缩会议数量和时间，切实为基层减负。',
    content:
      '各市委办公室：为深入贯彻为基层减负的要求，现就进一步精文减会通知如下：一、严控发文数量，可发可不发的一律不发；二、严控文件篇幅，一般不超过5000字；三、严控会议数量和规模；四、统筹规范督查检查考核。',
    daysAgo: 15,
  },
  {
    unit: 'information',
    by: 'xxc_lin',
    kind: 'publication',
    title: '《青州信息》2026年第5期',
    source: '信息处',
    level: 0,
    scope: 'everyone',
    keywords: ['青州信息', '信息刊物'],
    summary: '本期刊载：我市推进营商环境优化的主要做法；青山区“网格+”治理经验；全市春耕备耕工作进展。',
    content: '【工作动态】我市推进营商环境优化的主要做法。【基层经验】青山区“网格+”治理经验。【专题】全市春耕备耕工作进展顺利。',
    daysAgo: 6,
  },
  {
    unit: 'information',
    by: 'xxc_he',
    kind: 'info_carrier',
    title: '信息专报：江北区防汛应急演练情况',
    source: '江北区委办',
    level: 1,
    scope: 'everyone',
    keywords: ['防汛', '应急演练', '信息专报'],
    summary: '江北区组织开展防汛应急综合演练，参演人员300余人，检验了预警发布、人员转移等环节。',
    content:
      '3月1日，江北区组织开展防汛应急综合演练。演练模拟强降雨引发内涝，检验了预警发布、人员转移、抢险救援、物资调配等环节，发现排涝设备不足等问题3项，已明确整改时限。',
    daysAgo: 2,
  },
  {
    unit: 'supervision',
    by: 'dcs_huang',
    kind: 'practice',
    title: '“三督查”工作机制经验做法',
    source: '督查室',
    level: 0,
    scope: 'everyone',
    keywords: ['督查', '决策督查', '专项督查', '考核督查'],
    summary: '总结决策督查、专项督查、考核督查“三督查”机制，实行分解立项、跟踪问效、结果回访。',
    content:
      '督查室坚持“三督查”：决策督查实行分解立项、限时办结；专项督查对领导批示件登记转办、审核把关、结果回访；考核督查与年度考核挂钩，督查结果作为评先评优的重要依据。',
    daysAgo: 30,
  },
  {
    unit: 'supervision',
    by: 'dcs_zhang',
    kind: 'material',
    title: '重点工作督办台账编制说明',
    source: '督查室',
    level: 1,
    scope: 'scoped',
    catalog: true,
    keywords: ['督办台账', '重点工作'],
    summary: '说明督办台账的字段、填报口径和更新频次，附台账模板。',
    content: '台账字段：事项名称、来源、牵头单位、责任人、时限、进展、红黄绿灯。填报口径：以牵头单位报送为准，每周五更新。逾期事项标红，临期三个工作日内标黄。',
    daysAgo: 9,
  },
  {
    unit: 'general',
    by: 'zhc_zheng',
    kind: 'material',
    title: '办公厅2026年工作要点（征求意见稿）',
    source: '综合处',
    level: 1,
    scope: 'scoped',
    units: ['office'],
    catalog: true,
    keywords: ['工作要点', '征求意见'],
    summary: '围绕“三辅政、三督查、三保障”提出2026年重点工作，征求各处室意见。',
    content:
      '一、以谋辅政：加强调查研究，提高信息报送质量。二、以文辅政：严格公文审核把关。三、以会辅政：规范会议组织。四、督查落实：健全督查工作机制。五、运转保障：加强值班、接待、保密、档案工作。',
    daysAgo: 4,
  },
  {
    unit: 'archives',
    by: 'da_liang',
    kind: 'practice',
    title: '文书档案归档整理规范要点',
    source: '档案处',
    level: 0,
    scope: 'everyone',
    keywords: ['档案', '归档', '保管期限'],
    summary: '归档范围、保管期限（永久、30年、10年）和整理要求的要点汇编。',
    content: '归档范围：本机关形成的具有查考利用价值的文件材料。保管期限分为永久、定期30年、定期10年。整理要求：以件为单位，按年度—机构—保管期限分类排列。',
    daysAgo: 40,
  },
  {
    unit: 'confidential',
    by: 'jy_luo',
    kind: 'material',
    title: '机要文件传递管理办法（内部）',
    source: '机要保密处',
    level: 1,
    scope: 'scoped',
    catalog: false,
    keywords: ['机要', '文件传递'],
    summary: '机要文件签收、登记、传递、清退的管理规定。',
    content: '机要文件实行专人专柜管理，传递须登记签收，阅后及时清退，严禁擅自复制。',
    daysAgo: 25,
  },
  {
    unit: 'research',
    by: 'dys_guo',
    kind: 'research_report',
    title: '关于数字政府建设推进情况的调研',
    source: '调研室',
    level: 1,
    scope: 'everyone',
    keywords: ['数字政府', '数据共享', '一网通办'],
    summary: '全市政务数据共享率达到78%，“一网通办”可办率95%，仍存在数据标准不统一等问题。',
    content:
      '数字政府建设取得阶段性成效：政务数据共享交换平台接入部门46个，共享率78%；“一网通办”可办率95%。存在问题：数据标准不统一，部门系统壁垒仍存。建议：统一数据标准，建立首席数据官制度。',
    daysAgo: 18,
  },
  {
    unit: 'general',
    by: 'zhc_wu',
    kind: 'upper_doc',
    title: '关于加强党委办公厅（室）系统建设的意见（摘要）',
    source: '中共中央办公厅',
    level: 1,
    scope: 'scoped',
    units: ['secretariat', 'office'],
    catalog: true,
    keywords: ['办公厅建设', '三服务'],
    summary: '对办公厅（室）系统政治建设、能力建设、作风建设提出要求。',
    content: '（摘要）坚持把政治建设摆在首位，提高服务决策、服务落实、服务群众能力，锻造忠诚干净担当的办公厅（室）干部队伍。',
    daysAgo: 35,
  },
  {
    unit: 'reception',
    by: 'jd_song',
    kind: 'practice',
    title: '接待工作规范化标准化经验',
    source: '接待处',
    level: 0,
    scope: 'everyone',
    keywords: ['接待', '规范化'],
    summary: '从接站、食宿、会见、参观四个环节制定标准流程，落实中央八项规定精神。',
    content: '接待工作坚持简朴、安全、高效原则，制定接站、食宿、会见、参观四个环节标准流程21项，严格执行接待标准，杜绝超标准接待。',
    daysAgo: 11,
  },
];

/** What every part of the demo seed needs: the transaction, the app, the instant, and lookups by code. */
interface Seed {
  trx: Trx;
  ctx: AppContext;
  now: Date;
  unit: (code: string) => number;
  user: (username: string) => number;
  /** The id of the `i`-th seeded item of ITEMS. */
  item: (i: number) => number;
}

/** Seeds the demo data of the library inside the demo-seeding transaction. */
export async function seedLibraryDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const now = ctx.clock.now();
  const unit = (c: string) => demo.unitByCode[c]!;
  const user = (u: string) => demo.userByName[u]!;
  const ids = await seedItems(trx, ctx, now, unit, user);
  const s: Seed = { trx, ctx, now, unit, user, item: (i) => ids[i]! };
  await seedCirculations(s);
  await seedNotice(s);
  await seedRequests(s);
  await seedUses(s);
  await seedForum(s);
  await seedDistribution(s);
}

/** The items of ITEMS, each counted as provided and indexed; answers their ids in order. */
async function seedItems(trx: Trx, ctx: AppContext, now: Date, unit: (c: string) => number, user: (u: string) => number): Promise<number[]> {
  const ids: number[] = [];
  for (const it of ITEMS) {
    const at = new Date(now.getTime() - it.daysAgo * DAY);
    const row = await trx
      .insertInto('library_item')
      .values({
        kind: it.kind,
        title: it.title,
        source: it.source,
        owner_unit_id: unit(it.unit),
        created_by: user(it.by),
        level: it.level,
        secrecy_period: it.level > 0 ? '长期' : null,
        scope: it.scope,
        catalog: it.catalog ? 1 : 0,
        keywords: it.keywords.join(','),
        summary: it.summary,
        content: it.content,
        date: chinaDate(at),
        status: 'active',
        created_at: iso(at),
        updated_at: iso(at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.setScope(trx, row.id, (it.units ?? []).map(unit), []);
    await repo.recordUse(trx, {
      itemId: row.id,
      unitId: row.owner_unit_id,
      actorId: row.created_by,
      actorUnitId: row.owner_unit_id,
      kind: 'provided',
      at: iso(at),
    });
    await ctx.search.index(trx, repo.itemSearchDoc(row, await repo.scopeOf(trx, row.id)));
    ids.push(row.id);
  }
  return ids;
}

/** Circulations: one overdue with unread recipients, one on time, partly read. */
async function seedCirculations(s: Seed): Promise<void> {
  const { trx, ctx, now, user, item } = s;
  // circulations: one overdue with unread recipients, one on time, partly read
  const circulate = async (itemIdx: number, by: string, to: string[], purpose: string, dueDays: number | null, read: string[], daysAgo: number) => {
    const at = new Date(now.getTime() - daysAgo * DAY);
    const due = dueDays === null ? null : chinaDate(new Date(now.getTime() + dueDays * DAY));
    const c = await trx
      .insertInto('library_circulation')
      .values({
        item_id: item(itemIdx),
        purpose,
        created_by: user(by),
        unit_id: (await trx.selectFrom('user').select('unit_id').where('id', '=', user(by)).executeTakeFirstOrThrow()).unit_id,
        due_date: due,
        status: 'circulating',
        created_at: iso(at),
        updated_at: iso(at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const u of to) {
      await trx
        .insertInto('library_circulation_recipient')
        .values({
          circulation_id: c.id,
          user_id: user(u),
          read_at: read.includes(u) ? iso(new Date(at.getTime() + DAY / 2)) : null,
          reminded_at: null,
          reminders: 0,
        })
        .execute();
      await grantShare(trx, { itemType: 'library_item', itemId: item(itemIdx), granteeType: 'user', granteeId: user(u), grantedBy: user(by), at });
    }
    await repo.closeFinished(trx, [c.id], iso(now));
    if (due && dueDays! > 0)
      await ctx.scheduler.schedule(trx, {
        kind: 'library.circulation_remind',
        targetType: 'library_circulation',
        targetId: c.id,
        dueAt: new Date(`${due}T01:00:00Z`),
      });
  };
  await circulate(3, 'zhc_wu', ['msc_zhou', 'dcs_zhang', 'xxc_he', 'dys_ma'], '请各处室认真学习，对照精简本处室文件和会议', -3, ['xxc_he'], 10);
  await circulate(0, 'dys_guo', ['zr_chen', 'fzr_liu', 'dcs_huang'], '呈阅，供领导参阅', 5, ['fzr_liu'], 3);
  await circulate(2, 'msc_sun', ['zr_chen'], '请审阅讲话代拟稿', 1, [], 1);
  await circulate(5, 'xxc_he', ['zbs_tang', 'yjj_cao'], '供值班和应急工作参考', null, ['zbs_tang', 'yjj_cao'], 2);
}

/** A 议政会 notice to all divisions, partly read. */
async function seedNotice(s: Seed): Promise<void> {
  const { trx, ctx, now, unit, user } = s;
  // a 议政会 notice to all divisions, partly read
  const divisions = (await trx.selectFrom('unit').select('id').where('kind', 'in', ['office', 'division']).execute()).map((u) => u.id);
  const noticeAt = new Date(now.getTime() - 1 * DAY);
  const notice = await trx
    .insertInto('library_item')
    .values({
      kind: 'notice',
      title: '市委常委会会议决定事项通报（3月）',
      source: '议政会·重要决策',
      owner_unit_id: unit('office'),
      created_by: user('fzr_liu'),
      level: 1,
      secrecy_period: null,
      scope: 'scoped',
      catalog: 0,
      keywords: '重要决策',
      summary: '通报市委常委会会议研究决定的营商环境优化、防汛准备等事项及分工。',
      content:
        '市委常委会会议研究决定：一、印发《关于持续优化营商环境的若干措施》，由市发展改革委牵头落实；二、做好汛前准备，由市应急管理局牵头，5月底前完成隐患排查；三、各处室按分工抓好督办落实。',
      date: chinaDate(noticeAt),
      status: 'active',
      created_at: iso(noticeAt),
      updated_at: iso(noticeAt),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await repo.setScope(trx, notice.id, divisions, []);
  await ctx.search.index(trx, repo.itemSearchDoc(notice, await repo.scopeOf(trx, notice.id)));
  const members = await repo.businessUsersOf(trx, divisions);
  const nc = await trx
    .insertInto('library_circulation')
    .values({
      item_id: notice.id,
      purpose: '议政会通知（重要决策），请各处室阅知',
      created_by: user('fzr_liu'),
      unit_id: unit('office'),
      due_date: null,
      status: 'circulating',
      created_at: iso(noticeAt),
      updated_at: iso(noticeAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of members.filter((m) => m.id !== user('fzr_liu') && m.clearance >= 1)) {
    const read = ['zr_chen', 'msc_sun', 'zhc_wu', 'dcs_huang'].some((u) => user(u) === m.id);
    await trx
      .insertInto('library_circulation_recipient')
      .values({ circulation_id: nc.id, user_id: m.id, read_at: read ? iso(new Date(noticeAt.getTime() + 3600_000)) : null, reminded_at: null, reminders: 0 })
      .execute();
  }
}

/** Access requests: one pending, one granted. */
async function seedRequests(s: Seed): Promise<void> {
  const { trx, now, unit, user, item } = s;
  // access requests: one pending (督查室 asks 调研室), one granted
  const reqAt = iso(new Date(now.getTime() - 2 * DAY));
  await trx
    .insertInto('library_access_request')
    .values({
      item_id: item(1),
      requester_id: user('dcs_zhang'),
      requester_unit_id: unit('supervision'),
      reason: '督办营商环境优化事项，需参考调研结论',
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: reqAt,
      updated_at: reqAt,
    })
    .execute();
  await trx
    .insertInto('library_access_request')
    .values({
      item_id: item(8),
      requester_id: user('msc_zhou'),
      requester_unit_id: unit('secretariat'),
      reason: '起草讲话稿需对照工作要点',
      status: 'granted',
      decided_by: user('zhc_wu'),
      decided_at: reqAt,
      decision_note: '同意，请注意保密',
      created_at: reqAt,
      updated_at: reqAt,
      version: 2,
    })
    .execute();
  await grantShare(trx, {
    itemType: 'library_item',
    itemId: item(8),
    granteeType: 'user',
    granteeId: user('msc_zhou'),
    grantedBy: user('zhc_wu'),
    at: new Date(reqAt),
  });
}

/** Uses: views, applications and conversions. */
async function seedUses(s: Seed): Promise<void> {
  const { trx, now, user, item } = s;
  // uses: views, applications and conversions
  const uses: [number, string, 'viewed' | 'downloaded' | 'applied' | 'converted', string | null][] = [
    [0, 'zr_chen', 'viewed', null],
    [0, 'fzr_liu', 'viewed', null],
    [0, 'fzr_liu', 'applied', '吸收进办公厅2026年工作要点'],
    [3, 'msc_zhou', 'viewed', null],
    [3, 'xxc_he', 'viewed', null],
    [6, 'qs_yuan', 'applied', '青山区督查室参照建立“三督查”机制'],
    [6, 'jb_pan', 'viewed', null],
    [11, 'zr_chen', 'converted', '转化为市委办公厅《关于加快数字政府建设的工作方案》'],
    [11, 'dcs_huang', 'downloaded', null],
    [4, 'zhc_zheng', 'viewed', null],
    [9, 'msc_zhou', 'applied', '按规范整理秘书处2025年文书档案'],
  ];
  for (const [i, u, kind, note] of uses) {
    const row = await trx.selectFrom('library_item').select(['id', 'owner_unit_id']).where('id', '=', item(i)).executeTakeFirstOrThrow();
    const actorUnit = (await trx.selectFrom('user').select('unit_id').where('id', '=', user(u)).executeTakeFirstOrThrow()).unit_id;
    await repo.recordUse(trx, {
      itemId: row.id,
      unitId: row.owner_unit_id,
      actorId: user(u),
      actorUnitId: actorUnit,
      kind,
      note,
      at: iso(new Date(now.getTime() - DAY)),
    });
  }
}

/** Forum topics with replies. */
async function seedForum(s: Seed): Promise<void> {
  const { trx, ctx, now, user, item } = s;
  // forum
  const topic = async (by: string, title: string, body: string, itemIdx: number | null, replies: [string, string][]) => {
    const author = await trx.selectFrom('user').select(['id', 'unit_id']).where('id', '=', user(by)).executeTakeFirstOrThrow();
    const at = iso(new Date(now.getTime() - 3 * DAY));
    const t = await trx
      .insertInto('library_topic')
      .values({
        title,
        body,
        level: 0,
        item_id: itemIdx === null ? null : item(itemIdx),
        author_id: author.id,
        unit_id: author.unit_id,
        status: 'open',
        pinned: 0,
        replies: replies.length,
        last_reply_at: replies.length ? at : null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [u, b] of replies)
      await trx
        .insertInto('library_reply')
        .values({ topic_id: t.id, body: b, author_id: user(u), hidden: 0, created_at: at })
        .execute();
    const doc = await repo.topicSearchDoc(trx, t.id);
    if (doc) await ctx.search.index(trx, doc);
  };
  await topic('dcs_huang', '如何破解督办事项“以文件落实文件”的问题？', '部分责任单位反馈进展时照抄文件，缺少实质进展。大家有什么好办法？', 6, [
    ['zhc_wu', '建议在反馈模板中增加“量化指标完成情况”和“佐证材料”两项必填内容。'],
    ['dys_guo', '可以结合实地暗访，对反馈情况进行抽查核实。'],
  ]);
  await topic('msc_sun', '讲话稿起草如何做到“简短准”？', '交流讲话稿起草中压缩篇幅、突出重点的经验。', 2, [
    ['zr_chen', '先列提纲再动笔，每部分只讲一个核心观点。'],
  ]);
}

/** A weekly distribution list of research results. */
async function seedDistribution(s: Seed): Promise<void> {
  const { trx, ctx, now, unit, user } = s;
  // a weekly distribution list of research results
  const list = await trx
    .insertInto('library_distribution')
    .values({
      name: '调研成果每周分送',
      kinds: JSON.stringify(['research_report', 'practice']),
      period_days: 7,
      owner_unit_id: unit('research'),
      created_by: user('dys_guo'),
      last_sent_at: iso(new Date(now.getTime() - 3 * DAY)),
      active: 1,
      created_at: iso(now),
      updated_at: iso(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const u of ['zr_chen', 'fzr_liu', 'msc_sun'])
    await trx
      .insertInto('library_distribution_subscriber')
      .values({ list_id: list.id, user_id: user(u) })
      .execute();
  await ctx.scheduler.schedule(trx, {
    kind: 'library.distribute',
    targetType: 'library_distribution',
    targetId: list.id,
    dueAt: new Date(now.getTime() + 4 * DAY),
  });
}
