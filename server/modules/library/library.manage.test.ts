/**
 * Managing what was filed: editing a library item (title, kind, scope… with the search index kept
 * in step in the same transaction) and the 定期分送 lists after creation (view, rename, kinds,
 * subscribers, pause/resume, period, delete).
 */
import { describe, expect, it } from 'vitest';
import { buildLibraryItem } from '../../../test/factories/library.js';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { libraryModule } from './library.module.js';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T01:00:00Z');

describeEachDialect(
  'library management',
  (env) => {
    const as = (username: string): Promise<TestClient> => env().login(username);
    const at = (days: number) => env().clock.set(new Date(T0.getTime() + days * DAY));
    const hitIds = async (c: TestClient, q: string): Promise<number[]> => {
      const res = await c.get(`/api/search?q=${encodeURIComponent(q)}&module=library&pageSize=50`);
      expect(res.status).toBe(200);
      return res.json.items.map((h: { itemId: number }) => h.itemId);
    };
    const auditOf = (action: string, targetId: number) =>
      env()
        .ctx.db.selectFrom('audit_event')
        .selectAll()
        .where('action', '=', action)
        .where('target_id', '=', String(targetId))
        .where('outcome', '=', 'success')
        .execute();

    describe('editing an item', () => {
      let guo!: TestClient; // 调研室 处长: a head of the owner unit
      let ma!: TestClient; // 调研室 staff, not the filer
      let zhang!: TestClient; // 督查室 staff
      let he!: TestClient; // 信息处 staff
      let id = 0;
      let version = 0;

      it('files a scoped item that 督查室 cannot see', async () => {
        at(0);
        [guo, ma, zhang, he] = (await Promise.all(['dys_guo', 'dys_ma', 'dcs_zhang', 'xxc_he'].map(as))) as [TestClient, TestClient, TestClient, TestClient];
        const res = await ma.post('/api/library/items', {
          kind: 'material',
          title: '冷链物流园区建设情况（临时标题）',
          source: '调研室',
          level: 1,
          scope: 'scoped',
          scopeUnitIds: [],
          catalog: false,
          keywords: ['冷链'],
          summary: '冷链物流园区建设进展',
          content: '正文：冷链物流园区一期已建成，二期用地待批。',
          date: '2026-03-01',
        });
        expect(res.status).toBe(200);
        id = res.json.id;
        version = res.json.version;
        expect((await zhang.get(`/api/library/items/${id}`)).status).toBe(404);
        expect(await hitIds(zhang, '冷链')).not.toContain(id);
        expect((await guo.get(`/api/library/items/${id}`)).json.actions.edit).toBe(true);
        expect((await zhang.get(`/api/library/items/${id}`)).status).toBe(404);
      });

      it('the unit head changes title, kind, scope, keywords and 保密期限; 督查室 then sees the change and finds it', async () => {
        const zhangUnit = env().demo.unitByCode.supervision!;
        const res = await guo.patch(`/api/library/items/${id}`, {
          version,
          title: '跨境电商监测中心建设情况报告',
          kind: 'research_report',
          scope: 'scoped',
          scopeUnitIds: [zhangUnit],
          keywords: ['跨境电商', '监测'],
          secrecyPeriod: '2年',
        });
        expect(res.status).toBe(200);
        expect(res.json.version).toBe(version + 1);
        version = res.json.version;
        const seen = await zhang.get(`/api/library/items/${id}`);
        expect(seen.status).toBe(200);
        expect(seen.json).toMatchObject({ title: '跨境电商监测中心建设情况报告', kind: 'research_report', secrecyPeriod: '2年', canOpen: true });
        expect(seen.json.keywords).toEqual(['跨境电商', '监测']);
        expect(seen.json.scopeUnits.map((u: { id: number }) => u.id)).toEqual([zhangUnit]);
        expect(seen.json.actions.edit).toBe(false); // may read, may not edit
        // the index moved with the row, in the same transaction
        expect(await hitIds(zhang, '跨境')).toContain(id);
        expect(await hitIds(guo, '临时标题')).not.toContain(id);
        expect((await he.get(`/api/library/items/${id}`)).status).toBe(404);
        expect(await hitIds(he, '跨境')).not.toContain(id);
        const audit = await auditOf('library.update', id);
        expect(audit).toHaveLength(1);
        // the trail keeps the changed field and keyed hashes of its values, not the titles
        const h = (v: string) => env().ctx.audit.valueHash(v);
        expect(JSON.parse(audit[0]!.changes as string).title).toEqual([h('冷链物流园区建设情况（临时标题）'), h('跨境电商监测中心建设情况报告')]);
      });

      it('a stale version answers 409 with the localized message; nothing changes', async () => {
        const stale = await guo.patch(`/api/library/items/${id}`, { version: version - 1, title: '晚到的修改' });
        expect(stale.status).toBe(409);
        expect(stale.json.error).toBe('stale_version');
        expect(stale.json.message).toBe('该事项已被他人修改，请刷新后重试');
        const en = await guo.request('PATCH', `/api/library/items/${id}`, { version: version - 1, title: 'late' }, { 'accept-language': 'en' });
        expect(en.json.message).toBe('Someone else changed this item; reload and retry');
        expect((await guo.get(`/api/library/items/${id}`)).json.title).toBe('跨境电商监测中心建设情况报告');
      });

      it('refuses readers who are not editors (403), outsiders (404), anonymous (401) and bad input (400)', async () => {
        expect((await zhang.patch(`/api/library/items/${id}`, { version, title: 'x' })).status).toBe(403);
        const otherStaff = await as('dys_ma'); // the filer may edit
        expect((await otherStaff.get(`/api/library/items/${id}`)).json.actions.edit).toBe(true);
        expect((await he.patch(`/api/library/items/${id}`, { version, title: 'x' })).status).toBe(404);
        expect((await env().anonymous().patch(`/api/library/items/${id}`, { version, title: 'x' })).status).toBe(401);
        const bad = await guo.patch(`/api/library/items/${id}`, { version, title: '', kind: 'notice', scope: 'some' });
        expect(bad.status).toBe(400);
        expect(bad.json.error).toBe('validation_error');
        expect((await guo.get(`/api/library/items/${id}`)).json.version).toBe(version);
      });

      it('is all-or-nothing: an unknown scope member rolls back the whole change', async () => {
        const res = await guo.patch(`/api/library/items/${id}`, { version, title: '不应保存的标题', scopeUserIds: [987654] });
        expect(res.status).toBe(422);
        expect(res.json.error).toBe('library.unknown_user');
        const d = await guo.get(`/api/library/items/${id}`);
        expect(d.json.title).toBe('跨境电商监测中心建设情况报告');
        expect(d.json.version).toBe(version);
        expect(await hitIds(guo, '不应保存')).not.toContain(id);
      });

      it('narrowing the scope takes the item away from 督查室, in detail and search', async () => {
        const res = await ma.patch(`/api/library/items/${id}`, { version, scopeUnitIds: [] });
        expect(res.status).toBe(200);
        version = res.json.version;
        expect((await zhang.get(`/api/library/items/${id}`)).status).toBe(404);
        expect(await hitIds(zhang, '跨境')).not.toContain(id);
        expect(await hitIds(guo, '跨境')).toContain(id);
      });
    });

    describe('定期分送 lists after creation', () => {
      let id = 0;
      let version = 0;
      const pendingRuns = () =>
        env()
          .ctx.db.selectFrom('job')
          .select(['due_at'])
          .where('kind', '=', 'library.distribute')
          .where('target_type', '=', 'library_distribution')
          .where('target_id', '=', id)
          .where('status', '=', 'pending')
          .execute();
      const sentTo = (username: string) =>
        env()
          .ctx.db.selectFrom('notification')
          .select(['title', 'body'])
          .where('user_id', '=', env().demo.userByName[username]!)
          .where('kind', '=', 'library.distribution')
          .where('title', 'like', '%调研成果周送%')
          .execute();
      const file = (title: string) => buildLibraryItem(env(), { by: 'dys_guo', input: { kind: 'research_report', title, date: '2026-03-05' } });

      it('creates a list; the creator manages it, its unit and subscribers view it, others get 404', async () => {
        at(0);
        const guo = await as('dys_guo');
        const res = await guo.post('/api/library/distributions', {
          name: '调研成果分送',
          kinds: ['research_report'],
          periodDays: 7,
          subscriberIds: [env().demo.userByName.dcs_zhang!],
        });
        expect(res.status).toBe(200);
        id = res.json.id;
        const mine = await guo.get(`/api/library/distributions/${id}`);
        expect(mine.status).toBe(200);
        expect(mine.json).toMatchObject({ name: '调研成果分送', active: true, canManage: true, periodDays: 7, ownerUnitName: expect.any(String) });
        version = mine.json.version;
        expect((await (await as('dcs_zhang')).get(`/api/library/distributions/${id}`)).json.canManage).toBe(false);
        expect((await (await as('dys_ma')).get(`/api/library/distributions/${id}`)).json.canManage).toBe(false);
        expect((await (await as('xxc_he')).get(`/api/library/distributions/${id}`)).status).toBe(404);
        expect((await (await as('sysadmin')).get(`/api/library/distributions/${id}`)).status).toBe(404);
        expect((await env().anonymous().get(`/api/library/distributions/${id}`)).status).toBe(401);
        expect((await guo.get('/api/library/distributions/999999')).status).toBe(404);
        expect(await pendingRuns()).toEqual([{ due_at: new Date(T0.getTime() + 7 * DAY).toISOString() }]);
      });

      it('renames it, changes kinds and subscribers (audited); refuses non-managers, stale versions and bad input', async () => {
        const guo = await as('dys_guo');
        const subs = ['dcs_zhang', 'xxc_he'].map((u) => env().demo.userByName[u]!);
        expect((await (await as('dcs_zhang')).patch(`/api/library/distributions/${id}`, { version, name: '改名' })).status).toBe(403);
        expect((await (await as('xxc_he')).patch(`/api/library/distributions/${id}`, { version, name: '改名' })).status).toBe(404);
        expect((await env().anonymous().patch(`/api/library/distributions/${id}`, { version, name: '改名' })).status).toBe(401);
        for (const bad of [{ version, kinds: [] }, { version, periodDays: 0 }, { version, name: '' }, { name: 'x' }, { version, kinds: ['nope'] }])
          expect((await guo.patch(`/api/library/distributions/${id}`, bad)).status).toBe(400);
        expect((await guo.patch(`/api/library/distributions/${id}`, { version, subscriberIds: [987654] })).json.error).toBe('library.unknown_user');
        const res = await guo.patch(`/api/library/distributions/${id}`, {
          version,
          name: '调研成果周送',
          kinds: ['research_report', 'speech'],
          subscriberIds: subs,
        });
        expect(res.status).toBe(200);
        version = res.json.version;
        const stale = await guo.patch(`/api/library/distributions/${id}`, { version: version - 1, name: '旧版本' });
        expect(stale.status).toBe(409);
        expect(stale.json.message).toBe('该事项已被他人修改，请刷新后重试');
        const d = await guo.get(`/api/library/distributions/${id}`);
        expect(d.json.name).toBe('调研成果周送');
        expect(d.json.kinds).toEqual(['research_report', 'speech']);
        expect(d.json.subscribers.map((s: { id: number }) => s.id).sort()).toEqual([...subs].sort());
        const audit = await auditOf('library.distribution_update', id);
        expect(audit).toHaveLength(1);
        const changes = JSON.parse(audit[0]!.changes as string);
        expect(changes.name).toEqual([env().ctx.audit.valueHash('调研成果分送'), env().ctx.audit.valueHash('调研成果周送')]);
        expect(changes.subscribers[1]).toEqual([...subs].sort((a, b) => a - b));
        expect((await (await as('xxc_he')).get(`/api/library/distributions/${id}`)).status).toBe(200); // now a subscriber
      });

      it('paused, it sends nothing; resumed, it sends only what was filed after the resumption', async () => {
        let res = await (await as('dys_guo')).patch(`/api/library/distributions/${id}`, { version, active: false });
        expect(res.status).toBe(200);
        version = res.json.version;
        expect(await pendingRuns()).toEqual([]);
        at(1);
        await file('暂停期间报送的海绵城市调研报告');
        at(8);
        await env().ctx.scheduler.runDue();
        expect(await sentTo('dcs_zhang')).toEqual([]);
        res = await (await as('dys_guo')).patch(`/api/library/distributions/${id}`, { version, active: true });
        expect(res.status).toBe(200);
        version = res.json.version;
        expect(await pendingRuns()).toEqual([{ due_at: new Date(T0.getTime() + 15 * DAY).toISOString() }]);
        at(9);
        await file('恢复之后报送的智慧社区调研报告');
        at(16);
        await env().ctx.scheduler.runDue();
        const got = await sentTo('dcs_zhang');
        expect(got).toHaveLength(1);
        expect(got[0]!.body).toContain('智慧社区');
        expect(got[0]!.body).not.toContain('海绵城市');
        expect(await sentTo('xxc_he')).toHaveLength(1);
        version = (await (await as('dys_guo')).get(`/api/library/distributions/${id}`)).json.version; // the run bumped it
      });

      it('a new period moves the next run; pause and resume in one instant leave exactly one run', async () => {
        const guo = await as('dys_guo');
        let res = await guo.patch(`/api/library/distributions/${id}`, { version, periodDays: 3 });
        expect(res.status).toBe(200);
        version = res.json.version;
        expect(await pendingRuns()).toEqual([{ due_at: new Date(T0.getTime() + 19 * DAY).toISOString() }]);
        for (let i = 0; i < 2; i++) {
          for (const active of [false, true]) {
            res = await guo.patch(`/api/library/distributions/${id}`, { version, active });
            expect(res.status).toBe(200);
            version = res.json.version;
          }
        }
        expect(await pendingRuns()).toEqual([{ due_at: new Date(T0.getTime() + 19 * DAY).toISOString() }]);
      });

      it('deletes it (manager and current version only): its subscribers and pending run go, the deletion is audited', async () => {
        const guo = await as('dys_guo');
        expect((await (await as('dcs_zhang')).delete(`/api/library/distributions/${id}?version=${version}`)).status).toBe(403);
        expect((await guo.delete(`/api/library/distributions/${id}?version=${version - 1}`)).status).toBe(409);
        expect((await guo.delete(`/api/library/distributions/${id}`)).status).toBe(400);
        expect((await env().anonymous().delete(`/api/library/distributions/${id}?version=${version}`)).status).toBe(401);
        const res = await guo.delete(`/api/library/distributions/${id}?version=${version}`);
        expect(res.status).toBe(200);
        expect((await guo.get(`/api/library/distributions/${id}`)).status).toBe(404);
        expect(await pendingRuns()).toEqual([]);
        const subs = await env().ctx.db.selectFrom('library_distribution_subscriber').selectAll().where('list_id', '=', id).execute();
        expect(subs).toEqual([]);
        expect((await guo.get('/api/library/distributions')).json.items.some((l: { id: number }) => l.id === id)).toBe(false);
        const audit = await auditOf('library.distribution_delete', id);
        expect(audit).toHaveLength(1);
        expect(JSON.parse(audit[0]!.detail as string).name).toBe(env().ctx.audit.valueHash('调研成果周送'));
        at(0);
      });
    });
  },
  { modules: [libraryModule] },
);
