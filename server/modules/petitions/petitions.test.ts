/**
 * 信访 through HTTP on both databases: register → repeat flagged → 转办 → late → 督办 (scheduler) → 受理 →
 * 办复 → 答复 → 回访 → 办结; personal data masked for those neither 信访 staff nor assigned (API, list,
 * export, notifications, audit trail); 404 for another unit, 403 refused write, 409 stale, 400/422 bad input.
 *
 * Cast: 宋杰 (jd_song, 接待处 staff) is the 信访 staff of the demo office (the default 信访 unit is 接待处);
 * 刘海燕 (fzr_liu, 办公厅 director) oversees (reads, masked); 彭宇 (zjj_peng, 住建局 liaison) is the
 * responsible unit and, once he accepts, the assigned handler; 冯磊 (sthj_feng, 生态环境局) is another unit.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { defineModule } from '../../platform/module.js';
import type { SupervisionContract } from '../supervision/supervision.contract.js';
import { petitionsModule } from './petitions.module.js';

const NAME = '孙秀英';
const ID_NO = '370702197001011238';
const PHONE = '13912345678';
const ADDRESS = '青州市江北区长安街99号2单元';

describeEachDialect('petitions', (env) => {
  let staff: TestClient;
  let director: TestClient;
  let housing: TestClient;
  let ecology: TestClient;
  let caseId = 0;
  let version = 0;
  const u = (code: string) => env().demo.unitByCode[code]!;
  const body = (over: Record<string, unknown> = {}) => ({
    channel: 'letter',
    petitioner: { name: NAME, idNo: ID_NO, phone: PHONE, address: ADDRESS },
    subject: '长安街小区供暖温度长期不达标',
    content: '今年入冬以来室温长期低于16度，多次向物业反映无果。',
    category: '城乡建设',
    place: '江北区',
    ...over,
  });
  const xlsx = async (c: TestClient) => {
    const res = await env().app.inject({ method: 'GET', url: '/api/petitions/export.xlsx', headers: { cookie: c.cookie! } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { res, ws: wb.worksheets[0]! };
  };

  const cast = async () => {
    [staff, director, housing, ecology] = (await Promise.all(['jd_song', 'fzr_liu', 'zjj_peng', 'sthj_feng'].map((n) => env().login(n)))) as [
      TestClient,
      TestClient,
      TestClient,
      TestClient,
    ];
  };

  it('logs in the cast', cast);

  it('registers a case (信访 staff only; bad input refused)', async () => {
    expect((await housing.post('/api/petitions', body())).status).toBe(403);
    expect((await staff.post('/api/petitions', body({ channel: 'fax' }))).status).toBe(400);
    const noContact = await staff.post('/api/petitions', body({ petitioner: { name: NAME } }));
    expect([noContact.status, noContact.json.error]).toEqual([422, 'petitions.contact_required']);
    const badId = await staff.post('/api/petitions', body({ petitioner: { name: NAME, idNo: '12345' } }));
    expect([badId.status, badId.json.error]).toEqual([422, 'petitions.bad_id_no']);
    const res = await staff.post('/api/petitions', body());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'registered',
      repeatFlagged: false,
      repeatOf: null,
      petitioner: { name: NAME, idNo: ID_NO, phone: PHONE, masked: false },
    });
    expect(res.json.number).toMatch(/^信字〔2026〕\d+号$/);
    expect(res.json.actions).toEqual(['read', 'seePersonal', 'transfer', 'answer', 'close']);
    caseId = res.json.id;
    version = res.json.version;
  });

  it('flags a repeat: same ID number or name and phone, similar subject, within the period', async () => {
    const again = await staff.post('/api/petitions', body({ channel: 'phone', subject: '长安街小区供暖温度仍不达标' }));
    expect(again.json).toMatchObject({ repeatFlagged: true, repeatOf: caseId });
    const byPhone = await staff.post('/api/petitions', body({ petitioner: { name: NAME, phone: PHONE }, subject: '长安街小区供暖不达标' }));
    expect(byPhone.json).toMatchObject({ repeatFlagged: true, repeatOf: caseId });
    const other = await staff.post('/api/petitions', body({ subject: '孩子入学学区咨询' }));
    expect(other.json.repeatFlagged).toBe(false);
    const first = await staff.get(`/api/petitions/${caseId}`);
    expect(first.json.repeats.map((r: { id: number }) => r.id)).toEqual([again.json.id, byPhone.json.id]);
  });

  it('masks personal data for a reader neither 信访 staff nor assigned; other units get 404', async () => {
    const seen = await director.get(`/api/petitions/${caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.petitioner).toEqual({ name: '孙**', idNo: '370702********1238', phone: '139****5678', address: '青州市江北区****', masked: true });
    expect(seen.json.actions).toEqual(['read']);
    expect(seen.body).not.toContain(NAME);
    expect(seen.body).not.toContain(PHONE);
    expect((await housing.get(`/api/petitions/${caseId}`)).status).toBe(404);
    expect((await ecology.get(`/api/petitions/${caseId}`)).status).toBe(404);
    const search = await director.get(`/api/search?q=${encodeURIComponent('长安街小区供暖')}`);
    expect(search.body).toContain('信字〔2026〕');
    expect(search.body).not.toContain(NAME);
    expect((await housing.get(`/api/search?q=${encodeURIComponent('长安街小区供暖')}&module=petitions`)).body).not.toContain('信字〔2026〕');
    const list = await director.get('/api/petitions?q=长安街');
    expect(list.json.items.length).toBe(3);
    expect(list.body).not.toContain(NAME);
    expect((await ecology.get('/api/petitions?q=长安街')).json.items).toEqual([]);
  });

  it('转办 to a unit: stale version 409, unknown unit 422, the unit notified without personal data', async () => {
    expect((await staff.post(`/api/petitions/${caseId}/transfer`, { version: version + 5, unitId: u('housing') })).status).toBe(409);
    expect((await staff.post(`/api/petitions/${caseId}/transfer`, { version, unitId: 999999 })).json.error).toBe('petitions.unknown_unit');
    expect((await director.post(`/api/petitions/${caseId}/transfer`, { version, unitId: u('housing') })).status).toBe(403);
    const res = await staff.post(`/api/petitions/${caseId}/transfer`, { version, unitId: u('housing') });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'transferred', unit: { id: u('housing') }, acceptDue: '2026-03-17', light: 'green' });
    version = res.json.version;
    const seen = await housing.get(`/api/petitions/${caseId}`);
    expect(seen.json.petitioner.masked).toBe(true);
    expect(seen.json.actions).toEqual(['read', 'accept']);
    const inbox = await housing.get('/api/notifications');
    expect(inbox.body).toContain(res.json.number);
    expect(inbox.body).not.toContain(NAME);
    expect((await ecology.post(`/api/petitions/${caseId}/accept`, { version })).status).toBe(404);
    // 全文检索: the unit finds the case now, by subject, and the result carries no personal data; another unit does not
    const found = await housing.get(`/api/search?q=${encodeURIComponent('长安街小区供暖')}&module=petitions`);
    expect(found.status).toBe(200);
    expect(found.body).toContain(res.json.number);
    expect(found.body).not.toContain(NAME);
    expect(found.body).not.toContain(PHONE);
    expect((await ecology.get(`/api/search?q=${encodeURIComponent('长安街小区供暖')}&module=petitions`)).body).not.toContain(res.json.number);
    const wb = await housing.get('/api/workbench');
    expect(wb.body).toContain(res.json.number);
    expect((await ecology.get('/api/workbench')).body).not.toContain(res.json.number);
  });

  it('exports the 台账 masked unless the exporter may see personal data', async () => {
    const masked = await xlsx(director);
    expect(String(masked.res.headers['content-disposition'])).toContain('filename="petitions-2026-03-02.xlsx"');
    const cells = (ws: ExcelJS.Worksheet) => JSON.stringify(ws.getSheetValues());
    expect(cells(masked.ws)).not.toContain(NAME);
    expect(cells(masked.ws)).toContain('孙**');
    expect(masked.ws.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(masked.ws.pageSetup.orientation).toBe('landscape');
    const clear = await xlsx(staff);
    expect(cells(clear.ws)).toContain(NAME);
    expect(cells(clear.ws)).toContain(ID_NO);
    const unit = await xlsx(housing);
    expect(unit.ws.rowCount).toBeGreaterThanOrEqual(2);
    expect(cells(unit.ws)).not.toContain(NAME);
  });

  it('late → 督办 by the scheduler: the unit and the 信访 staff notified, the count kept', async () => {
    env().clock.set('2026-03-18T02:00:00Z');
    await env().ctx.scheduler.runDue();
    await cast(); // the sessions expired
    const seen = await staff.get(`/api/petitions/${caseId}`);
    expect(seen.json).toMatchObject({ supervisedCount: 1, light: 'red', status: 'transferred' });
    expect(seen.json.supervision.number).toMatch(/^督字〔2026〕\d+号$/); // handed to 督查督办 as a 专项督查 item
    const item = await housing.get(`/api/supervision/items/${seen.json.supervision.id}`);
    expect(item.status).toBe(200);
    expect(item.body).not.toContain(NAME);
    version = seen.json.version;
    for (const c of [housing, staff]) {
      const inbox = await c.get('/api/notifications');
      expect(inbox.body).toContain('信访件督办');
      expect(inbox.body).not.toContain(NAME);
    }
    await env().ctx.scheduler.runDue(); // nothing more until the next week
    const still = (await staff.get(`/api/petitions/${caseId}`)).json;
    expect([still.supervisedCount, still.supervision.id]).toEqual([1, seen.json.supervision.id]);
  });

  it('the unit accepts (assigned: now sees personal data), replies; closing without an answer is refused', async () => {
    const acc = await housing.post(`/api/petitions/${caseId}/accept`, { version });
    expect(acc.status).toBe(200);
    expect(acc.json).toMatchObject({ status: 'accepted', handler: { name: '彭宇' }, petitioner: { name: NAME, masked: false } });
    version = acc.json.version;
    const early = await staff.post(`/api/petitions/${caseId}/close`, { version, outcome: '已解决' });
    expect([early.status, early.json.error]).toEqual([422, 'petitions.reply_required']);
    expect((await housing.post(`/api/petitions/${caseId}/reply`, { version, text: '' })).status).toBe(400);
    const rep = await housing.post(`/api/petitions/${caseId}/reply`, { version, text: '已督促供热公司整改，室温已达标。' });
    expect(rep.json.status).toBe('replied');
    version = rep.json.version;
  });

  it('答复 the petitioner, 回访 with satisfaction, 办结 with an outcome', async () => {
    expect((await housing.post(`/api/petitions/${caseId}/answer`, { version, text: 'x' })).status).toBe(403);
    const ans = await staff.post(`/api/petitions/${caseId}/answer`, { version, text: '已书面答复信访人整改情况。' });
    expect(ans.json.status).toBe('answered');
    version = ans.json.version;
    expect((await staff.post(`/api/petitions/${caseId}/follow-up`, { version, satisfaction: 'very' })).status).toBe(400);
    const fu = await staff.post(`/api/petitions/${caseId}/follow-up`, { version, satisfaction: 'basically', text: '电话回访，基本满意。' });
    expect(fu.json).toMatchObject({ satisfaction: 'basically', status: 'answered' });
    version = fu.json.version;
    const noOutcome = await staff.post(`/api/petitions/${caseId}/close`, { version });
    expect([noOutcome.status, noOutcome.json.error]).toEqual([422, 'petitions.outcome_required']);
    const closed = await staff.post(`/api/petitions/${caseId}/close`, { version, outcome: '已解决' });
    expect(closed.json).toMatchObject({ status: 'closed', outcome: '已解决', light: 'none' });
  });

  it('statistics by category, place and unit', async () => {
    const st = await staff.get('/api/petitions/stats');
    expect(st.status).toBe(200);
    const housingRow = st.json.byUnit.find((r: { key: string }) => r.key === String(u('housing')));
    expect(housingRow).toMatchObject({ name: '青州市住房和城乡建设局', closed: 1 });
    expect(st.json.byCategory.find((r: { key: string }) => r.key === '城乡建设').total).toBeGreaterThanOrEqual(4);
    const eco = await ecology.get('/api/petitions/stats');
    expect(eco.json.byUnit.map((r: { key: string }) => r.key)).toEqual([String(u('ecology'))]);
  });

  it('the settings: the repeat period is configurable (office director), 403 for 信访 staff, 409 when stale', async () => {
    const cfg = (await staff.get('/api/petitions/config')).json;
    expect(cfg).toMatchObject({ acceptDays: 15, handleDays: 60, repeatDays: 180, canConfigure: false, staffUnitIds: [u('reception')] });
    const next = { ...cfg, repeatDays: 1 };
    delete next.canConfigure;
    expect((await staff.put('/api/petitions/config', next)).status).toBe(403);
    expect((await director.put('/api/petitions/config', { ...next, version: cfg.version + 3 })).status).toBe(409);
    expect((await director.put('/api/petitions/config', { ...next, acceptDays: 0 })).status).toBe(400);
    const saved = await director.put('/api/petitions/config', next);
    expect(saved.json).toMatchObject({ repeatDays: 1, version: cfg.version + 1 });
    env().clock.advance(2 * 86_400_000);
    await cast(); // the sessions idled while the clock moved
    const late = await staff.post('/api/petitions', body({ subject: '长安街小区供暖温度长期不达标问题' }));
    expect(late.json.repeatFlagged).toBe(false); // the earlier case is older than the period now
    const working = await director.put('/api/petitions/config', { ...next, repeatDays: 180, workingDays: true, version: saved.json.version });
    expect(working.status).toBe(200);
    const t = await staff.post(`/api/petitions/${late.json.id}/transfer`, { version: late.json.version, unitId: u('finance') });
    const today = t.json.transferredAt.slice(0, 10); // before 08:00 UTC the China date is the same
    expect(t.json.acceptDue).toBe(env().ctx.calendar.addWorkingDays(today, 15)); // 15 working days through the calendar
    expect(t.json.acceptDue > new Date(Date.parse(`${today}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
    // a second 信访 unit: its staff see the cases (in clear) and find them, until it is removed again
    const wider = await director.put('/api/petitions/config', {
      ...next,
      repeatDays: 180,
      staffUnitIds: [u('reception'), u('general')],
      version: working.json.version,
    });
    expect(wider.status).toBe(200);
    const zheng = await env().login('zhc_zheng');
    const q = `/api/search?q=${encodeURIComponent('长安街小区供暖')}&module=petitions`;
    expect((await zheng.get(q)).body).toContain('信字〔2026〕');
    expect((await zheng.get(`/api/petitions/${caseId}`)).json.petitioner).toMatchObject({ name: NAME, masked: false });
    expect((await director.put('/api/petitions/config', { ...next, repeatDays: 180, version: wider.json.version })).status).toBe(200);
    expect((await zheng.get(q)).body).not.toContain('信字〔2026〕');
    expect((await zheng.get(`/api/petitions/${caseId}`)).status).toBe(404);
  });

  it('the audit trail keeps no personal data in clear', async () => {
    const rows = await env().ctx.db.selectFrom('audit_event').selectAll().where('target_type', '=', 'petition_case').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['petitions.register', 'petitions.transfer', 'petitions.supervise', 'petitions.accept', 'petitions.close', 'petitions.follow_up'])
      expect(actions).toContain(a);
    const text = JSON.stringify(rows);
    for (const s of [NAME, ID_NO, PHONE, ADDRESS, '已督促供热公司整改']) expect(text).not.toContain(s);
  });
});

/** A 督查督办 that writes, then refuses: its writes are undone (savepoint) and the 督办 goes on by notification. */
const refusingSupervision = defineModule({
  name: 'supervision',
  service: (ctx): SupervisionContract => ({
    async createFromSource(trx, actor) {
      await ctx.notifier.send(trx, [actor.id], { kind: 'probe', title: '半途写入-PROBE', body: 'x' });
      throw new Error('refused');
    },
    async progressBySource() {
      return {};
    },
  }),
});

describeEachDialect(
  'petitions late with 督查督办 refusing',
  (env) => {
    it('counts the 督办 and notifies, without a supervision item and without the refused writes', async () => {
      const staff = await env().login('jd_song');
      const reg = await staff.post('/api/petitions', {
        channel: 'online',
        petitioner: { name: '钱二', phone: '13500000000' },
        subject: '网上留言转办测试',
        content: '内容',
        category: '其他',
        place: '青山区',
      });
      const tr = await staff.post(`/api/petitions/${reg.json.id}/transfer`, { version: reg.json.version, unitId: env().demo.unitByCode.finance });
      expect(tr.json.acceptDue).toBe('2026-03-17');
      env().clock.set('2026-03-18T02:00:00Z');
      await env().ctx.scheduler.runDue();
      const again = await env().login('jd_song');
      expect((await again.get(`/api/petitions/${reg.json.id}`)).json).toMatchObject({ supervisedCount: 1, supervision: null });
      const inbox = await again.get('/api/notifications');
      expect(inbox.body).toContain('信访件督办');
      expect(inbox.body).not.toContain('半途写入-PROBE');
    });
  },
  { modules: [petitionsModule, refusingSupervision] },
);
