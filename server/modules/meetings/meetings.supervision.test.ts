/**
 * 会后督办 against the real supervision module, on both databases: decisions of a held meeting become
 * supervision items in one step, visible to their units (and not to others), and the meeting shows
 * their progress lights. The demo seed links the issued 常委会's decisions the same way.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { meetingsModule } from './meetings.module.js';

describeEachDialect(
  'meetings → supervision',
  (env) => {
    it('turns two decisions into supervision items visible to their units', async () => {
      const staff = await env().login('msc_zhou');
      const held = (await staff.get('/api/meetings?status=held')).json.items[0];
      expect(held.title).toContain('第4次会议');
      const m = (await staff.get(`/api/meetings/${held.id}`)).json;
      const topicId = m.agenda[0].id;
      const u = env().demo.unitByCode;
      await staff.post(`/api/meetings/${held.id}/decisions`, {
        topicId,
        text: '市财政局一季度预算执行偏慢的部门要逐一约谈，5月底前报告整改情况。',
        leadUnitId: u.finance,
        coUnitIds: [u.ndrc],
        dueDate: '2026-05-29',
      });
      await staff.post(`/api/meetings/${held.id}/decisions`, {
        topicId,
        text: '市发展改革委牵头梳理重大项目资金需求，纳入年中预算调整。',
        leadUnitId: u.ndrc,
        coUnitIds: [],
        dueDate: '2026-06-30',
      });
      const res = await staff.post(`/api/meetings/${held.id}/supervise`, {});
      expect(res.status, res.body).toBe(200);
      const [d1, d2] = res.json.decisions;
      expect(d1.supervisionNumber).toMatch(/^督字〔2026〕\d+号$/);
      expect(d1.progress).toEqual([{ itemId: d1.supervisionItemId, number: d1.supervisionNumber, status: expect.any(String), light: 'green' }]);

      const finance = await env().login('czj_han');
      const ndrc = await env().login('fgw_xu');
      const ecology = await env().login('sthj_feng');
      const item1 = await finance.get(`/api/supervision/items/${d1.supervisionItemId}`);
      expect(item1.status, item1.body).toBe(200);
      // the link back to the meeting — and its name — only for who may read the meeting: the 会务 staff, not the unit
      expect(JSON.stringify(item1.json)).not.toContain('第4次会议');
      expect(item1.json.item.sourceRef).toBe('会议议定事项');
      expect(item1.json.meeting).toBeNull();
      const asSecretary = (await staff.get(`/api/supervision/items/${d1.supervisionItemId}`)).json;
      expect(asSecretary.item.sourceRef).toContain('第4次会议');
      expect(asSecretary.meeting).toEqual({ id: held.id, title: held.title, link: `/meetings/${held.id}` });
      const ledger = (await staff.get(`/api/supervision/items?q=${encodeURIComponent(d1.supervisionNumber)}`)).json;
      expect(ledger.items[0].sourceRef).toContain('第4次会议');
      expect((await finance.get(`/api/supervision/items?q=${encodeURIComponent(d1.supervisionNumber)}`)).json.items[0].sourceRef).toBe('会议议定事项');
      expect((await ndrc.get(`/api/supervision/items/${d1.supervisionItemId}`)).status).toBe(200); // 协办单位
      expect((await ndrc.get(`/api/supervision/items/${d2.supervisionItemId}`)).status).toBe(200);
      expect((await finance.get(`/api/supervision/items/${d2.supervisionItemId}`)).status).toBe(404);
      expect((await ecology.get(`/api/supervision/items/${d1.supervisionItemId}`)).status).toBe(404);
      // the lights shown on the meeting page follow supervision's own visibility, per reader
      const lead = await staff.get(`/api/meetings/${held.id}`);
      expect(lead.json.decisions.map((d: { progress: { light: string }[] }) => d.progress[0]?.light)).toEqual(['green', 'green']);
    });

    it('the demo seed linked the issued 常委会 decisions to supervision items', async () => {
      const staff = await env().login('msc_sun');
      const minuted = (await staff.get('/api/meetings?status=minuted')).json.items[0];
      const m = (await staff.get(`/api/meetings/${minuted.id}`)).json;
      expect(m.decisions.length).toBe(3);
      expect(m.decisions.every((d: { supervisionNumber: string | null }) => d.supervisionNumber?.startsWith('督字'))).toBe(true);
    });
  },
  { modules: [meetingsModule, supervisionModule] },
);
