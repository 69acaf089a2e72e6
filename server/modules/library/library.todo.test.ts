/**
 * 资源共享 for the approver and the subscriber units: one 工作台 (待办) list carries the 查阅申请 the approver decides
 * beside the 收文签收 of his unit; a 定期分送 list sends to whole units, whose members see it, and its units are
 * changed and removed after creation.
 */
import { expect, it } from 'vitest';
import { buildLibraryItem } from '../../../test/factories/library.js';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { documentsModule } from '../documents/documents.module.js';
import { libraryModule } from './library.module.js';

interface WorkbenchRow {
  module: string;
  id: number;
  title: string;
  status: string;
  link: string;
}

describeEachDialect(
  'library: the approver’s 待办 and 定期分送 to units',
  (env) => {
    const as = (username: string): Promise<TestClient> => env().login(username);
    const user = (name: string) => env().demo.userByName[name]!;
    const unit = (code: string) => env().demo.unitByCode[code]!;
    const act = (c: TestClient, id: number, action: string, body: Record<string, unknown>) => c.post(`/api/documents/${id}/actions/${action}`, body);
    const workbench = async (c: TestClient) => (await c.get('/api/workbench')).json.items as WorkbenchRow[];

    /** A 发文 of the general office distributed to `unitCode`, through the routes. */
    async function distributeTo(unitCode: string, title: string): Promise<void> {
      const drafter = await as('zhc_zheng');
      const d = await drafter.post('/api/documents/outgoing', {
        docType: '通知',
        title,
        level: 0,
        urgency: 'normal',
        orgCode: '青委办发',
        issuerOrgan: '中共青州市委办公厅文件',
        flow: 'down',
        signerId: user('zr_chen'),
        mainTo: '市直各单位',
        bodyHtml: '<p>现就有关事项通知如下。</p>',
        signature: '中共青州市委办公厅',
        printOrgan: '中共青州市委办公厅',
      });
      expect(d.status, d.body).toBe(201);
      const id = d.json.id as number;
      const ver = async () => (await drafter.get(`/api/documents/${id}`)).json.document.version as number;
      await act(drafter, id, 'submit', { version: 1, reviewerIds: [user('zhc_wu')] });
      await act(await as('zhc_wu'), id, 'approve', { version: await ver() });
      await act(await as('zr_chen'), id, 'sign', { version: await ver() });
      await act(drafter, id, 'recheck', { version: await ver() });
      await act(drafter, id, 'register', { version: await ver(), mainUnitIds: [unit(unitCode)], ccUnitIds: [], printCount: 5 });
      await act(drafter, id, 'print', { version: await ver() });
      const dist = await act(drafter, id, 'distribute', { version: await ver() });
      expect(dist.json.status, dist.body).toBe('distributed');
    }

    it('the approver’s 工作台 lists the 查阅申请 he decides and the 收文 his unit must sign for; each leaves it once done', async () => {
      // 徐鹏, 市发改委's 联络员, files a 查阅条目 (entry listed, content on request): he decides its 查阅申请
      const item = await buildLibraryItem(env(), {
        by: 'fgw_xu',
        scope: 'scoped',
        catalog: true,
        input: { kind: 'research_report', title: '关于重大项目储备情况的分析报告', source: '市发改委' },
      });
      const han = await as('czj_han');
      const req = await han.post(`/api/library/items/${item.id}/access-requests`, { reason: '编制预算需要参考' });
      expect(req.status, req.body).toBe(200);
      await distributeTo('ndrc', '关于做好重大项目申报工作的通知');

      const xu = await as('fgw_xu');
      const rows = await workbench(xu);
      const access = rows.find((r) => r.module === 'library' && r.id === req.json.id);
      expect(access).toMatchObject({ title: '查阅申请待审批：关于重大项目储备情况的分析报告', status: '待审批', link: '/library/requests' });
      const receipt = rows.find((r) => r.module === 'documents' && r.title.includes('关于做好重大项目申报工作的通知'));
      expect(receipt).toBeTruthy();
      // the requester and an unrelated liaison see neither
      for (const other of [han, await as('sthj_feng')]) {
        const theirs = await workbench(other);
        expect(theirs.some((r) => r.module === 'library' && r.id === req.json.id)).toBe(false);
        expect(theirs.some((r) => r.title.includes('关于做好重大项目申报工作的通知'))).toBe(false);
      }

      // deciding the request and signing for the copy take both off the list
      const incoming = (await xu.get('/api/library/access-requests?box=incoming&status=pending')).json.items as { id: number; version: number }[];
      const row = incoming.find((r) => r.id === req.json.id)!;
      expect((await xu.post(`/api/library/access-requests/${row.id}/decide`, { action: 'grant', version: row.version, note: '同意' })).status).toBe(200);
      const copyId = Number(receipt!.link.split('/').pop());
      const copy = (await xu.get(`/api/documents/${copyId}`)).json;
      expect((await act(xu, copyId, 'receive', { version: copy.document.version })).status).toBe(200);
      const after = await workbench(xu);
      expect(after.some((r) => r.module === 'library' && r.id === req.json.id)).toBe(false);
      expect(after.some((r) => r.title.includes('关于做好重大项目申报工作的通知'))).toBe(false);
    });

    it('定期分送 to units: members of a subscriber unit see the list and receive the run; units are changed and removed after creation', async () => {
      const guo = await as('dys_guo');
      const res = await guo.post('/api/library/distributions', {
        name: '调研成果单位分送',
        kinds: ['research_report'],
        periodDays: 7,
        subscriberIds: [],
        unitIds: [unit('information')],
      });
      expect(res.status, res.body).toBe(200);
      const id = res.json.id as number;
      const list = await guo.get(`/api/library/distributions/${id}`);
      expect(list.json.units).toEqual([{ id: unit('information'), name: expect.any(String) }]);
      // 信息处's staff, not named, sees it through the unit; 督查室 does not
      const he = await as('xxc_he');
      expect((await he.get(`/api/library/distributions/${id}`)).status).toBe(200);
      expect((await he.get('/api/library/distributions')).json.items.some((l: { id: number }) => l.id === id)).toBe(true);
      expect((await (await as('dcs_zhang')).get(`/api/library/distributions/${id}`)).status).toBe(404);
      // an unknown unit is refused with nothing changed
      const bad = await guo.patch(`/api/library/distributions/${id}`, { version: list.json.version, unitIds: [987654] });
      expect(bad.json.error).toBe('library.unknown_user');

      // the run reaches every active member of the unit
      const clock = env().clock;
      const saved = clock.now();
      try {
        clock.set(new Date(saved.getTime() + 60_000));
        await buildLibraryItem(env(), { input: { kind: 'research_report', title: '关于数字政府建设的调研报告', date: '2026-03-05' } });
        clock.set(new Date(saved.getTime() + 8 * 86_400_000));
        while ((await env().ctx.scheduler.runDue()) > 0);
        const sent = await env()
          .ctx.db.selectFrom('notification')
          .select('user_id')
          .where('kind', '=', 'library.distribution')
          .where('title', 'like', '%调研成果单位分送%')
          .execute();
        expect(sent.map((n) => n.user_id).sort((a, b) => a - b)).toEqual([user('xxc_lin'), user('xxc_he')].sort((a, b) => a - b));
      } finally {
        clock.set(saved);
      }

      // the manager moves the list to another unit and a named person; the change is audited
      const cur = (await guo.get(`/api/library/distributions/${id}`)).json;
      const moved = await guo.patch(`/api/library/distributions/${id}`, {
        version: cur.version,
        unitIds: [unit('supervision')],
        subscriberIds: [user('zhc_wu')],
      });
      expect(moved.status, moved.body).toBe(200);
      expect((await he.get(`/api/library/distributions/${id}`)).status).toBe(404);
      expect((await (await as('dcs_zhang')).get(`/api/library/distributions/${id}`)).status).toBe(200);
      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select('changes')
        .where('action', '=', 'library.distribution_update')
        .where('target_id', '=', String(id))
        .execute();
      expect(JSON.parse(audit.at(-1)!.changes as string).units).toEqual([[unit('information')], [unit('supervision')]]);
      // removing the list removes its units too
      const del = await guo.delete(`/api/library/distributions/${id}?version=${moved.json.version}`);
      expect(del.status, del.body).toBe(200);
      expect(await env().ctx.db.selectFrom('library_distribution_unit').selectAll().where('list_id', '=', id).execute()).toEqual([]);
    });
  },
  { modules: [libraryModule, documentsModule] },
);
