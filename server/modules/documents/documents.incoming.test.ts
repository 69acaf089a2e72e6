import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import type { SupervisionContract } from '../supervision/supervision.contract.js';
import { defineModule, type ZhongshuModule } from '../../platform/module.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { documentsModule } from './documents.module.js';

const act = (c: TestClient, id: number, action: string, body: Record<string, unknown>) => c.post(`/api/documents/${id}/actions/${action}`, body);

describeEachDialect(
  'documents: 收文',
  (env) => {
    const receive = async (c: TestClient, over: Record<string, unknown> = {}) => {
      const r = await c.post('/api/documents/incoming', {
        title: '关于青州港扩建项目的请示',
        docType: '请示',
        sourceOrgan: '青州市发展和改革委员会',
        originalNo: '青发改〔2026〕33号',
        level: 1,
        urgency: 'urgent',
        ...over,
      });
      expect(r.status).toBe(201);
      return r.json.id as number;
    };

    it('签收 → 登记 → 初审 → 拟办 → 批办 → 承办 (several units) → 传阅 → 催办 → 答复/办结 → 归档', async () => {
      const u = env().demo.userByName;
      const units = env().demo.unitByCode;
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk);
      let d = (await clerk.get(`/api/documents/${id}`)).json;
      expect(d.document.status).toBe('received');
      expect(d.document.receivedAt).toBeTruthy();
      expect(
        (
          await act(clerk, id, 'register', {
            version: 1,
            docType: '请示',
            sourceOrgan: '青州市发展和改革委员会',
            pages: 8,
            copies: 2,
            secrecyTerm: '',
            attachmentsNote: '项目可研报告',
          })
        ).status,
      ).toBe(200);
      d = (await clerk.get(`/api/documents/${id}`)).json;
      expect(d.document.receiveNo).toMatch(/^秘书处收〔2026〕\d+号$/);
      expect(d.document.deadline).toBeTruthy(); // 加急: a time limit by working days
      expect((await act(clerk, id, 'accept', { version: 2 })).json.status).toBe('to_propose');
      expect((await act(clerk, id, 'propose', { version: 3, proposal: '拟请李明华同志阅示' })).json.error).toBe('workflow.missing_fields');
      expect((await act(clerk, id, 'propose', { version: 3, proposal: '拟请李明华同志阅示', leaderId: u.sj_li })).json.status).toBe('to_instruct');

      const leader = await env().login('sj_li');
      const mine = await leader.get('/api/documents?mine=1');
      expect(mine.json.items.map((i: { id: number }) => i.id)).toContain(id);
      const wb = await leader.get('/api/workbench');
      expect(wb.json.items.some((i: { module: string; id: number }) => i.module === 'documents' && i.id === id)).toBe(true);
      expect((await act(clerk, id, 'instruct', { version: 4, instruction: 'x', leadUnitId: units.ndrc })).status).toBe(403);
      // no supervision module in this deployment: the one-step conversion says so, nothing is written
      expect((await act(leader, id, 'instruct', { version: 4, instruction: '请发改委牵头', leadUnitId: units.ndrc, toSupervision: true })).json.error).toBe(
        'documents.supervision_unavailable',
      );
      const ins = await act(leader, id, 'instruct', {
        version: 4,
        instruction: '请市发展改革委牵头，市财政局配合，提出意见报市委。',
        leadUnitId: units.ndrc,
        coUnitIds: [units.finance],
      });
      expect(ins.json.status).toBe('handling');

      const fgw = await env().login('fgw_xu');
      const czj = await env().login('czj_han');
      expect((await fgw.get(`/api/documents/${id}`)).status).toBe(200);
      expect((await act(fgw, id, 'complete', { version: 5, result: '办结' })).json.error).toBe('documents.lead_reply_required');
      expect((await act(czj, id, 'reply', { version: 5, reply: '财政局意见：资金可统筹安排。' })).status).toBe(200);
      // 传阅 to a named person, with a purpose; the recipient may read, not edit
      expect((await act(clerk, id, 'circulate', { version: 6, userIds: [u.fzr_liu], purpose: '请阅知' })).status).toBe(200);
      const reader = await env().login('fzr_liu');
      const list = await clerk.get(`/api/documents?q=${encodeURIComponent('青州港')}`);
      expect(list.json.items.find((i: { id: number }) => i.id === id).circulating).toBe(true);
      const rd = await reader.get(`/api/documents/${id}`);
      expect(rd.status).toBe(200);
      expect(rd.json.actions).toEqual([]);
      expect(rd.json.can.markRead).toBe(true);
      expect((await act(reader, id, 'urge', { version: 7 })).status).toBe(403);
      expect((await act(reader, id, 'reply', { version: 7, reply: '阅' })).status).toBe(403);
      expect((await reader.post(`/api/documents/${id}/read`)).status).toBe(200);
      const after = (await clerk.get(`/api/documents/${id}`)).json;
      expect(after.circulations[0]).toMatchObject({ name: '刘海燕', purpose: '请阅知' });
      expect(after.circulations[0].readAt).toBeTruthy();
      expect((await fgw.post(`/api/documents/${id}/read`)).json.error).toBe('documents.not_circulation_recipient');

      expect((await act(clerk, id, 'urge', { version: 7, comment: '请抓紧' })).status).toBe(200);
      const fgwInbox = await fgw.get('/api/notifications?unread=1');
      expect(fgwInbox.json.items.some((n: { kind: string }) => n.kind === 'documents.urge')).toBe(true);
      expect((await act(fgw, id, 'reply', { version: 8, reply: '已研究，建议分两期实施。' })).status).toBe(200);
      expect((await act(fgw, id, 'complete', { version: 9, result: '已答复市委，建议分两期实施。' })).json.status).toBe('done');
      const done = (await clerk.get(`/api/documents/${id}`)).json;
      expect(done.handlers).toHaveLength(2);
      expect(done.steps.map((s: { action: string }) => s.action)).toEqual([
        'receive',
        'register',
        'accept',
        'propose',
        'instruct',
        'reply',
        'circulate',
        'urge',
        'reply',
        'complete',
      ]);
      expect((await act(clerk, id, 'archive', { version: 10, retention: 'permanent' })).json.status).toBe('archived');
      expect((await clerk.get(`/api/documents/${id}`)).json.document.archiveNo).toMatch(/^2026-秘书处-Y-\d{4}$/);
    });

    it('attachments follow the document: the clerk attaches, a stranger cannot read, an archived document takes no more', async () => {
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '带附件的来文', level: 0 });
      const up = await clerk.upload(`/api/files?ownerType=document&ownerId=${id}`, '原件扫描.txt', Buffer.from('来文原件内容'));
      expect(up.status).toBe(201);
      const d = (await clerk.get(`/api/documents/${id}`)).json;
      expect(d.attachments.map((a: { filename: string }) => a.filename)).toEqual(['原件扫描.txt']);
      expect((await clerk.get(`/api/files/${d.attachments[0].id}`)).status).toBe(200);
      const stranger = await env().login('dcs_zhang');
      expect((await stranger.get(`/api/files/${d.attachments[0].id}`)).status).toBe(404);
      expect((await stranger.upload(`/api/files?ownerType=document&ownerId=${id}`, 'x.txt', Buffer.from('x'))).status).toBe(404);
      await env().ctx.db.updateTable('document').set({ status: 'archived' }).where('id', '=', id).execute();
      expect((await clerk.upload(`/api/files?ownerType=document&ownerId=${id}`, '补充.txt', Buffer.from('补充'))).status).toBeGreaterThanOrEqual(403);
      expect((await clerk.get(`/api/documents/${id}`)).json.attachments).toHaveLength(1);
    });

    it('全文检索: the document is indexed with its need-to-know; a 传阅 recipient finds it, a stranger does not', async () => {
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '关于琥珀湾湿地保护的请示', level: 0 });
      const actorOf = async (username: string) => {
        const me = (await (await env().login(username)).get('/api/auth/me')).json.user;
        return { ...me, unitCode: null, ip: null, locale: 'zh-CN' as const };
      };
      const search = async (username: string) =>
        (await env().ctx.search.query(env().ctx.db, await actorOf(username), { q: '琥珀湾', page: 1, pageSize: 10 })).items.map((h) => h.itemId);
      const rows = await env()
        .ctx.db.selectFrom('search_doc')
        .select(['item_id', 'title'])
        .where('item_type', '=', 'document')
        .where('item_id', '=', id)
        .execute();
      expect(rows, JSON.stringify(await actorOf('msc_zhou'))).toHaveLength(1);
      expect(await search('msc_zhou')).toContain(id);
      expect(await search('fzr_liu')).not.toContain(id);
      await act(clerk, id, 'register', { version: 1, docType: '请示', sourceOrgan: '市生态环境局' });
      await act(clerk, id, 'circulate', { version: 2, userIds: [env().demo.userByName.fzr_liu], purpose: '阅知' });
      expect(await search('fzr_liu')).toContain(id);
      expect(await search('dcs_zhang')).not.toContain(id);
    });

    it('an urgent document is urged automatically when its time limit falls due, only the units that have not replied', async () => {
      const u = env().demo.userByName;
      const units = env().demo.unitByCode;
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '关于防汛物资调拨的紧急请示', urgency: 'very_urgent' });
      await act(clerk, id, 'register', {
        version: 1,
        docType: '请示',
        sourceOrgan: '青州市应急管理局',
        pages: 2,
        copies: 1,
        secrecyTerm: '',
        attachmentsNote: '',
      });
      await act(clerk, id, 'accept', { version: 2 });
      await act(clerk, id, 'propose', { version: 3, proposal: '拟请李明华同志阅示', leaderId: u.sj_li });
      const leader = await env().login('sj_li');
      const ins = await act(leader, id, 'instruct', {
        version: 4,
        instruction: '请应急局牵头，财政局配合',
        leadUnitId: units.emergency,
        coUnitIds: [units.finance],
        deadline: '2026-03-04',
      });
      expect(ins.json.status, JSON.stringify(ins.json)).toBe('handling');
      const czj = await env().login('czj_han');
      expect((await act(czj, id, 'reply', { version: 5, reply: '财政局同意调拨资金。' })).status).toBe(200);
      const { ctx, clock } = env();
      const drain = async () => {
        while ((await ctx.scheduler.runDue()) > 0);
      };
      const urged = async (userId: number) =>
        (await ctx.db.selectFrom('notification').select('title').where('user_id', '=', userId).where('kind', '=', 'documents.urge').execute()).filter((n) =>
          n.title.includes('防汛物资'),
        ).length;
      clock.set('2026-03-03T02:00:00Z');
      await drain();
      expect(await urged(u.yjj_cao!)).toBe(0);
      clock.set('2026-03-04T01:30:00Z');
      await drain();
      expect(await urged(u.yjj_cao!)).toBe(1);
      expect(await urged(u.czj_han!)).toBe(0); // replied already
      const audit = await ctx.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'documents.in.auto_urge')
        .where('target_id', '=', String(id))
        .execute();
      expect(audit).toHaveLength(1);
      clock.set('2026-03-05T01:30:00Z');
      await drain();
      expect(await urged(u.yjj_cao!)).toBe(2);
      clock.set('2026-03-02T01:00:00Z');
    });

    it('lists by date range together with the other filters (every column qualified: the page joins units)', async () => {
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '关于日期筛选的测试来文' });
      const inRange = await clerk.get('/api/documents?direction=in&from=2026-03-01&to=2026-03-31&urgency=urgent&page=1&pageSize=50');
      expect(inRange.status, inRange.body).toBe(200);
      expect(inRange.json.items.map((i: { id: number }) => i.id)).toContain(id);
      const outside = await clerk.get('/api/documents?from=2025-01-01&to=2025-12-31');
      expect(outside.status).toBe(200);
      expect(outside.json.items.map((i: { id: number }) => i.id)).not.toContain(id);
    });

    it('初审 returns a non-conforming document with reasons', async () => {
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '不符合行文规则的请示' });
      await act(clerk, id, 'register', { version: 1, docType: '请示', sourceOrgan: '市教育局' });
      expect((await act(clerk, id, 'return', { version: 2 })).json.error).toBe('workflow.missing_fields');
      expect((await act(clerk, id, 'return', { version: 2, reason: '多头主送，不符合行文规则' })).json.status).toBe('returned');
      const d = (await clerk.get(`/api/documents/${id}`)).json;
      expect(d.document.returnReason).toBe('多头主送，不符合行文规则');
      expect(d.actions).toEqual([]);
    });

    it('overdue documents are flagged red and filterable', async () => {
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '特急来文', urgency: 'very_urgent' });
      await act(clerk, id, 'register', { version: 1, docType: '请示', sourceOrgan: '省委办公厅', deadline: '2026-03-03' });
      env().clock.set('2026-03-10T02:00:00Z');
      try {
        const r = await (await env().login('msc_zhou')).get('/api/documents?overdue=1');
        const row = r.json.items.find((i: { id: number }) => i.id === id);
        expect(row).toMatchObject({ overdue: true, light: 'red' });
      } finally {
        env().clock.set('2026-03-02T01:00:00Z');
      }
    });

    it('refuses strangers (404), anonymous (401), bad input (400)', async () => {
      const clerk = await env().login('msc_zhou');
      const id = await receive(clerk, { title: '内部来文' });
      expect((await (await env().login('dcs_zhang')).get(`/api/documents/${id}`)).status).toBe(404);
      expect((await (await env().login('jd_song')).get(`/api/documents/${id}`)).status).toBe(404);
      expect((await env().anonymous().post(`/api/documents/${id}/read`)).status).toBe(401);
      expect((await clerk.post('/api/documents/incoming', { title: '', docType: '请示', sourceOrgan: 'x' })).status).toBe(400);
      expect((await act(clerk, id, 'register', { version: 1, pages: -1 })).status).toBe(400);
      expect((await (await env().login('fgw_xu')).post('/api/documents/incoming', { title: 't', docType: '函', sourceOrgan: 'x' })).status).toBe(403);
    });
  },
  { modules: [documentsModule] },
);

// 批办 → 督办 in one step, against a stand-in of the supervision contract (the real module is tested by its owner).
const created: { input: unknown; id: number }[] = [];
const fakeSupervision: ZhongshuModule = defineModule({
  name: 'supervision',
  service: (): SupervisionContract => ({
    async createFromSource(_trx, _actor, input) {
      const id = 9000 + created.length;
      created.push({ input, id });
      return { id, number: `督字〔2026〕${created.length}号` };
    },
    async progressBySource(_db, _actor, _type, ids) {
      return Object.fromEntries(ids.map((i) => [i, [{ itemId: 9000, number: '督字〔2026〕1号', status: 'registered', light: 'green' as const }]]));
    },
  }),
});

describeEachDialect(
  'documents: 批办转督办',
  (env) => {
    it('creates the supervision item in the same step and links both ways', async () => {
      const units = env().demo.unitByCode;
      const clerk = await env().login('msc_zhou');
      const id = (
        await clerk.post('/api/documents/incoming', {
          title: '关于加快推进城市更新的请示',
          docType: '请示',
          sourceOrgan: '市住房城乡建设局',
          level: 0,
          urgency: 'normal',
        })
      ).json.id;
      await act(clerk, id, 'register', { version: 1, docType: '请示', sourceOrgan: '市住房城乡建设局' });
      await act(clerk, id, 'accept', { version: 2 });
      await act(clerk, id, 'propose', { version: 3, proposal: '呈赵国强同志阅示', leaderId: env().demo.userByName.msz_zhao });
      const leader = await env().login('msz_zhao');
      const r = await act(leader, id, 'instruct', {
        version: 4,
        instruction: '请住建局牵头抓落实，督查室跟踪督办。',
        leadUnitId: units.housing,
        coUnitIds: [units.finance],
        toSupervision: true,
      });
      expect(r.status).toBe(200);
      // the 督查室 is told, may now read the document, and registers the item in one step
      const office = await env().login('dcs_zhang');
      expect((await office.get('/api/notifications?unread=1')).json.items.some((n: { kind: string }) => n.kind === 'documents.to_supervision')).toBe(true);
      const seen = (await office.get(`/api/documents/${id}`)).json;
      expect(seen.actions).toEqual(['to_supervision']);
      expect((await act(office, id, 'to_supervision', { version: 5 })).status).toBe(200);
      expect((await act(office, id, 'to_supervision', { version: 6 })).status).toBe(403);
      const last = created.at(-1)!;
      expect(last.input).toMatchObject({
        source: 'instruction',
        sourceType: 'document',
        sourceId: id,
        leadUnitId: units.housing,
        coUnitIds: [units.finance],
        requirement: '请住建局牵头抓落实，督查室跟踪督办。',
      });
      const d = (await clerk.get(`/api/documents/${id}`)).json;
      expect(d.document.supervisionItemId).toBe(last.id);
      expect(d.supervision[0].number).toBe('督字〔2026〕1号');
    });
  },
  { modules: [fakeSupervision, documentsModule] },
);

describeEachDialect(
  'documents: 批办转督办 with the real supervision module',
  (env) => {
    it('the supervision item exists, names the document as its source, and the document shows its number', async () => {
      const units = env().demo.unitByCode;
      const clerk = await env().login('msc_zhou');
      const id = (
        await clerk.post('/api/documents/incoming', {
          title: '关于推进河湖长制工作的请示',
          docType: '请示',
          sourceOrgan: '市生态环境局',
          level: 0,
          urgency: 'normal',
        })
      ).json.id;
      await act(clerk, id, 'register', { version: 1, docType: '请示', sourceOrgan: '市生态环境局' });
      await act(clerk, id, 'accept', { version: 2 });
      await act(clerk, id, 'propose', { version: 3, proposal: '呈赵国强同志阅示', leaderId: env().demo.userByName.msz_zhao });
      const leader = await env().login('msz_zhao');
      const r = await act(leader, id, 'instruct', {
        version: 4,
        instruction: '请生态环境局牵头落实，督查室跟踪。',
        leadUnitId: units.ecology,
        toSupervision: true,
      });
      expect(r.status, r.body).toBe(200);
      const office = await env().login('dcs_zhang');
      const t = await act(office, id, 'to_supervision', { version: 5 });
      expect(t.status, t.body).toBe(200);
      const d = (await leader.get(`/api/documents/${id}`)).json;
      expect(d.document.supervisionItemId).toBeGreaterThan(0);
      const item = await env().ctx.db.selectFrom('supervision_item').selectAll().where('id', '=', d.document.supervisionItemId).executeTakeFirstOrThrow();
      expect(item).toMatchObject({ source_type: 'document', source_id: id });
      expect(d.supervision[0].number).toMatch(/^督字〔2026〕\d+号$/);
    });
  },
  { modules: [documentsModule, supervisionModule] },
);
