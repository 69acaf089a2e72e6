/** DOCX in the national layout (GB/T 9704-2012) with the `docx` package. */
import { AlignmentType, BorderStyle, Document, DocumentGridType, Footer, Packer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';
import { RED, type LayoutModel } from './documents.layout.js';

const MM = 56.6929; // twips per mm
const twip = (mm: number) => Math.round(mm * MM);
const red = RED.slice(1);

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' };
const XBS = { ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', eastAsia: '方正小标宋简体' };
const HEITI = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体' };
const KAITI = { ascii: '楷体_GB2312', hAnsi: '楷体_GB2312', eastAsia: '楷体_GB2312' };
const SONGTI = { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' };

/** 3号 = 16 pt = 32 half-points; 2号 = 22 pt; 4号 = 14 pt. */
const run = (text: string, o: Partial<IRunOptions> = {}) => new TextRun({ text, font: FANGSONG, size: 32, ...o });
const blank = () => new Paragraph({ children: [run('')] });

/** Renders the layout as a .docx buffer. */
export async function renderDocx(m: LayoutModel): Promise<Buffer> {
  const children: Paragraph[] = [];
  if (m.copyNo) children.push(new Paragraph({ children: [run(m.copyNo, { font: HEITI })] }));
  if (m.secrecy) children.push(new Paragraph({ children: [run(m.secrecy, { font: HEITI })] }));
  if (m.urgency) children.push(new Paragraph({ children: [run(m.urgency, { font: HEITI })] }));
  // 发文机关标志: top edge 35 mm below the top of the 版心 (80 mm for 上行文)
  const used = (m.copyNo ? 1 : 0) + (m.secrecy ? 1 : 0) + (m.urgency ? 1 : 0);
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: Math.max(0, twip(m.upward ? 80 : 35) - used * 579), line: 1000, lineRule: 'exact' as never },
      children: [new TextRun({ text: m.issuer, font: XBS, size: 60, color: red, bold: true })],
    }),
  );
  children.push(blank());
  if (m.upward) {
    children.push(
      new Paragraph({
        tabStops: [{ type: 'right' as never, position: twip(156) - 320 }],
        indent: { left: 320 },
        children: [run(m.docNo ?? ''), run('\t签发人：'), run(m.signerName ?? '', { font: KAITI })],
      }),
    );
  } else children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(m.docNo ?? '')] }));
  // 红色分隔线: 4 mm under the 发文字号, as wide as the 版心
  children.push(
    new Paragraph({
      spacing: { before: 0, after: 0, line: twip(4), lineRule: 'exact' as never },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: red, space: 0 } },
      children: [],
    }),
  );
  children.push(blank());
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: 'atLeast' as never },
      children: [new TextRun({ text: m.title, font: XBS, size: 44 })],
    }),
  );
  children.push(blank());
  if (m.mainTo) children.push(new Paragraph({ children: [run(m.mainTo)] }));
  for (const p of m.paragraphs) {
    children.push(
      new Paragraph({
        alignment: p.align === 'center' ? AlignmentType.CENTER : p.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
        indent: p.align ? undefined : { firstLine: 640 },
        children: p.runs.map((r) =>
          run(r.text, { bold: r.bold, italics: r.italics, underline: r.underline ? {} : undefined, ...(p.heading ? { font: HEITI } : {}) }),
        ),
      }),
    );
  }
  if (m.attachments.length) {
    children.push(blank());
    m.attachments.forEach((a, i) => {
      const text = `${i === 0 ? '附件：' : ''}${m.attachments.length > 1 ? `${i + 1}．` : ''}${a.replace(/^\d+[.．、]\s*/, '')}`;
      children.push(new Paragraph({ indent: { left: 640 + (i === 0 ? 0 : 960) }, children: [run(text)] }));
    });
  }
  children.push(blank(), blank());
  if (m.signature) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(m.signature)] }));
  if (m.date) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(m.date)] }));
  if (m.note) children.push(new Paragraph({ indent: { left: 640 }, children: [run(`（${m.note}）`)] }));
  if (m.cc || m.printOrgan) {
    children.push(blank());
    const small = (t: string) => new TextRun({ text: t, font: FANGSONG, size: 28 });
    const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
    const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
    if (m.cc) children.push(new Paragraph({ indent: { left: 280, right: 280 }, border: { top: thick, bottom: thin }, children: [small(`抄送：${m.cc}`)] }));
    children.push(
      new Paragraph({
        indent: { left: 280, right: 280 },
        tabStops: [{ type: 'right' as never, position: twip(156) - 560 }],
        border: { bottom: thick, ...(m.cc ? {} : { top: thick }) },
        children: [small(m.printOrgan ?? ''), small(`\t${m.printDate ?? ''}`)],
      }),
    );
  }
  const pageNo = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }) =>
    new Footer({
      children: [new Paragraph({ alignment, indent, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: 28 })] })],
    });
  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FANGSONG, size: 32 } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: twip(37), bottom: twip(35), left: twip(28), right: twip(26), footer: twip(28) - 300 } },
          // 22 lines × 28 characters: line pitch 225 mm / 22 = 28.95 pt; characters pitched to 156 mm / 28
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: 579, charSpace: -842 },
        },
        footers: { default: pageNo(AlignmentType.RIGHT, { right: 280 }), even: pageNo(AlignmentType.LEFT, { left: 280 }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
