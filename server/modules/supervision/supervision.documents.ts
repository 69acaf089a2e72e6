/** Official-style DOCX of 督查督办: the 督办通知 and the 定期分类汇总分析 (docx 9.5). */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { chineseDate } from '../../platform/chinese-text.js';

const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun' } as const;
const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong' } as const;
const HEI_FONT = { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei' } as const;
const RED = 'C00000';
// 三号 = 16pt = 32 half-points; 二号 = 22pt = 44; 小初 = 36pt = 72
const SIZE_BODY = 32;

function body(
  text: string,
  opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: typeof BODY_FONT | typeof HEI_FONT } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: opts.font ?? BODY_FONT, size: SIZE_BODY })],
  });
}

function redHeader(office: string, docName: string, number: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: `${office}${docName}`, font: TITLE_FONT, size: 72, color: RED, bold: false })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: number, font: BODY_FONT, size: SIZE_BODY })] }),
    // the red separator line (红色分隔线) under the 发文字号
    new Paragraph({ border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 18, space: 1 } }, spacing: { after: 400 }, children: [] }),
  ];
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: bold ? HEI_FONT : BODY_FONT, size: 24 })] })],
  });
}

function table(head: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

function doc(children: (Paragraph | Table)[]): Promise<Buffer> {
  const d = new Document({
    creator: '中枢',
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_BODY } } } },
    // GB/T 9704 page: A4, margins 37/35/28/26 mm
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(d);
}

/** What the 督办通知 says. */
export interface NoticeData {
  number: string;
  title: string;
  requirement: string;
  sourceText: string;
  instruction: string | null;
  deadline: string;
  cadenceText: string;
  closingCriteria: string;
  tasks: { unit: string; lead: boolean; person: string; deadline: string }[];
  date: string;
  office: string;
}

/** 督办通知: red header 督查室 / 督办通知, number, title, addressees, body, task table, signature and date. */
export function renderNotice(n: NoticeData): Promise<Buffer> {
  const addressees = n.tasks.map((t) => t.unit).join('、');
  return doc([
    ...redHeader(n.office, '督办通知', n.number),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 700 },
      children: [new TextRun({ text: `关于${n.title}的督办通知`, font: TITLE_FONT, size: 44 })],
    }),
    body(`${addressees}：`, { indent: false }),
    body(`根据${n.sourceText}，现将“${n.title}”列入督查督办事项（${n.number}），请认真抓好落实。`),
    ...(n.instruction ? [body(`领导批示：${n.instruction}`)] : []),
    body(`一、工作要求。${n.requirement}`),
    body(`二、办理时限。请于${chineseDate(n.deadline)}前办结，${n.cadenceText}。确需延期的，须在时限届满前提出延期申请，说明理由。`),
    body(`三、办结标准。${n.closingCriteria}`),
    body('四、责任分工。', { font: HEI_FONT }),
    table(
      ['责任单位', '分工', '责任人', '时限'],
      n.tasks.map((t) => [t.unit, t.lead ? '牵头' : '协办', t.person, chineseDate(t.deadline)]),
    ),
    body(''),
    body(`${n.office}`, { align: AlignmentType.RIGHT, indent: false }),
    body(chineseDate(n.date), { align: AlignmentType.RIGHT, indent: false }),
  ]);
}

/** What the 定期分类汇总分析 covers. */
export interface SummaryData {
  from: string;
  to: string;
  date: string;
  office: string;
  totals: { items: number; closed: number; overdue: number; onTimeRate: string; extensions: number; returns: number };
  bySource: { source: string; count: number; closed: number }[];
  byUnit: { unit: string; assigned: number; closed: number; onTimeRate: string; overdue: number }[];
  overdue: { number: string; title: string; unit: string; deadline: string }[];
}

/** 定期分类汇总分析: totals, by source, by unit, and the overdue list. */
export function renderSummary(s: SummaryData): Promise<Buffer> {
  return doc([
    ...redHeader(s.office, '督查专报', `${chineseDate(s.from)}至${chineseDate(s.to)}`),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [new TextRun({ text: '督查督办事项定期分类汇总分析', font: TITLE_FONT, size: 44 })],
    }),
    body(
      `${chineseDate(s.from)}至${chineseDate(s.to)}，共立项督查事项${s.totals.items}件，已办结${s.totals.closed}件，当前超期未办结任务${s.totals.overdue}项，按时办结率${s.totals.onTimeRate}；期间申请延期${s.totals.extensions}次，审核退回${s.totals.returns}次。`,
    ),
    body('一、按来源分类', { font: HEI_FONT }),
    table(
      ['来源', '立项', '办结'],
      s.bySource.map((r) => [r.source, String(r.count), String(r.closed)]),
    ),
    body('二、按责任单位分类', { font: HEI_FONT }),
    table(
      ['责任单位', '交办任务', '办结', '按时办结率', '当前超期'],
      s.byUnit.map((r) => [r.unit, String(r.assigned), String(r.closed), r.onTimeRate, String(r.overdue)]),
    ),
    body('三、超期未办结事项', { font: HEI_FONT }),
    ...(s.overdue.length
      ? [
          table(
            ['编号', '事项', '责任单位', '时限'],
            s.overdue.map((o) => [o.number, o.title, o.unit, chineseDate(o.deadline)]),
          ),
        ]
      : [body('无。')]),
    body(''),
    body(s.office, { align: AlignmentType.RIGHT, indent: false }),
    body(chineseDate(s.date), { align: AlignmentType.RIGHT, indent: false }),
  ]);
}
