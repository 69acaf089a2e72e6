/**
 * 考核督查's automatic indicators from 调研, on both databases: 调研课题按期结题率 and 调研成果转化
 * against a hand-made fixture in 2028Q1 (课题 due outside the period, 转化 at the period's China-time
 * edges and another unit's records left out), read only through the research contract; the drill-down
 * to the 课题 counted, a link only for a reader the research policy lets read the 课题 (anyone else gets
 * the record as counted, no title, no link — shown as 「已计入（无权查看内容）」), kept in the snapshot at close.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';

type Json = Record<string, any>;

describeEachDialect('assessment indicators from 调研', (env) => {
  let head: TestClient; // 督查室 处长: assessor; not in any fixture 课题's units
  let staff: TestClient;
  let ndrcLiaison: TestClient; // the lead unit's liaison: reads ndrc's 课题
  let schemeId = 0;
  let version = 0;
  const u = (code: string) => env().demo.unitByCode[code]!;
  const topic: Record<string, number> = {};
  const leafOf = (row: Json, key: string) => row.leaves.find((l: Json) => l.autoKey === key);

  it('logs in', async () => {
    [head, staff, ndrcLiaison] = (await Promise.all(['dcs_huang', 'dcs_zhang', 'fgw_xu'].map((n) => env().login(n)))) as [TestClient, TestClient, TestClient];
  });

  it('lays the fixture: ndrc 课题 due in 2028Q1 (on time, late, open), one due after it, one of finance; 转化 at the edges', async () => {
    const db = env().ctx.db;
    const at = '2028-01-02T00:00:00.000Z';
    const by = env().demo.userByName['dcs_zhang']!;
    const rows: [string, number, string, string, number | null][] = [
      ['onTime', u('ndrc'), '2028-02-15', 'concluded', 1],
      ['late', u('ndrc'), '2028-03-31', 'concluded', 0],
      ['open', u('ndrc'), '2028-03-20', 'in_progress', null],
      ['after', u('ndrc'), '2028-04-01', 'concluded', 1],
      ['finance', u('finance'), '2028-02-01', 'concluded', 1],
    ];
    for (const [i, [key, lead, end, status, onTime]] of rows.entries()) {
      const r = await db
        .insertInto('research_topic')
        .values({
          number: `测试调研〔2028〕${i + 1}号`,
          year: 2028,
          proposal_id: null,
          decision_id: null,
          title: `考核测试课题${key}`,
          background: '背景',
          level: 0,
          proposer_unit_id: null,
          lead_unit_id: lead,
          leader_id: null,
          start_date: '2027-10-01',
          end_date: end,
          status,
          report_summary: status === 'concluded' ? '报告' : null,
          concluded_by: status === 'concluded' ? by : null,
          concluded_at: status === 'concluded' ? at : null,
          on_time: onTime,
          library_item_id: null,
          created_by: by,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      topic[key] = r.id;
    }
    const conv = (t: number, kind: string, recordedAt: string) => ({
      topic_id: t,
      kind,
      reference: '批示',
      note: '',
      supervision_item_id: null,
      supervision_number: null,
      recorded_by: by,
      recorded_at: recordedAt,
    });
    await db
      .insertInto('research_conversion')
      .values([
        conv(topic.onTime!, 'instruction', '2027-12-31T16:00:00.000Z'), // 2028-01-01 00:00 China time: in
        conv(topic.onTime!, 'document', '2028-03-31T15:59:00.000Z'), // in
        conv(topic.late!, 'supervision', '2028-03-31T16:00:00.000Z'), // 2028-04-01 China time: out
        conv(topic.after!, 'meeting_decision', '2028-02-01T02:00:00.000Z'), // in (recorded in the period, whatever the 课题's end date)
        conv(topic.finance!, 'document', '2028-02-01T02:00:00.000Z'),
      ])
      .execute();
  });

  it('answers the contract: counts per lead unit with the 课题 behind each, limited to the units asked', async () => {
    const research = env().ctx.services.research!;
    const all = await research.assessmentCounts!(env().ctx.db, { from: '2028-01-01', to: '2028-03-31' });
    const ndrc = all[u('ndrc')]!;
    expect(ndrc.counts).toEqual({ due: 3, finishedOnTime: 1, conversions: 3, instruction: 1, document: 1, meeting_decision: 1, supervision: 0 });
    expect(ndrc.refs.due!.map((r) => r.id)).toEqual([topic.onTime, topic.late, topic.open]);
    expect(ndrc.refs.finishedOnTime).toEqual([{ type: 'research_topic', id: topic.onTime }]);
    expect(ndrc.refs.conversions!.map((r) => r.id)).toEqual([topic.onTime, topic.after]);
    expect(all[u('finance')]!.counts).toMatchObject({ due: 1, finishedOnTime: 1, conversions: 1, document: 1 });
    const only = await research.assessmentCounts!(env().ctx.db, { from: '2028-01-01', to: '2028-03-31' }, [u('finance')]);
    expect(Object.keys(only).map(Number)).toEqual([u('finance')]);
  });

  it('computes both indicators exactly as counted by hand', async () => {
    const created = await staff.post('/api/assessment/schemes', {
      name: '2028年一季度调研考核',
      periodKind: 'quarter',
      period: '2028Q1',
      unitIds: [u('ndrc'), u('finance')],
      topN: 1,
      bottomN: 1,
    });
    expect(created.status, created.body).toBe(200);
    schemeId = created.json.id;
    const indicators = [
      { name: '调研课题按期结题率', weight: 50, scope: 'common', method: 'auto', autoKey: 'research.on_time_rate' },
      { name: '调研成果转化', weight: 50, scope: 'common', method: 'auto', autoKey: 'research.conversions' },
    ];
    const set = await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version: created.json.version, indicators });
    expect(set.status, set.body).toBe(200);
    const pub = await staff.post(`/api/assessment/schemes/${schemeId}/publish`, { version: set.json.version });
    expect(pub.status, pub.body).toBe(200);
    version = pub.json.version;
    const formulas = (await staff.get('/api/assessment/formulas')).json.items as Json[];
    const onTime = formulas.find((f) => f.key === 'research.on_time_rate')!;
    expect([onTime.zh, onTime.formulaZh.split(' = ')[0], onTime.source]).toEqual(['调研课题按期结题率', '按期结题率', 'research']);
    expect(formulas.find((f) => f.key === 'research.conversions')!.inputs.map((i: Json) => i.zh)[0]).toBe('成果转化数');

    const r = (await head.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json;
    const ndrc = r.rows.find((x: Json) => x.unitId === u('ndrc'));
    expect([leafOf(ndrc, 'research.on_time_rate').inputs, leafOf(ndrc, 'research.on_time_rate').score]).toEqual([{ finishedOnTime: 1, due: 3 }, 33.33]);
    expect([leafOf(ndrc, 'research.conversions').inputs, leafOf(ndrc, 'research.conversions').score]).toEqual([
      { conversions: 3, instruction: 1, document: 1, meeting_decision: 1, supervision: 0 },
      75,
    ]);
    expect(ndrc.total).toBe(Math.round(((50 * 33.33) / 100 + (50 * 75) / 100) * 100) / 100);
    const finance = r.rows.find((x: Json) => x.unitId === u('finance'));
    expect([leafOf(finance, 'research.on_time_rate').score, leafOf(finance, 'research.conversions').score]).toEqual([100, 25]);
    expect(r.rows.map((x: Json) => x.unitId)).toEqual([u('finance'), u('ndrc')]);
  });

  it('drills down to the 课题 counted: counted but unreadable for the assessor, links for the lead unit after close', async () => {
    const tree = (await head.get(`/api/assessment/schemes/${schemeId}`)).json.indicators as Json[];
    const leaf = tree.find((n) => n.autoKey === 'research.on_time_rate')!.id;
    const dd = `/api/assessment/schemes/${schemeId}/units/${u('ndrc')}/indicators/${leaf}`;
    const d = await head.get(dd);
    expect(d.status, d.body).toBe(200);
    expect([d.json.source, d.json.score]).toEqual(['research', 33.33]);
    const due = d.json.counts.find((c: Json) => c.key === 'due');
    expect([due.label, due.count, due.listed]).toEqual(['到期课题数', 3, true]);
    // The 督查室 is neither the lead unit nor the 调研室: each 课题 counted, no title, no link (「已计入（无权查看内容）」).
    expect(due.records).toEqual([topic.onTime, topic.late, topic.open].map((id) => ({ type: 'research_topic', id, readable: false, title: null, link: null })));

    const closed = await head.post(`/api/assessment/schemes/${schemeId}/close`, { version });
    expect(closed.status, closed.body).toBe(200);
    await env().ctx.db.deleteFrom('research_conversion').where('topic_id', 'in', Object.values(topic)).execute();
    const own = (await ndrcLiaison.get(dd)).json as Json;
    expect([own.frozen, own.score]).toEqual([true, 33.33]);
    const ownDue = own.counts.find((c: Json) => c.key === 'due');
    expect(ownDue.records.map((x: Json) => [x.id, x.readable, x.title, x.link])).toEqual(
      (['onTime', 'late', 'open'] as const).map((k) => [topic[k], true, `考核测试课题${k}`, `/research/topics/${topic[k]}`]),
    );
    const conv = tree.find((n) => n.autoKey === 'research.conversions')!.id;
    const convDrill = (await ndrcLiaison.get(`/api/assessment/schemes/${schemeId}/units/${u('ndrc')}/indicators/${conv}`)).json as Json;
    expect([convDrill.score, convDrill.counts.find((c: Json) => c.key === 'conversions').count]).toEqual([75, 3]); // the snapshot, not the deleted rows
  });
});
