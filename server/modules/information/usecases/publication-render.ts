/**
 * An issue in its publication's layout, through the 公文 typesetter (GB/T 9704 red header): the
 * publication's name as the red 标志, the 期号 line with 编印单位 and date, the red rule, the items
 * (titles and bodies) in order, 密级 top left, the 报送/分送 line and 编印 line in the 版记.
 */
import { LEVELS } from '../../../../common/enums.js';
import type { Actor } from '../../../platform/actor.js';
import { chineseDate } from '../../../platform/chinese-text.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { LayoutModel } from '../../documents/documents.layout.js';
import { textCells } from '../../documents/documents.typeset.js';
import { unitNames } from '../information.repo.js';
import { issueItems, loadPublication } from '../repo/information.publications.js';
import { issueLabel, loadReadableIssue, readershipOf } from './publication-common.js';

type Para = LayoutModel['paragraphs'][number];
const para = (text: string, level: Para['level'] = 0, align: string | null = null): Para => ({
  align,
  heading: level > 0,
  level,
  runs: [{ text, bold: false, italics: false, underline: false }],
});
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => (n <= 10 ? NUMERALS[n - 1]! : n < 20 ? `十${NUMERALS[n - 11]}` : String(n));

/** The issue as a layout model (read-checked and audited as `information.issue_render`); `fileName` without extension. */
export async function issueLayout(ctx: AppContext, actor: Actor, id: number): Promise<{ model: LayoutModel; fileName: string }> {
  const issue = await loadReadableIssue(ctx.db, actor, id, 'information.issue_render');
  const p = (await loadPublication(ctx.db, issue.publication_id))!;
  const items = await issueItems(ctx.db, id);
  await ctx.audit.record(ctx.db, { actor, action: 'information.issue_render', targetType: 'info_pub_issue', targetId: id, detail: { level: issue.level } });
  const day = issue.published_at ? chinaDate(new Date(issue.published_at)) : chinaDate(ctx.clock.now());
  const date = chineseDate(day);
  const year = issue.year ?? Number(day.slice(0, 4));
  const no = issue.number !== null ? `${year}年第${issue.number}期` : `${year}年第　期`;
  const withTotal = issue.total_number !== null ? `${no}（总第${issue.total_number}期）` : no;
  const candidates = [`${p.org_name}编　${withTotal}　${date}`, `${p.org_name}编　${no}　${date}`, `${no}　${date}`, no];
  const docNo = candidates.find((c) => textCells(c) <= 28) ?? no;

  const paragraphs: Para[] = [];
  if (issue.note.trim()) paragraphs.push(para(`编者按：${issue.note.trim()}`, 2));
  const single = items.length === 1;
  if (!single) items.forEach((it, i) => paragraphs.push(para(`${i + 1}.${it.title}`, 3)));
  items.forEach((it, i) => {
    if (!single) paragraphs.push(para(`${numeral(i + 1)}、${it.title}`, 1));
    for (const line of it.body
      .split(/\n+/)
      .map((s) => s.trim())
      .filter(Boolean))
      paragraphs.push(para(line));
    paragraphs.push(para(`（${it.unit_name}报送）`, 0, 'right'));
  });

  const readers = readershipOf(p);
  const names = await unitNames(ctx.db, readers.units);
  const spread = ['办公厅领导', ...readers.units.map((u) => names.get(u)).filter((s): s is string => !!s)].join('，');
  const level = LEVELS.find((l) => l.value === issue.level);
  const model: LayoutModel = {
    copyNo: null,
    secrecy: issue.level >= 1 ? (level?.zh ?? null) : null,
    urgency: null,
    issuer: p.name,
    docNo,
    upward: false,
    format: 'document',
    signerName: null,
    title: single ? items[0]!.title : items.length ? '本期要目' : p.name,
    mainTo: null,
    paragraphs,
    attachments: [],
    signature: null,
    date: null,
    note: null,
    ccLabel: p.report_to ? '报送' : '分送',
    cc: p.report_to ? `${p.report_to}；分送：${spread}。` : `${spread}。`,
    printOrgan: p.org_name,
    printDate: `${date}印发`,
  };
  return { model, fileName: issueLabel(p.name, issue.year, issue.number).replace(/[《》]/g, '') };
}
