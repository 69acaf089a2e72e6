/** 信息工作统计 as xlsx: the statistics page's table (reported, adopted by level, 批示, 迟报, 漏报, 约稿 asked/answered) for the same actor and period. */
import ExcelJS from 'exceljs';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { PAGE_SETUP, setPageHeader } from '../../../platform/xlsx-print.js';
import type { InfoPeriod } from '../information.contract.js';
import { statisticsFor } from './statistics.js';

/** The workbook and its file name; audited as `information.statistics_export`. */
export async function exportStatistics(ctx: AppContext, actor: Actor, period: InfoPeriod) {
  const { units } = await statisticsFor(ctx, actor, period);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信息工作统计', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
  ws.columns = [
    { header: '单位', key: 'unit', width: 24 },
    { header: '报送', key: 'reported', width: 8 },
    { header: '采用', key: 'adopted', width: 8 },
    { header: '录用', key: 'recorded', width: 8 },
    { header: '编入专报', key: 'special', width: 10 },
    { header: '报送上级', key: 'upper', width: 10 },
    { header: '获批示', key: 'instructions', width: 8 },
    { header: '迟报', key: 'late', width: 8 },
    { header: '漏报', key: 'missed', width: 8 },
    { header: '约稿', key: 'requestsAsked', width: 8 },
    { header: '约稿已报', key: 'requestsAnswered', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const u of units)
    ws.addRow({
      unit: u.unitName,
      reported: u.reported,
      adopted: u.adopted.total,
      recorded: u.adopted.recorded,
      special: u.adopted.special,
      upper: u.adopted.upper,
      instructions: u.instructions,
      late: u.late,
      missed: u.missed,
      requestsAsked: u.requestsAsked,
      requestsAnswered: u.requestsAnswered,
    });
  // counts only, no content: the sheet carries no 密级
  setPageHeader(ws, `信息工作统计（${period.from}至${period.to}）`, 0);
  await ctx.db.transaction().execute((trx) =>
    ctx.audit.append(trx, {
      actor,
      action: 'information.statistics_export',
      targetType: 'info_item',
      detail: { from: period.from, to: period.to, units: units.length },
    }),
  );
  return { filename: `信息工作统计-${period.from}-${period.to}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
