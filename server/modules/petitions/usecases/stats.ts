/** 统计 by category, place and responsible unit, and the xlsx 台账 (personal data masked unless the exporter may see it). */
import ExcelJS from 'exceljs';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { DATE_FORMAT, dayCell, PAGE_SETUP, setPageHeader } from '../../../platform/xlsx-print.js';
import { CHANNEL_NAMES, SATISFACTION_NAMES } from '../../../../common/petitions.js';
import { personal } from '../petitions.mask.js';
import { caseActions } from '../petitions.policy.js';
import * as repo from '../petitions.repo.js';
import { CASE_STATES } from '../petitions.workflow.js';
import { config, facts, viewer } from './common.js';

/** Counts of the cases the actor may see, by category, place and unit. */
export async function statistics(ctx: AppContext, actor: Actor) {
  const { cfg } = await config(ctx.db);
  const v = viewer(actor, cfg);
  const today = chinaDate(ctx.clock.now());
  const [cat, place, unit] = await Promise.all([
    repo.countBy(ctx.db, v, 'category', today),
    repo.countBy(ctx.db, v, 'place', today),
    repo.countBy(ctx.db, v, 'unit_id', today),
  ]);
  const names = await repo.unitNames(
    ctx.db,
    unit.flatMap((u) => (u.key !== null ? [Number(u.key)] : [])),
  );
  const named = (rows: typeof cat, name: (k: string | number | null) => string) => rows.map((r) => ({ ...r, key: String(r.key ?? ''), name: name(r.key) }));
  return {
    byCategory: named(cat, (k) => String(k)),
    byPlace: named(place, (k) => String(k)),
    byUnit: named(unit, (k) => (k === null ? '未转办' : (names.get(Number(k)) ?? String(k)))),
  };
}

/** The 信访台账 as xlsx: dates as date cells, printable page set-up, personal data masked per row. */
export async function exportXlsx(ctx: AppContext, actor: Actor, f: { status?: string; category?: string; unitId?: number }) {
  const { cfg } = await config(ctx.db);
  const rows = await repo.exportCases(ctx.db, viewer(actor, cfg), f);
  const units = await repo.unitNames(
    ctx.db,
    rows.flatMap((r) => (r.unit_id !== null ? [r.unit_id] : [])),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信访台账', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
  ws.columns = [
    { header: '编号', key: 'number', width: 18 },
    { header: '登记日期', key: 'date', width: 12 },
    { header: '渠道', key: 'channel', width: 8 },
    { header: '信访人', key: 'name', width: 10 },
    { header: '身份证号码', key: 'idNo', width: 20 },
    { header: '联系电话', key: 'phone', width: 14 },
    { header: '住址', key: 'address', width: 24 },
    { header: '事由', key: 'subject', width: 30 },
    { header: '类别', key: 'category', width: 10 },
    { header: '属地', key: 'place', width: 10 },
    { header: '责任单位', key: 'unit', width: 20 },
    { header: '受理时限', key: 'acceptDue', width: 12 },
    { header: '办理时限', key: 'handleDue', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '重复信访', key: 'repeat', width: 8 },
    { header: '满意度', key: 'satisfaction', width: 10 },
  ];
  for (const k of ['date', 'acceptDue', 'handleDue']) ws.getColumn(k).numFmt = DATE_FORMAT;
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const p = personal(r, caseActions.seePersonal(actor, facts(cfg, r)));
    const row = ws.addRow({
      number: r.number,
      date: dayCell(chinaDate(new Date(r.created_at))),
      channel: CHANNEL_NAMES[r.channel as 'letter']?.zh ?? r.channel,
      name: p.name,
      idNo: p.idNo ?? '',
      phone: p.phone ?? '',
      address: p.address ?? '',
      subject: r.subject,
      category: r.category,
      place: r.place,
      unit: r.unit_id !== null ? (units.get(r.unit_id) ?? '') : '',
      acceptDue: dayCell(r.accept_due),
      handleDue: dayCell(r.handle_due),
      status: CASE_STATES[r.status as 'registered']?.zh ?? r.status,
      repeat: r.repeat_of !== null ? '是' : '',
      satisfaction: r.satisfaction ? (SATISFACTION_NAMES[r.satisfaction as 'satisfied']?.zh ?? '') : '',
    });
    for (const k of ['date', 'acceptDue', 'handleDue']) row.getCell(k).numFmt = DATE_FORMAT;
  }
  setPageHeader(ws, '信访台账', Math.max(0, ...rows.map((r) => r.level)));
  await ctx.db
    .transaction()
    .execute((trx) => ctx.audit.append(trx, { actor, action: 'petitions.export', targetType: 'petition_case', detail: { rows: rows.length } }));
  return { filename: `信访台账-${chinaDate(ctx.clock.now())}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
