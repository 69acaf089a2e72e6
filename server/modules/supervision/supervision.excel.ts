/** 督办台账 Excel: streamed export (exceljs WorkbookWriter), the import template, and row-by-row import validation. */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** Ledger columns an office uses. */
export const LEDGER_COLUMNS = [
  { header: '编号', key: 'number', width: 18 },
  { header: '事项', key: 'title', width: 40 },
  { header: '来源', key: 'source', width: 12 },
  { header: '牵头单位', key: 'lead', width: 18 },
  { header: '协办单位', key: 'co', width: 28 },
  { header: '责任人', key: 'person', width: 12 },
  { header: '时限', key: 'deadline', width: 12 },
  { header: '进展', key: 'progress', width: 24 },
  { header: '状态', key: 'status', width: 12 },
  { header: '灯号', key: 'light', width: 8 },
] as const;

/** One exported ledger row. */
export type LedgerRow = Record<(typeof LEDGER_COLUMNS)[number]['key'], string>;

/** Streams the ledger into `out` page by page; returns the number of rows written. */
export async function writeLedger(out: Writable, pages: AsyncIterable<LedgerRow[]>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('督办台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const page of pages) {
    for (const r of page) {
      ws.addRow(r).commit();
      n++;
    }
  }
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
    '2026-06-30',
    '内部',
    '每月',
  ]);
  ws.columns.forEach((c) => (c.width = 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A raw import row: column name → cell text. */
export type RawImportRow = Record<(typeof IMPORT_COLUMNS)[number], string>;

/** Reads the first sheet's rows after the header (empty rows skipped). Throws on an unreadable file. */
export async function readImportRows(buffer: Buffer): Promise<{ row: number; values: RawImportRow }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim());
  const out: { row: number; values: RawImportRow }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values = {} as RawImportRow;
    let any = false;
    for (const col of IMPORT_COLUMNS) {
      const idx = header.indexOf(col);
      const cell = idx >= 0 ? row.getCell(idx + 1).value : null;
      let text = '';
      if (cell instanceof Date) text = cell.toISOString().slice(0, 10);
      else if (cell !== null && cell !== undefined) text = typeof cell === 'object' && 'text' in cell ? String((cell as { text: unknown }).text) : String(cell);
      values[col] = text.trim();
      if (values[col]) any = true;
    }
    if (any) out.push({ row: n, values });
  });
  return out;
}

/** A PassThrough to hand to Fastify while the writer fills it. */
export function ledgerStream(): PassThrough {
  return new PassThrough();
}
