/** Reads of 保密档案: the 案卷目录 (list), a record with its loans and reviews, the bundle, the candidates, the xlsx export. */
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate } from '../../../platform/clock.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { DATE_FORMAT, dayCell, PAGE_SETUP, setPageHeader } from '../../../platform/xlsx-print.js';
import { LEVELS } from '../../../../common/enums.js';
import { isArchivist, officeActions, recordActions } from '../archives.policy.js';
import * as repo from '../archives.repo.js';
import { BUNDLED_SOURCES, RETENTION_NAMES, SOURCES, type Retention } from '../archives.constants.js';
import { sourceOf } from './archive.js';
import { isStaff, loadRecord, presentListItem, presentLoan, recordFacts, today } from './common.js';
import { presentReview } from './reviews.js';

/** One page of the 案卷目录 the actor may browse. */
export async function listRecords(ctx: AppContext, actor: Actor, f: repo.RecordFilter) {
  const scope = await repo.scopeOf(ctx.db, actor);
  const day = today(ctx);
  const { rows, total } = await repo.listRecords(ctx.db, actor, scope, day, f);
  const loans = await repo.openLoansOf(
    ctx.db,
    actor.id,
    rows.map((r) => r.id),
    day,
  );
  const units = await repo.unitNames(
    ctx.db,
    rows.map((r) => r.owner_unit_id),
  );
  const users = await repo.userNames(
    ctx.db,
    rows.map((r) => r.archived_by),
  );
  const items = rows.map((r) => {
    const mine = loans.filter((l) => l.record_id === r.id);
    const facts = { ...scope, level: r.level, ownerUnitId: r.owner_unit_id, onLoan: mine.some((l) => l.status === 'approved'), loanOpen: mine.length > 0 };
    return presentListItem(actor, r, facts, units, users);
  });
  return { items, total, can: { archive: officeActions.archive(actor, scope), reviews: officeActions.reviewQueue(actor, scope) } };
}

/** A record the actor may read, with its loans (the 档案处: all; others: their own) and reviews (档案处, 机要保密处). */
export async function getRecord(ctx: AppContext, actor: Actor, id: number) {
  const { row, facts, scope } = await loadRecord(ctx, ctx.db, actor, id, 'archives.read');
  const day = today(ctx);
  const loans = (await repo.loansOfRecord(ctx.db, id)).filter((l) => isArchivist(actor, scope) || l.borrower_id === actor.id);
  const reviews = isStaff(actor, scope) ? await repo.reviewsOfRecord(ctx.db, id) : [];
  const units = await repo.unitNames(ctx.db, [row.owner_unit_id]);
  const users = await repo.userNames(ctx.db, [row.archived_by, ...loans.flatMap((l) => [l.borrower_id, l.decided_by]), ...reviews.map((r) => r.decided_by)]);
  const withRecord = { level: row.level, title: row.title, archive_no: row.archive_no, secrecy_until: row.secrecy_until };
  return {
    record: presentListItem(actor, row, facts, units, users),
    loans: loans.map((l) => presentLoan(actor, scope, { ...l, ...withRecord }, users, day)),
    reviews: reviews.map((r) => presentReview(actor, scope, { ...r, ...withRecord }, users)),
  };
}

/** The bundle (卷宗 PDF) of a record the actor may read; the download is audited. */
export async function bundle(ctx: AppContext, actor: Actor, id: number): Promise<{ filename: string; stream: Readable }> {
  const { row } = await loadRecord(ctx, ctx.db, actor, id, 'archives.download');
  const files = await ctx.files.listFor(ctx.db, 'archive_record', id);
  const file = files.find((f) => f.id === row.attachment_id);
  if (!file) throw new NotFoundError();
  const stream = await ctx.files.open(file.sha256);
  await ctx.db
    .transaction()
    .execute((trx) =>
      ctx.audit.append(trx, { actor, action: 'archives.download', targetType: 'archive_record', targetId: id, detail: { attachmentId: file.id } }),
    );
  return { filename: file.filename, stream };
}

/** Closed items not yet archived, from every source module in this app (the 档案处 only; others get none). */
export async function candidates(ctx: AppContext, actor: Actor) {
  const scope = await repo.scopeOf(ctx.db, actor);
  if (!officeActions.archive(actor, scope)) return { items: [] };
  const items = [];
  for (const type of BUNDLED_SOURCES) {
    const source = sourceOf(ctx, type);
    if (!source) continue;
    const rows = (await source.archivable(ctx.db, { limit: 100 })).filter((r) => r.level <= actor.clearance);
    const done = await repo.archivedSourceIds(
      ctx.db,
      type,
      rows.map((r) => r.id),
    );
    const units = await repo.unitNames(
      ctx.db,
      rows.map((r) => r.ownerUnitId),
    );
    for (const r of rows)
      if (!done.has(r.id))
        items.push({
          sourceType: type,
          sourceName: { zh: SOURCES[type].zh, en: SOURCES[type].en },
          sourceId: r.id,
          number: r.number,
          title: r.title,
          level: r.level,
          ownerUnit: { id: r.ownerUnitId, name: units.get(r.ownerUnitId) ?? '' },
          closedAt: r.closedAt,
        });
  }
  return { items };
}

/** 案卷目录 as xlsx: what the actor may browse, by 档号, with date cells, the 密级 column and the page header. */
export async function exportCatalogue(ctx: AppContext, actor: Actor, year?: number) {
  const scope = await repo.scopeOf(ctx.db, actor);
  authorize(actor, officeActions.catalogue, scope, { action: 'archives.export', targetType: 'archive_record' });
  const rows = await repo.catalogueRows(ctx.db, actor, scope, today(ctx), year);
  const units = await repo.unitNames(
    ctx.db,
    rows.map((r) => r.owner_unit_id),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案卷目录', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
  ws.columns = [
    { header: '序号', key: 'seq', width: 6 },
    { header: '档号', key: 'no', width: 24 },
    { header: '题名', key: 'title', width: 40 },
    { header: '类别', key: 'kind', width: 10 },
    { header: '原编号', key: 'number', width: 18 },
    { header: '立卷单位', key: 'unit', width: 14 },
    { header: '保管期限', key: 'retention', width: 10 },
    { header: '密级', key: 'level', width: 8 },
    { header: '保密期限至', key: 'until', width: 12 },
    { header: '归档日期', key: 'archived', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    const row = ws.addRow({
      seq: i + 1,
      no: r.archive_no,
      title: r.title,
      kind: SOURCES[r.source_type as keyof typeof SOURCES]?.zh ?? r.source_type,
      number: r.source_number ?? '',
      unit: units.get(r.owner_unit_id) ?? '',
      retention: RETENTION_NAMES[r.retention as Retention]?.zh ?? r.retention,
      level: LEVELS[r.level]?.zh ?? '',
      until: dayCell(r.secrecy_until),
      archived: dayCell(chinaDate(new Date(r.archived_at))),
    });
    for (const k of ['until', 'archived']) row.getCell(k).numFmt = DATE_FORMAT;
  });
  setPageHeader(ws, '案卷目录', Math.max(0, ...rows.map((r) => r.level)));
  await ctx.db
    .transaction()
    .execute((trx) => ctx.audit.append(trx, { actor, action: 'archives.export', targetType: 'archive_record', detail: { rows: rows.length } }));
  return { filename: `案卷目录-${today(ctx)}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** Whether the actor may read the record (the attachment owner's `canRead`). */
export async function canRead(ctx: AppContext, db: repo.H, actor: Actor, id: number): Promise<boolean> {
  const row = await repo.findRecord(db, id);
  if (!row) return false;
  const scope = await repo.scopeOf(db, actor);
  return recordActions.read(actor, await recordFacts(db, actor, scope, row, today(ctx)));
}
