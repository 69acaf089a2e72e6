/** 督办台账 Excel: streamed export (exceljs WorkbookWriter), the import template, and row-by-row import validation. */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEVELS } from '../../../common/enums.js';
import { DATE_FORMAT, dayCell, setUpPrinting } from '../../platform/xlsx-print.js';
import { cellDate, cellProblemText, cellText, usesDate1904 } from '../../platform/xlsx-cells.js';

/** Ledger columns an office uses. */
export const LEDGER_COLUMNS = [
  { header: '编号', key: 'number', width: 16 },
  { header: '事项', key: 'title', width: 40 },
  { header: '密级', key: 'level', width: 7 },
  { header: '来源', key: 'source', width: 10 },
  { header: '牵头单位', key: 'lead', width: 16 },
  { header: '协办单位', key: 'co', width: 22 },
  { header: '责任人', key: 'person', width: 9 },
  { header: '时限', key: 'deadline', width: 11 },
  { header: '进展', key: 'progress', width: 18 },
  { header: '状态', key: 'status', width: 9 },
  { header: '灯号', key: 'light', width: 6 },
] as const;

/** One exported ledger row: the cells' texts (时限 as `YYYY-MM-DD`) and the item's 密级 (0–3). */
export type LedgerRow = Record<Exclude<(typeof LEDGER_COLUMNS)[number]['key'], 'level'>, string> & { level: number };

/** Streams the ledger into `out` page by page; returns the number of rows written. */
export async function writeLedger(out: Writable, pages: AsyncIterable<LedgerRow[]>, title = '督办台账'): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('督办台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getColumn('deadline').numFmt = DATE_FORMAT;
  ws.getColumn('title').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  let highest = 0;
  for await (const page of pages) {
    for (const r of page) {
      highest = Math.max(highest, r.level);
      const row = ws.addRow({ ...r, level: LEVELS[r.level]?.zh ?? '', deadline: dayCell(r.deadline) ?? r.deadline });
      row.getCell('deadline').numFmt = DATE_FORMAT;
      row.commit();
      n++;
    }
  }
  // the page setup and header are written when the sheet closes: the highest 密级 is known by then
  setUpPrinting(ws, title, highest);
  ws.commit();
  await wb.commit();
  return n;
}

/** Import template columns, in order. */
export const IMPORT_COLUMNS = ['事项', '工作要求', '来源', '批示领导', '批示内容', '牵头单位', '协办单位', '责任领导', '时限', '密级', '反馈周期'] as const;

/** The import template (.xlsx) with one example row. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督办事项');
  ws.addRow([...IMPORT_COLUMNS]).font = { bold: true };
  ws.addRow([
    '推进老旧小区改造项目按期开工',
    '6月底前全部开工，每月报送进展',
    '专项督查',
    '李明华',
    '要加快进度，确保按期开工',
    '市住房城乡建设局',
    '市财政局、青山区委办',
    '李明华',
    dayCell('2026-06-30'),
    '内部',
    '每月',
  ]);
  ws.columns.forEach((c) => (c.width = 20));
  ws.getColumn(IMPORT_COLUMNS.indexOf('时限') + 1).numFmt = DATE_FORMAT;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A raw import row: column name → cell text (时限 as `YYYY-MM-DD` when it reads as a date). */
export type RawImportRow = Record<(typeof IMPORT_COLUMNS)[number], string>;

/** One data row of an import file: its values, and the cells that could not be read (column → sentence). */
export interface ImportRow {
  row: number;
  values: RawImportRow;
  problems: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
}

/** Columns an import file must have; the others may be left out (empty). */
export const REQUIRED_IMPORT_COLUMNS: readonly (typeof IMPORT_COLUMNS)[number][] = ['事项', '工作要求', '来源', '牵头单位', '时限'];
/** Columns an office commonly adds that carry nothing to import. */
const IGNORED_COLUMNS = new Set(['序号']);

/** The header row does not match the template: what is missing, what is not a template column, what is repeated. */
export interface HeaderMismatch {
  missing: string[];
  unknown: string[];
  duplicate: string[];
}

/**
 * Reads the first sheet: the header row, then every non-empty row after it, each cell read as the user
 * sees it (rich text joined, a formula's cached result, a hyperlink's text; 时限 in the date forms users
 * write). Returns the header mismatch instead when the header row is not the template's. Throws on an
 * unreadable file.
 */
export async function readImportRows(buffer: Buffer): Promise<{ rows: ImportRow[] } | { header: HeaderMismatch }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const date1904 = usesDate1904(wb);
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  if (ws) {
    const head = ws.getRow(1);
    for (let c = 1; c <= head.cellCount; c++) {
      const r = cellText(head.getCell(c));
      const name = r.ok ? r.text.replace(/\s+/g, '') : `#${head.getCell(c).address}`;
      if (!name) continue;
      if ((IMPORT_COLUMNS as readonly string[]).includes(name)) {
        if (index.has(name)) duplicate.push(name);
        else index.set(name, c);
      } else if (!IGNORED_COLUMNS.has(name)) unknown.push(name);
    }
  }
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !index.has(c));
  if (missing.length || unknown.length || duplicate.length) return { header: { missing, unknown, duplicate } };
  const out: ImportRow[] = [];
  ws!.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values = {} as RawImportRow;
    const problems: ImportRow['problems'] = {};
    let any = false;
    for (const col of IMPORT_COLUMNS) {
      values[col] = '';
      const idx = index.get(col);
      if (idx === undefined) continue;
      const cell = row.getCell(idx);
      if (col === '时限') {
        const d = cellDate(cell, { date1904 });
        if (d.ok) values[col] = d.date;
        else problems[col] = cellProblemText(n, col, cell.address, d.reason);
      } else {
        const t = cellText(cell);
        if (t.ok) values[col] = t.text;
        else problems[col] = cellProblemText(n, col, cell.address, t.reason);
      }
      if (values[col] || problems[col]) any = true;
    }
    if (any) out.push({ row: n, values, problems });
  });
  return { rows: out };
}

/** A PassThrough to hand to Fastify while the writer fills it. */
export function ledgerStream(): PassThrough {
  return new PassThrough();
}
