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

/**
 * A 台账 an office prints: A4 landscape fitted to the page width, the header row repeated on every
 * page and frozen on screen, and each page's header carrying the sheet's highest 密级 (none for 公开).
 */
export function setUpPrinting(
  ws: { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> },
  title: string,
  highestLevel: number,
): void {
  Object.assign(ws.pageSetup, {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  const mark = highestLevel > 0 ? `&L&"黑体,Bold"&14${LEVELS[highestLevel]?.zh ?? ''}` : '';
  const header = `${mark}&C&"宋体,Bold"&12${title}`;
  const footer = '&C第 &P 页，共 &N 页';
  Object.assign(ws.headerFooter, { differentFirst: false, differentOddEven: false, oddHeader: header, oddFooter: footer });
}
