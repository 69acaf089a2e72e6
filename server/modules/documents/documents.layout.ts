/**
 * 国家标准版式 (GB/T 9704-2012): one layout model of an outgoing document, rendered as HTML (for
 * the PDF, through headless Chromium) and as DOCX (with the `docx` package).
 *
 * Page A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so bottom 35 mm, right 26 mm);
 * 22 lines × 28 characters of 3号 (16 pt) 仿宋. Fonts named as the standard asks (方正小标宋简体,
 * 仿宋_GB2312, 黑体, 楷体_GB2312); where they are not installed the documented free fallback is
 * Noto Serif CJK SC (宋/仿宋/楷 stand-in) and Noto Sans CJK SC (黑体 stand-in), from fonts-noto-cjk.
 */
import { LEVELS } from '../../../common/enums.js';
import { URGENCY_NAMES } from './documents.constants.js';
import type { LoadedDocument } from './documents.policy.js';
import { escapeHtml, htmlToParagraphs } from './documents.sanitize.js';

/** Font stacks: the standard's font first, then the free fallback. */
export const FONTS = {
  xiaobiaosong: "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', serif",
  fangsong: "'仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'Noto Serif CJK SC', serif",
  heiti: "'黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif",
  kaiti: "'楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'Noto Serif CJK SC', serif",
  songti: "'宋体', 'SimSun', 'Noto Serif CJK SC', serif",
} as const;

/** 红色 of the 版头 (GB/T 9704: red). */
export const RED = '#E60012';

/** What the layout shows, already formatted. */
export interface LayoutModel {
  copyNo: string | null;
  secrecy: string | null;
  urgency: string | null;
  issuer: string;
  docNo: string | null;
  upward: boolean;
  signerName: string | null;
  title: string;
  mainTo: string | null;
  paragraphs: ReturnType<typeof htmlToParagraphs>;
  attachments: string[];
  signature: string | null;
  date: string | null;
  note: string | null;
  cc: string | null;
  printOrgan: string | null;
  printDate: string | null;
}

/** 2026-03-02 → 2026年3月2日 (Arabic numerals, as GB/T 9704-2012 asks). */
export function chineseDate(d: string | null): string | null {
  if (!d) return null;
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** Builds the layout model of a document. */
export function layoutOf(d: LoadedDocument, signerName: string | null): LayoutModel {
  const level = LEVELS.find((l) => l.value === d.level);
  const secrecy = d.level >= 2 ? `${level?.zh ?? ''}${d.secrecy_term ? `★${d.secrecy_term}` : ''}` : d.level === 1 ? '内部' : null;
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
    signerName: d.flow === 'up' ? signerName : null,
    title: d.title,
    mainTo: d.main_to ? (/[：:]$/.test(d.main_to) ? d.main_to : `${d.main_to}：`) : null,
    paragraphs: htmlToParagraphs(d.body_html),
    attachments,
    signature: d.signature,
    date: chineseDate(d.doc_date),
    note: d.note,
    cc: d.cc ? (/[。.]$/.test(d.cc) ? d.cc : `${d.cc}。`) : null,
    printOrgan: d.print_organ,
    printDate: d.print_date ? `${chineseDate(d.print_date)}印发` : null,
  };
}

/** The HTML of the layout (A4, margins set by `@page`; page numbers come from the PDF footer). */
export function layoutHtml(m: LayoutModel): string {
  const e = escapeHtml;
  const para = (p: LayoutModel['paragraphs'][number]) => {
    const runs = p.runs.map((r) => {
      let t = e(r.text);
      if (r.bold) t = `<b>${t}</b>`;
      if (r.italics) t = `<i>${t}</i>`;
      if (r.underline) t = `<u>${t}</u>`;
      return t;
    });
    const cls = p.heading ? 'p h' : 'p';
    const style = p.align ? ` style="text-align:${p.align};text-indent:0"` : '';
    return `<p class="${cls}"${style}>${runs.join('')}</p>`;
  };
  const attach = m.attachments.length
    ? `<div class="blank"></div>${m.attachments.map((a, i) => `<p class="att">${i === 0 ? '附件：' : '<span class="hide">附件：</span>'}${m.attachments.length > 1 ? `${i + 1}．` : ''}${e(a.replace(/^\d+[.．、]\s*/, ''))}</p>`).join('')}`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(m.title)}</title><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { width: 156mm; font-family: ${FONTS.fangsong}; font-size: 16pt; line-height: 10.227mm; letter-spacing: -0.2pt; color: #000; }
.head { position: relative; }
.meta { position: absolute; left: 0; top: 0; font-family: ${FONTS.heiti}; }
.meta div { height: 10.227mm; }
.issuer { padding-top: ${m.upward ? '80mm' : '35mm'}; text-align: center; color: ${RED}; font-family: ${FONTS.xiaobiaosong}; font-weight: 700; font-size: 30pt; line-height: 1.2; letter-spacing: 2pt; }
.docno { margin-top: 20.45mm; text-align: center; height: 10.227mm; }
.docno.up { display: flex; justify-content: space-between; padding: 0 16pt; }
.signer .name { font-family: ${FONTS.kaiti}; }
.redline { margin-top: 4mm; border-top: 0.75mm solid ${RED}; width: 156mm; }
.title { margin-top: 20.45mm; text-align: center; font-family: ${FONTS.xiaobiaosong}; font-weight: 700; font-size: 22pt; line-height: 12mm; letter-spacing: 0; }
.mainto { margin-top: 10.227mm; }
.p { margin: 0; text-indent: 2em; text-align: justify; }
.p.h { font-family: ${FONTS.heiti}; }
.blank { height: 10.227mm; }
.att { margin: 0; padding-left: 2em; }
.att .hide { visibility: hidden; }
.sign { position: relative; margin-top: 10.227mm; padding-top: 10.227mm; text-align: right; padding-right: 4em; break-inside: avoid; page-break-inside: avoid; }
.sign .box { display: inline-block; text-align: center; }
.seal { position: absolute; right: 14mm; top: 0; width: 42mm; height: 42mm; border: 0.6mm dashed rgba(230,0,18,.45); border-radius: 50%; color: rgba(230,0,18,.55); font-size: 10pt; display: flex; align-items: center; justify-content: center; letter-spacing: 0; }
.note { margin-top: 10.227mm; padding-left: 2em; }
.record { margin-top: 20.45mm; font-size: 14pt; line-height: 8mm; break-inside: avoid; }
.record .thick { border-top: 0.35mm solid #000; }
.record .thin { border-top: 0.25mm solid #000; }
.record .row { padding: 0 1em; }
.record .print { display: flex; justify-content: space-between; }
</style></head><body>
<div class="head">
  <div class="meta">${m.copyNo ? `<div>${e(m.copyNo)}</div>` : ''}${m.secrecy ? `<div>${e(m.secrecy)}</div>` : ''}${m.urgency ? `<div>${e(m.urgency)}</div>` : ''}</div>
  <div class="issuer">${e(m.issuer)}</div>
  ${m.upward ? `<div class="docno up"><span>${e(m.docNo ?? '')}</span><span class="signer">签发人：<span class="name">${e(m.signerName ?? '')}</span></span></div>` : `<div class="docno">${e(m.docNo ?? '')}</div>`}
  <div class="redline"></div>
</div>
<div class="title">${e(m.title)}</div>
${m.mainTo ? `<div class="mainto">${e(m.mainTo)}</div>` : ''}
<div class="body">${m.paragraphs.map(para).join('')}</div>
${attach}
<div class="sign"><div class="seal">印章位置</div><div class="box">${m.signature ? `<div>${e(m.signature)}</div>` : ''}${m.date ? `<div>${e(m.date)}</div>` : ''}</div></div>
${m.note ? `<div class="note">（${e(m.note)}）</div>` : ''}
${m.cc || m.printOrgan ? `<div class="record"><div class="thick"></div>${m.cc ? `<div class="row">抄送：${e(m.cc)}</div><div class="thin"></div>` : ''}<div class="row print"><span>${e(m.printOrgan ?? '')}</span><span>${e(m.printDate ?? '')}</span></div><div class="thick"></div></div>` : ''}
</body></html>`;
}

/** The PDF footer: page numbers "— 1 —" in 4号 宋体 (centered: Chromium's footer cannot alternate odd/even sides). */
export const PDF_FOOTER = `<div style="width:100%;font-size:14pt;font-family:${FONTS.songti.replaceAll("'", '&quot;')};text-align:center;padding-bottom:7mm;">— <span class="pageNumber"></span> —</div>`;
