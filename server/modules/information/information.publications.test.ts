import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { convertWithLibreOffice } from '../../../test/libreoffice.js';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { informationModule } from './information.module.js';

type Json = Record<string, any>;
const MIN = 60_000;

describeEachDialect(
  'information publications: 期刊 assembled, signed, numbered, rendered, distributed, read',
  (env) => {
    const ago = (minutes: number) => new Date(env().clock.now().getTime() - minutes * MIN).toISOString();
    let seq = 0;
    /** A report by 徐鹏 (市发展改革委), taken and adopted by 何敏 at `level`. */
    const adoptedItem = async (level: 'recorded' | 'special' | 'upper', title = `刊物测试信息${++seq}`, body = `第${seq}条信息正文。`) => {
      const liaison = await env().login('fgw_xu');
      const sub = await liaison.post('/api/information/items', { kind: '工作动态', title, body, level: 0, eventAt: ago(60) });
      expect(sub.status, sub.body).toBe(201);
      const editor = await env().login('xxc_he');
      const id = sub.json.id as number;
      expect((await editor.post(`/api/information/items/${id}/take`, { version: 1 })).status).toBe(200);
      const a = await editor.post(`/api/information/items/${id}/adopt`, { version: 2, level });
      expect(a.status, a.body).toBe(200);
      return id;
    };
    const pubId = async (c: TestClient, name: string) =>
      ((await c.get('/api/information/publications')).json.items as Json[]).find((p) => p.name === name)!.id as number;
    /** A draft of 《信息专报》 holding `items`, brought to `to`. */
    const issueAt = async (to: 'draft' | 'submitted' | 'head_signed', items: number[]) => {
      const he = await env().login('xxc_he');
      const created = await he.post('/api/information/issues', { publicationId: await pubId(he, '信息专报') });
      expect(created.status, created.body).toBe(201);
      const id = created.json.id as number;
      let v = (await he.put(`/api/information/issues/${id}`, { version: 1, itemIds: items })).json.version as number;
      if (to === 'draft') return { id, version: v };
      v = (await he.post(`/api/information/issues/${id}/submit`, { version: v })).json.version;
      if (to === 'submitted') return { id, version: v };
      const lin = await env().login('xxc_lin');
      const s = await lin.post(`/api/information/issues/${id}/sign`, { version: v });
      expect(s.status, s.body).toBe(200);
      return { id, version: s.json.version as number };
    };
    const audits = async (id: number) =>
      (
        await env()
          .ctx.db.selectFrom('audit_event')
          .select('action')
          .where('target_type', '=', 'info_pub_issue')
          .where('target_id', '=', String(id))
          .where('outcome', '=', 'success')
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);

    it('信息处 assembles an issue from two adopted items, the division head and the director sign, it is numbered and read by a leader', async () => {
      const a = await adoptedItem('special', '全市重点项目开工率达92%');
      const b = await adoptedItem('upper', '青江流域水质持续改善');
      const low = await adoptedItem('recorded');
      const he = await env().login('xxc_he');
      const pid = await pubId(he, '信息专报');
      const cand = (await he.get(`/api/information/adoptable?publicationId=${pid}`)).json.items.map((i: Json) => i.id);
      expect(cand).toEqual(expect.arrayContaining([a, b]));
      expect(cand).not.toContain(low); // 录用 does not fit 《信息专报》
      const created = await he.post('/api/information/issues', { publicationId: pid });
      expect(created.json).toMatchObject({ status: 'draft', number: null });
      const id = created.json.id as number;
      const unfit = await he.put(`/api/information/issues/${id}`, { version: 1, itemIds: [a, low] });
      expect(unfit.status).toBe(422);
      expect(unfit.json.error).toBe('information.issue_item_unfit');
      expect((await he.put(`/api/information/issues/${id}`, { version: 1, itemIds: [b, a] })).json.version).toBe(2);
      // reorder and the 按语; a stale version is refused
      expect((await he.put(`/api/information/issues/${id}`, { version: 1, note: 'x' })).status).toBe(409);
      const put = await he.put(`/api/information/issues/${id}`, { version: 2, itemIds: [a, b], note: '两条信息反映了当前重点工作进展。' });
      expect(put.json.version).toBe(3);
      let d = (await he.get(`/api/information/issues/${id}`)).json;
      expect(d.items.map((i: Json) => i.id)).toEqual([a, b]);
      expect(d.actions).toEqual(expect.arrayContaining(['edit', 'submit', 'abandon']));
      expect(d.label).toBe('《信息专报》（未编号）');

      // a unit outside 信息处 does not see a draft; 何敏 (staff) cannot sign
      const liaison = await env().login('fgw_xu');
      expect((await liaison.get(`/api/information/issues/${id}`)).status).toBe(404);
      expect((await he.post(`/api/information/issues/${id}/submit`, { version: 3 })).json.status).toBe('submitted');
      expect((await he.post(`/api/information/issues/${id}/sign`, { version: 4 })).status).toBe(403);
      const lin = await env().login('xxc_lin');
      expect(((await lin.get('/api/workbench')).json.items as Json[]).some((w) => w.module === 'information' && w.link === `/information/issues/${id}`)).toBe(
        true,
      );
      expect((await lin.post(`/api/information/issues/${id}/return`, { version: 4, reason: '' })).status).toBe(400);
      expect((await lin.post(`/api/information/issues/${id}/sign`, { version: 4 })).json.status).toBe('head_signed');
      // the director signs: the number is the next of 《信息专报》 this year
      const chen = await env().login('zr_chen');
      const before = ((await chen.get(`/api/information/issues?status=published&publicationId=${pid}`)).json.items as Json[]).filter((i) => i.year === 2026);
      expect((await chen.get(`/api/information/issues/${id}`)).json.actions).toContain('directorSign');
      const signed = await chen.post(`/api/information/issues/${id}/sign`, { version: 5 });
      expect(signed.status, signed.body).toBe(200);
      expect(signed.json).toMatchObject({ status: 'published', number: Math.max(0, ...before.map((i) => i.number)) + 1 });
      d = (await chen.get(`/api/information/issues/${id}`)).json;
      expect(d.label).toBe(`《信息专报》2026年第${signed.json.number}期`);
      expect(d.headSignedBy).toBe('林晓');
      expect(d.directorSignedBy).toBe('陈志远');

      // a leader reads it (unread on the 工作台 first), writes a 批示 on an item; 信息处 sees the receipt
      const li = await env().login('sj_li');
      expect(((await li.get('/api/information/issues?unread=1')).json.items as Json[]).map((i) => i.id)).toContain(id);
      expect(((await li.get('/api/workbench')).json.items as Json[]).some((w) => w.link === `/information/issues/${id}`)).toBe(true);
      const view = (await li.get(`/api/information/issues/${id}`)).json;
      expect(view.items[0].canInstruct).toBe(true);
      const read = await li.post(`/api/information/issues/${id}/read`);
      expect(read.json.first).toBe(true);
      expect((await li.post(`/api/information/issues/${id}/read`)).json.first).toBe(false);
      expect((await li.get(`/api/information/issues/${id}/receipts`)).status).toBe(403);
      const receipts = (await he.get(`/api/information/issues/${id}/receipts`)).json.readers as Json[];
      expect(receipts.map((r) => r.name)).toEqual(['李明华']);
      const ins = await li.post(`/api/information/items/${a}/instructions`, { text: '请市发展改革委持续跟踪，按季度报送进展。' });
      expect(ins.status, ins.body).toBe(201);

      // readership: 市发展改革委 (in 《信息专报》's demo readership) reads it; 市教育局 does not
      expect((await liaison.get(`/api/information/issues/${id}`)).status).toBe(200);
      const dong = await env().login('jyj_dong');
      expect((await dong.get(`/api/information/issues/${id}`)).status).toBe(404);
      expect(((await dong.get('/api/information/issues')).json.items as Json[]).map((i) => i.id)).not.toContain(id);
      // whole-system search finds the published issue
      const found = await env().ctx.search.query(env().ctx.db, await actorOf(env(), 'sj_li'), { q: '重点项目开工率', page: 1, pageSize: 20 });
      expect(JSON.stringify(found)).toContain(`/information/issues/${id}`);
      const notFound = await env().ctx.search.query(env().ctx.db, await actorOf(env(), 'jyj_dong'), { q: '重点项目开工率', page: 1, pageSize: 20 });
      expect(JSON.stringify(notFound)).not.toContain(`/information/issues/${id}`);

      expect(await audits(id)).toEqual([
        'information.issue_create',
        'information.issue_update',
        'information.issue_update',
        'information.issue_submit',
        'information.issue_sign',
        'information.issue_publish',
        'information.issue_read_receipt',
      ]);
    }, 60_000);

    it('numbers are gap-free per publication and year: returned and abandoned drafts take none, concurrent sign-offs queue', async () => {
      const chen = await env().login('zr_chen');
      const item = await adoptedItem('special');
      const pending = [];
      for (let i = 0; i < 4; i++) pending.push(await issueAt('head_signed', [item]));
      const dropped = await issueAt('draft', [item]);
      const he = await env().login('xxc_he');
      expect((await he.post(`/api/information/issues/${dropped.id}/abandon`, { version: dropped.version })).json.status).toBe('abandoned');
      // the director returns one with a reason: back to draft, no number
      const [ret, ...rest] = pending;
      const back = await chen.post(`/api/information/issues/${ret!.id}/return`, { version: ret!.version, reason: '请补充第二条信息的数据来源' });
      expect(back.json).toMatchObject({ status: 'draft', number: null });
      const results = await Promise.all(rest.map((p) => chen.post(`/api/information/issues/${p.id}/sign`, { version: p.version })));
      for (const r of results) expect(r.status, r.body).toBe(200);
      const numbers = results.map((r) => r.json.number as number).sort((x, y) => x - y);
      const all = ((await chen.get('/api/information/issues?status=published')).json.items as Json[])
        .filter((i) => i.publicationName === '信息专报' && i.year === 2026)
        .map((i) => i.number as number)
        .sort((x, y) => x - y);
      expect(all).toEqual(all.map((_, i) => i + 1)); // 1..n, no gap, no duplicate
      expect(numbers).toEqual([all.length - 2, all.length - 1, all.length]);
      expect(await audits(ret!.id)).toContain('information.issue_return');
      // a second sign of a published issue: 409 (stale or wrong state)
      expect((await chen.post(`/api/information/issues/${rest[0]!.id}/sign`, { version: results[0]!.json.version })).status).toBe(409);
    }, 60_000);

    it('renders the issue as DOCX (read through LibreOffice) and PDF (poppler) in the publication layout, items in order', async () => {
      const a = await adoptedItem('special', '第一条：全市夏粮收购进度过半', '截至目前，全市已收购夏粮12.6万吨。');
      const b = await adoptedItem('special', '第二条：城区老旧小区改造开工', '今年计划改造老旧小区48个，已开工31个。');
      const lin = await env().login('xxc_lin');
      // 密级 内部 from the publication's settings
      const pid = await pubId(lin, '信息专报');
      const p = ((await lin.get('/api/information/publications')).json.items as Json[]).find((x) => x.id === pid)!;
      expect((await lin.put(`/api/information/publications/${pid}`, { version: p.version, level: 1 })).status).toBe(200);
      const { id, version } = await issueAt('head_signed', [a, b]);
      const chen = await env().login('zr_chen');
      const signed = await chen.post(`/api/information/issues/${id}/sign`, { version });
      expect(signed.status).toBe(200);
      const docx = await env().app.inject({ method: 'GET', url: `/api/information/issues/${id}/render.docx`, headers: { cookie: chen.cookie! } });
      expect(docx.statusCode).toBe(200);
      expect(String(docx.headers['content-disposition'])).toContain('issue-');
      const [txt] = await convertWithLibreOffice([{ name: 'issue.docx', data: docx.rawPayload }], 'txt:Text (encoded):UTF8');
      const text = txt!.toString('utf8');
      const pdf = await env().app.inject({ method: 'GET', url: `/api/information/issues/${id}/render.pdf`, headers: { cookie: chen.cookie! } });
      expect(pdf.statusCode).toBe(200);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-issue-'));
      fs.writeFileSync(path.join(dir, 'issue.pdf'), pdf.rawPayload);
      const pdfText = execFileSync('pdftotext', [path.join(dir, 'issue.pdf'), '-'])
        .toString()
        .replace(/[ \t]+/g, '');
      fs.rmSync(dir, { recursive: true, force: true });
      for (const [name, t] of [
        ['docx', text.replace(/[ \t\u3000]+/g, '')],
        ['pdf', pdfText],
      ] as const) {
        expect(t, name).toContain('信息专报');
        expect(t, name).toContain(`2026年第${signed.json.number}期`);
        expect(t, name).toContain('办公厅信息处');
        expect(t, name).toContain('内部');
        expect(t, name).toContain('报送：省委办公厅');
        const i1 = t.indexOf('一、第一条：全市夏粮收购进度过半');
        const i2 = t.indexOf('二、第二条：城区老旧小区改造开工');
        expect(i1, name).toBeGreaterThan(-1);
        expect(i2, name).toBeGreaterThan(i1);
        expect(t.indexOf('已开工31个'), name).toBeGreaterThan(i2);
        expect(t.indexOf('内部'), name).toBeLessThan(t.indexOf(`第${signed.json.number}期`));
      }
      await lin.put(`/api/information/publications/${pid}`, { version: p.version + 1, level: 0 });
    }, 180_000);

    it('an issue waiting for a signature is a loose end of its signer, due two working days later, and on the 工作台', async () => {
      const provider = () => env().ctx.modules.find((m) => m.name === 'information')!.looseEnds!;
      const item = await adoptedItem('special');
      const { id } = await issueAt('submitted', [item]);
      const { demo } = env();
      const board = await provider().open(env().ctx.db, await actorOf(env(), 'xxc_lin'), { limit: 50 });
      const row = board.find((i) => i.type === 'issue' && i.id === id)!;
      expect(row).toMatchObject({ ownerUserId: demo.userByName.xxc_lin, ownerUnitId: demo.unitByCode.information, status: 'submitted' });
      // submitted on Monday 2026-03-02 (the test clock): due Wednesday
      expect(row.deadline).toBe('2026-03-04');
      const liaisonBoard = await provider().open(env().ctx.db, await actorOf(env(), 'fgw_xu'), { limit: 50 });
      expect(liaisonBoard.some((i) => i.type === 'issue')).toBe(false);
      expect((await provider().check(env().ctx.db)).filter((l) => l.type === 'issue')).toEqual([]);
    });

    it('publications are configured by 信息处’s division head only; a deactivated one takes no new issue', async () => {
      const he = await env().login('xxc_he');
      const body = { name: '调研参考', minAdoptLevel: 'recorded', level: 0, orgName: '办公厅信息处', readership: { units: [], users: [] } };
      expect((await he.post('/api/information/publications', body)).status).toBe(403);
      const lin = await env().login('xxc_lin');
      const c = await lin.post('/api/information/publications', body);
      expect(c.status, c.body).toBe(201);
      expect((await lin.post('/api/information/publications', body)).status).toBe(409);
      const r = await lin.put(`/api/information/publications/${c.json.id}`, { version: c.json.version, name: '调研参考（内部）', active: false });
      expect(r.status, r.body).toBe(200);
      expect((await lin.put(`/api/information/publications/${c.json.id}`, { version: c.json.version, name: 'x' })).status).toBe(409);
      const list = (await lin.get('/api/information/publications')).json;
      expect(list.canManage).toBe(true);
      expect(list.items.find((p: Json) => p.id === c.json.id)).toMatchObject({ name: '调研参考（内部）', active: false });
      expect((await he.post('/api/information/issues', { publicationId: c.json.id })).json.error).toBe('information.publication_inactive');
      const liaison = await env().login('fgw_xu');
      expect((await liaison.post('/api/information/issues', { publicationId: c.json.id })).status).toBe(403);
    });

    it('the demo has three published 《信息专报》, the first carrying the 批示 turned into a 督办', async () => {
      const li = await env().login('sj_li');
      const items = ((await li.get('/api/information/issues?status=published')).json.items as Json[]).filter((i) => i.publicationName === '信息专报');
      expect(items.length).toBeGreaterThanOrEqual(3);
      const first = items.at(-1)!;
      expect(first.number).toBe(1);
      const d = (await li.get(`/api/information/issues/${first.id}`)).json;
      const item = (await li.get(`/api/information/items/${d.items[0].id}`)).json;
      expect(item.instructions[0].supervisionItemId).toEqual(expect.any(Number));
    });
  },
  { modules: [supervisionModule, informationModule] },
);
