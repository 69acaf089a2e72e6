/**
 * 会议 through HTTP on both databases: the whole course of a topic (propose → 调度 → gates → 上会 →
 * held → minutes → 会后督办), gate enforcement, layers, attendee-only and classified materials,
 * need-to-know on every path, 401 / 404 / 403 / 400 / 422 / 409 per route.
 */
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import type { Actor } from '../../platform/actor.js';
import { defineModule, type ZhongshuModule } from '../../platform/module.js';
import type { CreateFromSourceInput, SourceProgress, SupervisionContract } from '../supervision/supervision.contract.js';
import { meetingsModule } from './meetings.module.js';

/** A stand-in for the supervision module's contract, recording what it was handed. */
function fakeSupervision(): { module: ZhongshuModule; created: (CreateFromSourceInput & { id: number; by: string })[] } {
  const created: (CreateFromSourceInput & { id: number; by: string })[] = [];
  const contract: SupervisionContract = {
    async createFromSource(_trx, actor: Actor, input) {
      const id = created.length + 1;
      created.push({ ...input, id, by: actor.username });
      return { id, number: `督字〔2026〕${id}号` };
    },
    async progressBySource(_db, actor, sourceType, ids) {
      const out: Record<number, SourceProgress[]> = {};
      for (const c of created) {
        if (c.sourceType !== sourceType || !ids.includes(c.sourceId)) continue;
        if (actor.clearance < c.level) continue;
        (out[c.sourceId] ??= []).push({ itemId: c.id, number: `督字〔2026〕${c.id}号`, status: 'registered', light: 'green' });
      }
      return out;
    },
  };
  return { module: defineModule({ name: 'supervision', service: () => contract }), created };
}

const fake = fakeSupervision();

describeEachDialect(
  'meetings routes',
  (env) => {
    let office: TestClient; // 孙立, 秘书处 处长 (会务处室)
    let staff: TestClient; // 周静, 秘书处 工作人员
    let ndrc: TestClient; // 徐鹏, 市发展改革委 联络员 (proposer)
    let finance: TestClient; // 韩雪, 市财政局 (concerned)
    let housing: TestClient; // 彭宇, 市住房城乡建设局 (concerned)
    let ecology: TestClient; // 冯磊: no need-to-know
    let education: TestClient; // 董丽: clearance 0
    let emergency: TestClient; // 曹阳
    let chair: TestClient; // 李明华
    let topicId = 0;
    let meetingId = 0;
    const u = (code: string) => env().demo.unitByCode[code]!;
    const p = (name: string) => env().demo.userByName[name]!;

    it('logs in the cast', async () => {
      const c = await Promise.all(
        ['msc_sun', 'msc_zhou', 'fgw_xu', 'czj_han', 'zjj_peng', 'sthj_feng', 'jyj_dong', 'yjj_cao', 'sj_li'].map((n) => env().login(n)),
      );
      [office, staff, ndrc, finance, housing, ecology, education, emergency, chair] = c as [
        TestClient,
        TestClient,
        TestClient,
        TestClient,
        TestClient,
        TestClient,
        TestClient,
        TestClient,
        TestClient,
      ];
    });

    it('answers 401 without a session on every route', async () => {
      const anon = env().anonymous();
      const calls: [string, string][] = [
        ['GET', '/api/meetings/config'],
        ['PUT', '/api/meetings/config'],
        ['GET', '/api/meeting-topics'],
        ['POST', '/api/meeting-topics'],
        ['GET', '/api/meeting-topics/1'],
        ['PATCH', '/api/meeting-topics/1'],
        ['POST', '/api/meeting-topics/1/transitions/prepare'],
        ['POST', '/api/meeting-topics/1/gates/legal_review'],
        ['GET', '/api/meetings'],
        ['POST', '/api/meetings'],
        ['GET', '/api/meetings/1'],
        ['PATCH', '/api/meetings/1'],
        ['POST', '/api/meetings/1/transitions/notify'],
        ['POST', '/api/meetings/1/agenda'],
        ['POST', '/api/meetings/1/agenda/1/remove'],
        ['PUT', '/api/meetings/1/agenda/order'],
        ['POST', '/api/meetings/1/sign-in'],
        ['POST', '/api/meetings/1/materials'],
        ['PUT', '/api/meetings/1/minutes'],
        ['GET', '/api/meetings/1/minutes.docx'],
        ['POST', '/api/meetings/1/decisions'],
        ['PATCH', '/api/meetings/1/decisions/1'],
        ['POST', '/api/meetings/1/supervise'],
      ];
      for (const [method, url] of calls) expect((await anon.request(method, url, method === 'GET' ? undefined : {})).status, `${method} ${url}`).toBe(401);
    });

    it('a unit proposes a topic; it lands in 储存 with its gates pending', async () => {
      const res = await ndrc.post('/api/meeting-topics', {
        title: '关于建设青州新区综合交通枢纽的议题',
        background: '枢纽总投资 58 亿元。',
        kind: 'standing_committee',
        level: 1,
        needsExpert: true,
        concernedUnitIds: [u('finance'), u('housing')],
        leaderId: p('msz_zhao'),
      });
      expect(res.status, res.body).toBe(200);
      topicId = res.json.id;
      expect(res.json).toMatchObject({ status: 'stored', proposingUnit: { id: u('ndrc') }, needsExpert: true, gatesPassed: false });
      expect(res.json.gates.map((g: { key: string; state: string }) => `${g.key}:${g.state}`)).toEqual([
        'situation_clear:pending',
        'legal_review:pending',
        'expert_review:pending',
        'democratic:pending',
        'consensus:pending',
      ]);
      expect(res.json.actions).toEqual(['edit', 'withdraw']);
      const notes = await office.get('/api/notifications');
      expect(notes.json.items.some((n: { title: string }) => n.title.includes('青州新区综合交通枢纽'))).toBe(true);
    });

    it('refuses bad proposals: 400 validation, 422 level and unit, 403 for a rater', async () => {
      expect((await ndrc.post('/api/meeting-topics', { title: '', kind: 'standing_committee' })).json.error).toBe('validation_error');
      expect((await ndrc.post('/api/meeting-topics', { title: 'x', kind: 'nope' })).status).toBe(400);
      expect((await ndrc.post('/api/meeting-topics', { title: 'x', kind: 'special', level: 2 })).json.error).toBe('level.not_enabled');
      expect((await education.post('/api/meeting-topics', { title: 'x', kind: 'special', level: 1 })).json.error).toBe('level.above_clearance');
      expect((await ndrc.post('/api/meeting-topics', { title: 'x', kind: 'special', concernedUnitIds: [99999] })).json.error).toBe('meetings.unknown_unit');
      expect((await ndrc.post('/api/meeting-topics', { title: 'x', kind: 'special', proposingUnitId: u('finance') })).status).toBe(403);
      const rater = await env().login('py_jiang');
      expect((await rater.post('/api/meeting-topics', { title: 'x', kind: 'special' })).status).toBe(403);
    });

    it('need-to-know and 密级 on detail, list and attachments: 404 for outsiders', async () => {
      expect((await ecology.get(`/api/meeting-topics/${topicId}`)).status).toBe(404);
      expect((await education.get(`/api/meeting-topics/${topicId}`)).status).toBe(404);
      expect((await finance.get(`/api/meeting-topics/${topicId}`)).status).toBe(200);
      expect((await staff.get(`/api/meeting-topics/${topicId}`)).status).toBe(200);
      expect((await ecology.get('/api/meeting-topics')).json.items.map((t: { id: number }) => t.id)).not.toContain(topicId);
      expect((await ecology.get(`/api/files?ownerType=meeting_topic&ownerId=${topicId}`)).status).toBe(404);
      expect((await ecology.upload(`/api/files?ownerType=meeting_topic&ownerId=${topicId}`, 'x.txt', Buffer.from('x'))).status).toBe(404);
      expect((await ecology.patch(`/api/meeting-topics/${topicId}`, { version: 1, title: 'x' })).status).toBe(404);
      expect((await ecology.get('/api/meeting-topics/abc')).status).toBe(400);
      const admin = await env().login('sysadmin');
      expect((await admin.get(`/api/meeting-topics/${topicId}`)).status).toBe(404);
    });

    it('全文检索 finds the topic for those with need-to-know only', async () => {
      const actor = (name: string, unit: string, roles: Actor['roles'], clearance: 0 | 1): Actor => ({
        id: p(name),
        username: name,
        name,
        unitId: u(unit),
        unitName: '',
        unitCode: unit,
        roles,
        clearance,
        adminRole: null,
        ip: null,
        locale: 'zh-CN',
      });
      const find = async (a: Actor) => (await env().ctx.search.query(env().ctx.db, a, { q: '综合交通枢纽', page: 1, pageSize: 20 })).items.map((h) => h.link);
      expect(await find(actor('czj_han', 'finance', ['liaison'], 1))).toContain(`/meetings/topics/${topicId}`);
      expect(await find(actor('msc_zhou', 'secretariat', ['staff'], 1))).toContain(`/meetings/topics/${topicId}`);
      expect(await find(actor('sthj_feng', 'ecology', ['liaison'], 1))).toEqual([]);
      expect(await find(actor('jyj_dong', 'education', ['liaison'], 0))).toEqual([]);
    });

    it('edits a topic with optimistic locking', async () => {
      const ok = await ndrc.patch(`/api/meeting-topics/${topicId}`, { version: 1, background: '枢纽总投资 58 亿元，分两期建设。' });
      expect(ok.status, ok.body).toBe(200);
      expect(ok.json.version).toBe(2);
      expect((await ndrc.patch(`/api/meeting-topics/${topicId}`, { version: 1, title: '旧版本' })).json.error).toBe('stale_version');
      expect((await finance.patch(`/api/meeting-topics/${topicId}`, { version: 2, title: '协商单位不能改' })).status).toBe(403);
      // the refusal is audited as denied under the use case's action and the topic
      const denied = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['actor_id', 'target_type', 'target_id'])
        .where('action', '=', 'meetings.topic_update')
        .where('outcome', '=', 'denied')
        .where('actor_id', '=', p('czj_han'))
        .execute();
      expect(denied).toEqual([{ actor_id: p('czj_han'), target_type: 'meeting_topic', target_id: String(topicId) }]);
      expect((await ndrc.patch(`/api/meeting-topics/${topicId}`, { version: 2, level: 9 })).status).toBe(400);
    });

    it('moves the topic between layers: office only, version checked', async () => {
      expect((await ndrc.post(`/api/meeting-topics/${topicId}/transitions/prepare`, { version: 2 })).status).toBe(403);
      expect((await staff.post(`/api/meeting-topics/${topicId}/transitions/prepare`, { version: 1 })).json.error).toBe('stale_version');
      expect((await staff.post(`/api/meeting-topics/${topicId}/transitions/bogus`, { version: 2 })).status).toBe(400);
      const prepared = await staff.post(`/api/meeting-topics/${topicId}/transitions/prepare`, { version: 2 });
      expect(prepared.json).toMatchObject({ status: 'preparing', version: 3 });
      const back = await staff.post(`/api/meeting-topics/${topicId}/transitions/store`, { version: 3 });
      expect(back.json.status).toBe('stored');
      expect((await staff.post(`/api/meeting-topics/${topicId}/transitions/store`, { version: 4 })).status).toBe(409);
      expect((await staff.post(`/api/meeting-topics/${topicId}/transitions/prepare`, { version: 4 })).json.status).toBe('preparing');
      const pool = await staff.get('/api/meeting-topics?layer=preparing');
      expect(pool.json.items.map((t: { id: number }) => t.id)).toContain(topicId);
      expect(pool.json.counts.preparing).toBeGreaterThanOrEqual(1);
    });

    it('creates a decision meeting (office only; bad input refused)', async () => {
      const body = {
        title: '市委常委会2026年第9次会议',
        kind: 'standing_committee',
        startsAt: '2026-03-10T01:00:00Z',
        endsAt: '2026-03-10T03:00:00Z',
        place: '市委第一会议室',
        chairId: p('sj_li'),
        level: 1,
        attendeeIds: [p('msz_zhao'), p('zr_chen')],
        excused: [{ userId: p('fzr_liu'), reason: '出差' }],
      };
      expect((await ndrc.post('/api/meetings', body)).status).toBe(403);
      expect((await staff.post('/api/meetings', { ...body, startsAt: 'next tuesday' })).status).toBe(400);
      expect((await staff.post('/api/meetings', { ...body, endsAt: '2026-03-09T01:00:00Z' })).json.error).toBe('meetings.ends_before_start');
      expect((await staff.post('/api/meetings', { ...body, attendeeIds: [99999] })).json.error).toBe('meetings.unknown_user');
      const res = await staff.post('/api/meetings', body);
      expect(res.status, res.body).toBe(200);
      meetingId = res.json.id;
      expect(res.json.attendees.map((a: { name: string; attendance: string }) => `${a.name}:${a.attendance}`)).toEqual([
        '赵国强:expected',
        '陈志远:expected',
        '刘海燕:excused',
      ]);
      expect((await ecology.get(`/api/meetings/${meetingId}`)).status).toBe(404);
      expect((await chair.get(`/api/meetings/${meetingId}`)).status).toBe(200);
      const cal = await staff.get('/api/meetings?from=2026-03-10&to=2026-03-10');
      expect(cal.json.items.map((m: { id: number }) => m.id)).toEqual([meetingId]);
      expect((await ecology.get('/api/meetings?from=2026-03-10&to=2026-03-10')).json.items).toEqual([]);
      expect((await staff.get('/api/meetings?from=march')).status).toBe(400);
    });

    it('refuses a topic not in 调度, and one that fails gates, naming every failed gate', async () => {
      const stored = await ndrc.post('/api/meeting-topics', { title: '仍在储存的议题', kind: 'standing_committee' });
      expect((await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId: stored.json.id, topicVersion: 1 })).json.error).toBe('meetings.topic_not_ready');
      const res = await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId, topicVersion: 5 });
      expect(res.status).toBe(422);
      expect(res.json.error).toBe('meetings.gates_failed');
      expect(res.json.details.failed.map((g: { key: string }) => g.key)).toEqual([
        'situation_clear',
        'legal_review',
        'expert_review',
        'democratic',
        'consensus',
      ]);
      for (const name of ['情况明', '程序合法', '专家论证', '民主讨论', '会前协商一致', '市财政局未确认']) expect(res.json.message).toContain(name);
      expect((await ndrc.post(`/api/meetings/${meetingId}/agenda`, { topicId, topicVersion: 5 })).status).toBe(404);
      expect((await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId: 'x' })).status).toBe(400);
    });

    it('a gate needs evidence: an attachment of this topic or a written record', async () => {
      const noEvidence = await staff.post(`/api/meeting-topics/${topicId}/gates/situation_clear`, { version: 0 });
      expect(noEvidence.json.error).toBe('meetings.evidence_required');
      const other = await ndrc.post('/api/meeting-topics', { title: '另一议题', kind: 'special' });
      const foreign = await ndrc.upload(`/api/files?ownerType=meeting_topic&ownerId=${other.json.id}`, '其他.txt', Buffer.from('其他议题的材料'));
      expect((await staff.post(`/api/meeting-topics/${topicId}/gates/situation_clear`, { version: 0, attachmentId: foreign.json.id })).json.error).toBe(
        'meetings.evidence_invalid',
      );
      const file = await ndrc.upload(`/api/files?ownerType=meeting_topic&ownerId=${topicId}`, '可行性研究报告.txt', Buffer.from('可行性研究报告全文'));
      expect(file.status, file.body).toBe(201);
      expect((await ndrc.post(`/api/meeting-topics/${topicId}/gates/situation_clear`, { version: 0, attachmentId: file.json.id })).status).toBe(403);
      expect((await staff.post(`/api/meeting-topics/${topicId}/gates/nope`, { version: 0, text: 'x' })).status).toBe(400);
      expect((await staff.post(`/api/meeting-topics/${topicId}/gates/legal_review`, { version: 0, status: 'dissent', text: 'x' })).json.error).toBe(
        'meetings.dissent_only_consensus',
      );
      expect((await staff.post(`/api/meeting-topics/${topicId}/gates/materials_ready`, { version: 0, text: 'x' })).json.error).toBe(
        'meetings.gate_not_in_checklist',
      );
      const ok = await staff.post(`/api/meeting-topics/${topicId}/gates/situation_clear`, { version: 0, attachmentId: file.json.id });
      expect(ok.status, ok.body).toBe(200);
      const gate = ok.json.gates.find((g: { key: string }) => g.key === 'situation_clear');
      expect(gate).toMatchObject({
        state: 'passed',
        entry: { evidenceAttachmentId: file.json.id, evidenceFilename: '可行性研究报告.txt', confirmedByName: '周静', version: 1 },
      });
      expect((await staff.post(`/api/meeting-topics/${topicId}/gates/situation_clear`, { version: 0, text: '重复' })).json.error).toBe('stale_version');
    });

    it('each remaining gate alone keeps the topic off the agenda until confirmed', async () => {
      const failedNow = async () =>
        (await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId, topicVersion: 5 })).json.details?.failed.map((g: { key: string }) => g.key);
      expect(await failedNow()).toEqual(['legal_review', 'expert_review', 'democratic', 'consensus']);
      await staff.post(`/api/meeting-topics/${topicId}/gates/legal_review`, { version: 0, text: '市司法局合法性审查意见书（青司审〔2026〕11号）' });
      expect(await failedNow()).toEqual(['expert_review', 'democratic', 'consensus']);
      await staff.post(`/api/meeting-topics/${topicId}/gates/expert_review`, { version: 0, text: '交通规划专家论证会纪要' });
      expect(await failedNow()).toEqual(['democratic', 'consensus']);
      await staff.post(`/api/meeting-topics/${topicId}/gates/democratic`, { version: 0, text: '已征求人大、政协和民主党派意见' });
      expect(await failedNow()).toEqual(['consensus']);
    });

    it("a department's dissent blocks 会前协商一致 until it is resolved", async () => {
      expect((await finance.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 0, status: 'dissent' })).json.error).toBe(
        'meetings.evidence_required',
      );
      expect((await finance.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 0, unitId: u('housing'), text: '代别人' })).status).toBe(403);
      expect((await finance.post(`/api/meeting-topics/${topicId}/gates/legal_review`, { version: 1, text: 'x' })).status).toBe(403);
      expect((await ecology.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 0, text: 'x' })).status).toBe(404);
      const dissent = await finance.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 0, status: 'dissent', text: '二期资金来源未落实' });
      expect(dissent.status, dissent.body).toBe(200);
      expect(dissent.json.gates.find((g: { key: string }) => g.key === 'consensus')).toMatchObject({
        state: 'dissent',
        units: [
          { unitId: u('finance'), state: 'dissent' },
          { unitId: u('housing'), state: 'pending' },
        ],
      });
      const wb = await staff.get('/api/workbench');
      expect(wb.status).toBe(200);
      expect((await staff.get('/api/notifications')).json.items.some((n: { title: string }) => n.title.includes('不同意见'))).toBe(true);
      await housing.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 0, text: '同意' });
      const blocked = await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId, topicVersion: 5 });
      expect(blocked.json.details.failed).toEqual([
        {
          key: 'consensus',
          zh: '会前协商一致',
          en: expect.any(String),
          state: 'dissent',
          units: [{ unitId: u('finance'), unitName: '市财政局', state: 'dissent' }],
        },
      ]);
      expect(blocked.json.message).toContain('市财政局有不同意见');
      expect((await finance.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 0, text: '同意' })).json.error).toBe('stale_version');
      const resolved = await finance.post(`/api/meeting-topics/${topicId}/gates/consensus`, { version: 1, text: '经协调，分年度安排资金，同意' });
      expect(resolved.json.gatesPassed).toBe(true);
    });

    it('places the topic on the agenda once every gate has passed; gates then freeze', async () => {
      const res = await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId, topicVersion: 5 });
      expect(res.status, res.body).toBe(200);
      expect(res.json.agenda.map((t: { id: number; agendaOrder: number }) => [t.id, t.agendaOrder])).toEqual([[topicId, 1]]);
      const t = await ndrc.get(`/api/meeting-topics/${topicId}`);
      expect(t.json).toMatchObject({ status: 'scheduled', meeting: { id: meetingId }, version: 6 });
      expect((await staff.post(`/api/meeting-topics/${topicId}/gates/democratic`, { version: 1, text: 'x' })).status).toBe(403);
      // attendees of the meeting now know the topic
      const zhao = await env().login('msz_zhao');
      expect((await zhao.get(`/api/meeting-topics/${topicId}`)).status).toBe(200);
      expect((await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId, topicVersion: 6 })).json.error).toBe('meetings.topic_not_ready');
    });

    it('removes and re-adds a topic; orders the agenda', async () => {
      const second = await ndrc.post('/api/meeting-topics', { title: '关于修订市级政府投资管理办法的议题', kind: 'standing_committee' });
      const sid = second.json.id;
      await staff.post(`/api/meeting-topics/${sid}/transitions/prepare`, { version: 1 });
      for (const g of ['situation_clear', 'legal_review', 'democratic'])
        await staff.post(`/api/meeting-topics/${sid}/gates/${g}`, { version: 0, text: '已办' });
      const placed = await staff.post(`/api/meetings/${meetingId}/agenda`, { topicId: sid, topicVersion: 2 });
      expect(placed.json.agenda.map((t: { id: number }) => t.id)).toEqual([topicId, sid]);
      const ordered = await staff.put(`/api/meetings/${meetingId}/agenda/order`, { version: placed.json.version, topicIds: [sid, topicId] });
      expect(ordered.json.agenda.map((t: { id: number }) => t.id)).toEqual([sid, topicId]);
      expect((await staff.put(`/api/meetings/${meetingId}/agenda/order`, { version: ordered.json.version, topicIds: [sid] })).json.error).toBe(
        'meetings.agenda_mismatch',
      );
      expect((await staff.put(`/api/meetings/${meetingId}/agenda/order`, { version: 1, topicIds: [sid, topicId] })).json.error).toBe('stale_version');
      const removed = await staff.post(`/api/meetings/${meetingId}/agenda/${sid}/remove`, { topicVersion: 3 });
      expect(removed.json.agenda.map((t: { id: number }) => t.id)).toEqual([topicId]);
      expect((await ndrc.get(`/api/meeting-topics/${sid}`)).json.status).toBe('preparing');
      expect((await staff.post(`/api/meetings/${meetingId}/agenda/${sid}/remove`, { topicVersion: 4 })).json.error).toBe('meetings.topic_not_on_agenda');
      expect((await ndrc.post(`/api/meetings/${meetingId}/agenda/${sid}/remove`, { topicVersion: 4 })).status).toBe(404);
      // withdraw by the proposer
      expect((await ndrc.post(`/api/meeting-topics/${sid}/transitions/withdraw`, { version: 4 })).json.status).toBe('withdrawn');
    });

    it('sends notices, signs in attendees, holds the meeting', async () => {
      const m0 = await staff.get(`/api/meetings/${meetingId}`);
      expect((await ndrc.post(`/api/meetings/${meetingId}/transitions/notify`, { version: m0.json.version })).status).toBe(404);
      const zhao = await env().login('msz_zhao');
      expect((await zhao.post(`/api/meetings/${meetingId}/sign-in`, {})).json.error).toBe('meetings.meeting_closed');
      const notified = await staff.post(`/api/meetings/${meetingId}/transitions/notify`, { version: m0.json.version });
      expect(notified.json.status).toBe('notified');
      expect((await zhao.get('/api/notifications')).json.items[0].title).toContain('会议通知');
      expect(
        (await zhao.get('/api/workbench')).json.items.some(
          (i: { module: string; link: string }) => i.module === 'meetings' && i.link === `/meetings/${meetingId}`,
        ),
      ).toBe(true);
      const signed = await zhao.post(`/api/meetings/${meetingId}/sign-in`, {});
      expect(signed.json.attendees.find((a: { name: string }) => a.name === '赵国强').signedInAt).toBeTruthy();
      const liu = await env().login('fzr_liu');
      expect((await liu.post(`/api/meetings/${meetingId}/sign-in`, {})).json.error).toBe('meetings.not_attendee');
      expect((await zhao.post(`/api/meetings/${meetingId}/sign-in`, { userId: p('zr_chen') })).status).toBe(403);
      const refusedSignIn = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['actor_id', 'target_id'])
        .where('action', '=', 'meetings.sign_in')
        .where('outcome', '=', 'denied')
        .where('actor_id', '=', p('msz_zhao'))
        .execute();
      expect(refusedSignIn).toEqual([{ actor_id: p('msz_zhao'), target_id: String(meetingId) }]);
      expect((await staff.post(`/api/meetings/${meetingId}/sign-in`, { userId: p('zr_chen') })).status).toBe(200);
      expect((await staff.post(`/api/meetings/${meetingId}/sign-in`, { userId: 'x' })).status).toBe(400);
      // 会议召开 not before the day of the meeting (2026-03-10; the clock says 2026-03-02)
      const early = await staff.post(`/api/meetings/${meetingId}/transitions/hold`, { version: notified.json.version });
      expect([early.status, early.json.error]).toEqual([422, 'meetings.not_yet_held']);
      expect(early.json.message).toContain('2026-03-10');
      // brought forward to today, it may be held
      const moved = await staff.patch(`/api/meetings/${meetingId}`, {
        version: notified.json.version,
        startsAt: '2026-03-02T00:30:00Z',
        endsAt: '2026-03-02T03:00:00Z',
      });
      expect(moved.status, moved.body).toBe(200);
      const held = await staff.post(`/api/meetings/${meetingId}/transitions/hold`, { version: moved.json.version });
      expect(held.json.status, held.body).toBe('held');
      expect((await staff.patch(`/api/meetings/${meetingId}`, { version: held.json.version, place: '改地点' })).json.error).toBe('meetings.meeting_closed');
    });

    it('records minutes and decisions (议定事项)', async () => {
      const m = await staff.get(`/api/meetings/${meetingId}`);
      expect((await ndrc.put(`/api/meetings/${meetingId}/minutes`, { version: m.json.version, summary: 'x' })).status).toBe(404);
      const saved = await staff.put(`/api/meetings/${meetingId}/minutes`, { version: m.json.version, summary: '会议原则同意青州新区综合交通枢纽建设方案。' });
      expect(saved.json.minutesSummary).toContain('原则同意');
      expect((await staff.put(`/api/meetings/${meetingId}/minutes`, { version: m.json.version, summary: 'x' })).json.error).toBe('stale_version');
      const d = {
        topicId,
        text: '市发展改革委牵头编制枢纽一期实施方案，报市政府审定。',
        leadUnitId: u('ndrc'),
        coUnitIds: [u('housing')],
        dueDate: '2026-04-30',
      };
      expect((await staff.post(`/api/meetings/${meetingId}/decisions`, { ...d, dueDate: '2026-01-01' })).json.error).toBe('meetings.deadline_passed');
      expect((await staff.post(`/api/meetings/${meetingId}/decisions`, { ...d, dueDate: '30/04/2026' })).status).toBe(400);
      const other = await ndrc.post('/api/meeting-topics', { title: '不在议程', kind: 'special' });
      expect((await staff.post(`/api/meetings/${meetingId}/decisions`, { ...d, topicId: other.json.id })).json.error).toBe(
        'meetings.decision_topic_not_on_agenda',
      );
      expect((await ndrc.post(`/api/meetings/${meetingId}/decisions`, d)).status).toBe(404);
      const zhao = await env().login('msz_zhao');
      expect((await zhao.post(`/api/meetings/${meetingId}/decisions`, d)).status).toBe(403);
      await staff.post(`/api/meetings/${meetingId}/decisions`, d);
      const two = await staff.post(`/api/meetings/${meetingId}/decisions`, {
        topicId,
        text: '市财政局统筹枢纽二期建设资金，分年度纳入预算。',
        leadUnitId: u('finance'),
        coUnitIds: [],
        dueDate: '2026-06-30',
      });
      expect(two.json.decisions.map((x: { seq: number; leadUnit: { name: string } }) => `${x.seq}:${x.leadUnit.name}`)).toEqual([
        '1:市发展改革委',
        '2:市财政局',
      ]);
      const first = two.json.decisions[0];
      const edited = await staff.patch(`/api/meetings/${meetingId}/decisions/${first.id}`, { version: first.version, dueDate: '2026-05-15' });
      expect(edited.json.decisions[0].dueDate).toBe('2026-05-15');
      expect((await staff.patch(`/api/meetings/${meetingId}/decisions/${first.id}`, { version: first.version, dueDate: '2026-05-20' })).json.error).toBe(
        'stale_version',
      );
    });

    it('renders the minutes as a 纪要 DOCX for readers only', async () => {
      const res = await env().app.inject({ method: 'GET', url: `/api/meetings/${meetingId}/minutes.docx`, headers: { cookie: chair.cookie! } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
      // the text as read, across runs (出席 in 黑体, the names in 仿宋)
      const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
      for (const t of [
        '市委常委会2026年第9次会议纪要',
        '关于建设青州新区综合交通枢纽',
        '市发展改革委牵头编制枢纽一期实施方案',
        '市财政局统筹枢纽二期建设资金',
        '出席：李明华、赵国强、陈志远',
        '请假：刘海燕（出差）',
        '列席：市发展改革委有关负责同志',
      ])
        expect(text).toContain(t);
      // 纪要格式 (GB/T 9704 10.3): the red 标志, 出席 in 黑体
      expect(xml).toContain('w:color w:val="E60012"');
      expect(xml).toMatch(/<w:rFonts w:ascii="黑体"[^>]*\/>(<[^>]+>)*<w:t[^>]*>出席：/);
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('纪要.docx'));
      expect((await ecology.get(`/api/meetings/${meetingId}/minutes.docx`)).status).toBe(404);
    });

    it('会后督办: each decision becomes a supervision item in one step, linked both ways', async () => {
      const before = fake.created.length;
      expect((await ndrc.post(`/api/meetings/${meetingId}/supervise`, {})).status).toBe(404);
      expect((await staff.post(`/api/meetings/${meetingId}/supervise`, { decisions: [] })).status).toBe(400);
      const res = await staff.post(`/api/meetings/${meetingId}/supervise`, {});
      expect(res.status, res.body).toBe(200);
      const mine = fake.created.slice(before);
      expect(mine.map((c) => [c.sourceType, c.sourceId, c.leadUnitId, c.deadline, c.level, c.responsibleLeaderId])).toEqual(
        res.json.decisions.map((d: { id: number; leadUnit: { id: number }; dueDate: string }) => [
          'meeting_decision',
          d.id,
          d.leadUnit.id,
          d.dueDate,
          1,
          p('msz_zhao'),
        ]),
      );
      expect(mine[0]!.sourceRef).toContain('市委常委会2026年第9次会议');
      expect(mine[0]!.coUnitIds).toEqual([u('housing')]);
      expect(res.json.decisions.map((d: { supervisionNumber: string; progress: { light: string }[] }) => [d.supervisionNumber, d.progress[0]?.light])).toEqual([
        [`督字〔2026〕${mine[0]!.id}号`, 'green'],
        [`督字〔2026〕${mine[1]!.id}号`, 'green'],
      ]);
      const d0 = res.json.decisions[0];
      expect((await staff.post(`/api/meetings/${meetingId}/supervise`, { decisions: [{ id: d0.id, version: d0.version }] })).json.error).toBe(
        'meetings.already_supervised',
      );
      expect((await staff.patch(`/api/meetings/${meetingId}/decisions/${d0.id}`, { version: d0.version, text: '改' })).json.error).toBe(
        'meetings.already_supervised',
      );
    });

    it('issues the minutes: numbered, topics decided', async () => {
      const m = await staff.get(`/api/meetings/${meetingId}`);
      const res = await staff.post(`/api/meetings/${meetingId}/transitions/finalize`, { version: m.json.version });
      expect(res.status, res.body).toBe(200);
      expect(res.json).toMatchObject({ status: 'minuted', minutesNo: 1 });
      expect((await ndrc.get(`/api/meeting-topics/${topicId}`)).json.status).toBe('decided');
      expect((await staff.post(`/api/meetings/${meetingId}/transitions/finalize`, { version: res.json.version })).status).toBe(409);
    });

    it('materials: attendees only, each by its 密级', async () => {
      const body = {
        title: '全市应急管理工作部署会',
        kind: 'deployment',
        startsAt: '2026-03-20T01:00:00Z',
        place: '市民中心',
        chairId: p('msz_zhao'),
        level: 0,
        attendeeIds: [p('jyj_dong'), p('yjj_cao')],
      };
      const m = await staff.post('/api/meetings', body);
      expect(m.status, m.body).toBe(200);
      const mid = m.json.id;
      const open = await staff.post(`/api/meetings/${mid}/materials`, { title: '传达提纲', kind: 'outline', level: 0 });
      const internal = await staff.post(`/api/meetings/${mid}/materials`, { title: '市领导讲话稿', kind: 'leader_speech', level: 1 });
      expect(internal.status, internal.body).toBe(200);
      expect((await staff.post(`/api/meetings/${mid}/materials`, { title: 'x', kind: 'nope' })).status).toBe(400);
      expect((await staff.post(`/api/meetings/${mid}/materials`, { title: 'x', kind: 'other', level: 2 })).json.error).toBe('level.not_enabled');
      expect((await emergency.post(`/api/meetings/${mid}/materials`, { title: 'x', kind: 'other' })).status).toBe(403);
      const f1 = await staff.upload(`/api/files?ownerType=meeting_material&ownerId=${open.json.id}`, '传达提纲.txt', Buffer.from('一、会议精神'));
      const f2 = await staff.upload(`/api/files?ownerType=meeting_material&ownerId=${internal.json.id}`, '讲话稿.txt', Buffer.from('同志们：'));
      expect([f1.status, f2.status]).toEqual([201, 201]);
      expect((await emergency.upload(`/api/files?ownerType=meeting_material&ownerId=${open.json.id}`, 'x.txt', Buffer.from('x'))).status).toBe(403);
      // attendee with clearance 内部 sees both; attendee with clearance 公开 sees the public one only
      expect((await emergency.get(`/api/meetings/${mid}`)).json.materials.map((x: { title: string }) => x.title)).toEqual(['传达提纲', '市领导讲话稿']);
      const low = await education.get(`/api/meetings/${mid}`);
      expect(low.json.materials.map((x: { title: string; attachments: unknown[] }) => [x.title, x.attachments.length])).toEqual([['传达提纲', 1]]);
      expect((await education.get(`/api/files/${f1.json.id}`)).status).toBe(200);
      expect((await education.get(`/api/files/${f2.json.id}`)).status).toBe(404);
      // not an attendee: nothing
      expect((await ecology.get(`/api/files/${f1.json.id}`)).status).toBe(404);
      expect((await ecology.get(`/api/files?ownerType=meeting_material&ownerId=${open.json.id}`)).status).toBe(404);
      expect((await ndrc.get(`/api/meetings/${mid}`)).status).toBe(404);
    });

    it('the SQL filters agree with the read policies (users × topics, users × meetings)', async () => {
      const users = ['msc_sun', 'fgw_xu', 'czj_han', 'zjj_peng', 'sthj_feng', 'jyj_dong', 'yjj_cao', 'msz_zhao', 'sj_li', 'dcs_zhang'];
      const allTopics = (await office.get('/api/meeting-topics?pageSize=200')).json.items.map((t: { id: number }) => t.id) as number[];
      const allMeetings = (await office.get('/api/meetings?pageSize=500')).json.items.map((m: { id: number }) => m.id) as number[];
      expect(allTopics.length).toBeGreaterThan(10);
      for (const name of users) {
        const c = await env().login(name);
        const listed = new Set((await c.get('/api/meeting-topics?pageSize=200')).json.items.map((t: { id: number }) => t.id));
        for (const id of allTopics) expect((await c.get(`/api/meeting-topics/${id}`)).status === 200, `${name} topic ${id}`).toBe(listed.has(id));
        const listedM = new Set((await c.get('/api/meetings?pageSize=500')).json.items.map((m: { id: number }) => m.id));
        for (const id of allMeetings) expect((await c.get(`/api/meetings/${id}`)).status === 200, `${name} meeting ${id}`).toBe(listedM.has(id));
      }
    });

    it('configures checklists: division head of the 会务处室 only, version checked', async () => {
      const cfg = await staff.get('/api/meetings/config');
      expect(cfg.json.me).toMatchObject({ manager: true, configure: false });
      expect(cfg.json.checklists.standing_committee.map((c: { key: string }) => c.key)).toEqual([
        'situation_clear',
        'legal_review',
        'expert_review',
        'democratic',
        'consensus',
      ]);
      const next = { ...cfg.json.checklists, onsite: [] };
      expect((await staff.put('/api/meetings/config', { version: cfg.json.version, checklists: next, handlerUnitIds: cfg.json.handlerUnitIds })).status).toBe(
        403,
      );
      expect(
        (await office.put('/api/meetings/config', { version: cfg.json.version, checklists: { onsite: [] }, handlerUnitIds: cfg.json.handlerUnitIds })).status,
      ).toBe(400);
      const ok = await office.put('/api/meetings/config', { version: cfg.json.version, checklists: next, handlerUnitIds: cfg.json.handlerUnitIds });
      expect(ok.json.version).toBe(1);
      expect((await office.put('/api/meetings/config', { version: 0, checklists: next, handlerUnitIds: cfg.json.handlerUnitIds })).json.error).toBe(
        'stale_version',
      );
      const onsite = await ndrc.post('/api/meeting-topics', { title: '现场会议题', kind: 'onsite' });
      expect(onsite.json.gatesPassed).toBe(true);
    });

    it('工作台: the office sees the overdue minutes in red; attendees their meetings', async () => {
      const wb = await office.get('/api/workbench');
      const minutes = wb.json.items.filter((i: { module: string; title: string }) => i.module === 'meetings' && i.title.startsWith('整理印发纪要'));
      expect(minutes.map((i: { title: string; light: string }) => [i.title, i.light])).toEqual([['整理印发纪要：市委常委会2026年第4次会议', 'red']]);
      const wbFinance = await finance.get('/api/workbench');
      expect(
        wbFinance.json.items.some(
          (i: { title: string; status: string }) => i.title === '会前协商：关于深化教育综合改革的实施方案' && i.status === '有不同意见',
        ),
      ).toBe(true);
      expect(
        (await ecology.get('/api/workbench')).json.items.filter((i: { module: string }) => i.module === 'meetings').map((i: { title: string }) => i.title),
      ).toEqual([]);
    });

    it('audits every write in the chain, and the chain verifies', async () => {
      const rows = await env().ctx.db.selectFrom('audit_event').select('action').where('action', 'like', 'meetings.%').execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of [
        'meetings.topic_propose',
        'meetings.topic_update',
        'meetings.topic.prepare',
        'meetings.gate_confirm',
        'meetings.gate_dissent',
        'meetings.topic.schedule',
        'meetings.meeting_create',
        'meetings.meeting.notify',
        'meetings.sign_in',
        'meetings.minutes_save',
        'meetings.decision_add',
        'meetings.decision_supervise',
        'meetings.meeting.finalize',
        'meetings.material_add',
        'meetings.config_update',
        'meetings.agenda_place',
      ]) {
        expect(actions, a).toContain(a);
      }
      expect((await env().ctx.audit.verify(env().ctx.db)).ok).toBe(true);
    });
  },
  { modules: [meetingsModule, fake.module] },
);
