import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { LEVELS } from '../../../common/enums.js';
import { describeEachDialect } from '../../../test/harness.js';
import { convertWithLibreOffice, CSV_EXPORT, CSV_IMPORT, csvLine, parseCsv } from '../../../test/libreoffice.js';
import { readSheet } from '../../platform/xlsx-cells.js';
import { documentsModule } from '../documents/documents.module.js';
import { supervisionModule } from './supervision.module.js';
import { IMPORT_COLUMNS, LEDGER_COLUMNS } from './supervision.excel.js';
import { itemsInOrder, ledgerIdsByRegistration, ledgerKeysetPage } from './repo/supervision.lists.js';
import type { LedgerFilter } from './supervision.repo.js';

/** Import runs through the HTTP server per dialect (each commits items); more on demand. */
const RUNS = Number(process.env.ZHONGSHU_PROPERTY_RUNS_HTTP ?? 12);

const CHARS = [...'推进老旧小区改造月底前完成方案报批ABCxyz0123456789 -/.（）、：'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
const cjkText = fc.tuple(text, fc.constantFrom('督办', '落实', '报批'), text).map(([a, b, c]) => `${a}${b}${c}`.trim());
const futureDay = fc
  .date({ min: new Date('2026-03-10T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const utc = (d: string) => new Date(`${d}T00:00:00Z`);

type Cell = { value: ExcelJS.CellValue; numFmt?: string; shown: string | null };
/** A text cell in one of the forms exceljs reads; `shown` null = an error cell that must refuse its row. */
const textCell = (t: string): fc.Arbitrary<Cell> =>
  fc.oneof(
    fc.constant({ value: t, shown: t }),
    fc
      .integer({ min: 1, max: Math.max(1, t.length - 1) })
      .map((k) => ({ value: { richText: [{ text: t.slice(0, k) }, { text: t.slice(k), font: { name: 'Noto Sans CJK SC' } }] }, shown: t })),
    fc.constant({ value: { formula: 'CONCAT(A1)', result: t } as ExcelJS.CellValue, shown: t }),
    fc.constant({ value: { text: t, hyperlink: 'https://example.org/' }, shown: t }),
    fc.constant({ value: { error: '#N/A' } as ExcelJS.CellValue, shown: null }),
  );
/** A 时限 cell in the forms users write. */
const dayCell = (d: string): fc.Arbitrary<Cell> =>
  fc.constantFrom<Cell>(
    { value: utc(d), numFmt: 'yyyy-mm-dd', shown: d },
    { value: Math.round((utc(d).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000), shown: d },
    { value: `${d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8)}日`, shown: d },
    { value: d.replace(/-/g, '/'), shown: d },
    { value: d.replace(/-/g, '.'), shown: d },
    { value: { formula: `DATE(${d.slice(0, 4)},${+d.slice(5, 7)},${+d.slice(8)})`, result: utc(d) } as ExcelJS.CellValue, numFmt: 'yyyy-mm-dd', shown: d },
    { value: { formula: 'TODAY()+30' } as ExcelJS.CellValue, shown: null },
  );
const importRow = fc.record({ title: cjkText, requirement: cjkText, instruction: text, deadline: futureDay }).chain((r) =>
  fc.record({
    r: fc.constant(r),
    title: textCell(r.title),
    requirement: textCell(r.requirement),
    instruction: textCell(r.instruction.trim() || '批示'),
    deadline: dayCell(r.deadline),
  }),
);

async function count(env: () => { ctx: { db: import('../../db/client.js').Db } }): Promise<number> {
  const r = await env()
    .ctx.db.selectFrom('supervision_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function workbookOf(rows: { title: Cell; requirement: Cell; instruction: Cell; deadline: Cell }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督办事项');
  ws.addRow(['序号', ...IMPORT_COLUMNS]);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    const set = (col: (typeof IMPORT_COLUMNS)[number], c: Cell | string) => {
      const cell = row.getCell(IMPORT_COLUMNS.indexOf(col) + 2);
      if (typeof c === 'string') cell.value = c;
      else {
        cell.value = c.value;
        if (c.numFmt) cell.numFmt = c.numFmt;
      }
    };
    row.getCell(1).value = i + 1;
    set('事项', r.title);
    set('工作要求', r.requirement);
    set('来源', '专项督查');
    set('批示内容', r.instruction);
    set('牵头单位', '市住房城乡建设局');
    set('协办单位', '市财政局');
    set('时限', r.deadline);
    set('密级', '内部');
    set('反馈周期', '每月');
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDialect(
  'supervision Excel import and export',
  (env) => {
    const stored = async (number: string) =>
      env()
        .ctx.db.selectFrom('supervision_item')
        .select(['title', 'requirement', 'instruction_text', 'deadline', 'level'])
        .where('number', '=', number)
        .executeTakeFirstOrThrow();

    it('property: every cell is stored as the user sees it, or the whole file is refused naming the cell', async () => {
      const c = await env().login('dcs_zhang');
      await fc.assert(
        fc.asyncProperty(fc.array(importRow, { minLength: 1, maxLength: 4 }), async (rows) => {
          const before = await count(env);
          const res = await c.upload('/api/supervision/import?mode=all', 'ledger.xlsx', await workbookOf(rows));
          expect(res.status, res.body).toBe(200);
          expect(res.body).not.toContain('[object Object]');
          const bad = rows.some((r) => [r.title, r.requirement, r.instruction, r.deadline].some((x) => x.shown === null));
          expect(res.json.committed).toBe(!bad);
          if (bad) {
            expect(await count(env)).toBe(before);
            rows.forEach((r, i) => {
              const n = i + 2;
              const errs: string[] = res.json.rows.find((x: { row: number }) => x.row === n).errors;
              const cols = [
                ['事项', r.title, 'B'],
                ['工作要求', r.requirement, 'C'],
                ['批示内容', r.instruction, 'F'],
                ['时限', r.deadline, 'J'],
              ] as const;
              for (const [col, cell, letter] of cols)
                if (cell.shown === null)
                  expect(
                    errs.some((e) => e.startsWith(`第${n}行 ${col}(${letter}${n})：`)),
                    errs.join('；'),
                  ).toBe(true);
            });
            return;
          }
          expect(await count(env)).toBe(before + rows.length);
          for (const [i, r] of rows.entries()) {
            const s = await stored(res.json.rows[i].number);
            expect(s).toEqual({
              title: r.title.shown,
              requirement: r.requirement.shown,
              instruction_text: r.instruction.shown,
              deadline: r.deadline.shown,
              level: 1,
            });
          }
        }),
        { numRuns: RUNS },
      );
    });

    it('a file whose header row is not the template: 422 naming the missing and the unknown columns, in the request language', async () => {
      const c = await env().login('dcs_zhang');
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('s').addRow(['事项', '要求', '来源', '牵头单位', '期限']);
      wb.worksheets[0]!.addRow(['事项甲', '要求甲', '专项督查', '市财政局', '2026-06-30']);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const before = await count(env);
      const zh = await c.upload('/api/supervision/import?mode=valid', 'ledger.xlsx', buf);
      expect(zh.status).toBe(422);
      expect(zh.json.error).toBe('supervision.import_columns');
      expect(zh.json.details).toEqual({ missing: ['工作要求', '时限'], unknown: ['要求', '期限'], duplicate: [] });
      expect(zh.json.message).toContain('缺少列 “工作要求”、“时限”');
      expect(zh.json.message).toContain('“要求”、“期限”');
      const en = await c.upload('/api/supervision/import?mode=valid', 'ledger.xlsx', buf, { 'accept-language': 'en-US' });
      expect(en.status).toBe(422);
      expect(en.json.message).toMatch(/^The header row does not match the template: missing columns “工作要求”、“时限”/);
      expect(await count(env)).toBe(before);
    });

    it('LibreOffice: a CSV of generated rows saved as .xlsx by soffice (rich text, dates, =DATE formulas) imports as the user sees it', async () => {
      const c = await env().login('dcs_zhang');
      const rows = fc.sample(
        fc.record({
          title: cjkText,
          requirement: cjkText,
          instruction: fc.oneof(text, fc.integer({ min: 1, max: 99999 }).map(String)),
          deadline: futureDay,
          form: fc.nat(4),
        }),
        { numRuns: 30, seed: 2026 },
      );
      const dateText = (d: string, form: number) =>
        [
          d,
          `${d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8)}日`,
          d.replace(/-/g, '/'),
          d.replace(/-/g, '.'),
          `=DATE(${d.slice(0, 4)};${+d.slice(5, 7)};${+d.slice(8)})`,
        ][form]!;
      const csv = [
        csvLine([...IMPORT_COLUMNS]),
        ...rows.map((r) =>
          csvLine([
            r.title,
            r.requirement,
            '专项督查',
            '',
            r.instruction.trim(),
            '市住房城乡建设局',
            '市财政局',
            '',
            dateText(r.deadline, r.form),
            '内部',
            '每月',
          ]),
        ),
      ].join('\n');
      const [xlsx] = await convertWithLibreOffice([{ name: 'ledger.csv', data: csv }], 'xlsx', CSV_IMPORT);
      // LibreOffice did write the shapes that used to be stored as "[object Object]"
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
      const kinds = new Set<string>();
      wb.worksheets[0]!.eachRow((row, n) => {
        if (n > 1)
          row.eachCell((cell) =>
            kinds.add(cell.value instanceof Date ? 'date' : typeof cell.value === 'object' && cell.value ? Object.keys(cell.value)[0]! : typeof cell.value),
          );
      });
      expect([...kinds]).toEqual(expect.arrayContaining(['richText', 'formula', 'date', 'string']));
      const res = await c.upload('/api/supervision/import?mode=all', 'ledger.xlsx', xlsx!);
      expect(res.status, res.body).toBe(200);
      expect(res.json.committed, JSON.stringify(res.json.rows.filter((r: { ok: boolean }) => !r.ok))).toBe(true);
      for (const [i, r] of rows.entries()) {
        expect(await stored(res.json.rows[i].number)).toEqual({
          title: r.title,
          requirement: r.requirement,
          instruction_text: r.instruction.trim(),
          deadline: r.deadline,
          level: 1,
        });
      }
    }, 240_000);

    it('the ledger export: date cells, a 密级 column, A4 landscape with the header row repeated and the highest 密级 in the page header; re-read, and opened by LibreOffice, it equals the list', async () => {
      const c = await env().login('dcs_zhang');
      const res = await env().app.inject({ method: 'GET', url: '/api/supervision/export.xlsx', headers: { cookie: c.cookie! } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="ledger-2026-03-02.xlsx"; filename*=UTF-8''${encodeURIComponent('督办台账-2026-03-02.xlsx')}`,
      );
      const list = (await c.get('/api/supervision/items?pageSize=200')).json;
      expect(list.items.length).toBeGreaterThan(1);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const highest = Math.max(...list.items.map((i: { level: number }) => i.level));
      expect(highest).toBeGreaterThan(0);
      expect(ws.headerFooter.oddHeader).toContain(`&14${LEVELS[highest]!.zh}&C`);
      const col = (h: string) => LEDGER_COLUMNS.findIndex((c) => c.header === h) + 1;
      for (let n = 2; n <= ws.rowCount; n++) {
        expect(ws.getRow(n).getCell(col('时限')).value).toBeInstanceOf(Date);
        expect(ws.getRow(n).getCell(col('时限')).numFmt).toBe('yyyy-mm-dd');
      }
      // the list API's rows, in the ledger's columns
      const expected = [...list.items]
        .sort((a, b) => (a.deadline === b.deadline ? a.id - b.id : a.deadline < b.deadline ? -1 : 1))
        .map((i) => ({ 编号: i.number, 事项: i.title, 密级: LEVELS[i.level]!.zh, 牵头单位: i.leadUnitName, 时限: i.deadline, 状态: i.statusName }));
      const pick = (v: Record<string, string>) => ({ 编号: v.编号, 事项: v.事项, 密级: v.密级, 牵头单位: v.牵头单位, 时限: v.时限, 状态: v.状态 });
      // re-read with the importer's reader
      const headers = LEDGER_COLUMNS.map((c) => c.header);
      const reread = await readSheet(res.rawPayload, { columns: headers, dates: ['时限'] });
      if (!('rows' in reread)) throw new Error(JSON.stringify(reread.header));
      expect(reread.rows.every((r) => Object.keys(r.problems).length === 0)).toBe(true);
      expect(reread.rows.map((r) => pick(r.values as Record<string, string>))).toEqual(expected);
      // opened by LibreOffice and saved as CSV: the same rows, dates shown as dates
      const [csv] = await convertWithLibreOffice([{ name: 'ledger.xlsx', data: res.rawPayload }], CSV_EXPORT);
      const [head, ...body] = parseCsv(csv!.toString('utf8'));
      expect(head).toEqual(headers);
      expect(body.map((cells) => pick(Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']))))).toEqual(expected);
      // and the import template's own example date is a date cell
      const tpl = await env().app.inject({ method: 'GET', url: '/api/supervision/import-template.xlsx', headers: { cookie: c.cookie! } });
      expect(tpl.headers['content-disposition']).toContain('filename="supervision-import-template.xlsx"');
      expect(tpl.headers['cache-control']).toBe('private, no-store');
      const t = new ExcelJS.Workbook();
      await t.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
      expect(t.worksheets[0]!.getRow(2).getCell(IMPORT_COLUMNS.indexOf('时限') + 1).value).toBeInstanceOf(Date);
    }, 240_000);

    it('an export of a registration window reads the window by its index: the same rows in the same order as the keyset pages, for each viewer; items hidden meanwhile are left out', async () => {
      const db = env().ctx.db;
      const { IdentityService } = await import('../identity/identity.service.js');
      const actorOf = async (username: string) =>
        (await new IdentityService(env().ctx).loadActor(db, env().demo.userByName[username]!, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
      const th = env().ctx.calendar.lightThresholds(env().clock.now(), 3);
      const created = (await db.selectFrom('supervision_item').select('created_at').orderBy('created_at').execute()).map((r) => r.created_at.slice(0, 10));
      const first = created[0]!;
      const last = created[created.length - 1]!;
      const middle = created[Math.floor(created.length / 2)]!;
      const windows: LedgerFilter[] = [
        { createdFrom: first, createdTo: last },
        { createdFrom: first, createdTo: middle },
        { createdFrom: middle },
        { createdTo: middle, status: 'issued' },
        { createdFrom: first, createdTo: last, status: 'closed' },
        { createdFrom: middle, createdTo: last, light: 'red' },
        { createdFrom: first, createdTo: last, deadlineFrom: middle },
      ];
      let rowsSeen = 0;
      for (const username of ['dcs_zhang', 'zr_chen', 'fgw_xu', 'zjj_peng', 'sj_li']) {
        const actor = await actorOf(username);
        for (const f of windows) {
          const keyset: number[] = [];
          let after: { deadline: string; id: number } | null = null;
          for (;;) {
            const rows = await ledgerKeysetPage(db, actor, f, th, after, 3);
            keyset.push(...rows.map((r) => r.id));
            if (rows.length < 3) break;
            after = { deadline: rows[2]!.deadline, id: rows[2]!.id };
          }
          const ids = await ledgerIdsByRegistration(db, actor, f, th);
          expect(ids, `${username} ${JSON.stringify(f)}`).toEqual(keyset);
          expect((await itemsInOrder(db, actor, keyset)).map((r) => r.id)).toEqual(keyset);
          rowsSeen += keyset.length;
          // a window of more items than the cap goes the keyset way
          expect(await ledgerIdsByRegistration(db, actor, f, th, 0)).toBeNull();
        }
        // no window, or a unit filter: the keyset pages
        expect(await ledgerIdsByRegistration(db, actor, {}, th)).toBeNull();
        expect(await ledgerIdsByRegistration(db, actor, { createdFrom: first, unitId: env().demo.unitByCode.housing! }, th)).toBeNull();
      }
      expect(rowsSeen).toBeGreaterThan(20);
      // an item raised above the viewer's clearance after the ids were read is not in its page
      const liaison = await actorOf('fgw_xu');
      const ids = (await ledgerIdsByRegistration(db, liaison, { createdFrom: first }, th))!;
      expect(ids.length).toBeGreaterThan(1);
      const before = await db.selectFrom('supervision_item').select('level').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
      await db
        .updateTable('supervision_item')
        .set({ level: liaison.clearance + 1 })
        .where('id', '=', ids[0]!)
        .execute();
      expect((await itemsInOrder(db, liaison, ids)).map((r) => r.id)).toEqual(ids.slice(1));
      await db.updateTable('supervision_item').set({ level: before.level }).where('id', '=', ids[0]!).execute();
      // the route: the window's export lists the ledger's rows of that window, in its order
      const c = await env().login('dcs_zhang');
      const q = `createdFrom=${first}&createdTo=${middle}`;
      const res = await env().app.inject({ method: 'GET', url: `/api/supervision/export.xlsx?${q}`, headers: { cookie: c.cookie! } });
      expect(res.statusCode).toBe(200);
      const list = (await c.get(`/api/supervision/items?${q}&pageSize=200`)).json;
      const reread = await readSheet(res.rawPayload, { columns: LEDGER_COLUMNS.map((h) => h.header), dates: ['时限'] });
      if (!('rows' in reread)) throw new Error(JSON.stringify(reread.header));
      expect(list.items.length).toBeGreaterThan(1);
      expect(reread.rows.map((r) => r.values.编号)).toEqual(list.items.map((i: { number: string }) => i.number));
    });

    it('the archive catalogue export: 归档时间 as date cells, frozen and printable header, and download headers on every export', async () => {
      const da = await env().login('zr_chen');
      const res = await env().app.inject({ method: 'GET', url: '/api/documents/archive/export.xlsx?year=2026', headers: { cookie: da.cookie! } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="archive-catalogue-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('归档目录-2026.xlsx')}`,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBeGreaterThan(1);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(ws.headerFooter.oddHeader).toContain('归档目录');
      for (let n = 2; n <= ws.rowCount; n++) {
        const cell = ws.getRow(n).getCell(9);
        expect(cell.value).toBeInstanceOf(Date);
        expect(cell.numFmt).toBe('yyyy-mm-dd');
      }
      const c = await env().login('dcs_zhang');
      const doc = await env().app.inject({ method: 'GET', url: '/api/supervision/summary.docx?from=2026-01-01&to=2026-03-01', headers: { cookie: c.cookie! } });
      expect(doc.statusCode).toBe(200);
      expect(doc.headers['cache-control']).toBe('private, no-store');
      expect(doc.headers['content-disposition']).toContain('filename="supervision-summary-2026-01-01-2026-03-01.docx"');
    });
  },
  { modules: [supervisionModule, documentsModule] },
);
