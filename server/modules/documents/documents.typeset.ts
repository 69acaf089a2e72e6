/**
 * 排版: places every character of a 公文 on the pages of GB/T 9704-2012 (the `GBT9704` table):
 * lines of 28 characters on a 22-line grid, 避头尾 at line breaks, headings 一、黑体 （一）楷体,
 * the 版头 by the millimetre, 署名/成文日期/附注, 版记 at the foot of the last (even) page and the
 * page numbers. Pure: the PDF draws its output, the test measures against the same table.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { GBT9704, GRID, ptToMm, type FontRole } from './documents.gbt9704.js';
import type { LayoutModel } from './documents.layout.js';

/** One character at its place: `x` from the page's left edge, `y` the top of its em box, in mm. */
export interface Glyph {
  ch: string;
  x: number;
  y: number;
  pt: number;
  role: FontRole;
  red?: boolean;
}
/** A filled rectangle (rules). */
export interface Rule {
  x: number;
  y: number;
  w: number;
  h: number;
  red?: boolean;
}
/** One page. */
export interface TypesetPage {
  glyphs: Glyph[];
  rules: Rule[];
}

type Cell = { ch: string; role: FontRole; squeeze?: boolean };
type FlowLine = { cells: { ch: string; role: FontRole; x: number }[]; group?: number; blank?: boolean };

const { top: TOP, left: LEFT } = GBT9704.margin;
const W = GBT9704.block.width;
const PITCH = GRID.linePitch;
const CELL = GRID.charPitch;
const NO_START = new Set('，。、；：？！）》」』”’…—%·．,.;:?!)]』〕】');
const NO_END = new Set('（《「『“‘〔【([');

/** Width of a character in cells of its size: half-width ASCII, full-width everything else. */
const width = (ch: string) => (ch.charCodeAt(0) < 0x7f ? 0.5 : 1);
const cellWidth = (c: Cell) => (c.squeeze ? 0.5 : width(c.ch));

/**
 * 中西文间距: a fifth of an em between Chinese characters and Latin letters or digits, as word processors set it
 * (LibreOffice always; Word and WPS by default) — so the PDF breaks lines where the DOCX does.
 */
export const AUTOSPACE_EM = 0.2;
const latin = (ch: string) => /^[A-Za-z0-9]$/.test(ch);
/** Kana and ideographs — not CJK punctuation (〔〕，：), beside which no space is added. */
const cjk = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c >= 0x20000;
};
/** The space between two neighbouring characters, in ems of their size. */
export const kern = (a: string | undefined, b: string): number => (a !== undefined && ((latin(a) && cjk(b)) || (cjk(a) && latin(b))) ? AUTOSPACE_EM : 0);
/** The kern in body cells. */
const kernCells = (a: string | undefined, b: string) => (kern(a, b) * GRID.bodyEm) / CELL;
/** The width of a run of cells, kerns included. */
const lineWidth = (cells: Cell[]) => cells.reduce((s, c, i) => s + cellWidth(c) + (i ? kernCells(cells[i - 1]!.ch, c.ch) : 0), 0);
/** The width of a text in cells, kerns included. */
export const textCells = (text: string): number => lineWidth(cellsOf(text, 'fangsong'));

/**
 * How far (cells) a line may run over before it breaks: a word processor sets each character a hair narrower
 * than the cell (the DOCX's character spacing fits 28 characters in slightly less than 156 mm), so a line that
 * overruns by less than this fits there; here it is set a little tighter.
 */
const FIT = 0.05;

/** Breaks cells into lines of `first` then `rest` cells, keeping 避头尾. */
export function breakCells(cells: Cell[], first: number, rest: number): Cell[][] {
  const lines: Cell[][] = [];
  let cur: Cell[] = [];
  let used = 0;
  for (const c of cells) {
    const cap = lines.length === 0 ? first : rest;
    const w = width(c.ch) + (cur.length ? kernCells(cur[cur.length - 1]!.ch, c.ch) : 0);
    if (used + w > cap + 1e-9 && NO_START.has(c.ch) && w === 1 && used + 0.5 > cap + 1e-9) {
      // a full line: squeeze an earlier mark of it to make room (as word processors do)
      const mark = cur.find((x) => NO_START.has(x.ch) && width(x.ch) === 1 && !x.squeeze);
      if (mark && used <= cap + 1e-9) {
        mark.squeeze = true;
        used -= 0.5;
      }
    }
    if (used + w > cap + 1e-9 && used + 0.5 <= cap + 1e-9 && NO_START.has(c.ch) && w === 1) {
      // 标点挤压: a closing mark that would start the next line is set in half a cell at the end of this one
      cur.push({ ...c, squeeze: true });
      used += 0.5;
      continue;
    }
    if (used + w > cap + FIT && cur.length) {
      // 避头尾: a closing mark never starts a line, an opening one never ends it — carry one character down
      let carry: Cell[] = [];
      if (NO_START.has(c.ch) && cur.length > 1) carry = cur.splice(-1);
      // a Latin word or a number (3000, 2026) is never split: it goes down whole, as word processors wrap it
      if (latin(c.ch)) while (cur.length > 1 && latin(cur[cur.length - 1]!.ch)) carry = [...cur.splice(-1), ...carry];
      while (cur.length > 1 && NO_END.has(cur[cur.length - 1]!.ch)) carry = [...cur.splice(-1), ...carry];
      lines.push(cur);
      cur = carry;
      for (const x of carry) delete x.squeeze;
      used = lineWidth(carry);
    }
    cur.push(c);
    used += w;
  }
  if (cur.length) lines.push(cur);
  return lines;
}

/** Places a line's cells from `x0` (cells); justified lines spread to `cap` cells. */
function place(line: Cell[], x0: number, cap: number, justify: boolean): FlowLine['cells'] {
  const used = lineWidth(line);
  // justified: spread to the full line (or, within FIT, tightened to it)
  const gap = line.length > 1 && (justify || used > cap) ? (cap - used) / (line.length - 1) : 0;
  let x = x0;
  return line.map((c, i) => {
    if (i) x += kernCells(line[i - 1]!.ch, c.ch);
    const out = { ch: c.ch, role: c.role, x: x * CELL };
    x += cellWidth(c) + gap;
    return out;
  });
}

/** A paragraph: first line indented `indent`, the others start at `hang`; all lines justified but the last. */
function paragraph(cells: Cell[], indent: number, hang: number, right = 0): FlowLine[] {
  const cap = GBT9704.charsPerLine - right;
  const lines = breakCells(cells, cap - indent, cap - hang);
  return lines.map((l, i) => ({ cells: place(l, i === 0 ? indent : hang, cap - (i === 0 ? indent : hang), i < lines.length - 1) }));
}

const cellsOf = (text: string, role: FontRole): Cell[] => [...text].map((ch) => ({ ch, role }));

/** 层次序数: 一、 （一） 1. （1） → level 1–4 (0: body text). */
export function headingLevel(text: string): 0 | 1 | 2 | 3 | 4 {
  if (/^[一二三四五六七八九十]+、/.test(text)) return 1;
  if (/^（[一二三四五六七八九十]+）/.test(text)) return 2;
  if (/^\d+[.．]/.test(text)) return 3;
  if (/^（\d+）/.test(text)) return 4;
  return 0;
}
const LEVEL_ROLE: Record<number, FontRole> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

let jieba: Jieba | null = null;
/** Title lines: words kept whole, each line at most `max` cells, shaped as a 梯形 (upper lines longer) or 菱形. */
export function breakTitle(title: string, max: number): string[] {
  const total = [...title].length;
  if (total <= max) return [title];
  jieba ??= Jieba.withDict(dict);
  const words = jieba.cut(title, true);
  const n = Math.ceil(total / max);
  const bounds: number[] = [];
  let acc = 0;
  for (const w of words.slice(0, -1)) bounds.push((acc += [...w].length));
  let best: { lines: string[]; score: number } | null = null;
  const chars = [...title];
  const tryCuts = (cuts: number[]) => {
    const edges = [0, ...cuts, total];
    const lens = edges.slice(1).map((e, i) => e - edges[i]!);
    if (lens.some((l) => l > max || l === 0)) return;
    // 梯形: each line no shorter than the next; 菱形 (three lines): the middle longest
    const trapezoid = lens.every((l, i) => i === 0 || lens[i - 1]! >= l);
    const diamond = lens.length === 3 && lens[1]! >= lens[0]! && lens[1]! >= lens[2]!;
    const spread = Math.max(...lens) - Math.min(...lens);
    const score = spread + (trapezoid ? 0 : diamond ? 1 : 100);
    if (!best || score < best.score) best = { lines: lens.map((_, i) => chars.slice(edges[i], edges[i + 1]).join('')), score };
  };
  if (n === 2) for (const b of bounds) tryCuts([b]);
  else for (const a of bounds) for (const b of bounds) if (b > a) tryCuts([a, b]);
  return (best as { lines: string[] } | null)?.lines ?? [title.slice(0, max), title.slice(max)];
}

/** Where the typesetter put the parts of a page (mm from the page top) — the DOCX writer follows it. */
export interface TypesetMeta {
  issuerPt: number;
  issuerTop: number;
  docNoTop: number;
  ruleTop: number;
  titleLines: string[];
  titleTop: number;
  /** Top of the first line after the title (主送机关 or the body). */
  flowTop: number;
  /** The page (0-based) of the 版记 and the page the text ends on. */
  recordPage: number;
  textEndPage: number;
  /** The top of the line after the text's last line, on `textEndPage`. */
  textEndY: number;
  recordTop: number;
  ccLines: string[];
  numbered: boolean[];
}

/** Which format a document takes: the 文件格式, the 信函格式 (函) or the 纪要格式 (10.1, 10.3). */
export type LayoutFormat = 'document' | 'letter' | 'minutes';

/** Places cells of a line (x in body cells) on a page, at the line's top `lineTop`. */
function at(page: TypesetPage, cells: FlowLine['cells'], lineTop: number, pt = GBT9704.pt.body, x0 = LEFT, red = false): void {
  const em = GRID.bodyEm;
  const e = ptToMm(pt);
  for (const c of cells) if (c.ch !== ' ') page.glyphs.push({ ch: c.ch, x: x0 + c.x * (e / em), y: lineTop + (PITCH - e) / 2, pt, role: c.role, red });
}

/** Places a text from `x` with the top of its em box at `y`. */
function textAt(page: TypesetPage, text: string, role: FontRole, x: number, y: number, pt: number, red = false): void {
  const e = ptToMm(pt);
  let prev: string | undefined;
  for (const ch of text) {
    x += kern(prev, ch) * e;
    if (ch !== ' ') page.glyphs.push({ ch, x, y, pt, role, red });
    x += width(ch) * e;
    prev = ch;
  }
}

const textWidth = (text: string, pt: number) => [...text].reduce((s, ch, i, all) => s + width(ch) + kern(all[i - 1], ch), 0) * ptToMm(pt);

/** The pages being filled: the current page and the top `y` of its next line. */
class Pager {
  readonly pages: TypesetPage[];
  page: TypesetPage;

  constructor(
    first: TypesetPage,
    public y: number,
  ) {
    this.pages = [first];
    this.page = first;
  }

  newPage(): void {
    this.page = { glyphs: [], rules: [] };
    this.pages.push(this.page);
    this.y = TOP;
  }
}

/** Typesets the layout model into pages. */
export function typeset(m: LayoutModel, format: LayoutFormat = 'document'): { pages: TypesetPage[]; meta: TypesetMeta } {
  const letter = format === 'letter';
  const p1: TypesetPage = { glyphs: [], rules: [] };
  const head = versionHead(p1, m, letter);
  const title = titleBlock(p1, m, head.y);
  const flow = flowOf(m);
  const pager = new Pager(p1, title.flowTop);
  paginate(pager, flow);
  const textEndPage = pager.pages.length - 1;
  const textEndY = pager.y;
  const { recordRows, ccLines } = recordRowsOf(m, letter);
  const { recordTop, numbered } = placeRecord(pager, recordRows, letter);
  pageNumbers(pager.pages, numbered);
  const meta: TypesetMeta = {
    issuerPt: head.issuerPt,
    issuerTop: head.issuerTop,
    docNoTop: head.docNoTop,
    ruleTop: head.ruleY,
    titleLines: title.titleLines,
    titleTop: title.titleTop,
    flowTop: title.flowTop,
    recordPage: pager.pages.length - 1,
    textEndPage,
    textEndY,
    recordTop,
    ccLines,
    numbered,
  };
  return { pages: pager.pages, meta };
}

/** 版头 on the first page: the 标志, the marks, 发文字号 (签发人) and the red rule(s); `y` is the title's top. */
function versionHead(p1: TypesetPage, m: LayoutModel, letter: boolean): { issuerPt: number; issuerTop: number; docNoTop: number; ruleY: number; y: number } {
  const em = GRID.bodyEm;
  const marks = [m.copyNo, m.secrecy, m.urgency].filter((s): s is string => !!s);
  const issuerChars = [...m.issuer].length || 1;
  const issuerPt = Math.min(GBT9704.issuerMaxPt, Math.floor((W / issuerChars / ptToMm(1)) * 0.95));
  // the standard measures the 标志's ink; a CJK glyph's ink starts INK_TOP of an em below its em box
  const issuerEm = ptToMm(issuerPt);
  const issuerTop = (letter ? GBT9704.letter.issuerTop : TOP + (m.upward ? GBT9704.issuerTop.up : GBT9704.issuerTop.down)) - INK_TOP * issuerEm;
  textAt(p1, m.issuer, 'xiaobiaosong', LEFT + (W - textWidth(m.issuer, issuerPt)) / 2, issuerTop, issuerPt, true);
  let y: number;
  let docNoTop = 0;
  let ruleY = 0;
  if (letter) {
    const L = GBT9704.letter;
    const ruleTop = issuerTop + issuerEm + L.ruleBelowIssuer;
    ruleY = ruleTop;
    const x = (GBT9704.page.width - L.ruleWidth) / 2;
    p1.rules.push({ x, y: ruleTop, w: L.ruleWidth, h: L.thick, red: true }, { x, y: ruleTop + L.thick + L.gap, w: L.ruleWidth, h: L.thin, red: true });
    const lower = GBT9704.page.height - L.lowerRuleFromBottom;
    p1.rules.push(
      { x, y: lower - L.thin - L.gap - L.thick, w: L.ruleWidth, h: L.thin, red: true },
      { x, y: lower - L.thick, w: L.ruleWidth, h: L.thick, red: true },
    );
    y = ruleTop + L.thick + L.gap + L.thin + 1;
    docNoTop = y;
    // 份号、密级、紧急程度 顶格 on the left, 发文字号 顶格 on the right, under the double rule
    const rows = Math.max(marks.length, 1);
    marks.forEach((s, i) => at(p1, place(cellsOf(s, 'heiti'), 0, 28, false), y + i * PITCH));
    if (m.docNo) textAt(p1, m.docNo, 'fangsong', LEFT + W - textWidth(m.docNo, GBT9704.pt.body), y + (PITCH - em) / 2, GBT9704.pt.body);
    y += rows * PITCH + GBT9704.titleBlankLines * PITCH;
  } else {
    marks.forEach((s, i) => at(p1, place(cellsOf(s, 'heiti'), 0, 28, false), TOP + i * PITCH));
    // 发文字号 two blank lines under the 标志; the red rule 4 mm under the 发文字号
    docNoTop = issuerTop + issuerEm + GBT9704.docNoBlankLines * PITCH;
    const docNoEmTop = docNoTop + (PITCH - em) / 2;
    if (m.upward) {
      textAt(p1, m.docNo ?? '', 'fangsong', LEFT + CELL, docNoEmTop, GBT9704.pt.body);
      const name = m.signerName ?? '';
      const nameW = textWidth(name, GBT9704.pt.body);
      const labelW = textWidth('签发人：', GBT9704.pt.body);
      const right = LEFT + W - CELL;
      textAt(p1, '签发人：', 'fangsong', right - nameW - labelW, docNoEmTop, GBT9704.pt.body);
      textAt(p1, name, 'kaiti', right - nameW, docNoEmTop, GBT9704.pt.body);
    } else if (m.docNo) textAt(p1, m.docNo, 'fangsong', LEFT + (W - textWidth(m.docNo, GBT9704.pt.body)) / 2, docNoEmTop, GBT9704.pt.body);
    const ruleTop = docNoEmTop + em + GBT9704.redRule.below;
    ruleY = ruleTop;
    p1.rules.push({ x: LEFT, y: ruleTop, w: W, h: GBT9704.redRule.thickness, red: true });
    y = ruleTop + GBT9704.redRule.thickness + GBT9704.titleBlankLines * PITCH;
  }
  return { issuerPt, issuerTop, docNoTop, ruleY, y };
}

/** 标题: 2号小标宋, centred, words kept whole; `flowTop` is where the text starts. */
function titleBlock(p1: TypesetPage, m: LayoutModel, top: number): { titleLines: string[]; titleTop: number; flowTop: number } {
  // 纪要格式: the 标志 is the title
  if (!m.title) return { titleLines: [], titleTop: top, flowTop: top };
  let y = top;
  const titleMax = Math.floor(W / GRID.titleEm);
  const titleLines = breakTitle(m.title, titleMax);
  const titleTop = y;
  for (const line of titleLines) {
    textAt(p1, line, 'xiaobiaosong', LEFT + (W - textWidth(line, GBT9704.pt.title)) / 2, y + (PITCH - GRID.titleEm) / 2, GBT9704.pt.title);
    y += PITCH;
  }
  y += PITCH;
  const flowTop = y;
  return { titleLines, titleTop, flowTop };
}

/** 正文 and what follows it, as lines that flow over the pages. */
function flowOf(m: LayoutModel): FlowLine[] {
  const flow: FlowLine[] = [];
  if (m.mainTo) flow.push(...paragraph(cellsOf(m.mainTo, 'fangsong'), 0, 0));
  for (const p of m.paragraphs) {
    const text = p.runs.map((r) => r.text).join('');
    const level = p.level || headingLevel(text);
    let cells: Cell[];
    if (p.level) cells = cellsOf(text, LEVEL_ROLE[p.level]!);
    else if (level) {
      // the heading sentence (to its first 。) in the level's font, the rest in 仿宋
      const end = text.indexOf('。');
      const head = end >= 0 ? text.slice(0, end + 1) : text;
      cells = [...cellsOf(head, LEVEL_ROLE[level]!), ...cellsOf(text.slice(head.length), 'fangsong')];
    } else cells = cellsOf(text, 'fangsong');
    if (p.align === 'center') {
      const used = lineWidth(cells);
      flow.push({ cells: place(cells, Math.max(0, (GBT9704.charsPerLine - used) / 2), 28, false) });
    } else flow.push(...paragraph(cells, 2, 0));
  }
  if (m.attachments.length) {
    flow.push({ cells: [], blank: true });
    m.attachments.forEach((a, i) => {
      const no = m.attachments.length > 1 ? `${i + 1}.` : '';
      const lead = `${i === 0 ? '附件：' : ''}${no}`;
      const name = a.replace(/^\d+[.．、]\s*/, '');
      const leadCells = cellsOf(lead, 'fangsong');
      const start = 2 + (i === 0 ? 0 : 3);
      const hang = start + lineWidth(leadCells);
      flow.push(...paragraph([...leadCells, ...cellsOf(name, 'fangsong')], start, hang));
    });
  }
  // 纪要: 出席、请假、列席 one blank line below the text, 左空二字 in 黑体, the names in 仿宋 aligned after the colon
  if (m.attendance?.length) {
    flow.push({ cells: [], blank: true });
    for (const a of m.attendance) {
      const label = cellsOf(`${a.label}：`, 'heiti');
      const left = GBT9704.minutes.labelLeftChars;
      flow.push(...paragraph([...label, ...cellsOf(a.text, 'fangsong')], left, left + label.length));
    }
  }
  if (!m.signature && !m.date && !m.note) return flow;
  // 署名 centred over the 成文日期 (右空四字); two blank lines for the seal, kept on one page with the last two lines of text
  const keep = 1;
  for (const l of flow.slice(-2)) l.group = keep;
  flow.push({ cells: [], blank: true, group: keep }, { cells: [], blank: true, group: keep });
  const dateRight = GBT9704.charsPerLine - GBT9704.dateRightChars;
  const dateW = m.date ? textCells(m.date) : 0;
  const dateLeft = dateRight - dateW;
  if (m.signature) {
    const sw = textCells(m.signature);
    const centre = m.date ? dateLeft + dateW / 2 : dateRight - sw / 2;
    flow.push({ cells: place(cellsOf(m.signature, 'fangsong'), Math.max(0, centre - sw / 2), 28, false), group: keep });
  }
  if (m.date) flow.push({ cells: place(cellsOf(m.date, 'fangsong'), dateLeft, 28, false), group: keep });
  if (m.note) flow.push(...paragraph(cellsOf(`（${m.note}）`, 'fangsong'), GBT9704.noteLeftChars, 0).map((l) => ({ ...l, group: keep })));
  return flow;
}

/** Pagination: a kept group that does not fit starts a new page. */
function paginate(pager: Pager, flow: FlowLine[]): void {
  const bottom = GRID.blockBottom + 0.01;
  for (let i = 0; i < flow.length; i++) {
    const l = flow[i]!;
    if (l.group !== undefined && (i === 0 || flow[i - 1]!.group !== l.group)) {
      const n = flow.slice(i).filter((x) => x.group === l.group).length;
      if (pager.y + n * PITCH > bottom && n * PITCH <= GBT9704.block.height) pager.newPage();
    }
    if (pager.y + PITCH > bottom) pager.newPage();
    if (l.blank && pager.y === TOP && l.group === undefined) continue;
    at(pager.page, l.cells, pager.y);
    pager.y += PITCH;
  }
}

/** The rows of the 版记 (抄送机关, then 印发机关 and 印发日期) and the lines of the 抄送. */
function recordRowsOf(m: LayoutModel, letter: boolean): { recordRows: RecordRow[]; ccLines: string[] } {
  const recEm = GRID.recordEm;
  const inset = GBT9704.record.insetChars;
  const recordRows: RecordRow[] = [];
  const ccLines: string[] = [];
  const recCap = W / recEm - 2 * inset;
  if (m.cc) {
    const label = cellsOf(`${m.ccLabel ?? '抄送'}：`, 'fangsong');
    const lines = breakCells([...label, ...cellsOf(m.cc, 'fangsong')], recCap, recCap - 3);
    ccLines.push(...lines.map((l) => l.map((c) => c.ch).join('')));
    lines.forEach((l, i) =>
      recordRows.push({ cells: place(l, inset + (i ? 3 : 0), recCap - (i ? 3 : 0), i < lines.length - 1), rule: i === lines.length - 1 ? 'inner' : 'outer' }),
    );
  }
  if (!letter && (m.printOrgan || m.printDate)) {
    const cells = place(cellsOf(m.printOrgan ?? '', 'fangsong'), inset, recCap, false);
    const pd = m.printDate ?? '';
    const pdW = textCells(pd);
    cells.push(...place(cellsOf(pd, 'fangsong'), W / recEm - inset - pdW, pdW, false));
    recordRows.push({ cells, rule: 'outer' });
  }
  return { recordRows, ccLines };
}

type RecordRow = { cells: FlowLine['cells']; rule: 'inner' | 'outer' };

/** Millimetres the text must end above the 版记 to share its page: the DOCX ends its table that much above the foot. */
export const RECORD_ROOM = 1;

/** 版记: rules as wide as the 版心 at its foot, on the last page, which is even; which pages carry a number. */
function placeRecord(pager: Pager, recordRows: RecordRow[], letter: boolean): { recordTop: number; numbered: boolean[] } {
  const pages = pager.pages;
  const recordPt = GBT9704.pt.record;
  const recEm = GRID.recordEm;
  let numbered = pages.map((_, i) => !(letter && i === 0));
  const rowPitch = PITCH;
  const recordTop = GRID.blockBottom - recordRows.length * rowPitch;
  if (recordRows.length) {
    let target = pager.page;
    // the 版记 shares the text's last page when the text ends RECORD_ROOM above it (the DOCX's table needs the room)
    const full = pager.y > recordTop - RECORD_ROOM;
    if (full || pages.length % 2 === 1) {
      const blankBefore = full && pages.length % 2 === 0;
      if (blankBefore) pager.newPage();
      pager.newPage();
      target = pager.page;
      // a blank page before the 版记 page: neither carries a page number (7.5)
      numbered = pages.map((_, i) => !(letter && i === 0) && !(blankBefore && i >= pages.length - 2));
    }
    const rules = letter ? null : GBT9704.record;
    if (rules) target.rules.push({ x: LEFT, y: recordTop - rules.outer / 2, w: W, h: rules.outer });
    recordRows.forEach((r, i) => {
      const top = recordTop + i * rowPitch;
      for (const c of r.cells) target.glyphs.push({ ch: c.ch, x: LEFT + c.x * (recEm / CELL), y: top + (rowPitch - recEm) / 2, pt: recordPt, role: c.role });
      if (rules && i < recordRows.length - 1 && r.rule === 'inner') target.rules.push({ x: LEFT, y: top + rowPitch - rules.inner / 2, w: W, h: rules.inner });
    });
    if (rules) target.rules.push({ x: LEFT, y: GRID.blockBottom - rules.outer / 2, w: W, h: rules.outer });
  }
  return { recordTop, numbered };
}

/** 页码: 「— n —」, 4号 宋体, the dash's top 7 mm below the 版心; odd right, even left, one character in. */
function pageNumbers(pages: TypesetPage[], numbered: boolean[]): void {
  const pe = GRID.pageNoEm;
  pages.forEach((pg, i) => {
    if (!numbered[i]) return;
    const text = `— ${i + 1} —`;
    const w = textWidth(text, GBT9704.pt.pageNo);
    const x = (i + 1) % 2 === 1 ? LEFT + W - pe * GBT9704.pageNo.insetChars - w : LEFT + pe * GBT9704.pageNo.insetChars;
    textAt(pg, text, 'songti', x, GRID.blockBottom + GBT9704.pageNo.below - DASH_TOP * pe, GBT9704.pt.pageNo);
  });
}

/** Where the ink of a CJK character begins below the top of its em box, as a fraction of the em (Fandol and the 方正/中易 fonts: 0.08–0.1). */
export const INK_TOP = 0.1;

/** Where the ink of 「—」 begins below the top of its em box (FandolSong), as a fraction of the em. */
export const DASH_TOP = 0.42;
