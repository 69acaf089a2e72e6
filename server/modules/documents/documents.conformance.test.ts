/**
 * GB/T 9704-2012 conformance: a 下行文 通知, a 上行文 请示 with 签发人 and a 函 are issued through the
 * HTTP API, rendered as PDF and DOCX, and measured with poppler against the standard's figures (the
 * `GBT9704` table) and its tolerances — the DOCX as LibreOffice renders it. The DOCX conversions run
 * on SQLite only (the documents are the same on PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { GBT9704, GRID } from './documents.gbt9704.js';
import { Raster, fontedText, textLines, type TextLine } from './documents.measure.js';
import { documentsModule } from './documents.module.js';
import { minutesLayout, renderMinutesDocx, type MinutesSource } from '../meetings/meetings.minutes.js';
import { layoutHtml } from './documents.layout.js';
import { fandolTtfReady, fontconfigFile, renderPdf } from './documents.pdf.js';

const ARTIFACTS = path.resolve('test-artifacts');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt9704-'));
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

const PITCH = GRID.linePitch;
const CELL = GRID.charPitch;
const REC = GRID.recordEm;
const L = GBT9704.margin.left;
const R = GBT9704.margin.left + GBT9704.block.width;
const BOTTOM = GRID.blockBottom;
const CENTRE = (L + R) / 2;

type Kind = 'down' | 'up' | 'letter' | 'minutes';
interface Expect {
  kind: Kind;
  issuer: string;
  /** The title ('' for a 纪要, whose 标志 is its title). */
  title: string;
  docNo: string;
  /** 成文日期 and 署名 ('' for a 纪要). */
  date: string;
  signature: string;
  /** How the text begins (default 「为」). */
  opening?: string;
  /** A text fragment of the body in 仿宋 (default the opening). */
  bodyProbe?: string;
  /** 纪要: the 出席/请假/列席 labels, in order. */
  attendance?: string[];
  note?: string;
  attachments?: number;
  cc?: boolean;
  print?: boolean;
  marks?: string[];
  signer?: string;
}

const jieba = Jieba.withDict(dict);

/** The fonts a 公文 may embed: the standard's (licensed) fonts or their open Fandol stand-ins; Latin digits in Times/Liberation Serif. */
const LAYOUT_FONTS = /^(Fandol(Fang|Song|Hei|Kai)-Regular|FZ.*|FangSong.*|SimHei|SimSun|KaiTi.*|TimesNewRoman.*|LiberationSerif)$/;

/** Measures a rendered 公文 against GB/T 9704-2012; returns what is off (empty when it conforms). */
function measure(pdf: string, e: Expect, fonts: boolean): string[] {
  const off: string[] = [];
  const near = (what: string, actual: number | undefined, expected: number, tol = 1) => {
    if (actual === undefined || !Number.isFinite(actual) || Math.abs(actual - expected) > tol)
      off.push(`${what}: ${actual === undefined ? 'missing' : actual.toFixed(2)} mm, standard ${expected.toFixed(2)} ± ${tol}`);
  };
  const within = (what: string, actual: number | undefined, lo: number, hi: number) => {
    if (actual === undefined || actual < lo || actual > hi) off.push(`${what}: ${actual?.toFixed(2) ?? 'missing'}, standard ${lo.toFixed(2)}–${hi.toFixed(2)}`);
  };
  const lines = textLines(pdf);
  const pages = Math.max(...lines.map((l) => l.page)) + 1;
  const find = (pred: (l: TextLine) => boolean) => lines.find(pred);
  const p0 = Raster.of(pdf, 0);
  const letter = e.kind === 'letter';

  // 发文机关标志: red, top edge 35 mm (上行文 80 mm) below the 版心 top; 信函 30 mm below the paper's top; centred
  const redRules = p0.rules('red', 150);
  const firstRule = redRules[0];
  const issuerInk = p0.inkRows('red', { x0: 0, x1: 210, y0: 0, y1: (firstRule?.top ?? 120) - 0.5 });
  const issuerTop = letter ? GBT9704.letter.issuerTop : GBT9704.margin.top + (e.kind === 'up' ? GBT9704.issuerTop.up : GBT9704.issuerTop.down);
  near('发文机关标志 top edge', issuerInk?.top, issuerTop);
  const issuerLine = find((l) => l.page === 0 && l.text === e.issuer);
  near('发文机关标志 centred in the 版心', issuerLine ? (issuerLine.x0 + issuerLine.x1) / 2 : undefined, CENTRE);

  const docNo = find((l) => l.page === 0 && l.text.includes(e.docNo.replace(/\s/g, '')));
  const docNoInk = docNo ? p0.inkRows('dark', { x0: docNo.x0, x1: docNo.x1, y0: docNo.y0, y1: docNo.y1 }) : null;
  if (letter) {
    // 信函: red double rules 170 mm wide under the 标志 and 20 mm above the foot; 发文字号 顶格 at the right
    within('信函 red rules', redRules.length, 4, 4);
    for (const r of redRules) near('信函 red rule width', r.right - r.left, GBT9704.letter.ruleWidth);
    near('信函 lower rule 20 mm above the foot', redRules[redRules.length - 1]?.bottom, GBT9704.page.height - GBT9704.letter.lowerRuleFromBottom);
    near('信函 发文字号 right edge', docNo?.x1, R);
  } else {
    if (e.kind === 'down' || e.kind === 'minutes') {
      within('发文字号 two blank lines below the 标志', docNoInk && issuerInk ? docNoInk.top - issuerInk.bottom : undefined, 2 * PITCH - 1, 3 * PITCH);
      near('发文字号 centred', docNo ? (docNo.x0 + docNo.x1) / 2 : undefined, CENTRE);
    } else {
      near('发文字号 左空一字', docNo?.x0, L + CELL);
      const signer = find((l) => l.page === 0 && l.text.includes('签发人'));
      near('签发人 右空一字', signer?.x1, R - CELL);
      if (!signer?.text.includes(e.signer ?? '')) off.push(`签发人 name missing: ${signer?.text}`);
      if (signer && docNo && Math.abs(signer.y0 - docNo.y0) > 0.5) off.push('签发人 not on the 发文字号 line');
    }
    // 红色分隔线: 4 mm below the 发文字号, as wide as the 版心
    within('red separators', redRules.length, 1, 1);
    near('red separator 4 mm below the 发文字号', firstRule && docNoInk ? firstRule.top - docNoInk.bottom : undefined, GBT9704.redRule.below);
    near('red separator width', firstRule ? firstRule.right - firstRule.left : undefined, GBT9704.block.width);
    near('red separator left', firstRule?.left, L);
  }
  // 份号、密级和保密期限、紧急程度: 顶格, lines 1–3 of the 版心
  (e.marks ?? []).forEach((mark, i) => {
    const l = find((x) => x.page === 0 && x.text === mark);
    near(`${mark} left edge`, l?.x0, L, 0.6);
    if (!letter) within(`${mark} on line ${i + 1}`, l ? (l.y0 + l.y1) / 2 : undefined, GBT9704.margin.top + i * PITCH, GBT9704.margin.top + (i + 1) * PITCH);
  });

  // 标题: red-rule + two blank lines; centred; words whole; 梯形 or 菱形 (纪要: the text two blank lines below the rule)
  const ruleBottom = letter ? (redRules[1]?.bottom ?? 0) : (firstRule?.bottom ?? 0);
  const opening = e.opening ?? '为';
  if (e.kind === 'minutes') {
    const first = find((l) => l.page === 0 && l.y0 > ruleBottom && l.text.startsWith(opening));
    const ink = first ? p0.inkRows('dark', { x0: L, x1: R, y0: ruleBottom + 1, y1: first.y1 }) : null;
    within('纪要 text two blank lines below the red separator', ink ? ink.top - ruleBottom : undefined, 2 * PITCH - 1, 3 * PITCH);
  }
  const bodyStart = find((l) => l.page === 0 && l.y0 > ruleBottom && (l.text.endsWith('：') || l.text.startsWith(opening)))!;
  const titleLines = lines.filter((l) => l.page === 0 && l.y0 > ruleBottom + 2 && bodyStart && l.y1 < bodyStart.y0 && !l.text.includes('〔'));
  if (e.kind === 'minutes') {
    if (titleLines.length) off.push(`纪要 with a title: ${JSON.stringify(titleLines.map((l) => l.text))}`);
  } else if (titleLines.map((l) => l.text).join('') !== e.title) off.push(`title lines ${JSON.stringify(titleLines.map((l) => l.text))}`);
  else {
    const words = jieba.cut(e.title, true);
    const bounds = new Set<number>();
    let acc = 0;
    for (const w of words) bounds.add((acc += [...w].length));
    let at = 0;
    for (const l of titleLines.slice(0, -1)) if (!bounds.has((at += [...l.text].length))) off.push(`title breaks a word after 「${l.text}」`);
    const lens = titleLines.map((l) => [...l.text].length);
    const trapezoid = lens.every((n, i) => i === 0 || lens[i - 1]! >= n);
    const diamond = lens.length === 3 && lens[1]! >= lens[0]! && lens[1]! >= lens[2]!;
    if (!trapezoid && !diamond) off.push(`title shape ${lens.join('/')}`);
    for (const l of titleLines) near(`title line 「${l.text}」 centred`, (l.x0 + l.x1) / 2, CENTRE);
    if (!letter) {
      const ink = p0.inkRows('dark', { x0: L, x1: R, y0: ruleBottom + 1, y1: titleLines[0]!.y1 });
      within('title two blank lines below the red separator', ink ? ink.top - ruleBottom : undefined, 2 * PITCH - 1, 3 * PITCH);
    }
  }

  // 正文: begins on page 1, 28 characters a line, 22 lines a page
  if (!find((l) => l.page === 0 && l.text.startsWith(opening))) off.push('body text does not begin on page 1');
  const full = lines.filter((l) => Math.abs(l.x0 - L) < 1 && Math.abs(l.x1 - R) < 1 && /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+$/.test(l.text));
  if (full.length < 2) off.push(`too few full body lines to count (${full.length})`);
  // 28 a line; a closing mark squeezed in at the end (标点挤压) makes 29
  for (const l of full)
    if ([...l.text].length !== GBT9704.charsPerLine && !([...l.text].length === 29 && /[，。、；：？！）」》]$/.test(l.text)))
      off.push(`line of ${[...l.text].length} characters: 「${l.text}」`);
  for (let p = 1; p < pages; p++) {
    const body = lines.filter((l) => l.page === p && l.y1 < BOTTOM + 1 && l.y0 > GBT9704.margin.top - 1 && l.x0 < L + 3 * CELL && !/^—/.test(l.text));
    for (let i = 1; i < body.length; i++) {
      const d = body[i]!.y0 - body[i - 1]!.y0;
      if (d > 0.5 && d < PITCH * 1.5) near(`line pitch on page ${p + 1}`, d, PITCH, 0.3);
    }
  }

  // 附件说明, 署名 and 成文日期, 附注
  if (e.attachments) {
    const a1 = find((l) => l.text.startsWith('附件：'));
    near('附件说明 左空二字', a1?.x0, L + 2 * CELL);
    if (e.attachments > 1) {
      const a2 = a1 && lines[lines.indexOf(a1) + 1];
      near('second 附件 aligned under the first', a2?.x0, (a1?.x0 ?? 0) + 3 * CELL);
    }
  }
  const date = e.date ? find((l) => l.text === e.date) : undefined;
  if (e.date) {
    near('成文日期 右空四字', date?.x1, R - GBT9704.dateRightChars * CELL);
    const sig = date && lines[lines.indexOf(date) - 1];
    if (sig?.text !== e.signature) off.push(`署名 not over the date: 「${sig?.text}」`);
    near('署名 centred over the 成文日期', sig && date ? (sig.x0 + sig.x1) / 2 : undefined, date ? (date.x0 + date.x1) / 2 : 0);
    near('署名 one line over the date', sig && date ? date.y0 - sig.y0 : undefined, PITCH, 0.5);
  }
  // 纪要: 出席/请假/列席 one blank line below the text, 左空二字; a wrapped line aligned after the colon
  (e.attendance ?? []).forEach((label, i) => {
    const l = find((x) => x.text.startsWith(`${label}：`));
    near(`${label} 左空二字`, l?.x0, L + GBT9704.minutes.labelLeftChars * CELL);
    const before = l && lines[lines.indexOf(l) - 1];
    const next = l && lines[lines.indexOf(l) + 1];
    if (i === 0) near(`${label} one blank line below the text`, l && before && before.page === l.page ? l.y0 - before.y0 : undefined, 2 * PITCH, 0.5);
    else if (!before?.text.startsWith(`${e.attendance![i - 1]}：`) && before && Math.abs(before.x0 - (L + (GBT9704.minutes.labelLeftChars + 3) * CELL)) > 1)
      off.push(`${label} not on the line after ${e.attendance![i - 1]}`);
    if (next && next.page === l!.page && Math.abs(next.y0 - l!.y0 - PITCH) < 0.5 && !/^(出席|请假|列席)：/.test(next.text))
      near(`${label} wrapped line after the colon`, next.x0, L + (GBT9704.minutes.labelLeftChars + 3) * CELL);
  });
  if (e.note) {
    const note = find((l) => l.text === `（${e.note}）`);
    if (!note) off.push('附注 missing or not in （）');
    if (note?.page !== date?.page) off.push('附注 not on the page of the 成文日期');
    near('附注 next line', note && date ? note.y0 - date.y0 : undefined, PITCH, 0.5);
    near('附注 左空二字', note?.x0, L + 2 * CELL);
  }
  if (lines.some((l) => l.text.includes('印章位置'))) off.push('「印章位置」 printed');

  // 版记 at the foot of the last page, which is even; rules 0.35 / 0.25 / 0.35 mm, as wide as the 版心
  if (e.cc || e.print) {
    if (pages % 2 !== 0) off.push(`the 版记 page is page ${pages} (odd)`);
    const last = pages - 1;
    const cc = find((l) => l.page === last && l.text.startsWith('抄送：'));
    if (e.cc && !cc) off.push('抄送 not on the last page');
    else if (cc) {
      near('抄送 左空一字', cc.x0, L + REC);
      const next = lines.find((l) => l.page === last && Math.abs(l.y0 - cc.y0 - PITCH) < 1.5 && l.x1 - l.x0 > 50 && !l.text.includes('印发'));
      if (next) near('抄送 wrapped line after 「抄送：」', next.x0, cc.x0 + 3 * REC);
    }
    if (e.print) {
      const pr = find((l) => l.page === last && l.text.endsWith('印发'));
      const organ = find((l) => l.page === last && !!pr && Math.abs(l.y0 - pr.y0) < 1 && l.x0 < 100);
      near('印发机关 左空一字', organ?.x0, L + REC);
      near('印发日期 右空一字', pr?.x1, R - REC);
      const rules = Raster.of(pdf, last, 600, { from: 150, to: BOTTOM + 3 })
        .rules('dark', 150)
        .filter((r) => r.top > 150 && r.bottom < BOTTOM + 3);
      const want = e.cc ? [GBT9704.record.outer, GBT9704.record.inner, GBT9704.record.outer] : [GBT9704.record.outer, GBT9704.record.outer];
      if (rules.length !== want.length) off.push(`版记 rules: ${rules.length}, standard ${want.length}`);
      rules.forEach((r, i) => {
        near(`版记 rule ${i + 1} thickness`, r.thickness, want[i] ?? 0, 0.1);
        near(`版记 rule ${i + 1} width`, r.right - r.left, GBT9704.block.width);
      });
      near('版记 last rule at the foot of the 版心', rules.length ? (rules[rules.length - 1]!.top + rules[rules.length - 1]!.bottom) / 2 : undefined, BOTTOM);
    }
  }

  // 页码: 「— n —」, dash top 7 mm below the 版心, odd right / even left one character in (信函: none on page 1)
  // a blank page before the 版记 page: neither carries a number (7.5)
  const blankBefore = (e.cc || e.print) && pages > 2 && !lines.some((l) => l.page === pages - 2 && !/^—\s*\d+\s*—$/.test(l.text));
  for (let p = 0; p < pages; p++) {
    const pn = find((l) => l.page === p && /^—\s*\d+\s*—$/.test(l.text));
    if ((letter && p === 0) || (blankBefore && p >= pages - 2)) {
      if (pn) off.push(`page ${p + 1} carries a page number (${letter && p === 0 ? '信函 first page' : 'blank page or the 版记 page after it'})`);
      continue;
    }
    if (!pn) {
      off.push(`page ${p + 1} has no page number`);
      continue;
    }
    if (Number(pn.text.replace(/\D/g, '')) !== p + 1) off.push(`page ${p + 1} numbered ${pn.text}`);
    if ((p + 1) % 2 === 1) near(`odd page ${p + 1} number 右空一字`, pn.x1, R - GRID.pageNoEm);
    else near(`even page ${p + 1} number 左空一字`, pn.x0, L + GRID.pageNoEm);
    const dash = Raster.of(pdf, p).inkRows('dark', { x0: pn.x0, x1: pn.x0 + GRID.pageNoEm * 0.8, y0: Math.max(pn.y0 - 2, BOTTOM + 1), y1: pn.y1 + 2 });
    near(`page ${p + 1} dash 7 mm below the 版心`, dash?.top, BOTTOM + GBT9704.pageNo.below);
  }

  // fonts: named, 黑体/楷体 headings, 小标宋 title, 仿宋 body, 宋体 page numbers
  if (!fonts) return off;
  const fonted = fontedText(pdf);
  const family = (pred: (t: string) => boolean) => fonted.find((f) => pred(f.text.trim()))?.family ?? '(none)';
  const want: [string, (t: string) => boolean, RegExp][] = [
    [e.title ? 'title' : '标志', (t) => t.startsWith((e.title || e.issuer).slice(0, 4)), /Song|小标宋|XiaoBiao/i],
    ['body', (t) => t.startsWith(e.bodyProbe ?? opening), /Fang|仿宋/i],
    ['page number', (t) => /^—/.test(t), /Song|宋体|SimSun/i],
  ];
  for (const label of e.attendance ?? []) want.push([`${label}： label`, (t) => t.startsWith(label), /Hei|黑体/i]);
  if (e.kind === 'down')
    want.push(
      ['一、 heading', (t) => t.startsWith('一、'), /Hei|黑体/i],
      ['（一） heading', (t) => t.startsWith('（一）'), /Kai|楷体/i],
      ['1. heading', (t) => /^(1[.．]\s*)?建立台账/.test(t), /Fang|仿宋/i],
    );
  for (const [what, pred, re] of want) if (!re.test(family(pred))) off.push(`${what} font: ${family(pred)}`);
  return off;
}

/** LibreOffice renders DOCX files to PDF (one run for all), with the project's fontconfig: the Fandol fonts stand in for the named ones. */
function libreOffice(docx: string[]): string[] {
  execFileSync('soffice', [`-env:UserInstallation=file://${WORK}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(WORK, 'lo-out'), ...docx], {
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
    stdio: 'ignore',
    timeout: 180_000,
  });
  return docx.map((d) => path.join(WORK, 'lo-out', path.basename(d).replace(/\.docx$/, '.pdf')));
}

/** The fonts a PDF embeds (`pdffonts`): every one named and none a Type 3 font. */
function embeddedFonts(pdf: string): { name: string; type: string; embedded: boolean }[] {
  return execFileSync('pdffonts', [pdf])
    .toString()
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(l);
      return { name: m?.[1] ?? l, type: m?.[2] ?? '?', embedded: m?.[3] === 'yes' };
    });
}

/** What is off in a PDF's fonts: unnamed or Type 3 fonts, fonts not embedded, or a font other than `allowed`. */
function fontsOff(pdf: string, allowed: RegExp): string[] {
  const fonts = embeddedFonts(pdf);
  const off: string[] = [];
  for (const f of fonts) {
    const name = f.name.replace(/^[A-Z]{6}\+/, '');
    if (f.type === 'Type 3' || f.name === '[none]') off.push(`font ${f.name} is an unnamed ${f.type} font`);
    else if (!f.embedded) off.push(`font ${name} not embedded`);
    else if (!allowed.test(name)) off.push(`font ${name} (${f.type}) is not one of the layout's`);
  }
  return off;
}

/** A 市委常委会 whose 纪要 spans two pages: three topics, five decisions, members present, excused and sitting in. */
const MEETING: MinutesSource = {
  title: '市委常委会2026年第9次会议',
  issuer: '中共青州市委办公厅',
  kindName: { zh: '常委会会议' },
  startsAt: '2026-03-02T01:30:00.000Z',
  place: '市委第一会议室',
  chair: { name: '李明华' },
  level: 1,
  minutesNo: 9,
  minutesSummary:
    '会议传达学习了省委有关会议精神，听取了各议题汇报，经充分讨论，形成如下意见。会议强调，各级各部门要把思想和行动统一到省委决策部署上来，压实责任，倒排工期，确保各项任务按期完成。',
  attendees: [
    ...['赵国强', '陈志远', '王建军', '孙丽娟', '周卫东', '吴海涛', '郑晓明', '冯志刚', '褚文华', '卫红梅'].map((name) => ({
      name,
      unitName: '',
      attendance: 'expected',
      excuseReason: null,
    })),
    { name: '刘海燕', unitName: '', attendance: 'excused', excuseReason: '出差' },
  ],
  agenda: [
    { id: 1, title: '关于建设青州新区综合交通枢纽的议题', proposingUnit: { name: '市发展改革委' } },
    { id: 2, title: '关于2026年老旧小区改造计划的议题', proposingUnit: { name: '市住房城乡建设局' } },
    { id: 3, title: '关于进一步优化营商环境若干措施的议题', proposingUnit: { name: '市营商环境建设局' } },
  ],
  decisions: [
    {
      topicId: 1,
      seq: 1,
      text: '原则同意青州新区综合交通枢纽建设方案，由市发展改革委牵头编制枢纽一期实施方案，按程序报批。',
      leadUnit: { name: '市发展改革委' },
      coUnits: [{ name: '市住房城乡建设局' }],
      dueDate: '2026-06-30',
    },
    {
      topicId: 1,
      seq: 2,
      text: '市财政局统筹枢纽二期建设资金，研究提出多渠道筹资方案，确保资金及时足额到位。',
      leadUnit: { name: '市财政局' },
      coUnits: [],
      dueDate: '2026-09-30',
    },
    {
      topicId: 2,
      seq: 1,
      text: '原则同意2026年老旧小区改造计划，重点解决加装电梯、管网改造和停车难问题。',
      leadUnit: { name: '市住房城乡建设局' },
      coUnits: [{ name: '市财政局' }, { name: '市自然资源局' }],
      dueDate: '2026-12-31',
    },
    {
      topicId: 3,
      seq: 1,
      text: '原则同意优化营商环境若干措施，由市营商环境建设局修改完善后以市委办公厅、市政府办公室名义印发。',
      leadUnit: { name: '市营商环境建设局' },
      coUnits: [],
      dueDate: '2026-04-30',
    },
    {
      topicId: 3,
      seq: 2,
      text: '各区、各部门要对照措施逐项制定落实清单，每季度向市委、市政府报告推进情况。',
      leadUnit: { name: '市营商环境建设局' },
      coUnits: [{ name: '各区委' }],
      dueDate: '2026-06-30',
    },
  ],
};

/** The 纪要 DOCX as the meetings module renders it, and a PDF of the same layout from the typesetter. */
async function minutes(): Promise<{ pdf: string; docx: string; docNo: string }> {
  const pdf = path.join(WORK, 'minutes.pdf');
  const docx = path.join(WORK, 'minutes.docx');
  fs.writeFileSync(pdf, await renderPdf(layoutHtml(minutesLayout(MEETING))));
  fs.writeFileSync(docx, await renderMinutesDocx(MEETING));
  return { pdf, docx, docNo: '〔2026〕第9期' };
}

describeEachDialect(
  'documents: GB/T 9704-2012 conformance',
  (env) => {
    const issue = async (c: TestClient, signer: TestClient, reviewer: TestClient, body: Record<string, unknown>) => {
      const u = env().demo.userByName;
      const units = env().demo.unitByCode;
      const created = await c.post('/api/documents/outgoing', body);
      expect(created.status).toBe(201);
      const id = created.json.id as number;
      const version = async () => (await c.get(`/api/documents/${id}`)).json.document.version as number;
      const act = async (who: TestClient, action: string, extra: Record<string, unknown> = {}) => {
        const r = await who.post(`/api/documents/${id}/actions/${action}`, { version: await version(), ...extra });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
      };
      await act(c, 'submit', { reviewerIds: [u.zhc_wu] });
      await act(reviewer, 'approve');
      await act(signer, 'sign');
      await act(c, 'recheck');
      await act(c, 'register', { mainUnitIds: [units.district_qingshan], ccUnitIds: [], printCount: 10 });
      await act(c, 'print');
      const doc = (await c.get(`/api/documents/${id}`)).json.document;
      const file = async (ext: 'pdf' | 'docx') => {
        const r = await env().app.inject({ method: 'GET', url: `/api/documents/${id}/render.${ext}`, headers: { cookie: c.cookie! } });
        expect(r.statusCode).toBe(200);
        const out = path.join(WORK, `${env().dialect}-${id}.${ext}`);
        fs.writeFileSync(out, r.rawPayload);
        return out;
      };
      return { docNo: doc.docNo as string, pdf: await file('pdf'), docx: await file('docx') };
    };
    const para = (s: string) => `<p>${s}</p>`;

    it('a 下行文 通知, a 上行文 请示, a 函 and a 纪要 measure to the standard in the PDF and (SQLite) the DOCX', async () => {
      const u = env().demo.userByName;
      const c = await env().login('zhc_zheng');
      const reviewer = await env().login('zhc_wu');
      const base = { orgCode: '青委办发', signature: '中共青州市委办公厅', docDate: '2026-03-02', printOrgan: '中共青州市委办公厅', printDate: '2026-03-02' };
      const filler = '各单位要建立发文计划和配额管理制度，超配额发文须经审批并说明理由，每月五日前通报上月发文情况。';
      const notice = {
        ...base,
        docType: '通知',
        flow: 'down',
        title: '中共青州市委办公厅关于进一步精简文件简报改进2026年度文风会风的通知',
        level: 1,
        secrecyTerm: '1年',
        urgency: 'urgent',
        copyNo: '18',
        issuerOrgan: '中共青州市委办公厅文件',
        signerId: u.zr_chen,
        mainTo: '各区委，市委各部委，市级国家机关各部门党组（党委）',
        bodyHtml: [
          '为深入贯彻落实党中央关于精文简会的决策部署，进一步改进文风会风，切实为基层减负，经市委同意，现就有关事项通知如下。',
          `一、严格控制发文数量。凡国家法律法规和上级文件已作出明确规定、现行文件规定仍然适用的，一律不再制发文件。${filler}`,
          `（一）从严把关。坚持短、实、新，一般性文件不超过3000字，力戒空话套话。${filler}`,
          `1.建立台账。${filler.repeat(3)}`,
          `（1）按月通报。${filler.repeat(4)}`,
          `二、着力提高文件质量。${filler.repeat(3)}`,
        ]
          .map(para)
          .join(''),
        attachmentsNote: '1. 2026年度发文计划表\n2. 精文简会工作台账',
        note: '此件公开发布',
        cc: '市纪委监委，市人大常委会办公室，市政府办公室，市政协办公室，市中级人民法院，市人民检察院',
      };
      const request = {
        ...base,
        docType: '请示',
        flow: 'up',
        title: '关于申请2026年度城市更新专项资金的请示',
        issuerOrgan: '青州市城市更新局文件',
        signerId: u.sj_li,
        mainTo: '市人民政府',
        bodyHtml: [`为推进老旧小区改造，现申请2026年度城市更新专项资金。${filler.repeat(2)}`, '妥否，请批示。'].map(para).join(''),
        printOrgan: null,
        printDate: null,
        signature: '青州市城市更新局',
      };
      const letter = {
        ...base,
        docType: '函',
        flow: 'parallel',
        title: '关于商请协助开展公文质量检查的函',
        issuerOrgan: '中共青州市委办公厅',
        signerId: u.zr_chen,
        mainTo: '市政府办公室',
        bodyHtml: [`为做好2026年度公文质量检查工作，现商请贵办协助。${filler.repeat(2)}`, '特此函商。'].map(para).join(''),
        printOrgan: null,
        printDate: null,
        cc: '市纪委监委',
      };
      const sj = await env().login('sj_li');
      const zr = await env().login('zr_chen');
      const t0 = Date.now();
      const n = await issue(c, zr, reviewer, notice);
      const q = await issue(c, sj, reviewer, request);
      const h = await issue(c, zr, reviewer, letter);
      const j = await minutes();
      const issued = Date.now() - t0;
      const expects: [string, { pdf: string; docx: string; docNo: string }, Expect][] = [
        [
          '纪要',
          j,
          {
            kind: 'minutes',
            issuer: `${MEETING.title}纪要`,
            title: '',
            docNo: j.docNo,
            date: '',
            signature: '',
            opening: '2026年3月2日',
            bodyProbe: '会议传达学习',
            attendance: ['出席', '请假', '列席'],
            print: true,
            marks: ['内部'],
          },
        ],
        [
          '通知',
          n,
          {
            kind: 'down',
            issuer: notice.issuerOrgan,
            title: notice.title,
            docNo: n.docNo,
            date: '2026年3月2日',
            signature: base.signature,
            note: notice.note,
            attachments: 2,
            cc: true,
            print: true,
            marks: ['000018', '内部★1年', '加急'],
          },
        ],
        [
          '请示',
          q,
          {
            kind: 'up',
            issuer: request.issuerOrgan,
            title: request.title,
            docNo: q.docNo,
            date: '2026年3月2日',
            signature: request.signature,
            signer: '李',
            print: false,
          },
        ],
        [
          '函',
          h,
          { kind: 'letter', issuer: letter.issuerOrgan, title: letter.title, docNo: h.docNo, date: '2026年3月2日', signature: base.signature, cc: true },
        ],
      ];
      const report: string[] = [];
      expect(fandolTtfReady(), 'the TrueType Fandol fonts: run `npm run fonts` (scripts/fandol-ttf.py)').toBe(true);
      for (const [name, files, e] of expects) {
        const off = [...measure(files.pdf, e, true), ...fontsOff(files.pdf, LAYOUT_FONTS)];
        report.push(...off.map((o) => `PDF ${name}: ${o}`));
      }
      let converted = 0;
      if (env().dialect === 'sqlite') {
        const t1 = Date.now();
        const rendered = libreOffice(expects.map(([, files]) => files.docx));
        converted = Date.now() - t1;
        expects.forEach(([name, , e], i) => {
          const off = [...measure(rendered[i]!, e, true), ...fontsOff(rendered[i]!, LAYOUT_FONTS)];
          report.push(...off.map((o) => `DOCX ${name}: ${o}`));
        });
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        for (const [name, files] of expects) {
          fs.copyFileSync(files.pdf, path.join(ARTIFACTS, `gbt9704-${name}.pdf`));
          fs.copyFileSync(files.docx, path.join(ARTIFACTS, `gbt9704-${name}.docx`));
          fs.copyFileSync(
            path.join(WORK, 'lo-out', path.basename(files.docx).replace(/\.docx$/, '.pdf')),
            path.join(ARTIFACTS, `gbt9704-${name}-docx-libreoffice.pdf`),
          );
        }
      }
      console.log(`GB/T 9704: issued and rendered in ${issued} ms; LibreOffice conversions ${converted} ms`);
      expect(report).toEqual([]);
    }, 300_000);
  },
  { modules: [documentsModule] },
);
