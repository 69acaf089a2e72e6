/**
 * 调研 through HTTP on both databases: the demo (proposals, a decision, two 课题 in progress — one with a
 * late milestone — and a concluded one with a 转化), seen only by those who need to know and never by the
 * 三员; a unit liaison and a division propose; the 调研室 records the 调研联席会议's decision (one accepted
 * into a 课题 with a team from several units, one declined with a reason); milestones with deadlines, a
 * reminder job, completion by a team member; 结题 refused without the report and with open milestones,
 * then concluded and filed into 资源共享 with its need-to-know; 转化 links (a 督办 through 督查督办);
 * `unitCounts`; refused writes (403), failed reads (404), stale versions (409), bad input (422); the audit
 * trail, search, 工作台 and the 件件有着落 provider.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { libraryModule } from '../library/library.module.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { researchModule } from './research.module.js';

type Json = any;

describeEachDialect(
  'research',
  (env) => {
    const u = (name: string) => env().demo.userByName[name]!;
    const unit = (code: string) => env().demo.unitByCode[code]!;
    const c: Record<string, TestClient> = {};
    let proposalA = 0;
    let proposalB = 0;
    let topicId = 0;
    let topic: Json;

    it('logs in and shows the demo to those who need to know', async () => {
      for (const n of ['dys_ma', 'dys_guo', 'czj_han', 'fgw_xu', 'dcs_zhang', 'zhc_zheng', 'zhc_wu', 'sj_li', 'jyj_dong', 'qs_yuan', 'auditor', 'sysadmin'])
        c[n] = await env().login(n);
      const desk = (await c.dys_ma!.get('/api/research/topics')).json.items as Json[];
      expect(desk).toHaveLength(3);
      expect(desk.filter((t) => t.status === 'in_progress')).toHaveLength(2);
      const late = desk.find((t) => t.title.includes('营商环境'));
      const detail = (await c.dys_ma!.get(`/api/research/topics/${late.id}`)).json;
      expect(detail.milestones.some((m: Json) => m.status === 'open' && m.light === 'red')).toBe(true);
      const done = desk.find((t) => t.status === 'concluded');
      expect(done.conversions).toBe(1);
      expect((await c.dys_ma!.get('/api/research/proposals')).json.items).toHaveLength(6);
      expect((await c.dys_ma!.get('/api/research/decisions')).json.items).toHaveLength(1);
      // a liaison on one team sees that 课题 only; another division sees none; the 三员 nothing
      const xu = (await c.fgw_xu!.get('/api/research/topics')).json.items as Json[];
      expect(xu.map((t) => t.id)).toEqual([late.id]);
      expect((await c.dcs_zhang!.get('/api/research/topics')).json.items).toHaveLength(0);
      expect((await c.dcs_zhang!.get(`/api/research/topics/${late.id}`)).status).toBe(404);
      for (const admin of ['auditor', 'sysadmin']) {
        expect((await c[admin]!.get('/api/research/topics')).json.items).toHaveLength(0);
        expect((await c[admin]!.get('/api/research/proposals')).json.items).toHaveLength(0);
        expect((await c[admin]!.get(`/api/research/topics/${late.id}`)).status).toBe(404);
      }
      // the education liaison sees only her own proposal
      const dong = (await c.jyj_dong!.get('/api/research/proposals')).json.items as Json[];
      expect(dong.map((p) => p.proposedBy.id)).toEqual([u('jyj_dong')]);
    });

    it('divisions and units propose; a leader without a working role and the 三员 cannot; need-to-know on proposals', async () => {
      const a = await c.czj_han!.post('/api/research/proposals', {
        title: '关于财政资金直达基层的调研',
        background: '资金拨付链条长，部分项目资金沉淀。',
        leadUnitId: unit('research'),
      });
      expect(a.status).toBe(200);
      expect(a.json.status).toBe('proposed');
      expect(a.json.actions).toEqual(['read', 'edit']);
      proposalA = a.json.id;
      const b = await c.zhc_zheng!.post('/api/research/proposals', {
        title: '关于公文精简的调研',
        background: '文件数量仍然偏多。',
        leadUnitId: unit('general'),
        level: 1,
      });
      expect(b.status).toBe(200);
      proposalB = b.json.id;
      expect((await c.sj_li!.post('/api/research/proposals', { title: 'x', background: 'y', leadUnitId: unit('research') })).status).toBe(403);
      expect((await c.auditor!.post('/api/research/proposals', { title: 'x', background: 'y', leadUnitId: unit('research') })).status).toBe(403);
      expect((await c.jyj_dong!.post('/api/research/proposals', { title: 'x', background: 'y', leadUnitId: unit('research'), level: 1 })).status).toBe(422);
      expect((await c.dcs_zhang!.get(`/api/research/proposals/${proposalA}`)).status).toBe(404);
      expect((await c.dys_ma!.get(`/api/research/proposals/${proposalA}`)).status).toBe(200);
      // versioned edits by the proposer
      const put = await c.czj_han!.put(`/api/research/proposals/${proposalA}`, {
        title: '关于财政资金直达基层机制的调研',
        background: a.json.background,
        leadUnitId: unit('research'),
        version: a.json.version,
      });
      expect(put.status).toBe(200);
      const stale = await c.czj_han!.put(`/api/research/proposals/${proposalA}`, {
        title: 'z',
        background: 'z',
        leadUnitId: unit('research'),
        version: a.json.version,
      });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toBe('stale_version');
      expect(
        (await c.fgw_xu!.put(`/api/research/proposals/${proposalA}`, { title: 'z', background: 'z', leadUnitId: unit('research'), version: put.json.version }))
          .status,
      ).toBe(404);
    });

    it('the 调研室 records the 调研联席会议 decision: one 课题 with a team from several units, one declined with its reason', async () => {
      const body = {
        heldOn: '2026-03-02',
        attendees: '陈志远、郭文、吴涛',
        meetingRef: '2026年第2次调研联席会议',
        accepted: [{ proposalId: proposalA, leaderId: u('dys_guo'), endDate: '2026-06-30', memberIds: [u('czj_han'), u('qs_yuan'), u('dys_ma')] }],
        declined: [{ proposalId: proposalB, reason: '与年度重点课题重复' }],
      };
      expect((await c.zhc_wu!.post('/api/research/decisions', body)).status).toBe(403);
      // the proposal is 内部 (level 0): a clearance-0 member may join; raising the level below refuses her
      const first = await c.dys_ma!.post('/api/research/decisions', { ...body, accepted: [{ ...body.accepted[0], memberIds: [u('jyj_dong')] }], declined: [] });
      expect(first.status).toBe(200);
      topicId = first.json.topicIds[0];
      expect((await c.dys_ma!.post('/api/research/decisions', body)).json.error).toBe('research.proposal_decided');
      const declined = await c.dys_ma!.post('/api/research/decisions', { ...body, accepted: [] });
      expect(declined.status).toBe(200);
      const pb = (await c.zhc_zheng!.get(`/api/research/proposals/${proposalB}`)).json;
      expect(pb.status).toBe('declined');
      expect(pb.declineReason).toBe('与年度重点课题重复');
      const pa = (await c.czj_han!.get(`/api/research/proposals/${proposalA}`)).json;
      expect(pa.status).toBe('accepted');
      expect(pa.topicId).toBe(topicId);
      topic = (await c.dys_guo!.get(`/api/research/topics/${topicId}`)).json;
      expect(topic.number).toMatch(/^调研〔2026〕\d+号$/);
      expect(topic.status).toBe('in_progress');
      // the team is set by a versioned edit: several units; a member below the level is refused
      const put = await c.dys_guo!.put(`/api/research/topics/${topicId}`, {
        version: topic.version,
        title: topic.title,
        background: topic.background,
        level: 1,
        leadUnitId: unit('research'),
        leaderId: u('dys_guo'),
        startDate: '2026-03-02',
        endDate: '2026-06-30',
        memberIds: [u('czj_han'), u('qs_yuan'), u('dys_ma'), u('jyj_dong')],
      });
      expect(put.json.error).toBe('research.member_clearance');
      const ok = await c.dys_guo!.put(`/api/research/topics/${topicId}`, {
        version: topic.version,
        title: topic.title,
        background: topic.background,
        level: 1,
        leadUnitId: unit('research'),
        leaderId: u('dys_guo'),
        startDate: '2026-03-02',
        endDate: '2026-06-30',
        memberIds: [u('czj_han'), u('qs_yuan'), u('dys_ma')],
      });
      expect(ok.status).toBe(200);
      expect(new Set(ok.json.members.map((m: Json) => m.unit.id))).toEqual(new Set([unit('finance'), unit('district_qingshan'), unit('research')]));
      expect(
        (
          await c.dys_guo!.put(`/api/research/topics/${topicId}`, {
            ...ok.json,
            version: topic.version,
            leadUnitId: unit('research'),
            leaderId: u('dys_guo'),
            memberIds: [],
          })
        ).status,
      ).toBe(409);
      topic = ok.json;
      // the removed clearance-0 member no longer sees it; a team member's unit does
      expect((await c.jyj_dong!.get(`/api/research/topics/${topicId}`)).status).toBe(404);
      expect((await c.qs_yuan!.get(`/api/research/topics/${topicId}`)).status).toBe(200);
    });

    it('milestones: deadlines, a reminder the day before, completion by a team member (versioned)', async () => {
      expect((await c.czj_han!.post(`/api/research/topics/${topicId}/milestones`, { title: '座谈', dueDate: '2026-04-15' })).status).toBe(403);
      expect((await c.dys_guo!.post(`/api/research/topics/${topicId}/milestones`, { title: '超期', dueDate: '2026-07-15' })).json.error).toBe(
        'research.milestone_after_end',
      );
      const r = await c.dys_guo!.post(`/api/research/topics/${topicId}/milestones`, { title: '完成财政局座谈', dueDate: '2026-03-20' });
      expect(r.status).toBe(200);
      const m = r.json.milestones[0];
      expect(m.light).toBe('green');
      expect(m.actions).toEqual(['complete']);
      // the reminder job runs the day before and notifies the team
      env().clock.set('2026-03-19T02:00:00Z');
      await env().ctx.scheduler.runDue();
      for (const n of Object.keys(c)) c[n] = await env().login(n); // the sessions idled out over the fortnight
      const notes = (await c.czj_han!.get('/api/notifications')).json.items as Json[];
      expect(notes.some((n) => n.link === `/research/topics/${topicId}` && String(n.title).includes('到期'))).toBe(true);
      const wb = (await c.czj_han!.get('/api/workbench')).json.items as Json[];
      expect(wb.some((i) => i.module === 'research' && i.title.includes('完成财政局座谈'))).toBe(true);
      expect((await c.dcs_zhang!.post(`/api/research/milestones/${m.id}/done`, { version: m.version })).status).toBe(404);
      const done = await c.czj_han!.post(`/api/research/milestones/${m.id}/done`, { version: m.version, note: '已召开' });
      expect(done.status).toBe(200);
      expect(done.json.status).toBe('done');
      expect(done.json.doneBy.id).toBe(u('czj_han'));
      const again = await c.qs_yuan!.post(`/api/research/milestones/${m.id}/done`, { version: m.version });
      expect([403, 409]).toContain(again.status);
    });

    it('结题 needs the report and every milestone done; the report is filed into 资源共享 with its need-to-know', async () => {
      const t = (await c.dys_guo!.get(`/api/research/topics/${topicId}`)).json;
      const r2 = await c.dys_guo!.post(`/api/research/topics/${topicId}/milestones`, { title: '形成报告', dueDate: '2026-06-20' });
      const m2 = r2.json.milestones.find((m: Json) => m.title === '形成报告');
      const conclude = { version: t.version, summary: '财政资金直达机制运行平稳，建议扩大直达范围。', keywords: ['财政'] };
      expect((await c.dys_guo!.post(`/api/research/topics/${topicId}/conclude`, conclude)).json.error).toBe('research.milestones_open');
      expect((await c.qs_yuan!.post(`/api/research/milestones/${m2.id}/done`, { version: m2.version })).status).toBe(200);
      expect((await c.dys_guo!.post(`/api/research/topics/${topicId}/conclude`, conclude)).json.error).toBe('research.report_missing');
      expect((await c.dcs_zhang!.upload(`/api/files?ownerType=research_topic&ownerId=${topicId}`, 'x.txt', Buffer.from('x'))).status).toBe(404);
      const up = await c.czj_han!.upload(`/api/files?ownerType=research_topic&ownerId=${topicId}`, '调研报告.txt', Buffer.from('调研报告正文'));
      expect(up.status).toBe(201);
      expect((await c.czj_han!.post(`/api/research/topics/${topicId}/conclude`, conclude)).status).toBe(403);
      const res = await c.dys_guo!.post(`/api/research/topics/${topicId}/conclude`, conclude);
      expect(res.status).toBe(200);
      expect(res.json.status).toBe('concluded');
      expect(res.json.onTime).toBe(true);
      expect(res.json.libraryItemId).toBeGreaterThan(0);
      const lib = await c.czj_han!.get(`/api/library/items/${res.json.libraryItemId}`);
      expect(lib.status).toBe(200);
      expect(lib.json.kind).toBe('research_report');
      expect(lib.json.level).toBe(1);
      expect(lib.json.attachments.map((a: Json) => a.filename)).toEqual(['调研报告.txt']);
      expect((await c.dcs_zhang!.get(`/api/library/items/${res.json.libraryItemId}`)).status).toBe(404);
      expect((await c.dys_guo!.post(`/api/research/topics/${topicId}/conclude`, { ...conclude, version: res.json.version })).status).toBe(403);
      topic = res.json;
    });

    it('转化 links: a leader’s 批示 and a 督办 registered through 督查督办; counted per lead unit', async () => {
      expect((await c.czj_han!.post(`/api/research/topics/${topicId}/conversions`, { kind: 'instruction', reference: '批示' })).status).toBe(403);
      expect((await c.dys_guo!.post(`/api/research/topics/${topicId}/conversions`, { kind: 'supervision', reference: '督办' })).json.error).toBe(
        'research.supervision_deadline',
      );
      const i = await c.dys_guo!.post(`/api/research/topics/${topicId}/conversions`, { kind: 'instruction', reference: '李明华同志批示：请财政局研究落实' });
      expect(i.status).toBe(200);
      const s = await c.dys_guo!.post(`/api/research/topics/${topicId}/conversions`, {
        kind: 'supervision',
        reference: '按批示转督办',
        requirement: '扩大财政资金直达范围',
        deadline: '2026-05-29',
      });
      expect(s.status).toBe(200);
      const sup = s.json.conversions.find((x: Json) => x.kind === 'supervision');
      expect(sup.supervisionItemId).toBeGreaterThan(0);
      expect(sup.supervisionNumber).toMatch(/^督字/);
      const counts = await env().ctx.services.research!.unitCounts(env().ctx.db, { from: '2026-01-01', to: '2026-12-31' });
      const research = counts[unit('research')]!;
      expect(research.due).toBeGreaterThanOrEqual(2);
      expect(research.finishedOnTime).toBeGreaterThanOrEqual(1);
      expect(research.conversions.supervision).toBe(1);
      expect(research.conversions.instruction).toBe(2); // the demo's 批示 and this one
      const march = await env().ctx.services.research!.unitCounts(env().ctx.db, { from: '2026-06-01', to: '2026-06-30' });
      expect(march[unit('research')]?.due).toBe(1);
      expect(march[unit('research')]?.conversions.instruction).toBe(0);
    });

    it('every state change is audited; search, the 件件有着落 board and its checker', async () => {
      const rows = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['action', 'target_type'])
        .where('action', 'like', 'research.%')
        .where('outcome', '=', 'success')
        .execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of [
        'research.propose',
        'research.update_proposal',
        'research.decide',
        'research.accept',
        'research.decline',
        'research.create_topic',
        'research.update_topic',
        'research.add_milestone',
        'research.complete_milestone',
        'research.conclude',
        'research.convert',
      ])
        expect(actions, a).toContain(a);
      const q = encodeURIComponent('财政资金直达');
      expect((await c.qs_yuan!.get(`/api/search?q=${q}`)).json.total).toBeGreaterThan(0);
      expect((await c.dcs_zhang!.get(`/api/search?q=${q}`)).json.items.filter((h: Json) => h.module === 'research')).toHaveLength(0);
      const board = (await c.dys_ma!.get('/api/loose-ends')).json.items as Json[];
      expect(board.some((i) => i.module === 'research' && i.type === 'research_milestone')).toBe(true);
      expect(board.some((i) => i.module === 'research' && i.type === 'research_proposal')).toBe(true);
      const admin = await c.auditor!.get('/api/loose-ends');
      expect(admin.status === 200 ? admin.json.items.filter((i: Json) => i.module === 'research').length : admin.status).toBe(admin.status === 200 ? 0 : 403);
      expect(await env().ctx.services.research!.looseEnds().check(env().ctx.db)).toEqual([]);
    });
  },
  { modules: [libraryModule, supervisionModule, researchModule] },
);
