/**
 * DOCX in the national layout (GB/T 9704-2012) with the `docx` package, from the same `GBT9704` table
 * and the same typesetter decisions as the PDF: a Normal style of 3号仿宋 on an exact 22-line pitch,
 * 28 characters a line (character spacing, no reliance on a character grid), the 版头 at its
 * millimetres as exact-height paragraphs, the 版记 as a table ending at the foot of the last
 * (even) page, page numbers in odd/even footers. The fonts are named as the standard asks; an office
 * without them sees its own substitutes (仿宋_GB2312 → FangSong → FandolFang on Linux through fontconfig).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  HeightRule,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import JSZip from 'jszip';
import { GBT9704, GRID, ptToMm } from './documents.gbt9704.js';
import type { LayoutModel } from './documents.layout.js';
import { RECORD_ROOM, headingLevel, textCells, typeset } from './documents.typeset.js';

const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
const red = GBT9704.red.slice(1);
const { top: TOP, left: LEFT, right: RIGHT, bottom: BOTTOM } = GBT9704.margin;
const W = GBT9704.block.width;
const PITCH_TW = Math.floor(twip(GBT9704.block.height) / GBT9704.linesPerPage);
const CELL_TW = twip(GRID.charPitch);

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' };
const XBS = { ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', eastAsia: '方正小标宋简体' };
const HEITI = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体' };
const KAITI = { ascii: '楷体_GB2312', hAnsi: '楷体_GB2312', eastAsia: '楷体_GB2312' };
const SONGTI = { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' };

/** Simplified Chinese text: an editor without the named font falls back to a Chinese (not a Japanese) one. */
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' };

/**
 * The font table: each font the layout names, with its Windows alternative (w:altName, which Word and WPS use
 * when the GB2312-era name is not installed), its family, pitch and GB2312 character set.
 */
const FONT_TABLE: { name: string; alt: string; family: 'roman' | 'modern' | 'swiss' }[] = [
  { name: '仿宋_GB2312', alt: '仿宋', family: 'modern' },
  { name: '方正小标宋简体', alt: '宋体', family: 'roman' },
  { name: '黑体', alt: 'SimHei', family: 'modern' },
  { name: '楷体_GB2312', alt: '楷体', family: 'modern' },
  { name: '宋体', alt: 'SimSun', family: 'roman' },
];
const fontTableXml = (xml: string): string =>
  xml.replace(
    /<w:fonts([^>]*?)\/>|<w:fonts([^>]*)>[\s\S]*<\/w:fonts>/,
    (_m, a: string | undefined, b: string | undefined) =>
      `<w:fonts${a ?? b ?? ''}>${FONT_TABLE.map(
        (f) =>
          `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
      ).join('')}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`,
  );

/** Character spacing (twentieths of a point) that fits 28 characters of 3号 into the 156 mm line. */
const SQUEEZE = Math.floor((GRID.charPitch / ptToMm(1) - GBT9704.pt.body) * 20 - 0.5);

const run = (text: string, o: Partial<IRunOptions> = {}) => new TextRun({ text, font: FANGSONG, size: GBT9704.pt.body * 2, characterSpacing: SQUEEZE, ...o });
/** A paragraph of exact height `mm` (a gap, or a line holding `children`). */
const exact = (mm: number, children: TextRun[] = [], o: Record<string, unknown> = {}) =>
  new Paragraph({
    spacing: { before: 0, after: 0, line: Math.max(2, twip(mm)), lineRule: 'exact' as never },
    children,
    ...o,
  });
/** The footer's distance from the paper's foot; page numbers and the 信函 lower rules stand on spacers above it. */
const FOOTER = 8;
/** A rule as wide as the text area (or `indent`): the top border of an empty exact-height paragraph. */
const bar = (mm: number, color: string, indent?: { left: number; right: number }) =>
  exact(mm, [new TextRun({ text: '', size: 2 })], {
    border: { top: { style: BorderStyle.SINGLE, size: Math.round((mm / ptToMm(1)) * 8), color, space: 0 } },
    indent,
  });

type Meta = ReturnType<typeof typeset>['meta'];
type Block = Paragraph | Table;

/** The document's body being built: its blocks and, for the 版头, the cursor (mm from the paper's top). */
class Flow {
  readonly children: Block[] = [];
  cursor: number = TOP;

  /** An exact-height gap down to `y`. */
  gapTo(y: number): void {
    if (y - this.cursor > 0.05) this.children.push(exact(y - this.cursor));
    this.cursor = Math.max(this.cursor, y);
  }

  /** A line of height `h` at `top`. */
  line(top: number, h: number, runs: TextRun[], o: Record<string, unknown> = {}): void {
    this.gapTo(top);
    this.children.push(exact(h, runs, o));
    this.cursor = top + h;
  }
}

/** Renders the layout as a .docx buffer. */
export async function renderDocx(m: LayoutModel): Promise<Buffer> {
  const { meta } = typeset(m, m.format);
  const letter = m.format === 'letter';
  const flow = new Flow();
  const marks = [m.copyNo, m.secrecy, m.urgency].filter((s): s is string => !!s);
  const first: { header?: Header; footer?: Footer } = letter ? letterHead(flow, m, meta, marks) : {};
  if (!letter) redHead(flow, m, meta, marks);
  titleLines(flow, meta);
  const children = flow.children;
  bodyText(children, m);
  // a blank page before the 版记 page: both in a section of their own, without page numbers (7.5)
  const unnumbered = meta.recordPage > meta.textEndPage + 1 && !meta.numbered[meta.recordPage];
  const tail: Block[] = [];
  record(unnumbered ? tail : children, m, meta, letter, unnumbered);
  return unsnapped(await Packer.toBuffer(documentOf(children, meta, letter, first, unnumbered ? tail : null)));
}

/** 信函格式: 标志 30 mm from the paper's top and both red double rules live in the first page's header and footer. */
function letterHead(flow: Flow, m: LayoutModel, meta: Meta, marks: string[]): { header: Header; footer: Footer } {
  const pitch = GRID.linePitch;
  const L = GBT9704.letter;
  const issuerEm = ptToMm(meta.issuerPt);
  const ruleIndent = { left: twip((L.ruleWidth - W) / -2), right: twip((L.ruleWidth - W) / -2) };
  const header = new Header({
    children: [
      exact(issuerEm * 1.2, [new TextRun({ text: m.issuer, font: XBS, size: meta.issuerPt * 2, color: red })], { alignment: AlignmentType.CENTER }),
      exact(meta.ruleTop - (meta.issuerTop + issuerEm * 1.1)),
      bar(L.thick, red, ruleIndent),
      exact(L.gap),
      bar(L.thin, red, ruleIndent),
    ],
  });
  const footer = new Footer({
    children: [bar(L.thin, red, ruleIndent), exact(L.gap), bar(L.thick, red, ruleIndent), exact(L.lowerRuleFromBottom - FOOTER - L.thick)],
  });
  const rows = Math.max(marks.length, 1);
  for (let i = 0; i < rows; i++) {
    const runs = marks[i] ? [run(marks[i]!, { font: HEITI })] : [];
    if (i === 0 && m.docNo) runs.push(run(`\t${m.docNo}`));
    flow.line(meta.docNoTop + i * pitch, pitch, runs, { tabStops: [{ type: 'right' as never, position: twip(W) }] });
  }
  return { header, footer };
}

/** The 版头 of the 文件格式: marks, the red 发文机关标志, 发文字号 (and 签发人), the red rule. */
function redHead(flow: Flow, m: LayoutModel, meta: Meta, marks: string[]): void {
  const pitch = GRID.linePitch;
  marks.forEach((s, i) => flow.line(TOP + i * pitch, pitch, [run(s, { font: HEITI })]));
  const issuerEm = ptToMm(meta.issuerPt);
  flow.line(meta.issuerTop - issuerEm * 0.1, issuerEm * 1.2, [new TextRun({ text: m.issuer, font: XBS, size: meta.issuerPt * 2, color: red })], {
    alignment: AlignmentType.CENTER,
  });
  if (m.upward) {
    flow.line(meta.docNoTop, pitch, [run(m.docNo ?? ''), run('\t签发人：'), run(m.signerName ?? '', { font: KAITI })], {
      tabStops: [{ type: 'right' as never, position: twip(W) - CELL_TW }],
      indent: { left: CELL_TW },
    });
  } else flow.line(meta.docNoTop, pitch, [run(m.docNo ?? '')], { alignment: AlignmentType.CENTER });
  flow.gapTo(meta.ruleTop + DOCX_TEXT_DROP);
  flow.children.push(bar(GBT9704.redRule.thickness, red));
  flow.cursor += GBT9704.redRule.thickness;
}

/** 标题: the typesetter's lines (words kept whole), one paragraph with line breaks; then down to the text. */
function titleLines(flow: Flow, meta: Meta): void {
  const pitch = GRID.linePitch;
  flow.gapTo(meta.titleTop);
  if (!meta.titleLines.length) return flow.gapTo(meta.flowTop);
  flow.children.push(
    exact(
      pitch,
      meta.titleLines.map((l, i) => new TextRun({ text: l, font: XBS, size: GBT9704.pt.title * 2, break: i ? 1 : 0 })),
      { alignment: AlignmentType.CENTER },
    ),
  );
  flow.cursor += pitch * meta.titleLines.length;
  flow.gapTo(meta.flowTop);
}

/** A paragraph of the text on the 22-line pitch. */
const body = (runs: TextRun[], o: Record<string, unknown> = {}) =>
  new Paragraph({
    spacing: { before: 0, after: 0, line: PITCH_TW, lineRule: 'exact' as never },
    alignment: AlignmentType.JUSTIFIED,
    widowControl: false,
    children: runs,
    ...o,
  });

/** 主送机关, the paragraphs, 附件说明, 署名, 成文日期 and 附注. */
function bodyText(children: Block[], m: LayoutModel): void {
  if (m.mainTo) children.push(body([run(m.mainTo)]));
  for (const p of m.paragraphs) {
    const text = p.runs.map((r) => r.text).join('');
    const level = p.level || headingLevel(text);
    const levelFont = level === 1 ? HEITI : level === 2 ? KAITI : FANGSONG;
    let runs: TextRun[];
    if (p.level) runs = [run(text, { font: levelFont })];
    else if (level) {
      const end = text.indexOf('。');
      const head = end >= 0 ? text.slice(0, end + 1) : text;
      runs = [run(head, { font: levelFont }), ...(text.length > head.length ? [run(text.slice(head.length))] : [])];
    } else runs = p.runs.map((r) => run(r.text, { underline: r.underline ? {} : undefined }));
    children.push(body(runs, p.align === 'center' ? { alignment: AlignmentType.CENTER } : { indent: { firstLine: 2 * CELL_TW } }));
  }
  if (m.attachments.length) {
    children.push(body([]));
    m.attachments.forEach((a, i) => {
      const no = m.attachments.length > 1 ? `${i + 1}.` : '';
      const lead = `${i === 0 ? '附件：' : ''}${no}`;
      const start = 2 + (i === 0 ? 0 : 3);
      const hang = start + textCells(lead);
      children.push(
        body([run(`${lead}${a.replace(/^\d+[.．、]\s*/, '')}`)], {
          indent: { left: Math.round(hang * CELL_TW), hanging: Math.round((hang - start) * CELL_TW) },
        }),
      );
    });
  }
  // 纪要: 出席、请假、列席 one blank line below the text, 左空二字 in 黑体, the names aligned after the colon
  if (m.attendance?.length) {
    children.push(body([]));
    const left = GBT9704.minutes.labelLeftChars;
    for (const a of m.attendance)
      children.push(body([run(`${a.label}：`, { font: HEITI }), run(a.text)], { indent: { left: (left + 3) * CELL_TW, hanging: 3 * CELL_TW } }));
  }
  if (!m.signature && !m.date && !m.note) return;
  // 署名 centred over the 成文日期 (右空四字); kept with the last lines of text
  const keep = { keepNext: true, keepLines: true };
  children.push(body([], keep), body([], keep));
  const cells = textCells;
  // tab stops, measured from the margin in every editor: the date's right edge 4 characters in, the 署名 centred on the date
  const dateRight = (GBT9704.charsPerLine - GBT9704.dateRightChars) * CELL_TW;
  const dateCentre = dateRight - (m.date ? (cells(m.date) * CELL_TW) / 2 : 0);
  if (m.signature)
    children.push(
      body([run(`\t${m.signature}`)], {
        alignment: AlignmentType.LEFT,
        tabStops: [{ type: (m.date ? 'center' : 'right') as never, position: Math.round(m.date ? dateCentre : dateRight) }],
        ...keep,
      }),
    );
  if (m.date)
    children.push(body([run(`\t${m.date}`)], { alignment: AlignmentType.LEFT, tabStops: [{ type: 'right' as never, position: dateRight }], keepLines: true }));
  if (m.note) children.push(body([run(`（${m.note}）`)], { indent: { left: GBT9704.noteLeftChars * CELL_TW } }));
}

/**
 * 版记: a table in the text flow whose last rule lands on the foot of the 版心 of the typesetter's (even)
 * last page — an exact-height spacer fills the page down to it (word processors place floating tables as
 * wide as the text area inline, at the top of the page). A hair of slack keeps the closing paragraph mark
 * that must follow a table on the page.
 */
function record(children: Block[], m: LayoutModel, meta: Meta, letter: boolean, newSection: boolean): void {
  const rows = recordRows(m, meta, letter);
  if (!rows.length) return;
  const pages = meta.recordPage - meta.textEndPage;
  // blank pages before the 版记's (a new section starts on a new page itself: its first paragraph holds the page)
  for (let i = 0; i < pages - 1; i++) children.push(new Paragraph({ pageBreakBefore: !(newSection && i === 0), children: [] }));
  const from = pages > 0 ? TOP : meta.textEndY;
  children.push(exact(meta.recordTop - from - RECORD_SLACK, [], pages > 0 ? { pageBreakBefore: true } : {}));
  const eighths = (mm: number) => Math.round((mm / ptToMm(1)) * 8);
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const outer = letter ? none : { style: BorderStyle.SINGLE, size: eighths(GBT9704.record.outer), color: '000000' };
  const inner = letter ? none : { style: BorderStyle.SINGLE, size: eighths(GBT9704.record.inner), color: '000000' };
  children.push(
    new Table({
      width: { size: twip(W), type: WidthType.DXA },
      columnWidths: !letter && (m.printOrgan || m.printDate) ? [twip(W / 2), twip(W / 2)] : [twip(W)],
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      borders: { top: outer, bottom: outer, insideHorizontal: inner, left: none, right: none, insideVertical: none },
      rows,
    }),
  );
  children.push(exact(0.05, [new TextRun({ text: '', size: 2 })]));
}

/** Millimetres the 版记 table ends above the foot of the 版心: room for the paragraph mark after it and the rules' width. */
const RECORD_SLACK = RECORD_ROOM - 0.2;

/** The rows of the 版记: 抄送机关, then 印发机关 and 印发日期. */
function recordRows(m: LayoutModel, meta: Meta, letter: boolean): TableRow[] {
  const pitch = GRID.linePitch;
  const recEmTw = twip(GRID.recordEm);
  const small = (t: string) => new TextRun({ text: t, font: FANGSONG, size: GBT9704.pt.record * 2 });
  const rows: TableRow[] = [];
  const rowH = twip(pitch);
  if (m.cc)
    rows.push(
      new TableRow({
        height: { value: rowH * meta.ccLines.length, rule: HeightRule.EXACT },
        children: [
          new TableCell({
            width: { size: twip(W), type: WidthType.DXA },
            columnSpan: !letter && (m.printOrgan || m.printDate) ? 2 : 1,
            children: [
              new Paragraph({
                spacing: { line: rowH, lineRule: 'exact' as never },
                alignment: AlignmentType.JUSTIFIED,
                indent: { left: recEmTw * 4, right: recEmTw, hanging: recEmTw * 3 },
                children: [small(`${m.ccLabel ?? '抄送'}：${m.cc}`)],
              }),
            ],
          }),
        ],
      }),
    );
  if (!letter && (m.printOrgan || m.printDate))
    rows.push(
      new TableRow({
        height: { value: rowH, rule: HeightRule.EXACT },
        children: [
          new TableCell({
            width: { size: twip(W / 2), type: WidthType.DXA },
            children: [
              new Paragraph({
                spacing: { line: rowH, lineRule: 'exact' as never },
                indent: { left: recEmTw },
                children: [small(m.printOrgan ?? '')],
              }),
            ],
          }),
          new TableCell({
            width: { size: twip(W / 2), type: WidthType.DXA },
            children: [
              new Paragraph({
                spacing: { line: rowH, lineRule: 'exact' as never },
                alignment: AlignmentType.RIGHT,
                indent: { right: recEmTw },
                children: [small(m.printDate ?? '')],
              }),
            ],
          }),
        ],
      }),
    );
  return rows;
}

/** 页码: 「— n —」 4号宋体, the dash's top 7 mm below the 版心; odd pages right, even left, one character in. */
function pageNo(alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }): Footer {
  const pageNoEmTop = GRID.blockBottom + GBT9704.pageNo.below - DOCX_DASH_TOP * GRID.pageNoEm;
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent,
        spacing: { line: twip(GRID.pageNoEm), lineRule: 'exact' as never },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: GBT9704.pt.pageNo * 2 })],
      }),
      exact(GBT9704.page.height - FOOTER - pageNoEmTop - GRID.pageNoEm),
    ],
  });
}

/** The document: styles, the A4 page and its margins, the grid, headers and footers around `children`. */
function documentOf(children: Block[], meta: Meta, letter: boolean, first: { header?: Header; footer?: Footer }, tail: Block[] | null): Document {
  const page = {
    size: { width: twip(GBT9704.page.width), height: twip(GBT9704.page.height) },
    margin: {
      top: twip(TOP),
      bottom: twip(BOTTOM),
      left: twip(LEFT),
      right: twip(RIGHT),
      header: twip(letter ? meta.issuerTop - ptToMm(meta.issuerPt) * 0.1 : 15),
      footer: twip(FOOTER),
    },
  };
  // the 22-line pitch of the standard, declared for the editor; the paragraphs keep off the grid (see `unsnapped`) and
  // 28 characters a line come from the character spacing (LibreOffice's character grid would allow 27)
  const grid = { type: DocumentGridType.LINES, linePitch: PITCH_TW };
  const none = {
    footers: { default: new Footer({ children: [] }), even: new Footer({ children: [] }) },
    headers: { default: new Header({ children: [] }), even: new Header({ children: [] }) },
  };
  return new Document({
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: FANGSONG, size: GBT9704.pt.body * 2, language: LANGUAGE } } },
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: FANGSONG, size: GBT9704.pt.body * 2, language: LANGUAGE },
          paragraph: { spacing: { before: 0, after: 0, line: PITCH_TW, lineRule: 'exact' as never } },
        },
      ],
    },
    sections: [
      {
        properties: { titlePage: letter, page, grid },
        headers: first.header ? { default: new Header({ children: [] }), even: new Header({ children: [] }), first: first.header } : undefined,
        footers: {
          default: pageNo(AlignmentType.RIGHT, { right: twip(GRID.pageNoEm) }),
          even: pageNo(AlignmentType.LEFT, { left: twip(GRID.pageNoEm) }),
          ...(first.footer ? { first: first.footer } : {}),
        },
        children,
      },
      ...(tail ? [{ properties: { type: SectionType.NEXT_PAGE, page, grid }, ...none, children: tail }] : []),
    ],
  });
}

/**
 * Every paragraph leaves the document grid (`w:snapToGrid w:val="0"`): the grid is declared for
 * the editor (28×22), while exact line heights and character spacing place the text — so Word, WPS
 * and LibreOffice (whose text grid would round each line up to the pitch) lay it out alike.
 */
async function unsnapped(buf: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    const fixed = xml.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (_m, inner: string) => {
      const at = inner.search(/<w:(spacing|ind|contextualSpacing|mirrorIndents|jc|textDirection|textAlignment|outlineLvl|rPr|sectPr)\b/);
      const i = at < 0 ? inner.length : at;
      // 中西文间距 as the editors set it by default (a fifth of an em, which the typesetter follows): no w:autoSpaceDN="0"
      const strip = (x: string) => x.replace(/<w:autoSpaceD[EN] [^>]*\/>/g, '');
      return `<w:pPr>${strip(inner.slice(0, i))}<w:snapToGrid w:val="0"/>${strip(inner.slice(i))}</w:pPr>`;
    });
    zip.file(name, fixed);
  }
  const fonts = zip.file('word/fontTable.xml');
  if (fonts) zip.file('word/fontTable.xml', fontTableXml(await fonts.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** How much lower than centred a word processor sets text in an exact-height line (mm, LibreOffice 7.4 measured). */
const DOCX_TEXT_DROP = 1.1;

/** Where the ink of 「—」 begins below the top of its exact-height footer line, as a fraction of the em (calibrated in LibreOffice). */
const DOCX_DASH_TOP = 0.42;
