/**
 * Generates a realistic 信息报送与采编 dataset over the demo office by direct, batched inserts into the
 * module's tables: `items` reports of the eight responsible units (ids in time order over two years,
 * kinds, 密级 mostly 公开/内部, 迟报 ~8%, about a third adopted, a backlog still waiting for 采编),
 * 信息处's merged items, leaders' 批示 on 专报 items, events known to the office (漏报 among them),
 * 约稿 with their answers, and `items / 20` issues of the three publications with their adopted items,
 * readership and read receipts, numbered per publication per year.
 *
 * Not generated: `info_revision` (the detail page's texts; no list or statistic reads it) and the
 * search index rows (`search_doc`: the item list and the statistics do not join them).
 */
import { sql } from 'kysely';
import type { Db } from '../server/db/client.js';
import type { AppContext } from '../server/platform/module.js';
import { pick, rng, VOCAB } from './lib.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 500;

const KINDS: [string, number][] = [
  ['工作动态', 0.45],
  ['经验做法', 0.2],
  ['问题建议', 0.15],
  ['社情民意', 0.12],
  ['紧急信息', 0.08],
];
const UNIT_CODES = ['ndrc', 'finance', 'ecology', 'emergency', 'housing', 'education', 'district_qingshan', 'district_jiangbei'];
const PLACES = ['青州市', '青山区', '江北区', '高新区', '经开区', '白云街道', '江口镇', '北山县'];
const FACTS = [
  '前三季度已完成年度目标任务的82%，较去年同期提高6个百分点。',
  '会同有关部门开展专项排查，共发现问题线索37条，已整改完成29条。',
  '群众反映较为集中的问题主要是办事流程繁琐、材料重复提交。',
  '建议进一步压实属地责任，建立问题清单、责任清单和整改台账。',
  '下一步将持续跟踪，重要情况及时报告。',
  '目前现场秩序平稳，无人员伤亡，相关处置工作正在进行中。',
  '通过“一窗受理、集成服务”，平均办理时限压缩至3个工作日。',
  '部分基层干部反映考核频次偏多，建议统筹整合各类检查考核事项。',
];

function pickWeighted<T>(r: () => number, xs: [T, number][]): T {
  let x = r();
  for (const [v, w] of xs) if ((x -= w) < 0) return v;
  return xs.at(-1)![0];
}

function itemTitle(r: () => number, kind: string): string {
  const place = pick(r, PLACES);
  if (kind === '紧急信息') return `${place}${pick(r, ['一物流仓库发生火情', '发生道路交通事故', '部分路段出现内涝', '一在建工地发生坍塌'])}`;
  return `${place}${pick(r, VOCAB.verbs)}${pick(r, VOCAB.topics)}${pick(r, VOCAB.objects)}${pick(r, ['取得阶段性成效', '的做法', '存在的问题及建议', '情况'])}`;
}

function itemBody(r: () => number): string {
  const n = 2 + Math.floor(r() * 4);
  return Array.from({ length: n }, () => `${pick(r, PLACES)}${pick(r, VOCAB.topics)}方面，${pick(r, FACTS)}`).join('');
}

/** China date's year of an ISO instant. */
function chinaYear(isoAt: string): number {
  return new Date(new Date(isoAt).getTime() + 8 * HOUR).getUTCFullYear();
}

interface Adopted {
  id: number;
  lvl: string;
  at: number;
  level: number;
}

/** Inserts the dataset; returns the counts. */
export async function generateInformation(ctx: AppContext, items: number, now: Date, log: (m: string) => void = console.log) {
  const db: Db = ctx.db;
  const r = rng(20261205);
  const units = await db.selectFrom('unit').select(['id', 'code']).execute();
  const users = await db.selectFrom('user').select(['id', 'username', 'unit_id']).execute();
  const uid = (u: string) => users.find((x) => x.username === u)!.id;
  const unitOf = (c: string) => units.find((x) => x.code === c)!.id;
  const reporters = UNIT_CODES.map((c) => {
    const id = unitOf(c);
    return { id, liaison: users.find((u) => u.unit_id === id)!.id };
  });
  const desk = unitOf('information');
  const editor = uid('xxc_he');
  const head = uid('xxc_lin');
  const director = uid('zr_chen');
  const leaders = [uid('sj_li'), uid('msz_zhao'), uid('zr_chen')];
  const maxId = async (t: 'info_item' | 'info_event' | 'info_instruction') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
  const firstId = (await maxId('info_item')) + 1;
  let nextItem = firstId;
  let nextEvent = (await maxId('info_event')) + 1;
  const start = now.getTime() - 730 * DAY;
  const span = now.getTime() - 30 * 60_000 - start;
  const t0 = Date.now();
  const counts = { items: 0, merged_items: 0, instructions: 0, events: 0, missed: 0, requests: 0, issues: 0, issue_items: 0, readers: 0, receipts: 0 };
  const adopted: Adopted[] = [];
  const at = (t: number) => new Date(t).toISOString();

  for (let b = 0; b < items; b += BATCH) {
    const itemRows: Record<string, unknown>[] = [];
    const eventRows: Record<string, unknown>[] = [];
    const instructionRows: Record<string, unknown>[] = [];
    const toMerge: Record<string, unknown>[] = [];
    const end = Math.min(items, b + BATCH);
    for (let i = b; i < end; i++) {
      const reported = start + Math.floor(((i + r()) / items) * span);
      const age = now.getTime() - reported;
      const kind = pickWeighted(r, KINDS);
      const limit = kind === '紧急信息' ? HOUR : 72 * HOUR;
      const late = r() < 0.08;
      const delay = late ? 1 + Math.floor(r() * (kind === '紧急信息' ? 180 : 2880)) : 0;
      const eventAt = late ? reported - limit - delay * 60_000 : reported - Math.floor(r() * limit);
      const unit = pick(r, reporters);
      const x = r();
      const status =
        age < 3 * DAY
          ? x < 0.55
            ? 'submitted'
            : x < 0.8
              ? 'taken'
              : x < 0.92
                ? 'adopted'
                : x < 0.97
                  ? 'returned'
                  : 'merged'
          : x < 0.35
            ? 'adopted'
            : x < 0.77
              ? 'returned'
              : x < 0.85
                ? 'merged'
                : x < 0.92
                  ? 'taken'
                  : 'submitted';
      const y = r();
      const adoptLevel = status === 'adopted' ? (y < 0.7 ? 'recorded' : y < 0.92 ? 'special' : 'upper') : null;
      const adoptedAt = adoptLevel ? reported + Math.floor((2 + r() * 46) * HOUR) : null;
      const level = r() < 0.6 ? 0 : r() < 0.93 ? 1 : 2;
      const id = nextItem++;
      const row: Record<string, unknown> = {
        id,
        origin: 'report',
        kind,
        title: itemTitle(r, kind),
        body: itemBody(r),
        level,
        unit_id: unit.id,
        reporter_id: unit.liaison,
        event_at: at(eventAt),
        reported_at: at(reported),
        due_at: at(eventAt + limit),
        late: late ? 1 : 0,
        delay_minutes: late ? delay : null,
        first_id: null,
        event_id: null,
        status,
        merged_into_id: null,
        editor_id: status === 'submitted' ? null : editor,
        return_reason: status === 'returned' ? '内容过于简单，请补充具体事项和工作成效后重新报送。' : null,
        adopt_level: adoptLevel,
        adopted_at: adoptedAt === null ? null : at(adoptedAt),
        adopted_by: adoptLevel ? editor : null,
        version: status === 'submitted' ? 1 : 2,
        created_at: at(reported),
        updated_at: at(adoptedAt ?? reported),
      };
      itemRows.push(row);
      if (adoptLevel) adopted.push({ id, lvl: adoptLevel, at: adoptedAt!, level });
      if (status === 'merged') toMerge.push(row);
      // an emergency the office registered: answered by this report (30% of them)
      if (kind === '紧急信息' && r() < 0.3) {
        row.event_id = nextEvent;
        eventRows.push(event(nextEvent++, row, 'reported', id));
      }
    }
    // 信息处 merges the batch's `merged` reports in pairs or threes (a merged item comes after its sources)
    for (let k = 0; k < toMerge.length;) {
      const n = Math.min(toMerge.length - k, 2 + Math.floor(r() * 2));
      const sources = toMerge.slice(k, k + n);
      k += n;
      const id = nextItem++;
      const last = Math.max(...sources.map((s) => new Date(s.reported_at as string).getTime()));
      const mergedAt = Math.min(last + Math.floor((1 + r() * 20) * HOUR), now.getTime() - 60_000);
      const adopt = r() < 0.8 ? (r() < 0.6 ? 'recorded' : 'special') : null;
      const level = Math.max(...sources.map((s) => s.level as number));
      for (const s of sources) s.merged_into_id = id;
      itemRows.push({
        id,
        origin: 'merge',
        kind: sources[0]!.kind,
        title: `${sources[0]!.title}（综合）`,
        body: sources.map((s) => s.body).join(''),
        level,
        unit_id: desk,
        reporter_id: editor,
        event_at: sources[0]!.event_at,
        reported_at: at(mergedAt),
        due_at: null,
        late: 0,
        delay_minutes: null,
        first_id: null,
        event_id: null,
        status: adopt ? 'adopted' : 'taken',
        merged_into_id: null,
        editor_id: editor,
        return_reason: null,
        adopt_level: adopt,
        adopted_at: adopt ? at(mergedAt + HOUR) : null,
        adopted_by: adopt ? editor : null,
        version: 2,
        created_at: at(mergedAt),
        updated_at: at(mergedAt + HOUR),
      });
      if (adopt) adopted.push({ id, lvl: adopt, at: mergedAt + HOUR, level });
      counts.merged_items++;
    }
    // 漏报: about 0.3% of reports' worth of registered emergencies no unit reported in time
    for (let k = 0; k < Math.round(((end - b) * 3) / 1000 + (r() < 0.5 ? 1 : 0) - 0.5); k++) {
      const u = pick(r, reporters);
      const occurred = start + Math.floor(((b + r() * (end - b)) / items) * span);
      eventRows.push({
        id: nextEvent++,
        kind: '紧急信息',
        title: `${pick(r, PLACES)}发生突发事件（值班室登记）`,
        level: 0,
        unit_id: u.id,
        occurred_at: at(occurred),
        due_at: at(occurred + HOUR),
        status: 'missed',
        report_id: null,
        missed_at: at(occurred + HOUR),
        registered_by: editor,
        version: 2,
        created_at: at(occurred),
        updated_at: at(occurred + HOUR),
      });
      counts.missed++;
    }
    // 批示 on a fifth of the 专报 / 报送上级 items
    for (const it of itemRows)
      if ((it.adopt_level === 'special' || it.adopt_level === 'upper') && r() < 0.2) {
        const t = new Date(it.adopted_at as string).getTime() + Math.floor((4 + r() * 68) * HOUR);
        if (t > now.getTime()) continue;
        instructionRows.push({
          item_id: it.id,
          leader_id: pick(r, leaders),
          text: pick(r, ['请有关部门认真研究，提出具体措施。', '此件很好，请各地学习借鉴。', '请督查室跟踪督办，按时报结果。', '阅。']),
          supervision_item_id: null,
          converted_by: null,
          converted_at: null,
          version: 1,
          created_at: at(t),
          updated_at: at(t),
        });
      }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('info_item')
        .values(itemRows as never)
        .execute();
      if (eventRows.length)
        await trx
          .insertInto('info_event')
          .values(eventRows as never)
          .execute();
      if (instructionRows.length)
        await trx
          .insertInto('info_instruction')
          .values(instructionRows as never)
          .execute();
    });
    counts.items += itemRows.length;
    counts.events += eventRows.length;
    counts.instructions += instructionRows.length;
    if ((b / BATCH) % 200 === 0) log(`  … ${counts.items} items (${Math.round((Date.now() - t0) / 1000)} s)`);
  }

  await generateRequests(db, r, reporters, editor, items, firstId, start, span, now, counts);
  await generateIssues(db, r, adopted, items, { desk, editor, head, director, leaders }, reporters, now, counts, log);

  if (ctx.database.dialect === 'postgres') {
    // explicit ids do not move identity sequences
    for (const t of ['info_item', 'info_event']) await sql.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`).execute(db);
  }
  return { ...counts, seconds: Math.round((Date.now() - t0) / 1000) };

  function event(id: number, item: Record<string, unknown>, status: string, reportId: number) {
    const occurred = item.event_at as string;
    return {
      id,
      kind: item.kind,
      title: item.title,
      level: 0,
      unit_id: item.unit_id,
      occurred_at: occurred,
      due_at: item.due_at,
      status,
      report_id: reportId,
      missed_at: null,
      registered_by: editor,
      version: 2,
      created_at: occurred,
      updated_at: item.reported_at,
    };
  }
}

/** 约稿: one per 2,000 reports, to 3–6 units; 70% of the asked units answered with a report after it. */
async function generateRequests(
  db: Db,
  r: () => number,
  reporters: { id: number; liaison: number }[],
  editor: number,
  items: number,
  firstId: number,
  start: number,
  span: number,
  now: Date,
  counts: Record<string, number>,
) {
  const n = Math.max(1, Math.round(items / 2000));
  const used = new Set<number>();
  for (let k = 0; k < n; k++) {
    const created = start + Math.floor(((k + r()) / n) * span);
    const deadline = new Date(created + 5 * DAY).toISOString().slice(0, 10);
    const asked = [...reporters].sort(() => r() - 0.5).slice(0, 3 + Math.floor(r() * 4));
    await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('info_request')
        .values({
          topic: `关于${pick(r, VOCAB.topics)}工作情况的约稿`,
          description: '请围绕近期工作进展、主要做法和存在问题报送信息。',
          level: 0,
          deadline,
          status: created + 5 * DAY < now.getTime() ? 'closed' : 'open',
          created_by: editor,
          closed_by: created + 5 * DAY < now.getTime() ? editor : null,
          closed_at: created + 5 * DAY < now.getTime() ? new Date(created + 6 * DAY).toISOString() : null,
          version: 1,
          created_at: new Date(created).toISOString(),
          updated_at: new Date(created).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('info_request_unit')
        .values(asked.map((u) => ({ request_id: id, unit_id: u.id, reminded_at: null })))
        .execute();
      for (const u of asked) {
        if (r() >= 0.7) continue;
        const answers = await trx
          .selectFrom('info_item')
          .select(['id', 'reported_at'])
          .where('unit_id', '=', u.id)
          .where('origin', '=', 'report')
          // ids follow the report time: start at the id reported about then (the unit's index, in id order)
          .where('id', '>', firstId + Math.floor(((created - start) / span) * items))
          .orderBy('id')
          .limit(5)
          .execute();
        const a = answers.find((x) => !used.has(x.id));
        if (!a) continue;
        used.add(a.id);
        await trx
          .insertInto('info_request_answer')
          .values({ request_id: id, unit_id: u.id, item_id: a.id, answered_by: u.liaison, answered_at: a.reported_at })
          .execute();
      }
    });
    counts.requests!++;
  }
}

/**
 * `items / 20` issues: 《信息专报》 (a fifth) takes the 专报 / 报送上级 items, 《每日要情》 and 《工作动态》 the
 * 录用 ones, each in time order, cut evenly; all published (numbered per year, 总第N期) but the last
 * few of each publication, which wait in draft / submitted / head_signed.
 */
async function generateIssues(
  db: Db,
  r: () => number,
  adopted: Adopted[],
  items: number,
  who: { desk: number; editor: number; head: number; director: number; leaders: number[] },
  reporters: { id: number }[],
  now: Date,
  counts: Record<string, number>,
  log: (m: string) => void,
) {
  const pubs = await db.selectFrom('info_publication').select(['id', 'prefix']).execute();
  const pub = (p: string) => pubs.find((x) => x.prefix === p)!;
  const total = Math.max(3, Math.round(items / 20));
  const special = adopted.filter((a) => a.lvl !== 'recorded');
  const recorded = adopted.filter((a) => a.lvl === 'recorded');
  const daily = recorded.filter((_, i) => i % 3 !== 2);
  const work = recorded.filter((_, i) => i % 3 === 2);
  const plan: { p: { id: number; prefix: string }; xs: Adopted[]; n: number; readers: { units: number[]; users: number[] } }[] = [
    { p: pub('info-pub:special'), xs: special, n: Math.round(total * 0.2), readers: { units: reporters.slice(0, 4).map((u) => u.id), users: who.leaders } },
    { p: pub('info-pub:daily'), xs: daily, n: Math.round(total * 0.55), readers: { units: [], users: who.leaders } },
    { p: pub('info-pub:work'), xs: work, n: 0, readers: { units: reporters.map((u) => u.id), users: [] } },
  ];
  plan[2]!.n = total - plan[0]!.n - plan[1]!.n;
  for (const { p, xs, n, readers } of plan) {
    await db
      .updateTable('info_publication')
      .set({ readership: JSON.stringify(readers) })
      .where('id', '=', p.id)
      .execute();
    const serial = new Map<number, number>(
      (await db.selectFrom('serial_counter').select(['year', 'last_value']).where('prefix', '=', p.prefix).execute()).map((x) => [x.year, x.last_value]),
    );
    let totalNumber = Number(
      (
        await db
          .selectFrom('info_pub_issue')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('publication_id', '=', p.id)
          .where('status', '=', 'published')
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (let b = 0; b < n; b += BATCH / 5) {
      const rows: { issue: Record<string, unknown>; items: Adopted[] }[] = [];
      for (let k = b; k < Math.min(n, b + BATCH / 5); k++) {
        const its = xs.slice(Math.floor((k * xs.length) / n), Math.floor(((k + 1) * xs.length) / n));
        const lastAt = its.length ? Math.max(...its.map((a) => a.at)) : now.getTime() - DAY;
        const pending = n - k <= 3;
        const t = Math.min(lastAt + Math.floor((2 + r() * 20) * HOUR), now.getTime() - HOUR);
        const published = new Date(t).toISOString();
        const year = chinaYear(published);
        const status = pending ? pick(r, ['draft', 'submitted', 'head_signed'] as const) : 'published';
        let number: number | null = null;
        if (status === 'published') {
          number = (serial.get(year) ?? 0) + 1;
          serial.set(year, number);
          totalNumber++;
        }
        rows.push({
          items: its,
          issue: {
            publication_id: p.id,
            unit_id: who.desk,
            editor_id: who.editor,
            level: its.reduce((m, a) => Math.max(m, a.level), 0),
            note: '',
            status,
            year: number === null ? null : year,
            number,
            total_number: number === null ? null : totalNumber,
            submitted_at: status === 'draft' ? null : published,
            head_signed_by: status === 'draft' || status === 'submitted' ? null : who.head,
            head_signed_at: status === 'draft' || status === 'submitted' ? null : published,
            director_signed_by: status === 'published' ? who.director : null,
            published_at: status === 'published' ? published : null,
            return_reason: null,
            version: status === 'published' ? 4 : 1,
            created_at: published,
            updated_at: published,
          },
        });
      }
      await db.transaction().execute(async (trx) => {
        const ids = await trx
          .insertInto('info_pub_issue')
          .values(rows.map((x) => x.issue) as never)
          .returning('id')
          .execute();
        const issueItems: { issue_id: number; item_id: number; position: number }[] = [];
        const readerRows: { issue_id: number; grantee_type: 'unit' | 'user'; grantee_id: number }[] = [];
        const receipts: { issue_id: number; user_id: number; read_at: string }[] = [];
        rows.forEach((x, k) => {
          const id = ids[k]!.id;
          x.items.forEach((a, pos) => issueItems.push({ issue_id: id, item_id: a.id, position: pos + 1 }));
          if (x.issue.status !== 'published') return;
          for (const u of readers.units) readerRows.push({ issue_id: id, grantee_type: 'unit', grantee_id: u });
          for (const u of readers.users) readerRows.push({ issue_id: id, grantee_type: 'user', grantee_id: u });
          for (const u of readers.users)
            if (r() < 0.5)
              receipts.push({ issue_id: id, user_id: u, read_at: new Date(new Date(x.issue.published_at as string).getTime() + 3 * HOUR).toISOString() });
        });
        for (let k = 0; k < issueItems.length; k += BATCH)
          await trx
            .insertInto('info_pub_issue_item')
            .values(issueItems.slice(k, k + BATCH))
            .execute();
        for (let k = 0; k < readerRows.length; k += BATCH)
          await trx
            .insertInto('info_pub_reader')
            .values(readerRows.slice(k, k + BATCH))
            .execute();
        for (let k = 0; k < receipts.length; k += BATCH)
          await trx
            .insertInto('info_pub_receipt')
            .values(receipts.slice(k, k + BATCH))
            .execute();
        counts.issue_items! += issueItems.length;
        counts.readers! += readerRows.length;
        counts.receipts! += receipts.length;
      });
      counts.issues! += rows.length;
    }
    for (const [year, last] of serial)
      await db
        .insertInto('serial_counter')
        .values({ prefix: p.prefix, year, last_value: last })
        .onConflict((oc) => oc.columns(['prefix', 'year']).doUpdateSet({ last_value: last }))
        .execute();
    log(`  … ${counts.issues} issues`);
  }
}
