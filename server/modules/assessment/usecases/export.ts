/**
 * 考核结果导出: the ranking with one score sheet per unit as xlsx (date cells, A4 landscape, header row
 * frozen and repeated, the page header), and the 通报 as DOCX (ranking, 先进 / 落后, a summary per
 * indicator). Both read the results as `actor` may (frozen once closed) and are audited as `assessment.export`.
 */
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ResultsView } from '../../../../common/assessment.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import { chineseDate } from '../../../platform/chinese-text.js';
import type { AppContext } from '../../../platform/module.js';
import { DATE_FORMAT, dayCell, PAGE_SETUP, setPageHeader } from '../../../platform/xlsx-print.js';
import { AUTO_FORMULAS, INPUT_NAMES } from '../assessment.formulas.js';
import * as repo from '../assessment.repo.js';
import { loadReadable } from './common.js';
import { getResults } from './results.js';

const METHOD = { auto: '自动计算', org: '组织考核', expert: '专业评估', public: '群众评价' } as const;
const MARK = { advanced: '先进', lagging: '落后' } as const;

/** The counts behind an automatic leaf, as a line (`按期办结数 2，办结数 3`). */
function inputsLine(autoKey: string | null, inputs: Record<string, number> | null): string {
  const f = autoKey ? AUTO_FORMULAS[autoKey] : undefined;
  if (!f || !inputs) return '';
  return f.inputs.map((i) => `${INPUT_NAMES[f.source][i.key]?.[0] ?? i.key} ${inputs[i.key] ?? 0}`).join('，');
}

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the book. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '单位';
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}${i}`;
  used.add(n);
  return n;
}

async function loadAll(ctx: AppContext, actor: Actor, id: number) {
  const r = await getResults(ctx, actor, id);
  const s = await loadReadable(ctx.db, actor, id, 'assessment.export');
  return { r, s };
}

async function audit(ctx: AppContext, actor: Actor, id: number, format: string) {
  await ctx.db
    .transaction()
    .execute((trx) => ctx.audit.append(trx, { actor, action: 'assessment.export', targetType: 'assessment_scheme', targetId: id, detail: { format } }));
}

/** The ranking and per-unit score sheets as xlsx (404 / 403 as the results). */
export async function rankingXlsx(ctx: AppContext, actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
  const { r, s } = await loadAll(ctx, actor, id);
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>(['考核排名']);
  const ws = wb.addWorksheet('考核排名', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
  ws.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位', key: 'unit', width: 28 },
    { header: '总分', key: 'total', width: 10 },
    { header: '加减分', key: 'adjustment', width: 8 },
    { header: '评定', key: 'mark', width: 8 },
    { header: '考核期起', key: 'from', width: 12 },
    { header: '考核期止', key: 'to', width: 12 },
    { header: '结果日期', key: 'at', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  const at = chinaDate(new Date(r.computedAt));
  for (const row of r.rows) {
    const x = ws.addRow({
      rank: row.rank,
      unit: row.unitName,
      total: row.total,
      adjustment: row.adjustment ?? 0,
      mark: row.mark ? MARK[row.mark] : '',
      from: dayCell(s.period_from),
      to: dayCell(s.period_to),
      at: dayCell(at),
    });
    for (const k of ['from', 'to', 'at']) x.getCell(k).numFmt = DATE_FORMAT;
    x.getCell('total').numFmt = '0.00';
  }
  setPageHeader(ws, `${s.name}考核排名${r.frozen ? '' : '（考核期进行中）'}`, 0);
  for (const row of r.rows) {
    const us = wb.addWorksheet(sheetName(row.unitName, used), { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
    us.columns = [
      { header: '指标', key: 'name', width: 26 },
      { header: '评分方式', key: 'method', width: 10 },
      { header: '权重（%）', key: 'weight', width: 10 },
      { header: '得分', key: 'score', width: 8 },
      { header: '加权得分', key: 'weighted', width: 10 },
      { header: '计算依据', key: 'inputs', width: 36 },
      { header: '公式', key: 'formula', width: 60 },
    ];
    us.getRow(1).font = { bold: true };
    for (const l of row.leaves)
      us.addRow({
        name: l.name,
        method: METHOD[l.method],
        weight: l.pathWeight,
        score: l.missing ? '未评分' : l.score,
        weighted: l.weighted,
        inputs: l.method === 'auto' ? inputsLine(l.autoKey, l.inputs) : `评分人数 ${l.raters}`,
        formula: l.formula ?? '',
      });
    us.addRow({ name: '合计', weighted: row.total });
    us.lastRow!.font = { bold: true };
    setPageHeader(us, `${s.name} ${row.unitName}得分表（第${row.rank}名）`, 0);
  }
  await audit(ctx, actor, id, 'xlsx');
  return { filename: `${s.name}-考核结果.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const FONT = '仿宋_GB2312';
const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number; font?: string } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 120 },
    indent: opts.center ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, font: opts.font ?? FONT, size: opts.size ?? 32, bold: opts.bold })],
  });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: FONT, size: 24, bold })] })] });

/** Per leaf name: the mean, highest and lowest score over the units it applies to. */
function indicatorSummary(r: ResultsView) {
  const by = new Map<string, number[]>();
  for (const row of r.rows) for (const l of row.leaves) by.set(l.name, [...(by.get(l.name) ?? []), l.score]);
  return [...by.entries()].map(([name, xs]) => ({
    name,
    mean: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100,
    max: Math.max(...xs),
    min: Math.min(...xs),
  }));
}

/** The 通报 of the results as DOCX: ranking, 先进 and 落后, a summary per indicator (404 / 403 as the results). */
export async function reportDocx(ctx: AppContext, actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
  const { r, s } = await loadAll(ctx, actor, id);
  const advanced = r.rows.filter((x) => x.mark === 'advanced').map((x) => x.unitName);
  const lagging = r.rows.filter((x) => x.mark === 'lagging').map((x) => x.unitName);
  const issuer = (await repo.unitNames(ctx.db, [actor.unitId])).get(actor.unitId) ?? '';
  const ranking = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['名次', '单位', '总分', '评定'].map((t) => cell(t, true)) }),
      ...r.rows.map((x) => new TableRow({ children: [cell(String(x.rank)), cell(x.unitName), cell(x.total.toFixed(2)), cell(x.mark ? MARK[x.mark] : '')] })),
    ],
  });
  const summary = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['指标', '平均分', '最高分', '最低分'].map((t) => cell(t, true)) }),
      ...indicatorSummary(r).map((x) => new TableRow({ children: [cell(x.name), cell(x.mean.toFixed(2)), cell(String(x.max)), cell(String(x.min))] })),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          p(`关于${s.name}结果的通报`, { center: true, size: 44, font: '方正小标宋简体' }),
          p(
            `按照考核方案，对${r.rows.length}个单位${chineseDate(s.period_from)}至${chineseDate(s.period_to)}的工作进行了考核${r.frozen ? '，结果已冻结' : '（考核期尚未结束，以下为当前结果）'}。现将结果通报如下。`,
          ),
          p('一、考核排名', { bold: true, font: '黑体' }),
          ranking,
          p('二、先进和落后', { bold: true, font: '黑体' }),
          p(`先进单位：${advanced.length ? advanced.join('、') : '无'}。`),
          p(`落后单位：${lagging.length ? lagging.join('、') : '无'}。`),
          p('三、各项指标情况', { bold: true, font: '黑体' }),
          summary,
          p(issuer, { center: false }),
          p(chineseDate(chinaDate(ctx.clock.now()))),
        ],
      },
    ],
  });
  await audit(ctx, actor, id, 'docx');
  return { filename: `${s.name}-考核通报.docx`, buffer: await Packer.toBuffer(doc) };
}
