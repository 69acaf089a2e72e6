import { describe, expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { libraryModule } from './library.module.js';

function itemBody(over: Record<string, unknown> = {}) {
  return {
    kind: 'research_report',
    title: '关于县域经济协调发展的调研报告',
    source: '调研室',
    level: 1,
    scope: 'scoped',
    scopeUnitIds: [],
    catalog: true,
    keywords: ['县域经济', '协调发展'],
    summary: '县域经济发展不平衡问题与对策摘要',
    content: '受限正文：产业园区亩均税收仅为全省平均水平的百分之六十，建议实施园区提质行动。',
    date: '2026-03-01',
    ...over,
  };
}

describeEachDialect(
  'library',
  (env) => {
    let guo!: TestClient; // 调研室 处长 (owner)
    let ma!: TestClient; // 调研室 staff
    let zhang!: TestClient; // 督查室 staff (other unit)
    let huang!: TestClient; // 督查室 处长
    let song!: TestClient; // 接待处, clearance 0
    let chen!: TestClient; // 办公厅主任 (director)
    let sysadmin!: TestClient;
    let itemId = 0;
    let openId = 0;

    it('logs in the actors', async () => {
      const c = await Promise.all(['dys_guo', 'dys_ma', 'dcs_zhang', 'dcs_huang', 'jd_song', 'zr_chen', 'sysadmin'].map((u) => env().login(u)));
      [guo, ma, zhang, huang, song, chen, sysadmin] = c as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
    });

    describe('items and 查阅条目', () => {
      it('files a catalogue entry with restricted content (happy path)', async () => {
        const res = await guo.post('/api/library/items', itemBody());
        expect(res.status).toBe(200);
        itemId = res.json.id;
        const open = await guo.post(
          '/api/library/items',
          itemBody({ title: '基层减负经验做法汇编', kind: 'practice', scope: 'everyone', catalog: false, level: 0, content: '公开正文：清单管理' }),
        );
        openId = open.json.id;
      });

      it('files a new item unpublished unless the filer asks (作为查阅条目公开索引 defaults to no)', async () => {
        const { catalog: _omitted, ...body } = itemBody({ title: '关于乡村振兴示范片区建设的内部测算', summary: '示范片区内部测算摘要' });
        const res = await guo.post('/api/library/items', body);
        expect(res.status).toBe(200);
        expect((await guo.get(`/api/library/items/${res.json.id}`)).json.catalog).toBe(false);
        // another cleared user finds neither the item nor its title in search
        expect((await zhang.get(`/api/library/items/${res.json.id}`)).status).toBe(404);
        expect((await zhang.get(`/api/search?q=${encodeURIComponent('示范片区')}`)).json.total).toBe(0);
        expect((await guo.get(`/api/search?q=${encodeURIComponent('示范片区')}`)).json.total).toBeGreaterThan(0);
      });

      it('answers 401 without login, 400 on bad input, 422 above clearance', async () => {
        expect((await env().anonymous().post('/api/library/items', itemBody())).status).toBe(401);
        expect((await env().anonymous().get('/api/library/items')).status).toBe(401);
        const bad = await guo.post('/api/library/items', itemBody({ title: '', date: '2026/03/01', kind: 'nope' }));
        expect(bad.status).toBe(400);
        expect(bad.json.error).toBe('validation_error');
        const above = await song.post('/api/library/items', itemBody());
        expect(above.status).toBe(422);
        expect(above.json.error).toBe('level.above_clearance');
        const disabled = await guo.post('/api/library/items', itemBody({ level: 2 }));
        expect(disabled.status).toBe(422);
        expect(disabled.json.error).toBe('level.not_enabled');
        expect((await sysadmin.post('/api/library/items', itemBody())).status).toBe(403);
      });

      it('shows the entry to another division but not the content', async () => {
        const list = await zhang.get('/api/library/items?tab=catalog&pageSize=100');
        expect(list.status).toBe(200);
        const row = list.json.items.find((i: { id: number }) => i.id === itemId);
        expect(row).toMatchObject({ title: '关于县域经济协调发展的调研报告', canOpen: false });
        const detail = await zhang.get(`/api/library/items/${itemId}`);
        expect(detail.status).toBe(200);
        expect(detail.json.canOpen).toBe(false);
        expect(detail.json.content).toBeNull();
        expect(detail.json.attachments).toEqual([]);
        expect(detail.json.actions.requestAccess).toBe(true);
        const own = await ma.get(`/api/library/items/${itemId}`);
        expect(own.json.content).toContain('亩均税收');
      });

      it('hides a scoped item that is not catalogued (404) and everything from 三员 and uncleared users', async () => {
        const hidden = await guo.post('/api/library/items', itemBody({ title: '调研室内部工作安排', catalog: false }));
        expect((await zhang.get(`/api/library/items/${hidden.json.id}`)).status).toBe(404);
        expect((await zhang.get('/api/library/items?pageSize=100')).json.items.some((i: { id: number }) => i.id === hidden.json.id)).toBe(false);
        expect((await song.get(`/api/library/items/${itemId}`)).status).toBe(404);
        expect((await sysadmin.get('/api/library/items')).json.total).toBe(0);
        expect((await zhang.get('/api/library/items/999999')).status).toBe(404);
      });

      it('updates with optimistic locking (stale → 409) and refuses other units (404)', async () => {
        const d = await guo.get(`/api/library/items/${itemId}`);
        const ok = await guo.patch(`/api/library/items/${itemId}`, { version: d.json.version, summary: '县域经济发展不平衡：问题与对策' });
        expect(ok.status).toBe(200);
        const stale = await guo.patch(`/api/library/items/${itemId}`, { version: d.json.version, summary: 'x' });
        expect(stale.status).toBe(409);
        expect(stale.json.error).toBe('stale_version');
        expect((await zhang.patch(`/api/library/items/${itemId}`, { version: ok.json.version, summary: 'x' })).status).toBe(403);
      });
    });

    describe('attachments', () => {
      it('editors attach; readers download (counted); others get 404', async () => {
        const up = await guo.upload(`/api/files?ownerType=library_item&ownerId=${itemId}`, '测算表.txt', Buffer.from('资金测算'));
        expect(up.status).toBe(201);
        const fileId = up.json.id as number;
        expect((await zhang.upload(`/api/files?ownerType=library_item&ownerId=${itemId}`, 'x.txt', Buffer.from('x'))).status).toBe(404);
        const dl = await ma.get(`/api/library/items/${itemId}/files/${fileId}`);
        expect(dl.status).toBe(200);
        expect(dl.body).toBe('资金测算');
        expect((await zhang.get(`/api/library/items/${itemId}/files/${fileId}`)).status).toBe(404);
        expect((await zhang.get(`/api/files/${fileId}`)).status).toBe(404);
        expect((await env().anonymous().get(`/api/library/items/${itemId}/files/${fileId}`)).status).toBe(401);
        expect((await ma.get(`/api/library/items/${itemId}/files/abc`)).status).toBe(400);
        expect((await ma.get(`/api/library/items/${itemId}`)).json.uses.downloaded).toBe(1);
      });
    });

    describe('search', () => {
      it('finds the entry by a 2-character query from another division, without leaking restricted content', async () => {
        const res = await zhang.get(`/api/search?q=${encodeURIComponent('县域')}`);
        expect(res.status).toBe(200);
        expect(res.json.items.some((h: { itemId: number; titleHtml: string }) => h.itemId === itemId && h.titleHtml.includes('<mark>县域</mark>'))).toBe(true);
        const content = await zhang.get(`/api/search?q=${encodeURIComponent('亩均')}`);
        expect(content.json.total).toBe(0);
        expect(content.json.byModule).toEqual({});
        // the restricted content of a catalogue entry is not indexed (only its entry is findable)
        const ownerHit = await ma.get(`/api/search?q=${encodeURIComponent('亩均')}`);
        expect(ownerHit.json.items.map((h: { itemId: number }) => h.itemId)).not.toContain(itemId);
      });

      it('1-character and multi-word queries, filters and paging', async () => {
        const one = await zhang.get(`/api/search?q=${encodeURIComponent('县')}&module=library&pageSize=1`);
        expect(one.json.total).toBeGreaterThanOrEqual(1);
        expect(one.json.items).toHaveLength(1);
        const multi = await zhang.get(`/api/search?q=${encodeURIComponent('县域 协调')}`);
        expect(multi.json.items.map((h: { itemId: number }) => h.itemId)).toContain(itemId);
        const none = await zhang.get(`/api/search?q=${encodeURIComponent('县域 不存在词')}`);
        expect(none.json.total).toBe(0);
      });

      it('answers 401 and 400', async () => {
        expect((await env().anonymous().get('/api/search?q=县域')).status).toBe(401);
        expect((await zhang.get('/api/search?q=')).status).toBe(400);
        expect((await zhang.get('/api/search?q=a&from=2026-05-01&to=2026-01-01')).status).toBe(400);
      });

      it('similar items only of what the actor may see', async () => {
        const res = await zhang.get(`/api/library/items/${itemId}/similar`);
        expect(res.status).toBe(200);
        expect(Array.isArray(res.json.items)).toBe(true);
        expect((await song.get(`/api/library/items/${itemId}/similar`)).status).toBe(404);
        expect((await song.get(`/api/search/similar?itemType=library_item&itemId=${itemId}`)).json.items).toEqual([]);
      });

      it('similar items of an item whose content is one 3,000-character word (PostgreSQL: word too long in tsquery)', async () => {
        const word = `zq${'longword'.repeat(375)}`.slice(0, 3000);
        const open = (title: string) =>
          itemBody({ title, kind: 'practice', scope: 'everyone', catalog: false, level: 0, keywords: [], summary: '', content: word });
        const a = await guo.post('/api/library/items', open('长词条目甲'));
        const b = await guo.post('/api/library/items', open('长词条目乙'));
        expect([a.status, b.status]).toEqual([200, 200]);
        const sim = await zhang.get(`/api/library/items/${a.json.id}/similar`);
        expect(sim.status).toBe(200);
        expect(sim.json.items.map((h: { itemId: number }) => h.itemId)).toContain(b.json.id);
        const viaSearch = await zhang.get(`/api/search/similar?itemType=library_item&itemId=${b.json.id}`);
        expect(viaSearch.status).toBe(200);
        expect(viaSearch.json.items.map((h: { itemId: number }) => h.itemId)).toContain(a.json.id);
        // search itself: the longest accepted term is a prefix of the long word; a 3,000-character one is refused
        const long = await zhang.get(`/api/search?q=${word.slice(0, 100)}`);
        expect(long.status).toBe(200);
        expect(long.json.items.map((h: { itemId: number }) => h.itemId)).toEqual(expect.arrayContaining([a.json.id, b.json.id]));
        const tooLong = await zhang.get(`/api/search?q=${word}`);
        expect(tooLong.status).toBe(400);
        expect(tooLong.json.error).toBe('validation_error');
      });
    });

    describe('access requests', () => {
      let requestId = 0;
      it('requests access (happy), refuses a duplicate (409) and a readable item (422)', async () => {
        const res = await zhang.post(`/api/library/items/${itemId}/access-requests`, { reason: '督办县域经济工作需要参考' });
        expect(res.status).toBe(200);
        requestId = res.json.id;
        expect((await zhang.post(`/api/library/items/${itemId}/access-requests`, { reason: '再次申请' })).status).toBe(409);
        const readable = await ma.post(`/api/library/items/${itemId}/access-requests`, { reason: 'x' });
        expect(readable.status).toBe(422);
        expect(readable.json.error).toBe('library.already_readable');
        expect((await zhang.post(`/api/library/items/${itemId}/access-requests`, { reason: '' })).status).toBe(400);
        expect((await env().anonymous().post(`/api/library/items/${itemId}/access-requests`, { reason: 'x' })).status).toBe(401);
      });

      it('only the owner decides; refusal needs a note; grant opens the content', async () => {
        const incoming = await guo.get('/api/library/access-requests?box=incoming&status=pending');
        const row = incoming.json.items.find((r: { id: number }) => r.id === requestId);
        expect(row).toMatchObject({ requesterName: '张伟', status: 'pending' });
        expect((await huang.post(`/api/library/access-requests/${requestId}/decide`, { action: 'grant', version: row.version })).status).toBe(404);
        expect((await zhang.post(`/api/library/access-requests/${requestId}/decide`, { action: 'grant', version: row.version })).status).toBe(403);
        const noNote = await guo.post(`/api/library/access-requests/${requestId}/decide`, { action: 'refuse', version: row.version });
        expect(noNote.status).toBe(422);
        expect((await guo.post(`/api/library/access-requests/${requestId}/decide`, { action: 'grant', version: row.version + 5 })).status).toBe(409);
        const ok = await guo.post(`/api/library/access-requests/${requestId}/decide`, { action: 'grant', version: row.version, note: '同意' });
        expect(ok.status).toBe(200);
        expect(ok.json.status).toBe('granted');
        const detail = await zhang.get(`/api/library/items/${itemId}`);
        expect(detail.json.canOpen).toBe(true);
        expect(detail.json.content).toContain('亩均税收');
        expect((await zhang.get(`/api/search?q=${encodeURIComponent('亩均')}`)).json.total).toBe(0); // restricted content of a catalogue entry is never indexed
        const mine = await zhang.get('/api/library/access-requests?box=mine');
        expect(mine.json.items[0]).toMatchObject({ id: requestId, status: 'granted' });
        const again = await guo.post(`/api/library/access-requests/${requestId}/decide`, { action: 'refuse', version: ok.json.version, note: 'x' });
        expect(again.status).toBe(409);
      });
    });

    describe('传阅 with receipts and reminders', () => {
      let circId = 0;
      it('refuses uncleared recipients (422), bad input (400), anonymous (401), and actors who cannot open (404)', async () => {
        const songId = env().demo.userByName.jd_song!;
        const r = await guo.post(`/api/library/items/${itemId}/circulations`, { userIds: [songId], purpose: '请阅' });
        expect(r.status).toBe(422);
        expect(r.json.error).toBe('library.recipient_clearance');
        expect((await guo.post(`/api/library/items/${itemId}/circulations`, { userIds: [], unitIds: [], purpose: '请阅' })).status).toBe(422);
        expect((await guo.post(`/api/library/items/${itemId}/circulations`, { userIds: ['x'], purpose: '' })).status).toBe(400);
        expect(
          (
            await env()
              .anonymous()
              .post(`/api/library/items/${itemId}/circulations`, { userIds: [1], purpose: '请阅' })
          ).status,
        ).toBe(401);
        expect((await huang.post(`/api/library/items/${itemId}/circulations`, { userIds: [1], purpose: '请阅' })).status).toBe(404);
      });

      it('circulates to people; recipients can open; receipts show who has read', async () => {
        const ids = ['dcs_huang', 'zr_chen'].map((u) => env().demo.userByName[u]!);
        const res = await guo.post(`/api/library/items/${itemId}/circulations`, { userIds: ids, purpose: '请领导和督查室阅知', dueDate: '2026-03-04' });
        expect(res.status).toBe(200);
        circId = res.json.id;
        const wb = await huang.get('/api/workbench');
        expect(wb.json.items.some((i: { module: string; link: string }) => i.module === 'library' && i.link === `/library/items/${itemId}`)).toBe(true);
        const opened = await huang.get(`/api/library/items/${itemId}`); // opening signs the receipt
        expect(opened.json.canOpen).toBe(true);
        const receipts = (await guo.get(`/api/library/items/${itemId}`)).json.circulations.find((c: { id: number }) => c.id === circId);
        expect(receipts.readCount).toBe(1);
        expect(receipts.statusName).toBe('传阅中');
        expect(receipts.recipients.find((r: { name: string }) => r.name === '黄振华').readAt).not.toBeNull();
        expect(receipts.recipients.find((r: { name: string }) => r.name === '陈志远').readAt).toBeNull();
      });

      it('reminds the unread (sender only), then 已阅 when all have read', async () => {
        expect((await huang.post(`/api/library/circulations/${circId}/remind`)).status).toBe(404);
        const r = await guo.post(`/api/library/circulations/${circId}/remind`);
        expect(r.json.reminded).toBe(1);
        expect((await zhang.post(`/api/library/circulations/${circId}/read`)).status).toBe(404);
        const read = await chen.post(`/api/library/circulations/${circId}/read`);
        expect(read.json.status).toBe('done');
        const sent = await guo.get('/api/library/circulations?box=sent');
        expect(sent.json.items.find((c: { id: number }) => c.id === circId)).toMatchObject({ status: 'done', statusName: '已阅', readCount: 2, total: 2 });
        expect((await guo.post(`/api/library/circulations/${circId}/remind`)).status).toBe(422);
      });

      it('the due-date job reminds the unread', async () => {
        const id = env().demo.userByName.dcs_zhang!;
        const res = await guo.post(`/api/library/items/${openId}/circulations`, { userIds: [id], purpose: '参考', dueDate: '2026-03-03' });
        expect(res.status).toBe(200);
        env().clock.set('2026-03-03T02:00:00Z');
        await env().ctx.scheduler.runDue();
        env().clock.set('2026-03-02T01:00:00Z');
        const n = await env()
          .ctx.db.selectFrom('notification')
          .select('title')
          .where('user_id', '=', id)
          .where('kind', '=', 'library.circulation_remind')
          .execute();
        expect(n.length).toBe(1);
        const wb = await zhang.get('/api/workbench');
        expect(wb.json.items.find((i: { link: string }) => i.link === `/library/items/${openId}`)).toBeDefined();
      });
    });

    describe('议政会 notices', () => {
      it('the director issues a notice to all divisions with receipts; others may not (403)', async () => {
        expect((await zhang.post('/api/library/notices', { category: 'decision', title: '通报', body: '内容', level: 1, date: '2026-03-02' })).status).toBe(
          403,
        );
        expect((await chen.post('/api/library/notices', { category: 'bogus', title: '', body: '', level: 1, date: 'x' })).status).toBe(400);
        const res = await chen.post('/api/library/notices', {
          category: 'meeting',
          title: '关于召开全市信访工作会议的通知',
          body: '定于3月5日召开全市信访工作会议，请各处室做好准备。',
          level: 1,
          date: '2026-03-02',
        });
        expect(res.status).toBe(200);
        expect(res.json.recipients).toBeGreaterThan(5);
        const notices = await zhang.get('/api/library/items?tab=notices');
        expect(notices.json.items.some((i: { id: number }) => i.id === res.json.id)).toBe(true);
        expect((await (await env().login('fgw_xu')).get(`/api/library/items/${res.json.id}`)).status).toBe(404);
      });
    });

    describe('forum', () => {
      it('topics, replies, moderation by the office', async () => {
        const t = await zhang.post('/api/library/topics', { title: '督办反馈如何避免以文件落实文件', body: '请大家交流', level: 0, itemId });
        expect(t.status).toBe(200);
        expect((await zhang.post('/api/library/topics', { title: '', body: '', level: 9 })).status).toBe(400);
        expect((await song.post(`/api/library/topics/${t.json.id}/replies`, { body: '建议增加佐证材料' })).status).toBe(200);
        const topic = await song.get(`/api/library/topics/${t.json.id}`);
        expect(topic.json.item).toBeNull(); // song may not see the tied item
        expect(topic.json.replies).toHaveLength(1);
        expect((await zhang.post(`/api/library/topics/${t.json.id}/moderate`, { version: topic.json.version, action: 'close' })).status).toBe(403);
        const closed = await chen.post(`/api/library/topics/${t.json.id}/moderate`, { version: topic.json.version, action: 'close' });
        expect(closed.status).toBe(200);
        const late = await song.post(`/api/library/topics/${t.json.id}/replies`, { body: '再补充' });
        expect(late.status).toBe(422);
        expect(late.json.error).toBe('library.topic_closed');
        const found = await song.get(`/api/search?q=${encodeURIComponent('佐证')}&module=forum`);
        expect(found.json.items.map((h: { itemId: number }) => h.itemId)).toContain(t.json.id);
        const secret = await chen.post('/api/library/topics', { title: '内部话题', body: '内部', level: 1 });
        expect((await song.get(`/api/library/topics/${secret.json.id}`)).status).toBe(404);
        expect((await song.get('/api/library/topics')).json.items.some((x: { id: number }) => x.id === secret.json.id)).toBe(false);
      });
    });

    describe('use counting and the per-unit score', () => {
      it('records applied/converted for readers only, counts per unit with weights', async () => {
        expect((await huang.post(`/api/library/items/${itemId}/uses`, { kind: 'applied', note: '用于督办方案' })).status).toBe(200);
        expect((await song.post(`/api/library/items/${itemId}/uses`, { kind: 'applied', note: 'x' })).status).toBe(404);
        expect((await huang.post(`/api/library/items/${itemId}/uses`, { kind: 'viewed', note: 'x' })).status).toBe(400);
        const stats = await chen.get('/api/library/stats?from=2026-03-01&to=2026-03-31');
        expect(stats.status).toBe(200);
        const research = stats.json.units.find((u: { unitName: string }) => u.unitName === '调研室');
        expect(research.counts.applied).toBeGreaterThanOrEqual(1);
        expect(research.counts.provided).toBeGreaterThanOrEqual(2);
        const w = stats.json.weights;
        const expected = Object.entries(research.counts as Record<string, number>).reduce((s, [k, n]) => s + n * w[k], 0);
        expect(research.score).toBeCloseTo(expected, 2);
        expect((await env().anonymous().get('/api/library/stats?from=2026-03-01&to=2026-03-31')).status).toBe(401);
        expect((await chen.get('/api/library/stats?from=2026-04-01&to=2026-03-01')).status).toBe(400);
        // 接待处 (clearance 0) does not count uses of 内部 items it cannot see
        const songStats = await song.get('/api/library/stats?from=2026-03-01&to=2026-03-31');
        expect(songStats.json.units.find((u: { unitName: string }) => u.unitName === '调研室')?.counts.applied ?? 0).toBe(0);
      });

      it('weights: director only, optimistic lock', async () => {
        const weights = { provided: 1, viewed: 0, downloaded: 0, applied: 10, converted: 20 };
        expect((await zhang.put('/api/library/weights', { version: 0, weights })).status).toBe(403);
        expect((await chen.put('/api/library/weights', { version: 0, weights: { provided: -1 } })).status).toBe(400);
        const ok = await chen.put('/api/library/weights', { version: 0, weights });
        expect(ok.status).toBe(200);
        expect((await chen.put('/api/library/weights', { version: 0, weights })).status).toBe(409);
        expect((await chen.get('/api/library/stats?from=2026-03-01&to=2026-03-31')).json.weights).toEqual(weights);
      });
    });

    describe('定期分送', () => {
      it('sends new items of the chosen kinds to subscribers, each only what they may see', async () => {
        const subs = ['dcs_zhang', 'jd_song'].map((u) => env().demo.userByName[u]!);
        expect((await guo.post('/api/library/distributions', { name: 'x', kinds: [], periodDays: 7 })).status).toBe(400);
        const res = await guo.post('/api/library/distributions', { name: '调研成果分送', kinds: ['research_report'], periodDays: 7, subscriberIds: subs });
        expect(res.status).toBe(200);
        env().clock.set('2026-03-05T01:00:00Z');
        const filed = await (await env().login('dys_guo')).post('/api/library/items', itemBody({ title: '新调研报告：乡村振兴', catalog: true }));
        expect(filed.status).toBe(200);
        env().clock.set('2026-03-10T01:00:00Z');
        await env().ctx.scheduler.runDue();
        env().clock.set('2026-03-02T01:00:00Z');
        const got = async (u: number) =>
          env().ctx.db.selectFrom('notification').select('body').where('user_id', '=', u).where('kind', '=', 'library.distribution').execute();
        expect((await got(subs[0]!))[0]!.body).toContain('乡村振兴');
        expect(await got(subs[1]!)).toEqual([]); // clearance 0: the 内部 item is not sent
        const lists = await zhang.get('/api/library/distributions');
        expect(lists.json.items.some((l: { name: string }) => l.name === '调研成果分送')).toBe(true);
      });
    });

    describe('demo data and rebuild', () => {
      it('seeds realistic items, some overdue, and the workbench shows them', async () => {
        const list = await chen.get('/api/library/items?pageSize=100');
        expect(list.json.total).toBeGreaterThanOrEqual(12);
        const msc = await env().login('msc_zhou');
        const wb = await msc.get('/api/workbench');
        expect(wb.json.items.some((i: { module: string; light: string }) => i.module === 'library' && i.light === 'red')).toBe(true);
        const q = await msc.get(`/api/search?q=${encodeURIComponent('督查')}`);
        expect(q.json.total).toBeGreaterThan(0);
      });

      it('rebuild from the module sources answers the same as incremental indexing', async () => {
        const queries = ['县域', '督查', '调', '数字政府', '经验 做法', '营商'];
        const clients = [zhang, guo, song, chen];
        const before = await Promise.all(
          clients.flatMap((c) => queries.map((q) => c.get(`/api/search?q=${encodeURIComponent(q)}&pageSize=50`).then((r) => r.json))),
        );
        await env().ctx.search.rebuild(env().ctx.db);
        const after = await Promise.all(
          clients.flatMap((c) => queries.map((q) => c.get(`/api/search?q=${encodeURIComponent(q)}&pageSize=50`).then((r) => r.json))),
        );
        expect(after).toEqual(before);
      });
    });
  },
  { modules: [libraryModule] },
);
