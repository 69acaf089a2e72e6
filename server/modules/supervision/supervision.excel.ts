/** 督办台账 Excel: streamed export (exceljs WorkbookWriter), the import template, and row-by-row import validation. */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEVELS } from '../../../common/enums.js';
import { DATE_FORMAT, dayCell, PAGE_SETUP, setPageHeader } from '../../platform/xlsx-print.js';
import { readSheet, type HeaderMismatch, type SheetRow } from '../../platform/xlsx-cells.js';

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
  const ws = wb.addWorksheet('督办台账', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
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
  // the page header is written when the sheet closes: the highest 密级 is known by then
  setPageHeader(ws, title, highest);
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

/** One data row of an import file. */
export type ImportRow = SheetRow<(typeof IMPORT_COLUMNS)[number]>;

/** Columns an import file must have; the others may be left out (empty). */
export const REQUIRED_IMPORT_COLUMNS: readonly (typeof IMPORT_COLUMNS)[number][] = ['事项', '工作要求', '来源', '牵头单位', '时限'];

/**
 * Reads the import file's first sheet as the user sees it (see `readSheet`): 时限 in the date forms
 * users write; a 序号 column is allowed and ignored. Throws on an unreadable file.
 */
export async function readImportRows(buffer: Buffer): Promise<{ rows: ImportRow[] } | { header: HeaderMismatch }> {
  return readSheet(buffer, { columns: IMPORT_COLUMNS, required: REQUIRED_IMPORT_COLUMNS, dates: ['时限'], ignored: ['序号'] });
}

/** A PassThrough to hand to Fastify while the writer fills it. */
export function ledgerStream(): PassThrough {
  return new PassThrough();
}
