/**
 * 纪要 as DOCX in the 纪要格式 of GB/T 9704-2012 (10.3), set by the 公文 typesetter of the documents module
 * (the one table of the standard's dimensions, `documents.gbt9704.ts`): the red 「××××纪要」 标志 35 mm below
 * the 版心's top, the 期号 two lines under it over the red rule, the opening paragraph, one 一、 section per
 * topic with its 议定事项 （一）…, then 出席 / 请假 / 列席 one line below the text (黑体 labels, 左空二字, the
 * names aligned after the colon), the 版记 (印发机关, 印发日期) at the foot of the last, even page.
 */
import { LEVELS } from '../../../common/enums.js';
import { renderDocx } from '../documents/documents.docx.js';
import { chineseDate, type LayoutModel } from '../documents/documents.layout.js';
import type { BodyParagraph } from '../documents/documents.sanitize.js';

const NUMS = '一二三四五六七八九十';

/** What the renderer needs of a meeting. */
export interface MinutesSource {
  title: string;
  issuer: string;
  kindName: { zh: string } | null;
  startsAt: string;
  place: string;
  chair: { name: string };
  level: number;
  minutesNo: number | null;
  minutesSummary: string | null;
  attendees: { name: string; unitName: string; attendance: string; excuseReason: string | null }[];
  agenda: { id: number; title: string; proposingUnit: { name: string } }[];
  decisions: { topicId: number; seq: number; text: string; leadUnit: { name: string }; coUnits: { name: string }[]; dueDate: string }[];
}

function cn(n: number): string {
  if (n <= 10) return NUMS[n - 1]!;
  if (n < 20) return `十${NUMS[n - 11]!}`;
  return String(n);
}

function chinaParts(isoText: string): { y: number; m: number; d: number } {
  const d = new Date(new Date(isoText).getTime() + 8 * 3600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

const para = (text: string): BodyParagraph => ({ align: null, heading: false, level: 0, runs: [{ text, bold: false, italics: false, underline: false }] });

/** The 纪要 as the typesetter's layout model. */
export function minutesLayout(m: MinutesSource): LayoutModel {
  const { y, m: mo, d } = chinaParts(m.startsAt);
  const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const paragraphs = [
    para(
      `${y}年${mo}月${d}日，${m.chair.name}同志在${m.place}主持召开${m.title}（${m.kindName?.zh ?? '会议'}），研究了${m.agenda.map((t) => `${t.title}`).join('、') || '有关事项'}等${m.agenda.length}项议题。现将会议议定事项纪要如下：`,
    ),
  ];
  if (m.minutesSummary?.trim()) for (const p of m.minutesSummary.split(/\n+/).filter((x) => x.trim())) paragraphs.push(para(p.trim()));
  m.agenda.forEach((t, i) => {
    paragraphs.push({ ...para(`${cn(i + 1)}、关于${t.title.replace(/^关于/, '')}`), level: 1 });
    const ds = m.decisions.filter((x) => x.topicId === t.id);
    if (!ds.length) paragraphs.push(para('会议听取了汇报，未形成议定事项。'));
    ds.forEach((x, j) => {
      const co = x.coUnits.length ? `，${x.coUnits.map((u) => u.name).join('、')}配合` : '';
      paragraphs.push(para(`（${cn(j + 1)}）${x.text}（${x.leadUnit.name}牵头${co}，${chineseDate(x.dueDate)}前完成）`));
    });
  });
  const who = (a: { name: string }) => a.name;
  const present = m.attendees.filter((a) => a.attendance === 'expected' && a.name !== m.chair.name);
  const excused = m.attendees.filter((a) => a.attendance === 'excused');
  const reporting = [...new Set(m.agenda.map((t) => t.proposingUnit.name).filter(Boolean))];
  const attendance: NonNullable<LayoutModel['attendance']> = [{ label: '出席', text: [m.chair.name, ...present.map(who)].join('、') }];
  if (excused.length) attendance.push({ label: '请假', text: excused.map((a) => `${who(a)}${a.excuseReason ? `（${a.excuseReason}）` : ''}`).join('、') });
  if (reporting.length) attendance.push({ label: '列席', text: `${reporting.join('、')}有关负责同志` });
  const level = LEVELS.find((l) => l.value === m.level);
  return {
    copyNo: null,
    secrecy: m.level >= 2 ? (level?.zh ?? null) : m.level === 1 ? '内部' : null,
    urgency: null,
    issuer: `${m.title}纪要`,
    docNo: m.minutesNo ? `〔${y}〕第${m.minutesNo}期` : '（待印发）',
    upward: false,
    format: 'minutes',
    signerName: null,
    title: '',
    mainTo: null,
    paragraphs,
    attachments: [],
    signature: null,
    date: null,
    note: null,
    cc: null,
    printOrgan: m.issuer,
    printDate: `${chineseDate(date)}印发`,
    attendance,
  };
}

/** Renders the minutes of a meeting as a DOCX buffer. */
export async function renderMinutesDocx(m: MinutesSource): Promise<Buffer> {
  return renderDocx(minutesLayout(m));
}
