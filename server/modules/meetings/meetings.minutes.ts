/**
 * 纪要 rendering as DOCX in the customary layout of a meeting minutes (会议纪要): red title
 * "XX会议纪要", the issue number (〔年份〕第N期), issuing office and date over a red rule, the opening
 * paragraph, one section per topic with its 议定事项, then 出席 / 请假 lines. Fonts follow GB/T 9704
 * habits: 方正小标宋简体 for the title, 黑体 and 楷体 for headings, 仿宋_GB2312 三号 for the body.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun, convertMillimetersToTwip } from 'docx';
import { chineseDate } from '../../platform/chinese-text.js';

const RED = 'C00000';
const BODY = '仿宋_GB2312';
const SIZE = 32; // 三号 = 16pt, in half-points
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

function body(text: string, opts: { indent?: boolean; font?: string; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { line: 560, lineRule: 'exact' as never },
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
    children: [new TextRun({ text, font: opts.font ?? BODY, size: SIZE, bold: opts.bold })],
  });
}

/** Renders the minutes of a meeting as a DOCX buffer. */
export async function renderMinutesDocx(m: MinutesSource): Promise<Buffer> {
  const day = chineseDate(m.startsAt);
  const y = day.slice(0, 4);
  const levelMark =
    m.level >= 1
      ? [new Paragraph({ children: [new TextRun({ text: m.level === 1 ? '内部' : m.level === 2 ? '秘密' : '机密', font: '黑体', size: SIZE })] })]
      : [];
  const children: Paragraph[] = [
    ...levelMark,
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 200 },
      children: [new TextRun({ text: `${m.title}纪要`, font: '方正小标宋简体', size: 64, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: m.minutesNo ? `〔${y}〕第${m.minutesNo}期` : '（待印发）', font: BODY, size: SIZE })],
    }),
    new Paragraph({
      spacing: { before: 200, after: 400 },
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 18, space: 4 } },
      tabStops: [{ type: 'right' as never, position: convertMillimetersToTwip(156) }],
      children: [new TextRun({ text: m.issuer, font: BODY, size: SIZE }), new TextRun({ text: `\t${day}`, font: BODY, size: SIZE })],
    }),
    body(
      `${day}，${m.chair.name}同志在${m.place}主持召开${m.title}（${m.kindName?.zh ?? '会议'}），研究了${m.agenda.map((t) => `${t.title}`).join('、') || '有关事项'}等${m.agenda.length}项议题。现将会议议定事项纪要如下：`,
    ),
  ];
  if (m.minutesSummary?.trim()) for (const para of m.minutesSummary.split(/\n+/).filter((p) => p.trim())) children.push(body(para.trim()));
  m.agenda.forEach((t, i) => {
    children.push(body(`${cn(i + 1)}、关于${t.title.replace(/^关于/, '')}`, { font: '黑体' }));
    const ds = m.decisions.filter((x) => x.topicId === t.id);
    if (!ds.length) children.push(body('会议听取了汇报，未形成议定事项。'));
    ds.forEach((x, j) => {
      const co = x.coUnits.length ? `，${x.coUnits.map((u) => u.name).join('、')}配合` : '';
      children.push(body(`（${cn(j + 1)}）${x.text}（${x.leadUnit.name}牵头${co}，${chineseDate(x.dueDate)}前完成）`));
    });
  });
  const present = m.attendees.filter((a) => a.attendance === 'expected');
  const excused = m.attendees.filter((a) => a.attendance === 'excused');
  children.push(new Paragraph({ spacing: { before: 400 }, children: [] }));
  children.push(body(`出席：${[m.chair.name, ...present.map((a) => a.name).filter((n) => n !== m.chair.name)].join('、')}`, { indent: false }));
  if (excused.length)
    children.push(body(`请假：${excused.map((a) => `${a.name}${a.excuseReason ? `（${a.excuseReason}）` : ''}`).join('、')}`, { indent: false }));
  children.push(
    new Paragraph({
      spacing: { before: 400 },
      border: {
        top: { color: '000000', style: BorderStyle.SINGLE, size: 6, space: 4 },
        bottom: { color: '000000', style: BorderStyle.SINGLE, size: 6, space: 4 },
      },
      children: [new TextRun({ text: `${m.issuer}秘书处                    ${day}印发`, font: BODY, size: 28 })],
    }),
  );
  const doc = new Document({
    creator: m.issuer,
    title: `${m.title}纪要`,
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
