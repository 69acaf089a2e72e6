/**
 * The test factories on both databases: each builds its kind at each stage through the services, and
 * what it built is what the HTTP API shows (status, version, need-to-know).
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { buildOutgoingDocument } from './documents.js';
import { buildLibraryItem } from './library.js';
import { buildMeetingTopic } from './meetings.js';
import { buildSupervisionItem, type SupervisionStage } from './supervision.js';

describeEachDialect('test factories', (env) => {
  const unit = (code: string) => env().demo.unitByCode[code]!;

  it('builds a supervision item at each stage, as the API shows it', async () => {
    const office = await env().login('dcs_zhang');
    const expected: Record<SupervisionStage, { item: string; tasks: string }> = {
      registered: { item: 'registered', tasks: 'pending' },
      issued: { item: 'issued', tasks: 'in_progress' },
      reported: { item: 'issued', tasks: 'submitted' },
      concluded: { item: 'concluded', tasks: 'accepted' },
      closed: { item: 'closed', tasks: 'accepted' },
    };
    for (const [stage, want] of Object.entries(expected) as [SupervisionStage, { item: string; tasks: string }][]) {
      const built = await buildSupervisionItem(env(), { stage, units: ['housing', 'finance'] });
      expect(built.status, stage).toBe(want.item);
      const res = await office.get(`/api/supervision/items/${built.id}`);
      expect(res.status, res.body).toBe(200);
      expect(res.json.item).toMatchObject({ id: built.id, number: built.number, status: want.item, version: built.version });
      const tasks = res.json.tasks as { id: number; unitId: number; status: string; version: number }[];
      expect(
        tasks.map((t) => [t.unitId, t.status]),
        stage,
      ).toEqual([
        [unit('housing'), want.tasks],
        [unit('finance'), want.tasks],
      ]);
      expect(tasks.map((t) => ({ id: t.id, version: t.version }))).toEqual(built.tasks.map((t) => ({ id: t.id, version: t.version })));
    }
  });

  it('a built supervision item keeps need-to-know: the task units see it, another unit gets 404', async () => {
    const built = await buildSupervisionItem(env(), { stage: 'issued', units: ['emergency'], input: { title: '督办防汛物资储备' } });
    const liaison = await env().login('yjj_cao');
    expect((await liaison.get(`/api/supervision/items/${built.id}`)).status).toBe(200);
    expect((await liaison.get('/api/notifications')).json.items.some((n: { title: string }) => n.title.includes(built.number))).toBe(true);
    expect((await (await env().login('sthj_feng')).get(`/api/supervision/items/${built.id}`)).status).toBe(404);
  });

  it('builds a meeting topic at each stage, as the API shows it', async () => {
    const office = await env().login('msc_zhou');
    for (const stage of ['stored', 'preparing', 'scheduled'] as const) {
      const built = await buildMeetingTopic(env(), { stage, concernedUnits: ['finance'] });
      expect(built.status).toBe(stage);
      const res = await office.get(`/api/meeting-topics/${built.id}`);
      expect(res.status, res.body).toBe(200);
      expect(res.json).toMatchObject({ id: built.id, status: stage, version: built.version, gatesPassed: stage === 'scheduled' });
      if (stage !== 'scheduled') {
        expect(built.meetingId).toBeNull();
        continue;
      }
      const meeting = await office.get(`/api/meetings/${built.meetingId}`);
      expect(meeting.status, meeting.body).toBe(200);
      expect(meeting.json.agenda.map((t: { id: number }) => t.id)).toEqual([built.id]);
    }
  });

  it('puts a classified decision topic on the agenda only after all five gates, for each department concerned', async () => {
    const built = await buildMeetingTopic(env(), {
      stage: 'scheduled',
      concernedUnits: ['finance', 'housing'],
      input: { kind: 'standing_committee', level: 1, needsExpert: true, title: '关于综合交通枢纽建设的议题' },
    });
    const res = await (await env().login('msc_zhou')).get(`/api/meeting-topics/${built.id}`);
    expect(res.json.status).toBe('scheduled');
    expect(res.json.gates.map((g: { key: string; state: string }) => `${g.key}:${g.state}`)).toEqual([
      'situation_clear:passed',
      'legal_review:passed',
      'expert_review:passed',
      'democratic:passed',
      'consensus:passed',
    ]);
    // a clearance-0 user sees neither the level-1 topic nor its meeting
    const education = await env().login('jyj_dong');
    expect((await education.get(`/api/meeting-topics/${built.id}`)).status).toBe(404);
    expect((await education.get(`/api/meetings/${built.meetingId}`)).status).toBe(404);
  });

  it('builds library items by scope, level and catalogue, as the API shows them', async () => {
    const other = await env().login('dcs_zhang'); // 督查室: not the owner unit (调研室)
    const open = await buildLibraryItem(env());
    const openView = await other.get(`/api/library/items/${open.id}`);
    expect(openView.status, openView.body).toBe(200);
    expect(openView.json).toMatchObject({ id: open.id, version: open.version, scope: 'everyone', level: 0, catalog: false, canOpen: true });

    const entry = await buildLibraryItem(env(), { scope: 'scoped', level: 1, catalog: true, input: { title: '受限调研报告' } });
    const entryView = await other.get(`/api/library/items/${entry.id}`);
    expect(entryView.json).toMatchObject({ title: '受限调研报告', scope: 'scoped', level: 1, catalog: true, canOpen: false, content: null });
    expect((await (await env().login('dys_ma')).get(`/api/library/items/${entry.id}`)).json.canOpen).toBe(true);

    const shared = await buildLibraryItem(env(), { scope: 'scoped', level: 1, scopeUnits: ['supervision'] });
    const sharedView = await other.get(`/api/library/items/${shared.id}`);
    expect(sharedView.json).toMatchObject({ canOpen: true, scopeUnits: [{ id: unit('supervision') }] });
    // a scoped item outside the catalogue is not even an entry for a unit outside its scope (信息处, cleared for 内部)
    expect((await (await env().login('xxc_he')).get(`/api/library/items/${shared.id}`)).status).toBe(404);
  });

  it('builds an outgoing document at each stage, as the API shows it', async () => {
    const drafter = await env().login('zhc_zheng');
    for (const [stage, status] of [
      ['draft', 'draft'],
      ['reviewing', 'reviewing'],
      ['to_sign', 'to_sign'],
    ] as const) {
      const built = await buildOutgoingDocument(env(), { stage });
      const res = await drafter.get(`/api/documents/${built.id}`);
      expect(res.status, res.body).toBe(200);
      expect(res.json.document).toMatchObject({ id: built.id, version: built.version, status });
    }
  });
});
