/**
 * Demo data of 信访: a letter just registered and its repeat (same ID number, similar subject), a visit
 * transferred to the 住建局, a call accepted by the 生态环境局, and an online message answered, followed
 * up and closed. The 信访 staff of the demo office is the 接待处 (宋杰); see `readConfig`.
 */
import type { Trx } from '../../db/client.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import './repo/petitions.tables.js';
import type { PetitionCaseTable } from './repo/petitions.tables.js';
import type { Insertable } from 'kysely';
import { searchDocs } from './repo/petitions.search.js';

const DAY = 86_400_000;
type Row = Insertable<PetitionCaseTable>;

/** The seeding helpers: dates relative to now, demo lookups, and `add` (a case with its number). */
function seeder(trx: Trx, ctx: AppContext, demo: DemoDirectory) {
  const now = ctx.clock.now();
  const day = (d: number) => chinaDate(new Date(now.getTime() + d * DAY));
  const at = (d: number) => iso(new Date(now.getTime() + d * DAY));
  const u = (code: string) => demo.unitByCode[code]!;
  const p = (name: string) => demo.userByName[name]!;
  const registrar = p('jd_song');
  const year = chinaYear(now);
  const blank = {
    level: 0,
    repeat_of: null,
    unit_id: null,
    handler_id: null,
    transferred_at: null,
    accept_due: null,
    accepted_at: null,
    handle_due: null,
    unit_reply: null,
    replied_at: null,
    answer: null,
    answered_at: null,
    satisfaction: null,
    follow_up: null,
    followed_up_at: null,
    outcome: null,
    closed_at: null,
    supervised_count: 0,
    last_supervised_at: null,
    registered_by: registrar,
  };
  const add = async (v: Partial<Row> & Pick<Row, 'channel' | 'petitioner_name' | 'subject' | 'content' | 'category' | 'place' | 'status' | 'created_at'>) => {
    const number = formatSerial('信字', year, await nextSerial(trx, 'petitions', year));
    const row = await trx
      .insertInto('petition_case')
      .values({ ...blank, ...v, number, updated_at: v.created_at } as Row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return { add, day, at, u, p };
}

/** Seeds the demo cases (inside the demo-seeding transaction). */
export async function seedPetitionsDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const { add, day, at, u, p } = seeder(trx, ctx, demo);
  const first = await add({
    channel: 'letter',
    petitioner_name: '张建国',
    petitioner_id_no: '370702196805121234',
    petitioner_phone: '13805361234',
    petitioner_address: '青州市青山区幸福路8号3单元',
    subject: '幸福路小区加装电梯补贴迟迟未发放',
    content: '本人所在小区2025年完成加装电梯，按政策应享受的补贴至今未发放，多次询问未果。',
    category: '城乡建设',
    place: '青山区',
    status: 'registered',
    created_at: at(-20),
  });
  await add({
    channel: 'phone',
    petitioner_name: '张建国',
    petitioner_id_no: '370702196805121234',
    petitioner_phone: '13805361234',
    petitioner_address: '青州市青山区幸福路8号3单元',
    subject: '幸福路小区加装电梯补贴仍未发放',
    content: '来电反映加装电梯补贴问题仍未解决。',
    category: '城乡建设',
    place: '青山区',
    status: 'registered',
    repeat_of: first,
    created_at: at(-2),
  });
  const transferred = await add({
    channel: 'visit',
    petitioner_name: '李桂兰',
    petitioner_id_no: '37070219750303242X',
    petitioner_phone: '13905362222',
    petitioner_address: '青州市江北区滨河路16号',
    subject: '滨河路老旧小区改造施工噪声扰民',
    content: '夜间施工至凌晨，影响居民休息。',
    category: '城乡建设',
    place: '江北区',
    status: 'transferred',
    unit_id: u('housing'),
    transferred_at: at(-3),
    accept_due: day(12),
    created_at: at(-4),
  });
  await ctx.scheduler.schedule(trx, {
    kind: 'petitions.overdue',
    targetType: 'petition_case',
    targetId: transferred,
    dueAt: new Date(`${day(12)}T16:00:00Z`),
    payload: { stage: 'accept', due: day(12) },
  });
  const accepted = await add({
    channel: 'phone',
    petitioner_name: '王海涛',
    petitioner_id_no: null,
    petitioner_phone: '13605363333',
    petitioner_address: null,
    subject: '化工园区异味问题',
    content: '傍晚时分园区周边有明显刺激性气味。',
    category: '生态环境',
    place: '江北区',
    status: 'accepted',
    unit_id: u('ecology'),
    handler_id: p('sthj_feng'),
    transferred_at: at(-10),
    accept_due: day(5),
    accepted_at: at(-8),
    handle_due: day(52),
    created_at: at(-11),
  });
  await ctx.scheduler.schedule(trx, {
    kind: 'petitions.overdue',
    targetType: 'petition_case',
    targetId: accepted,
    dueAt: new Date(`${day(52)}T16:00:00Z`),
    payload: { stage: 'handle', due: day(52) },
  });
  await add({
    channel: 'online',
    petitioner_name: '赵晓梅',
    petitioner_id_no: null,
    petitioner_phone: '13705364444',
    petitioner_address: '青州市青山区学府路2号',
    subject: '学区划分咨询',
    content: '咨询新建小区所属学区。',
    category: '教育',
    place: '青山区',
    status: 'closed',
    unit_id: u('education'),
    handler_id: p('jyj_dong'),
    transferred_at: at(-40),
    accept_due: day(-25),
    accepted_at: at(-38),
    handle_due: day(20),
    unit_reply: '已按2026年学区划分方案答复。',
    replied_at: at(-30),
    answer: '已电话告知所属学区及报名时间。',
    answered_at: at(-29),
    satisfaction: 'satisfied',
    follow_up: '回访满意。',
    followed_up_at: at(-25),
    outcome: '已解决',
    closed_at: at(-25),
    created_at: at(-41),
  });
  // 全文检索: index what was seeded (number, subject, category, place: no personal data)
  for await (const batch of searchDocs(trx)) await ctx.search.indexMany(trx, batch);
}
