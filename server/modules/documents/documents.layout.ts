/**
 * 国家标准版式 (GB/T 9704-2012): one layout model of an outgoing document; `documents.typeset.ts`
 * places it on the page from the `GBT9704` table, drawn here as HTML of absolutely placed
 * characters (for the PDF, through headless Chromium); the DOCX writer reads the same table.
 * Fonts: the office's licensed fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) when
 * `ZHONGSHU_FONT_DIR` holds them, else the open Fandol family (texlive-lang-chinese).
 */
import { LEVELS } from '../../../common/enums.js';
import { chineseDate as toChineseDate } from '../../platform/chinese-text.js';
import { URGENCY_NAMES } from './documents.constants.js';
import { FONT_FAMILIES, GBT9704, type FontRole } from './documents.gbt9704.js';
import type { LoadedDocument } from './documents.policy.js';
import { escapeHtml, htmlToParagraphs } from './documents.sanitize.js';
import { typeset, type LayoutFormat } from './documents.typeset.js';

const stack = (names: readonly string[], generic: string) => [...names.map((n) => `'${n}'`), generic].join(', ');
/** CSS font stacks: the standard's font first, then the open Fandol font. */
export const FONTS = {
  xiaobiaosong: stack(FONT_FAMILIES.xiaobiaosong, 'serif'),
  fangsong: stack(FONT_FAMILIES.fangsong, 'serif'),
  heiti: stack(FONT_FAMILIES.heiti, 'sans-serif'),
  kaiti: stack(FONT_FAMILIES.kaiti, 'serif'),
  songti: stack(FONT_FAMILIES.songti, 'serif'),
} as const;

/**
 * One @font-face a role: the installed fonts by name (`local()`: full or PostScript names; the Fandol fonts
 * as `FandolFang-Regular` …), with the em box fixed as CJK fonts draw it — baseline 0.88 em below its top,
 * no line gap — so every font, licensed or open, sits where the typesetter placed its em box (FandolSong's
 * own metrics would set it 0.12 em lower).
 */
const FONT_FACES = (Object.keys(FONT_FAMILIES) as FontRole[])
  .map((role) => {
    const names = FONT_FAMILIES[role].flatMap((n) => (n.startsWith('Fandol') ? [`${n}-Regular`, `${n} Regular`] : [n]));
    const src = names.map((n) => `local('${n}')`).join(', ');
    return `@font-face { font-family: 'zs-${role}'; src: ${src}; ascent-override: 88%; descent-override: 12%; line-gap-override: 0%; }`;
  })
  .join('\n');

/** 红色 of the 版头 (GB/T 9704: red). */
export const RED = GBT9704.red;

/** What the layout shows, already formatted. */
export interface LayoutModel {
  copyNo: string | null;
  secrecy: string | null;
  urgency: string | null;
  issuer: string;
  docNo: string | null;
  upward: boolean;
  /** 文件格式, 信函格式 (函) or 纪要格式. */
  format: LayoutFormat;
  signerName: string | null;
  title: string;
  mainTo: string | null;
  paragraphs: ReturnType<typeof htmlToParagraphs>;
  attachments: string[];
  signature: string | null;
  date: string | null;
  note: string | null;
  cc: string | null;
  /** The label of the `cc` row of the 版记: 抄送 unless given (a bulletin's 报送/分送 line). */
  ccLabel?: string;
  printOrgan: string | null;
  printDate: string | null;
  /** 纪要格式: the 出席, 请假 and 列席 lines. */
  attendance?: { label: '出席' | '请假' | '列席'; text: string }[];
}

/** 2026-03-02 → 2026年3月2日 (Arabic numerals, as GB/T 9704-2012 asks). */
export function chineseDate(d: string | null): string | null {
  return d ? toChineseDate(d) : null;
}

/**
 * The 附注 without its own brackets: the page prints it in （）, and a drafter who typed 「（此件公开发布）」
 * or 「(此件公开发布)」 must not get 「（（此件公开发布））」. Empty → null.
 */
export function noteText(note: string | null): string | null {
  let t = (note ?? '').trim();
  while (enclosed(t)) t = t.slice(1, -1).trim();
  return t || null;
}

/** Whether the first bracket of `t` closes at its last character (「（一）…（二）」 is not enclosed). */
function enclosed(t: string): boolean {
  if (!/^[（(]/.test(t) || !/[）)]$/.test(t)) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '（' || t[i] === '(') depth++;
    else if (t[i] === '）' || t[i] === ')') depth--;
    if (depth === 0) return i === t.length - 1;
  }
  return false;
}

/** Builds the layout model of a document. */
export function layoutOf(d: LoadedDocument, signerName: string | null): LayoutModel {
  const level = LEVELS.find((l) => l.value === d.level);
  // 密级和保密期限: 「秘密★1年」, 「内部★1年」 (the term kept whatever the level)
  const levelName = d.level >= 2 ? (level?.zh ?? '') : d.level === 1 ? '内部' : null;
  const secrecy = levelName ? `${levelName}${d.secrecy_term ? `★${d.secrecy_term}` : ''}` : null;
  const attachments = (d.attachments_note ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    copyNo: d.copy_no ? d.copy_no.padStart(6, '0') : null,
    secrecy,
    urgency: URGENCY_NAMES[d.urgency as keyof typeof URGENCY_NAMES] || null,
    issuer: d.issuer_organ ?? d.signature ?? '',
    // before 登记 the number is not assigned yet: show the 代字 and year with the serial left blank
    docNo: d.doc_no ?? d.original_no ?? (d.org_code ? `${d.org_code}〔${d.year ?? ''}〕　号` : null),
    upward: d.flow === 'up',
    format: d.doc_type === '函' ? 'letter' : 'document',
    signerName: d.flow === 'up' ? signerName : null,
    title: d.title,
    mainTo: d.main_to ? (/[：:]$/.test(d.main_to) ? d.main_to : `${d.main_to}：`) : null,
    paragraphs: htmlToParagraphs(d.body_html),
    attachments,
    signature: d.signature,
    date: chineseDate(d.doc_date),
    note: noteText(d.note),
    cc: d.cc ? (/[。.]$/.test(d.cc) ? d.cc : `${d.cc}。`) : null,
    printOrgan: d.print_organ,
    printDate: d.print_date ? `${chineseDate(d.print_date)}印发` : null,
  };
}

/** The HTML of the typeset pages: A4 without margins, every character absolutely placed (mm). */
export function layoutHtml(m: LayoutModel): string {
  const e = escapeHtml;
  const f = (n: number) => n.toFixed(3);
  const pages = typeset(m, m.format).pages.map((p) => {
    const rules = p.rules.map(
      (r) => `<i style="left:${f(r.x)}mm;top:${f(r.y)}mm;width:${f(r.w)}mm;height:${f(r.h)}mm${r.red ? ';background:' + RED : ''}"></i>`,
    );
    const glyphs = p.glyphs.map(
      (g) => `<b class="${g.role}" style="left:${f(g.x)}mm;top:${f(g.y)}mm;font-size:${g.pt}pt${g.red ? ';color:' + RED : ''}">${e(g.ch)}</b>`,
    );
    return `<section>${rules.join('')}${glyphs.join('')}</section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(m.title)}</title><style>
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
section { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; }
section:last-child { break-after: auto; }
b { position: absolute; font-weight: 400; line-height: 1; white-space: pre; color: #000; }
i { position: absolute; height: 10mm; background: #000; transform-origin: 0 0; }
${FONT_FACES}
${(Object.keys(FONTS) as (keyof typeof FONTS)[]).map((k) => `.${k} { font-family: 'zs-${k}', ${FONTS[k]}; }`).join('\n')}
</style></head><body>${pages.join('')}</body></html>`;
}
