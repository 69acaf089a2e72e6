/**
 * 考核督查's automatic indicators from the office's records, on both databases: each formula against a
 * hand-made fixture (信息报送, 公文, 会议, 资源共享) in 2028Q1, records outside the period or of another
 * unit left out; the drill-down to the exact records counted, a link only for a reader the record's own
 * module lets read it; the snapshot at close (a later edit changes neither ranking nor drill-down) and
 * the explicit, audited recomputation; the ranking as xlsx and the 通报 as DOCX, opened with LibreOffice.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { convertWithLibreOffice } from '../../../test/libreoffice.js';

type Json = Record<string, any>;

/** The leaves of the fixture scheme: one per formula (weights 12 × 7 + 8 × 2 = 100). */
const KEYS: [string, number][] = [
  ['information.reported', 12],
  ['information.adoption_rate', 12],
  ['information.instructions', 12],
  ['information.timeliness', 12],
  ['documents.quota', 12],
  ['documents.length', 12],
  ['meetings.first_pass', 12],
  ['meetings.decisions_on_time', 8],
  ['library.sharing', 8],
];

describeEachDialect('assessment indicators', (env) => {
  let head: TestClient; // 督查室 处长: assessor, closes
  let staff: TestClient;
  let ndrcLiaison: TestClient; // reads ndrc's own documents
  let rater: TestClient; // may read the results once closed, not ndrc's documents
  let schemeId = 0;
  let version = 0;
  const u = (code: string) => env().demo.unitByCode[code]!;
  const ids: Record<string, number[]> = {};
  const leafOf = (row: Json, key: string) => row.leaves.find((l: Json) => l.autoKey === key);

  it('logs in', async () => {
    [head, staff, ndrcLiaison, rater] = (await Promise.all(['dcs_huang', 'dcs_zhang', 'fgw_xu', 'py_jiang'].map((n) => env().login(n)))) as [
      TestClient,
      TestClient,
      TestClient,
      TestClient,
    ];
  });

  it('lays the fixture: records of ndrc in 2028Q1, one of each kind outside the period, some of finance', async () => {
    const db = env().ctx.db;
    const ndrc = u('ndrc');
    const finance = u('finance');
    const at = '2028-01-05T00:00:00.000Z';
    // 信息: 4 ndrc reports in the period (the first at 01:00 China time on 1 January), 1 late, 2 adopted; 1 after the period; 1 of finance.
    const reports = (await db.selectFrom('info_item').select('id').where('origin', '=', 'report').orderBy('id').limit(6).execute()).map((r) => r.id);
    expect(reports.length).toBe(6);
    ids.info = reports;
    const info: [string, number, string | null, number][] = [
      ['2027-12-31T17:00:00.000Z', 0, 'recorded', ndrc],
      ['2028-02-01T02:00:00.000Z', 1, 'special', ndrc],
      ['2028-03-01T02:00:00.000Z', 0, null, ndrc],
      ['2028-03-31T15:59:00.000Z', 0, null, ndrc],
      ['2028-03-31T16:00:00.000Z', 1, 'upper', ndrc], // 2028-04-01 00:00 China time: outside
      ['2028-02-01T02:00:00.000Z', 1, 'upper', finance],
    ];
    for (const [i, [reported, late, level, unit]] of info.entries())
      await db
        .updateTable('info_item')
        .set({ reported_at: reported, late, adopt_level: level, unit_id: unit, merged_into_id: null })
        .where('id', '=', reports[i]!)
        .execute();
    await db.updateTable('info_item').set({ merged_into_id: null }).where('merged_into_id', 'in', reports).execute();
    const instruction = await db.selectFrom('info_instruction').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await db.updateTable('info_instruction').set({ item_id: reports[1]!, created_at: '2028-02-10T02:00:00.000Z' }).where('id', '=', instruction.id).execute();
    const event = (due: string) => ({
      kind: 'emergency',
      title: '突发事件',
      unit_id: ndrc,
      occurred_at: due,
      due_at: due,
      status: 'missed' as const,
      report_id: null,
      missed_at: due,
      registered_by: env().demo.userByName['xxc_lin']!,
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('info_event')
      .values([event('2028-03-02T02:00:00.000Z'), event('2028-04-02T02:00:00.000Z')])
      .execute();

    // 公文: 3 ndrc documents issued in the period (one past its quota with approval, one longer than the 通知 guide), one after it.
    const docs = (await db.selectFrom('document').select(['id', 'doc_no']).where('direction', '=', 'out').orderBy('id').limit(4).execute()).map((r) => r.id);
    expect(docs.length).toBe(4);
    const approval = await db
      .insertInto('document_quota_approval')
      .values({
        unit_id: ndrc,
        year: 2028,
        doc_type: '通知',
        title: '超配额',
        reason: '急需',
        requested_by: env().demo.userByName['fgw_xu']!,
        status: 'used',
        decided_by: null,
        decision_comment: null,
        decided_at: null,
        document_id: docs[1]!,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const body = (n: number) => `<p>${'字'.repeat(n)}</p>`;
    const dset: [string, number | null, string][] = [
      ['2028-01-10', null, body(100)],
      ['2028-02-10', approval.id, body(200)],
      ['2028-03-31', null, body(3001)],
      ['2028-04-01', null, body(100)],
    ];
    for (const [i, [date, ap, html]] of dset.entries())
      await db
        .updateTable('document')
        .set({ owner_unit_id: ndrc, doc_no: `测试〔2028〕${i + 1}号`, doc_date: date, over_quota_approval_id: ap, body_html: html, doc_type: '通知', level: 0 })
        .where('id', '=', docs[i]!)
        .execute();
    ids.docs = docs;

    // 会议: a meeting held in the period with 3 ndrc topics on its agenda (one first-pass, one rewritten gate, one dissent) and a withdrawn one.
    const meeting = await db.selectFrom('meeting').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await db.updateTable('meeting').set({ starts_at: '2028-02-10T01:00:00.000Z', status: 'held' }).where('id', '=', meeting.id).execute();
    await db.updateTable('meeting_topic').set({ meeting_id: null }).where('meeting_id', '=', meeting.id).execute();
    const topics = (await db.selectFrom('meeting_topic').select('id').orderBy('id').limit(4).execute()).map((r) => r.id);
    expect(topics.length).toBe(4);
    await db.deleteFrom('meeting_gate_entry').where('topic_id', 'in', topics).execute();
    for (const [i, status] of (['decided', 'scheduled', 'decided', 'withdrawn'] as const).entries())
      await db.updateTable('meeting_topic').set({ proposing_unit_id: ndrc, meeting_id: meeting.id, status }).where('id', '=', topics[i]!).execute();
    const gate = (topic: number, key: string, status: string, v: number) => ({
      topic_id: topic,
      gate_key: key,
      unit_id: 0,
      status,
      evidence_attachment_id: null,
      evidence_text: '记录',
      confirmed_by: env().demo.userByName['dcs_huang']!,
      confirmed_at: at,
      version: v,
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('meeting_gate_entry')
      .values([
        gate(topics[0]!, 'research', 'confirmed', 1),
        gate(topics[0]!, 'legal', 'confirmed', 1),
        gate(topics[1]!, 'research', 'confirmed', 2),
        gate(topics[2]!, 'research', 'dissent', 1),
      ])
      .execute();
    // 议定事项: 3 ndrc decisions due in the period (closed by the 时限, closed after it, no 督办), one due after it.
    const first = await db.selectFrom('meeting_decision').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
    const { id: _id, version: _v, ...copy } = first;
    await db
      .insertInto('meeting_decision')
      .values({ ...copy, seq: 99, supervision_item_id: null, supervision_number: null })
      .execute();
    const decisions = (await db.selectFrom('meeting_decision').select('id').orderBy('id').limit(4).execute()).map((r) => r.id);
    expect(decisions.length).toBe(4);
    await db
      .updateTable('supervision_item')
      .set({ source_id: null })
      .where('source_type', '=', 'meeting_decision')
      .where('source_id', 'in', decisions)
      .execute();
    for (const [i, due] of ['2028-02-20', '2028-03-01', '2028-03-10', '2028-05-01'].entries())
      await db.updateTable('meeting_decision').set({ lead_unit_id: ndrc, due_date: due }).where('id', '=', decisions[i]!).execute();
    const items = (await db.selectFrom('supervision_item').select('id').orderBy('id').limit(3).execute()).map((r) => r.id);
    const closeItem = (item: number, decision: number, closedAt: string) =>
      db
        .updateTable('supervision_item')
        .set({ source_type: 'meeting_decision', source_id: decision, status: 'closed', closed_at: closedAt })
        .where('id', '=', item)
        .execute();
    await closeItem(items[0]!, decisions[0]!, '2028-02-19T08:00:00.000Z');
    await closeItem(items[1]!, decisions[1]!, '2028-03-05T08:00:00.000Z');
    await closeItem(items[2]!, decisions[3]!, '2028-04-05T08:00:00.000Z');

    // 资源共享: ndrc's items provided twice, applied once, converted once in the period; one use after it; one of finance.
    const lib = (await db.selectFrom('library_item').select('id').orderBy('id').limit(2).execute()).map((r) => r.id);
    const use = (item: number, unit: number, kind: string, created: string) => ({
      item_id: item,
      unit_id: unit,
      actor_id: env().demo.userByName['fgw_xu']!,
      actor_unit_id: unit,
      kind,
      note: null,
      created_at: created,
    });
    await db
      .insertInto('library_use')
      .values([
        use(lib[0]!, ndrc, 'provided', '2028-01-03T02:00:00.000Z'),
        use(lib[1]!, ndrc, 'provided', '2028-01-04T02:00:00.000Z'),
        use(lib[0]!, ndrc, 'applied', '2028-02-03T02:00:00.000Z'),
        use(lib[0]!, ndrc, 'converted', '2028-03-03T02:00:00.000Z'),
        use(lib[1]!, ndrc, 'converted', '2028-04-03T02:00:00.000Z'),
        use(lib[1]!, finance, 'converted', '2028-02-03T02:00:00.000Z'),
      ])
      .execute();
    ids.lib = lib;
  });

  it('computes each indicator from the source modules exactly as counted by hand', async () => {
    const created = await staff.post('/api/assessment/schemes', {
      name: '2028年一季度考核',
      periodKind: 'quarter',
      period: '2028Q1',
      unitIds: [u('ndrc'), u('finance')],
      topN: 1,
      bottomN: 1,
    });
    expect(created.status).toBe(200);
    schemeId = created.json.id;
    const indicators = KEYS.map(([autoKey, weight]) => ({ name: autoKey, weight, scope: 'common', method: 'auto', autoKey }));
    const set = await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version: created.json.version, indicators });
    expect(set.status, set.body).toBe(200);
    const pub = await staff.post(`/api/assessment/schemes/${schemeId}/publish`, { version: set.json.version });
    version = pub.json.version;
    const formulas = (await staff.get('/api/assessment/formulas')).json.items as Json[];
    expect(formulas.find((f) => f.key === 'documents.length')!.formulaZh).toMatch(/^篇幅合规率 = /);
    expect(formulas.find((f) => f.key === 'library.sharing')!.inputs.map((i: Json) => i.zh)).toEqual(['提供数', '应用数', '转化数']);

    const r = (await head.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json;
    const ndrc = r.rows.find((x: Json) => x.unitId === u('ndrc'));
    const expected: Record<string, [Json, number]> = {
      'information.reported': [{ reported: 4 }, 20],
      'information.adoption_rate': [{ adopted: 2, reported: 4 }, 50],
      'information.instructions': [{ instructions: 1 }, 20],
      'information.timeliness': [{ late: 1, missed: 1 }, 70],
      'documents.quota': [{ withinQuota: 2, issued: 3 }, 66.67],
      'documents.length': [{ withinLength: 2, issued: 3 }, 66.67],
      'meetings.first_pass': [{ firstPass: 1, onAgenda: 3 }, 33.33],
      'meetings.decisions_on_time': [{ decisionsOnTime: 1, decisionsDue: 3 }, 33.33],
      'library.sharing': [{ provided: 2, applied: 1, converted: 1 }, 40],
    };
    for (const [key, [inputs, score]] of Object.entries(expected))
      expect([key, leafOf(ndrc, key).inputs, leafOf(ndrc, key).score]).toEqual([key, inputs, score]);
    // 12 × (20 + 50 + 20 + 70 + 66.67 + 66.67 + 33.33) / 100 + 8 × (33.33 + 40) / 100
    expect(ndrc.total).toBe(Math.round((0.12 * (20 + 50 + 20 + 70 + 66.67 + 66.67 + 33.33) + 0.08 * (33.33 + 40)) * 100) / 100);
    const finance = r.rows.find((x: Json) => x.unitId === u('finance'));
    expect(leafOf(finance, 'library.sharing').inputs).toEqual({ provided: 0, applied: 0, converted: 1 });
    expect(leafOf(finance, 'information.reported').inputs).toEqual({ reported: 1 });
    expect(leafOf(finance, 'documents.quota').score).toBe(100); // nothing issued
  });

  it('drills down from a score to the exact records counted; a viewer who may not read one sees only that it was counted', async () => {
    const url = (key: string, unit = u('ndrc')) => {
      return `/api/assessment/schemes/${schemeId}/units/${unit}/indicators/${key}`;
    };
    const tree = (await head.get(`/api/assessment/schemes/${schemeId}`)).json.indicators as Json[];
    const leafId = (key: string) => tree.find((n) => n.autoKey === key)!.id;
    const d = await head.get(url(leafId('documents.length')));
    expect(d.status, d.body).toBe(200);
    expect([d.json.source, d.json.score, d.json.frozen]).toEqual(['documents', 66.67, false]);
    expect(d.json.formula).toMatch(/^篇幅合规率/);
    const byKey = Object.fromEntries(d.json.counts.map((c: Json) => [c.key, c]));
    expect(byKey.issued.records.map((x: Json) => x.id)).toEqual(ids.docs!.slice(0, 3));
    expect(byKey.withinLength.records.map((x: Json) => x.id)).toEqual(ids.docs!.slice(0, 2));
    expect(byKey.withinLength.label).toBe('篇幅合规数');
    const info = (await head.get(url(leafId('information.reported')))).json as Json;
    // the 4 reports counted; the 督查室 may open only the one with a 批示 (the information read rule)
    expect([info.counts[0].count, info.counts[0].listed]).toEqual([4, true]);
    expect(info.counts[0].records.map((x: Json) => [x.id, x.readable])).toEqual(ids.info!.slice(0, 4).map((id, i) => [id, i === 1]));
    expect(info.counts[0].records[1].link).toBe(`/information/items/${ids.info![1]}`);
    const timely = (await head.get(url(leafId('information.timeliness')))).json as Json;
    const late = timely.counts.find((c: Json) => c.key === 'late');
    const missed = timely.counts.find((c: Json) => c.key === 'missed');
    expect(late.records.map((x: Json) => x.id)).toEqual([ids.info![1]]);
    expect([missed.count, missed.records.length, missed.records[0].type, missed.records[0].readable]).toEqual([1, 1, 'info_event', false]);
    const meetings = (await head.get(url(leafId('meetings.decisions_on_time')))).json as Json;
    expect(meetings.counts.map((c: Json) => [c.key, c.count, c.records.length])).toEqual([
      ['decisionsOnTime', 1, 1],
      ['decisionsDue', 3, 3],
    ]);
    expect((await head.get(url(leafId('documents.length'), 999999))).status).toBe(404);
    expect((await rater.get(url(leafId('documents.length')))).status).toBe(403); // results not open to the rater while the period runs
  });

  it('closes with the inputs snapshot: later edits change neither the ranking nor the drill-down; recomputing is explicit and audited', async () => {
    const before = (await head.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json;
    const closed = await head.post(`/api/assessment/schemes/${schemeId}/close`, { version });
    expect(closed.status, closed.body).toBe(200);
    expect(closed.json.actions).toEqual(['results', 'recompute', 'revise']);
    const db = env().ctx.db;
    await db.updateTable('document').set({ body_html: '<p>短</p>' }).where('id', '=', ids.docs![2]!).execute();
    await db.deleteFrom('library_use').where('item_id', 'in', ids.lib!).where('created_at', '>=', '2028-01-01').execute();

    const after = (await ndrcLiaison.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json;
    expect(after.frozen).toBe(true);
    expect(after.rows.map((x: Json) => [x.unitId, x.total, x.rank])).toEqual(before.rows.map((x: Json) => [x.unitId, x.total, x.rank]));
    const tree = (await head.get(`/api/assessment/schemes/${schemeId}`)).json.indicators as Json[];
    const lengthLeaf = tree.find((n) => n.autoKey === 'documents.length')!.id;
    const dd = `/api/assessment/schemes/${schemeId}/units/${u('ndrc')}/indicators/${lengthLeaf}`;
    // The unit's own liaison reads its documents: links with titles.
    const own = (await ndrcLiaison.get(dd)).json as Json;
    expect([own.frozen, own.score]).toEqual([true, 66.67]);
    const ownIssued = own.counts.find((c: Json) => c.key === 'issued');
    expect(ownIssued.records.map((x: Json) => [x.id, x.readable, x.link])).toEqual(ids.docs!.slice(0, 3).map((id) => [id, true, `/documents/${id}`]));
    expect(ownIssued.records[0].title).toEqual(expect.any(String));
    // The rater may read the closed results but not ndrc's documents: counted, no title, no link.
    const other = (await rater.get(dd)).json as Json;
    const otherIssued = other.counts.find((c: Json) => c.key === 'issued');
    expect(otherIssued.count).toBe(3);
    expect(otherIssued.records).toEqual(ids.docs!.slice(0, 3).map((id) => ({ type: 'document', id, readable: false, title: null, link: null })));
    const lib = tree.find((n) => n.autoKey === 'library.sharing')!.id;
    const libDrill = (await ndrcLiaison.get(`/api/assessment/schemes/${schemeId}/units/${u('ndrc')}/indicators/${lib}`)).json as Json;
    expect(libDrill.counts.map((c: Json) => c.count)).toEqual([2, 1, 1]);

    // Recompute: only who may close, only when closed, stale version 409; then the edits count, audited.
    const v = closed.json.version;
    expect((await staff.post(`/api/assessment/schemes/${schemeId}/recompute`, { version: v })).status).toBe(403);
    expect((await head.post(`/api/assessment/schemes/${schemeId}/recompute`, { version: v - 1 })).status).toBe(409);
    const re = await head.post(`/api/assessment/schemes/${schemeId}/recompute`, { version: v });
    expect(re.status, re.body).toBe(200);
    const now = (await head.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json;
    const ndrcNow = now.rows.find((x: Json) => x.unitId === u('ndrc'));
    expect([leafOf(ndrcNow, 'documents.length').score, leafOf(ndrcNow, 'library.sharing').score]).toEqual([100, 0]);
    const audit = await db
      .selectFrom('audit_event')
      .select(['outcome'])
      .where('action', '=', 'assessment.recompute')
      .where('target_id', '=', String(schemeId))
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['denied', 'success']);
  });

  it('exports the ranking and score sheets as xlsx and the 通报 as DOCX, both opened by LibreOffice; by the results policy', async () => {
    const x = await env().app.inject({ method: 'GET', url: `/api/assessment/schemes/${schemeId}/ranking.xlsx`, headers: { cookie: rater.cookie! } });
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-disposition'])).toContain(`assessment-ranking-${schemeId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBe(3); // the ranking and one sheet per unit
    const ws = wb.getWorksheet('考核排名')!;
    expect(ws.getRow(1).values).toEqual([undefined, '名次', '单位', '总分', '加减分', '评定', '考核期起', '考核期止', '结果日期']);
    expect(ws.getCell('F2').value).toEqual(new Date('2028-01-01T00:00:00Z'));
    expect(ws.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const [csv] = (await convertWithLibreOffice(
      [{ name: 'ranking.xlsx', data: x.rawPayload }],
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false',
    )) as [Buffer];
    const text = csv.toString('utf8');
    expect(text).toContain('青州市发展和改革委员会');
    expect(text).toContain('2028-01-01');

    const d = await env().app.inject({ method: 'GET', url: `/api/assessment/schemes/${schemeId}/report.docx`, headers: { cookie: head.cookie! } });
    expect(d.statusCode).toBe(200);
    const [txt] = await convertWithLibreOffice([{ name: 'report.docx', data: d.rawPayload }], 'txt:Text (encoded):UTF8');
    const body = txt!.toString('utf8');
    for (const s of ['关于2028年一季度考核结果的通报', '先进单位：', '落后单位：', '各项指标情况', 'documents.length']) expect(body).toContain(s);
    expect((await env().anonymous().get(`/api/assessment/schemes/${schemeId}/report.docx`)).status).toBe(401);
    const secadmin = await env().login('secadmin');
    expect((await secadmin.get(`/api/assessment/schemes/${schemeId}/ranking.xlsx`)).status).toBe(404);
  });
});
