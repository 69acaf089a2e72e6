/**
 * 约稿 and handwritten 批示 on both databases, through the HTTP routes: 信息处 asks two units, one answers
 * with a linked report, the request lists who answered (titles only where the viewer may read them) and
 * who did not; the reminder, the 工作台, the loose ends past the deadline, closing, the statistics (and
 * their xlsx); a 批示 as handwriting (PNG checked by its bytes and size) served only to readers of the item.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { informationModule } from './information.module.js';

const MIN = 60_000;
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describeEachDialect(
  'information: 约稿 and handwritten 批示',
  (env) => {
    const ago = (minutes: number) => new Date(env().clock.now().getTime() - minutes * MIN).toISOString();
    const today = () => new Date(env().clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const unit = (code: string) => env().demo.unitByCode[code]!;
    const report = (over: Record<string, unknown> = {}) => ({
      kind: '工作动态',
      title: '市发展改革委重点项目推进情况',
      body: '本季度新开工项目12个。',
      level: 0,
      eventAt: ago(60),
      ...over,
    });
    const notified = async (username: string, kind: string, link: string) =>
      (
        await env()
          .ctx.db.selectFrom('notification')
          .select('id')
          .where('user_id', '=', env().demo.userByName[username]!)
          .where('kind', '=', kind)
          .where('link', '=', link)
          .execute()
      ).length;
    const stats = async (unitCode: string) =>
      (await env().ctx.services.information!.unitStatistics(env().ctx.db, { from: today(), to: today() }, [unit(unitCode)]))[0] ?? {
        requestsAsked: 0,
        requestsAnswered: 0,
      };
    const ask = (c: TestClient, over: Record<string, unknown> = {}) =>
      c.post('/api/information/requests', {
        topic: '重点项目开工情况',
        description: '请报送本单位牵头的重点项目开工情况和存在问题。',
        unitIds: [unit('ndrc'), unit('housing')],
        deadline: '2026-03-06',
        ...over,
      });

    it('信息处 asks two units; one answers with a linked report; the request shows one answered, one not; the figures count both', async () => {
      const ndrcBefore = await stats('ndrc');
      const housingBefore = await stats('housing');
      const editor = await env().login('xxc_he');
      const created = await ask(editor);
      expect(created.status, created.body).toBe(201);
      const id = created.json.id as number;
      expect(await notified('fgw_xu', 'information.request', `/information/requests/${id}`)).toBe(1);
      expect(await notified('zjj_peng', 'information.request', `/information/requests/${id}`)).toBe(1);
      expect(await notified('czj_han', 'information.request', `/information/requests/${id}`)).toBe(0);

      // the asked liaison sees it in the list (owed) and on the 工作台; another unit does not see it at all
      const liaison = await env().login('fgw_xu');
      const mine = (await liaison.get('/api/information/requests')).json;
      expect(mine.can.create).toBe(false);
      expect(mine.items.find((r: { id: number }) => r.id === id)).toMatchObject({ owed: true, asked: 2, answered: 0, status: 'open' });
      const wb = await env().ctx.services.information!.workbench(env().ctx.db, await actorOf(env(), 'fgw_xu'), env().clock.now());
      expect(wb.find((w) => w.link === `/information/requests/${id}`)).toMatchObject({ title: '约稿：重点项目开工情况', deadline: '2026-03-06' });
      const other = await env().login('czj_han');
      expect((await other.get(`/api/information/requests/${id}`)).status).toBe(404);
      expect((await other.get('/api/information/requests')).json.items.map((r: { id: number }) => r.id)).not.toContain(id);
      // a unit not asked cannot answer (the same answer whether the request exists or not)
      const stray = await other.post('/api/information/items', report({ requestId: id }));
      expect(stray.status).toBe(422);
      expect(stray.json.error).toBe('information.request_not_asked');
      expect((await other.post('/api/information/items', report({ requestId: 999_999 }))).json.error).toBe('information.request_not_asked');

      const answer = await liaison.post('/api/information/items', report({ requestId: id }));
      expect(answer.status, answer.body).toBe(201);
      expect(await notified('xxc_he', 'information.request_answered', `/information/requests/${id}`)).toBe(1);
      const wbAfter = await env().ctx.services.information!.workbench(env().ctx.db, await actorOf(env(), 'fgw_xu'), env().clock.now());
      expect(wbAfter.some((w) => w.link === `/information/requests/${id}`)).toBe(false);

      const d = await editor.get(`/api/information/requests/${id}`);
      expect(d.status).toBe(200);
      expect(d.json.request).toMatchObject({ topic: '重点项目开工情况', asked: 2, answered: 1, status: 'open', createdByName: expect.any(String) });
      expect(d.json.actions).toEqual(['close']);
      expect(d.json.units).toEqual([
        {
          unitId: unit('ndrc'),
          unitName: expect.any(String),
          answered: true,
          remindedAt: null,
          answers: [{ itemId: answer.json.id, answeredAt: expect.any(String), title: '市发展改革委重点项目推进情况', status: 'submitted' }],
        },
        { unitId: unit('housing'), unitName: expect.any(String), answered: false, remindedAt: null, answers: [] },
      ]);
      // the housing liaison sees that 市发展改革委 answered, not what it wrote
      const housing = await env().login('zjj_peng');
      const seen = await housing.get(`/api/information/requests/${id}`);
      expect(seen.json.units[0].answers[0]).toMatchObject({ itemId: answer.json.id, title: null, status: null });
      expect(seen.json.actions).toEqual(['answer']);
      expect(seen.json.request.owed).toBe(true);

      expect((await stats('ndrc')).requestsAsked - ndrcBefore.requestsAsked).toBe(1);
      expect((await stats('ndrc')).requestsAnswered - ndrcBefore.requestsAnswered).toBe(1);
      expect((await stats('housing')).requestsAsked - housingBefore.requestsAsked).toBe(1);
      expect((await stats('housing')).requestsAnswered - housingBefore.requestsAnswered).toBe(0);

      // the statistics route and its xlsx carry the two figures
      const s = await editor.get(`/api/information/statistics?from=${today()}&to=${today()}`);
      expect(s.json.units.find((u: { unitId: number }) => u.unitId === unit('housing'))).toMatchObject({ requestsAsked: expect.any(Number) });
      const x = await env().app.inject({
        method: 'GET',
        url: `/api/information/statistics.xlsx?from=${today()}&to=${today()}`,
        headers: { cookie: editor.cookie! },
      });
      expect(x.statusCode).toBe(200);
      expect(String(x.headers['content-disposition'])).toContain('filename="information-statistics-');
      const wbook = new ExcelJS.Workbook();
      await wbook.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wbook.worksheets[0]!;
      expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['约稿', '约稿已报']));
      const housingRow = ws
        .getSheetValues()
        .find((r) => Array.isArray(r) && r[1] === s.json.units.find((u: { unitId: number }) => u.unitId === unit('housing')).unitName) as unknown[];
      expect(housingRow[10]).toBe((await stats('housing')).requestsAsked);
      expect(housingRow[11]).toBe((await stats('housing')).requestsAnswered);
      expect((await env().anonymous().get(`/api/information/statistics.xlsx?from=${today()}&to=${today()}`)).status).toBe(401);

      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select('action')
        .where('target_type', '=', 'info_request')
        .where('target_id', '=', String(id))
        .where('outcome', '=', 'success')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['information.request_create', 'information.request_answer']);
    });

    it('refusals and bad input: 401, 403 for a liaison creating or closing, 404 for another unit, 409 stale or closed, 422/400 for bad input', async () => {
      const editor = await env().login('xxc_he');
      const liaison = await env().login('fgw_xu');
      expect((await env().anonymous().get('/api/information/requests')).status).toBe(401);
      expect((await env().anonymous().post('/api/information/requests', {})).status).toBe(401);
      expect((await ask(liaison)).status).toBe(403);
      expect((await ask(editor, { deadline: '2026-03-01' })).json.error).toBe('information.request_deadline_past');
      expect((await ask(editor, { unitIds: [999_999] })).json.error).toBe('information.unknown_unit');
      expect((await ask(editor, { unitIds: [] })).status).toBe(400);
      expect((await ask(editor, { deadline: '2026-02-30' })).status).toBe(400);
      expect((await ask(editor, { level: 3 })).status).toBe(422);

      const id = (await ask(editor)).json.id as number;
      expect((await liaison.post(`/api/information/requests/${id}/close`, { version: 1 })).status).toBe(403);
      expect((await (await env().login('czj_han')).post(`/api/information/requests/${id}/close`, { version: 1 })).status).toBe(404);
      expect((await editor.post(`/api/information/requests/${id}/close`, { version: 9 })).status).toBe(409);
      const closed = await editor.post(`/api/information/requests/${id}/close`, { version: 1 });
      expect(closed.status).toBe(200);
      expect(closed.json).toMatchObject({ status: 'closed', version: 2 });
      const again = await editor.post(`/api/information/requests/${id}/close`, { version: 2 });
      expect(again.status).toBe(409);
      expect(again.json.error).toBe('information.request_closed');
      const late = await liaison.post('/api/information/items', report({ requestId: id }));
      expect(late.status).toBe(409);
      expect(late.json.error).toBe('information.request_closed');
      const d = await liaison.get(`/api/information/requests/${id}`);
      expect(d.json.request).toMatchObject({ status: 'closed', owed: false, closedAt: expect.any(String) });
      expect(d.json.actions).toEqual([]);
      const refused = await env()
        .ctx.db.selectFrom('audit_event')
        .select('outcome')
        .where('target_type', '=', 'info_request')
        .where('target_id', '=', String(id))
        .where('action', '=', 'information.request_close')
        .execute();
      expect(refused.map((r) => r.outcome).sort()).toEqual(['denied', 'denied', 'success']);
    });

    it('a 批示 of handwriting only: stored as PNG, shown on the item and in 我的批示, served only to readers; non-PNG, oversize and empty refused', async () => {
      const editor = await env().login('xxc_he');
      const sub = await (await env().login('fgw_xu')).post('/api/information/items', report({ title: '一条将被批示的信息' }));
      const itemId = sub.json.id as number;
      await editor.post(`/api/information/items/${itemId}/take`, { version: 1 });
      await editor.post(`/api/information/items/${itemId}/adopt`, { version: 2, level: 'special' });
      const leader = await env().login('sj_li');
      const ins = await leader.post(`/api/information/items/${itemId}/instructions`, { handwriting: `data:image/png;base64,${PNG.toString('base64')}` });
      expect(ins.status, ins.body).toBe(201);
      const both = await leader.post(`/api/information/items/${itemId}/instructions`, { text: '请抓紧落实。', handwriting: PNG.toString('base64') });
      expect(both.status).toBe(201);
      const textOnly = await leader.post(`/api/information/items/${itemId}/instructions`, { text: '阅。' });
      expect(textOnly.status).toBe(201);

      const d = await leader.get(`/api/information/items/${itemId}`);
      expect(d.json.instructions.map((i: { text: string; handwriting: boolean }) => [i.text, i.handwriting])).toEqual([
        ['', true],
        ['请抓紧落实。', true],
        ['阅。', false],
      ]);
      const mine = (await leader.get('/api/information/instructions')).json.items as { id: number; handwriting: boolean }[];
      expect(mine.find((i) => i.id === ins.json.id)?.handwriting).toBe(true);

      const url = `/api/information/instructions/${ins.json.id}/handwriting`;
      const img = await env().app.inject({ method: 'GET', url, headers: { cookie: leader.cookie! } });
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      expect(img.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(img.rawPayload, PNG)).toBe(0);
      // the reporting unit reads its item and so the 批示; another unit does not; nobody reads a 批示 without handwriting as an image
      expect((await env().app.inject({ method: 'GET', url, headers: { cookie: (await env().login('fgw_xu')).cookie! } })).statusCode).toBe(200);
      expect((await (await env().login('czj_han')).get(url)).status).toBe(404);
      expect((await env().anonymous().get(url)).status).toBe(401);
      expect((await leader.get(`/api/information/instructions/${textOnly.json.id}/handwriting`)).status).toBe(404);

      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      const notPng = await leader.post(`/api/information/items/${itemId}/instructions`, { text: '附图', handwriting: gif.toString('base64') });
      expect(notPng.status).toBe(422);
      expect(notPng.json.error).toBe('information.handwriting_invalid');
      expect(notPng.json.message).toContain('PNG');
      const big = Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(600 * 1024)]);
      const tooBig = await leader.post(`/api/information/items/${itemId}/instructions`, { handwriting: big.toString('base64') });
      expect(tooBig.status).toBe(422);
      expect(tooBig.json.error).toBe('information.handwriting_too_large');
      const empty = await leader.post(`/api/information/items/${itemId}/instructions`, { text: '  ' });
      expect(empty.status).toBe(422);
      expect(empty.json.error).toBe('information.instruction_empty');
      expect((await leader.post(`/api/information/items/${itemId}/instructions`, { handwriting: 'not base64!' })).status).toBe(400);
      const en = await leader.post(`/api/information/items/${itemId}/instructions`, { handwriting: gif.toString('base64') }, { 'accept-language': 'en-US' });
      expect(en.json.message).toBe('The handwriting must be a PNG image');
      // a liaison may not write a 批示, handwriting or not
      expect((await (await env().login('fgw_xu')).post(`/api/information/items/${itemId}/instructions`, { handwriting: PNG.toString('base64') })).status).toBe(
        403,
      );
    });

    it('the reminder notifies only units that have not answered; past the deadline they are loose ends until the request is closed', async () => {
      const editor = await env().login('xxc_he');
      const id = (await ask(editor, { topic: '防汛准备情况' })).json.id as number;
      await (await env().login('fgw_xu')).post('/api/information/items', report({ requestId: id }));
      // 09:00 on Thursday 2026-03-05, the working day before the deadline
      const job = await env()
        .ctx.db.selectFrom('job')
        .select(['due_at', 'status'])
        .where('target_type', '=', 'info_request')
        .where('target_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ due_at: '2026-03-05T01:00:00.000Z', status: 'pending' });
      env().clock.set('2026-03-05T01:00:00Z');
      expect(await env().ctx.scheduler.runDue()).toBeGreaterThanOrEqual(1);
      expect(await notified('zjj_peng', 'information.request_remind', `/information/requests/${id}`)).toBe(1);
      expect(await notified('fgw_xu', 'information.request_remind', `/information/requests/${id}`)).toBe(0);

      const provider = env().ctx.modules.find((m) => m.name === 'information')!.looseEnds!;
      const overdue = async (username: string) =>
        (await provider.open(env().ctx.db, await actorOf(env(), username), { limit: 100 })).filter(
          (i) => i.type === 'request_unit' && i.link.endsWith(`/${id}`),
        );
      expect(await overdue('xxc_he')).toEqual([]);
      env().clock.set('2026-03-07T01:00:00Z');
      const desk = await overdue('xxc_he');
      expect(desk).toEqual([
        {
          module: 'information',
          type: 'request_unit',
          id: expect.any(Number),
          title: expect.stringContaining('防汛准备情况'),
          ownerUnitId: unit('housing'),
          ownerUserId: env().demo.userByName.zjj_peng,
          deadline: '2026-03-06',
          status: 'unanswered',
          link: `/information/requests/${id}`,
        },
      ]);
      expect(await overdue('zjj_peng')).toHaveLength(1);
      expect(await overdue('fgw_xu')).toHaveLength(1);
      expect(await overdue('czj_han')).toEqual([]);
      expect(await provider.check(env().ctx.db)).toEqual([]);
      const d = await (await env().login('xxc_he')).get(`/api/information/requests/${id}`);
      expect(d.json.units.find((u: { unitId: number }) => u.unitId === unit('housing')).remindedAt).toBe('2026-03-05T01:00:00.000Z');
      const closed = await (await env().login('xxc_he')).post(`/api/information/requests/${id}/close`, { version: 1 });
      expect(closed.status).toBe(200);
      expect(await overdue('xxc_he')).toEqual([]);
      env().clock.set('2026-03-02T01:00:00Z');
    });

    it('the request list agrees with the read rule (密级 and asked units), for every actor', async () => {
      const editor = await env().login('xxc_he');
      expect((await ask(editor, { topic: '内部约稿', level: 1, unitIds: [unit('ndrc'), unit('education')] })).status).toBe(201);
      const all = await env().ctx.db.selectFrom('info_request').select('id').execute();
      for (const name of ['fgw_xu', 'czj_han', 'xxc_he', 'xxc_lin', 'sj_li', 'zjj_peng', 'jyj_dong', 'dcs_zhang']) {
        const c = await env().login(name);
        const listed = new Set(((await c.get('/api/information/requests')).json.items as { id: number }[]).map((i) => i.id));
        for (const { id } of all) {
          const status = (await c.get(`/api/information/requests/${id}`)).status;
          expect([name, id, status === 200], `${name} request ${id}`).toEqual([name, id, listed.has(id)]);
        }
      }
      // 市教育局's liaison is cleared for 公开 only: asked, yet not shown the 内部 request
      const inner = (await editor.get('/api/information/requests')).json.items.find((r: { topic: string }) => r.topic === '内部约稿');
      expect((await (await env().login('jyj_dong')).get(`/api/information/requests/${inner.id}`)).status).toBe(404);
      expect((await (await env().login('fgw_xu')).get(`/api/information/requests/${inner.id}`)).status).toBe(200);
    });

    it('the demo office holds one open 约稿 with one of its two units answered', async () => {
      const editor = await env().login('xxc_he');
      const list = (await editor.get('/api/information/requests?status=open')).json.items as { id: number; topic: string; asked: number; answered: number }[];
      const demo = list.find((r) => r.topic === '一季度稳增长政策落实情况');
      expect(demo).toMatchObject({ asked: 2, answered: 1 });
      const d = await editor.get(`/api/information/requests/${demo!.id}`);
      expect(d.json.units.map((u: { answered: boolean }) => u.answered)).toEqual([true, false]);
      expect(d.json.units[0].answers[0].title).toBe('市发展改革委一季度稳增长政策落实情况');
    });
  },
  { modules: [supervisionModule, informationModule] },
);
