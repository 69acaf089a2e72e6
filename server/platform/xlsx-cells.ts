/**
 * Reading spreadsheet cells as the user sees them (every Excel import uses this).
 *
 * exceljs hands back a cell's value in one of many shapes — a string, rich text (LibreOffice and WPS
 * save text mixing Chinese with digits or Latin letters so), a number, a Date, a formula with its
 * cached result, a hyperlink (whose text may itself be rich text), a boolean, an error. `String(value)`
 * of the object shapes is `[object Object]`; these helpers read what the cell shows instead, or say
 * why the cell cannot be read (an error value, a formula never calculated), naming the cell.
 */
import ExcelJS from 'exceljs';

/** What a cell reads as: its text, or why it cannot be read. */
export type CellText = { ok: true; text: string } | { ok: false; reason: CellProblem };

/** Why a cell was refused. */
export type CellProblem = { kind: 'error'; value: string } | { kind: 'formula_without_result'; formula: string } | { kind: 'not_a_date'; shown: string };

type Scalar = string | number | boolean | Date | null | undefined;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** The text of a rich-text value: its runs joined. */
function richTextOf(v: unknown): string | null {
  if (isObject(v) && Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  return null;
}

/** `YYYY-MM-DD` of a Date that exceljs built from a serial (its wall-clock time is in UTC). */
function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A number as a spreadsheet shows it in a General cell: at most 15 significant digits, no float noise. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** Text of a Date cell: the day, plus hh:mm when the time of day is not midnight. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const t = d.toISOString();
  return t.slice(11, 19) === '00:00:00' ? t.slice(0, 10) : `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** A plain value (a cell's own, or a formula's result) as text, or the problem with it. */
function scalarText(v: unknown): CellText {
  if (v === null || v === undefined) return { ok: true, text: '' };
  if (typeof v === 'string') return { ok: true, text: v };
  if (typeof v === 'number') return { ok: true, text: numberText(v) };
  if (typeof v === 'boolean') return { ok: true, text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { ok: true, text: dateText(v) };
  const rich = richTextOf(v);
  if (rich !== null) return { ok: true, text: rich };
  if (isObject(v) && 'error' in v) return { ok: false, reason: { kind: 'error', value: String(v.error) } };
  return { ok: true, text: '' };
}

/** The value a cell shows: a formula's cached result, a hyperlink's text, else the value itself. */
function shownValue(v: unknown): { ok: true; value: unknown } | { ok: false; reason: CellProblem } {
  if (!isObject(v)) return { ok: true, value: v };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) {
      return { ok: false, reason: { kind: 'formula_without_result', formula: String(v.formula ?? v.sharedFormula ?? '') } };
    }
    return { ok: true, value: result };
  }
  if ('hyperlink' in v && 'text' in v) return { ok: true, value: v.text };
  return { ok: true, value: v };
}

/**
 * A cell's value as its file holds it. exceljs's `cell.value` drops a formula's cached result when it is
 * falsy (0, FALSE, an empty string: `=A1-A1` shows 0), while `cell.result` keeps it.
 */
function cellValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (isObject(v) && ('formula' in v || 'sharedFormula' in v) && (v.result === undefined || v.result === null)) {
    const result: unknown = cell.result;
    if (result !== undefined && result !== null) return Object.assign({}, v, { result });
  }
  return v;
}

/** The text a cell shows (trimmed), or why it cannot be read. */
export function cellText(cell: ExcelJS.Cell): CellText {
  const shown = shownValue(cellValue(cell));
  if (!shown.ok) return shown;
  const r = scalarText(shown.value);
  return r.ok ? { ok: true, text: r.text.trim() } : r;
}

const CN_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const SEP_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;

/** `YYYY-MM-DD` of a real calendar day, else null. */
function calendarDay(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return isoDay(t);
}

/** A date written as text the way users write it: 2026-12-28, 2026/12/28, 2026.12.28, 2026年12月28日. */
export function parseDateText(s: string): string | null {
  const t = s.trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const m = CN_DATE.exec(t) ?? SEP_DATE.exec(t);
  if (!m) return null;
  const [y, mo, d] = m.length === 4 ? [m[1], m[2], m[3]] : [m[1], m[3], m[4]];
  return calendarDay(Number(y), Number(mo), Number(d));
}

/** Excel's day 0 (serial 1 is 1900-01-01; Excel's phantom 1900-02-29 makes day 0 effectively 1899-12-30 from March 1900). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** `YYYY-MM-DD` of an Excel date serial (the date part; 1900 or 1904 system), for days 1901–9999. */
export function serialDay(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  const t = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + day * 86_400_000);
  const y = t.getUTCFullYear();
  return y >= 1901 && y <= 9999 ? isoDay(t) : null;
}

/** What a date cell reads as: `YYYY-MM-DD` (empty for an empty cell), or why it is not a date. */
export type CellDate = { ok: true; date: string } | { ok: false; reason: CellProblem };

/**
 * A cell meant to hold a date: a date cell, an Excel serial, a formula whose cached result is one of
 * those (=DATE(…)), or text in a form users write. Anything else is refused with what the cell shows.
 */
export function cellDate(cell: ExcelJS.Cell, opts: { date1904?: boolean } = {}): CellDate {
  const shown = shownValue(cellValue(cell));
  if (!shown.ok) return shown;
  const v = shown.value as Scalar | Record<string, unknown>;
  if (v === null || v === undefined || v === '') return { ok: true, date: '' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false, reason: { kind: 'not_a_date', shown: '' } } : { ok: true, date: isoDay(v) };
  if (typeof v === 'number') {
    const d = serialDay(v, opts.date1904);
    return d ? { ok: true, date: d } : { ok: false, reason: { kind: 'not_a_date', shown: numberText(v) } };
  }
  const text = scalarText(v);
  if (!text.ok) return text;
  if (!text.text.trim()) return { ok: true, date: '' };
  const d = parseDateText(text.text);
  return d ? { ok: true, date: d } : { ok: false, reason: { kind: 'not_a_date', shown: text.text.trim() } };
}

/** The zh-CN sentence for a refused cell, e.g. `第3行 时限(D3)：单元格是错误值 #N/A`. */
export function cellProblemText(row: number, column: string, address: string, p: CellProblem): string {
  const what =
    p.kind === 'error'
      ? `单元格是错误值 ${p.value}`
      : p.kind === 'formula_without_result'
        ? `公式 =${p.formula} 没有计算结果，请在 Excel 或 WPS 中打开并保存后再导入`
        : `不是日期（现为“${p.shown}”），请写成 2026-12-28、2026/12/28、2026.12.28 或 2026年12月28日`;
  return `第${row}行 ${column}(${address})：${what}`;
}

/** Whether the workbook counts dates from 1904 (old Mac Excel). */
export function usesDate1904(wb: ExcelJS.Workbook): boolean {
  return Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
}

/** The header row does not match the expected columns: what is missing, what is unknown, what is repeated. */
export interface HeaderMismatch {
  missing: string[];
  unknown: string[];
  duplicate: string[];
}

/** One data row of a sheet: column → text (date columns as `YYYY-MM-DD`), and the cells that could not be read. */
export interface SheetRow<C extends string> {
  /** The row number in the sheet (1 is the header). */
  row: number;
  values: Record<C, string>;
  /** Column → the zh-CN sentence naming the refused cell. */
  problems: Partial<Record<C, string>>;
}

/**
 * Reads the first sheet of an .xlsx: row 1 is the header (names compared without spaces); every
 * non-empty row after it is read cell by cell as the user sees it. Answers the header mismatch instead
 * when a required column is missing, or a column is unknown (not in `columns` nor `ignored`) or repeated.
 * Throws when the file is not a readable workbook.
 */
export async function readSheet<C extends string>(
  buffer: Buffer,
  spec: { columns: readonly C[]; required?: readonly C[]; dates?: readonly C[]; ignored?: readonly string[] },
): Promise<{ rows: SheetRow<C>[] } | { header: HeaderMismatch }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const date1904 = usesDate1904(wb);
  const known = new Set<string>(spec.columns);
  const ignored = new Set(spec.ignored ?? []);
  const dates = new Set<string>(spec.dates ?? []);
  const index = new Map<C, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  if (ws) {
    const head = ws.getRow(1);
    for (let c = 1; c <= head.cellCount; c++) {
      const r = cellText(head.getCell(c));
      const name = r.ok ? r.text.replace(/\s+/g, '') : head.getCell(c).address;
      if (!name) continue;
      if (known.has(name)) {
        if (index.has(name as C)) duplicate.push(name);
        else index.set(name as C, c);
      } else if (!ignored.has(name)) unknown.push(name);
    }
  }
  const missing = (spec.required ?? spec.columns).filter((c) => !index.has(c));
  if (missing.length || unknown.length || duplicate.length) return { header: { missing, unknown, duplicate } };
  const rows: SheetRow<C>[] = [];
  ws?.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values = {} as Record<C, string>;
    const problems: Partial<Record<C, string>> = {};
    let any = false;
    for (const col of spec.columns) {
      values[col] = '';
      const idx = index.get(col);
      if (idx === undefined) continue;
      const cell = row.getCell(idx);
      const read: CellText = dates.has(col) ? ((d) => (d.ok ? { ok: true, text: d.date } : d))(cellDate(cell, { date1904 })) : cellText(cell);
      if (read.ok) values[col] = read.text;
      else problems[col] = cellProblemText(n, col, cell.address, read.reason);
      if (values[col] || problems[col]) any = true;
    }
    if (any) rows.push({ row: n, values, problems });
  });
  return { rows };
}
