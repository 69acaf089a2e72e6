/** Spreadsheets an office prints and sorts: real date cells and the page set-up of a 台账. */
import type ExcelJS from 'exceljs';
import { LEVELS } from '../../common/enums.js';

/** A `YYYY-MM-DD` day as the Date exceljs writes as that day's serial (its UTC wall-clock). */
export function dayCell(day: string | null | undefined): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}/.test(day)) return null;
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The date format of date cells in every export. */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** A worksheet's print settings, as exceljs's in-memory and streaming sheets both carry them. */
type Printable = { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> };

/**
 * A 台账 an office prints: A4 landscape fitted to the page width, the header row repeated on every page.
 * Give it to `addWorksheet(name, { pageSetup: PAGE_SETUP })`: a streaming sheet writes its fit-to-page
 * flag when it is created.
 */
export const PAGE_SETUP: Partial<ExcelJS.PageSetup> = Object.freeze({
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
});

/** Each printed page's header: the sheet's highest 密级 top left (none for 公开), the title centred; page numbers below. */
export function setPageHeader(ws: Printable, title: string, highestLevel: number): void {
  const mark = highestLevel > 0 ? `&L&"黑体,Bold"&14${LEVELS[highestLevel]?.zh ?? ''}` : '';
  Object.assign(ws.headerFooter, {
    differentFirst: false,
    differentOddEven: false,
    oddHeader: `${mark}&C&"宋体,Bold"&12${title}`,
    oddFooter: '&C第 &P 页，共 &N 页',
  });
}
