/**
 * The 卷宗 bundle: a dossier (the item and its whole course, from the source module's contract) typeset
 * as one A4 PDF through the platform's Chromium renderer, with the 档号, 密级 and 保密期限 on the cover.
 */
import { LEVELS } from '../../../common/enums.js';
import type { Dossier } from '../../platform/dossier.js';
import { renderPdf } from '../../platform/pdf.js';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const para = (s: string) =>
  s
    .split('\n')
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');

/** What the cover names besides the dossier. */
export interface Cover {
  archiveNo: string;
  retention: string;
  secrecyUntil: string | null;
  ownerUnit: string;
  archivedAt: string;
}

/** The bundle as HTML (tested for content; rendered to PDF by `bundlePdf`). */
export function bundleHtml(d: Dossier, cover: Cover): string {
  const level = d.level > 0 ? `${LEVELS[d.level]?.zh ?? ''}★${cover.secrecyUntil ?? ''}` : '';
  const sections = d.sections
    .map(
      (s) =>
        `<section><h2>${esc(s.title)}</h2>${
          s.entries.length === 0
            ? '<p class="none">（无）</p>'
            : s.entries
                .map((e) => `<div class="entry"><h3>${esc(e.heading)}</h3>${e.meta ? `<div class="meta">${esc(e.meta)}</div>` : ''}${para(e.text)}</div>`)
                .join('')
        }</section>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(cover.archiveNo)}</title><style>
@page { size: A4; margin: 25mm 22mm 25mm 24mm; }
body { font-family: FandolSong, "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.7; color: #000; }
.cover { page-break-after: always; text-align: center; padding-top: 40mm; }
.cover .level { text-align: left; font-family: FandolHei, sans-serif; font-size: 14pt; min-height: 1.5em; }
.cover h1 { font-family: FandolHei, sans-serif; font-size: 22pt; margin: 30mm 0 20mm; }
.cover table { margin: 0 auto; border-collapse: collapse; font-size: 13pt; }
.cover td { border: 1px solid #000; padding: 3mm 6mm; text-align: left; }
h2 { font-family: FandolHei, sans-serif; font-size: 15pt; border-bottom: 1px solid #000; margin-top: 8mm; }
h3 { font-family: FandolKai, serif; font-size: 13pt; margin: 4mm 0 1mm; }
.meta { font-size: 10.5pt; color: #333; }
p { margin: 0; text-indent: 2em; white-space: pre-wrap; }
.none { color: #555; }
</style></head><body>
<div class="cover"><div class="level">${esc(level)}</div><h1>${esc(d.title)}</h1><table>
<tr><td>档号</td><td>${esc(cover.archiveNo)}</td></tr>
<tr><td>原编号</td><td>${esc(d.number ?? '')}</td></tr>
<tr><td>立卷单位</td><td>${esc(cover.ownerUnit)}</td></tr>
<tr><td>保管期限</td><td>${esc(cover.retention)}</td></tr>
<tr><td>密级</td><td>${esc(LEVELS[d.level]?.zh ?? '')}</td></tr>
<tr><td>保密期限至</td><td>${esc(cover.secrecyUntil ?? '—')}</td></tr>
<tr><td>办结日期</td><td>${esc(d.closedAt.slice(0, 10))}</td></tr>
<tr><td>归档日期</td><td>${esc(cover.archivedAt.slice(0, 10))}</td></tr>
</table></div>${sections}</body></html>`;
}

/** The bundle as PDF. */
export function bundlePdf(d: Dossier, cover: Cover): Promise<Buffer> {
  return renderPdf(bundleHtml(d, cover));
}
