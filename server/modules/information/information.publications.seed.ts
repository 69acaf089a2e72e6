/**
 * Demo data of 信息刊物: two more 编入专报 items and three published 《信息专报》 issues, numbered through
 * the serial counter; the first carries the demo's 批示 that 督查室 turned into a 督办. 《信息专报》 is
 * distributed to 市发展改革委 and 市生态环境局; the leader 李明华 has read the first issue.
 */
import type { Trx } from '../../db/client.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { nextSerial } from '../../platform/numbering.js';
import { insertItem, insertRevision } from './information.repo.js';
import {
  findSpecialItem,
  insertIssue,
  insertReaders,
  insertReceipt,
  listPublications,
  setIssueItems,
  updatePublication,
} from './repo/information.publications.js';

const DAY = 86_400_000;

const EXTRA = [
  {
    unit: 'ndrc',
    reporter: 'fgw_xu',
    title: '一季度全市固定资产投资同比增长7.2%，民间投资回升明显',
    body: '一季度全市完成固定资产投资同比增长7.2%，其中民间投资增长9.1%，较上年同期提高4.3个百分点。\n建议继续加大重点项目要素保障，稳定民间投资预期。',
    daysAgo: 6,
  },
  {
    unit: 'emergency',
    reporter: 'yjj_cao',
    title: '我市开展汛前安全隐患大排查，整改隐患326处',
    body: '市应急管理局会同水利、住建等部门开展汛前安全隐患大排查，共排查点位1180个，发现并整改隐患326处。\n下一步将对未完成整改的12处隐患挂牌督办。',
    daysAgo: 3,
  },
];

/** Seeds the three published 专报 issues (after the 信息 demo). */
export async function seedPublicationsDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const u = (n: string) => demo.userByName[n];
  const unit = (c: string) => demo.unitByCode[c];
  const editor = u('xxc_he');
  const head = u('xxc_lin');
  const director = u('zr_chen');
  const desk = unit('information');
  const special = (await listPublications(trx)).find((p) => p.prefix === 'info-pub:special');
  if (!editor || !head || !director || !desk || !special) return;
  const now = ctx.clock.now().getTime();
  const ago = (days: number) => iso(new Date(now - days * DAY));
  const readers = { units: [unit('ndrc'), unit('ecology')].filter((x): x is number => !!x), users: [] as number[] };
  await updatePublication(trx, special, { readership: JSON.stringify(readers), report_to: '省委办公厅', updated_at: ago(30) });

  const items: number[] = [];
  const river = await findSpecialItem(trx);
  if (river) items.push(river);
  for (const e of EXTRA) {
    const unitId = unit(e.unit);
    const reporter = u(e.reporter);
    if (!unitId || !reporter) continue;
    const at = ago(e.daysAgo);
    const id = await insertItem(trx, {
      origin: 'report',
      kind: '工作动态',
      title: e.title,
      body: e.body,
      level: 0,
      unit_id: unitId,
      reporter_id: reporter,
      event_at: at,
      reported_at: at,
      due_at: null,
      status: 'adopted',
      editor_id: editor,
      adopt_level: 'special',
      adopted_at: at,
      adopted_by: editor,
      created_at: at,
      updated_at: at,
    });
    await insertRevision(trx, { itemId: id, title: e.title, body: e.body, note: null, by: reporter, at });
    items.push(id);
  }
  for (const [i, itemId] of items.entries()) {
    const at = ago(5 - i * 2 > 0 ? 5 - i * 2 : 1);
    const year = Number(chinaDate(new Date(at)).slice(0, 4));
    const number = await nextSerial(trx, special.prefix, year);
    const id = await insertIssue(trx, {
      publication_id: special.id,
      unit_id: desk,
      editor_id: editor,
      level: 0,
      note: i === 0 ? '此件反映的问题具有普遍性，请有关部门参阅。' : '',
      status: 'published',
      year,
      number,
      total_number: i + 1,
      submitted_at: at,
      head_signed_by: head,
      head_signed_at: at,
      director_signed_by: director,
      published_at: at,
      created_at: at,
      updated_at: at,
    });
    await setIssueItems(trx, id, [itemId]);
    await insertReaders(trx, id, readers);
    if (i === 0 && u('sj_li')) await insertReceipt(trx, id, u('sj_li')!, at);
  }
}
