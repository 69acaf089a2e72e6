/**
 * Generates a realistic 督查督办 dataset over the demo office: items with Chinese titles and
 * requirements from the domain vocabulary, two tasks each (lead + co-unit), states and dates spread
 * over two years with a realistic share overdue, progress reports, pending reminder jobs, and the
 * search index of the items. `tasks` is the number of tasks (items = tasks / 2).
 */
import { sql } from 'kysely';
import type { Db } from '../server/db/client.js';
import type { AppContext } from '../server/platform/module.js';
import { pick, requirement, rng, title } from './lib.js';

const DAY = 86_400_000;
const BATCH = 500;

function dateStr(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Inserts the dataset; returns counts and the ids the workloads need. */
export async function generateSupervision(ctx: AppContext, tasks: number, now: Date, log: (m: string) => void = console.log) {
  const db: Db = ctx.db;
  const r = rng(20261122);
  const units = await db.selectFrom('unit').select(['id', 'code']).execute();
  const users = await db.selectFrom('user').select(['id', 'username', 'unit_id']).execute();
  const uid = (u: string) => users.find((x) => x.username === u)!.id;
  const unitOf = (c: string) => units.find((x) => x.code === c)!.id;
  const responsible = ['ndrc', 'finance', 'ecology', 'emergency', 'housing', 'education', 'district_qingshan', 'district_jiangbei'].map((c) => {
    const id = unitOf(c);
    return { id, liaison: users.find((u) => u.unit_id === id)!.id };
  });
  const supervision = unitOf('supervision');
  const staff = uid('dcs_zhang');
  const leaders = [uid('sj_li'), uid('msz_zhao'), uid('zr_chen')];
  const start = now.getTime() - 730 * DAY;
  const items = Math.floor(tasks / 2);
  const base =
    (
      await db
        .selectFrom('supervision_item')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst()
    )?.m ?? 0;
  const t0 = Date.now();
  // continue after the numbers the demo data already took
  const serialByYear = new Map<number, number>(
    (await db.selectFrom('serial_counter').select(['year', 'last_value']).where('prefix', '=', '督字').execute()).map((r) => [r.year, r.last_value]),
  );
  const counts = { items: 0, tasks: 0, reports: 0, jobs: 0, overdueOpenTasks: 0 };
  for (let b = 0; b < items; b += BATCH) {
    const itemRows: Record<string, unknown>[] = [];
    const taskRows: Record<string, unknown>[] = [];
    const reportRows: Record<string, unknown>[] = [];
    const jobRows: Record<string, unknown>[] = [];
    for (let i = b; i < Math.min(items, b + BATCH); i++) {
      const id = Number(base) + i + 1;
      const created = start + Math.floor(r() * 720 * DAY);
      const year = new Date(created).getUTCFullYear();
      const serial = (serialByYear.get(year) ?? 0) + 1;
      serialByYear.set(year, serial);
      const deadlineT = created + (10 + Math.floor(r() * 80)) * DAY;
      const deadline = dateStr(deadlineT);
      const past = deadlineT < now.getTime() - 60 * DAY;
      const x = r();
      const status = past
        ? x < 0.85
          ? 'closed'
          : x < 0.95
            ? 'concluded'
            : 'issued'
        : x < 0.05
          ? 'registered'
          : x < 0.85
            ? 'issued'
            : x < 0.95
              ? 'concluded'
              : 'closed';
      const lead = pick(r, responsible);
      let co = pick(r, responsible);
      while (co.id === lead.id) co = pick(r, responsible);
      const level = r() < 0.7 ? 1 : 0;
      const source = pick(r, ['decision', 'instruction', 'instruction', 'assessment'] as const);
      const at = new Date(created).toISOString();
      itemRows.push({
        id,
        number: `督字〔${year}〕${serial}号`,
        year,
        serial,
        title: title(r),
        requirement: requirement(r),
        source,
        source_type: null,
        source_id: null,
        source_ref: source === 'decision' ? '市委常委会会议议定事项' : null,
        instructed_by: source === 'instruction' ? '李明华' : null,
        instructed_by_id: source === 'instruction' ? leaders[0] : null,
        instructed_at: source === 'instruction' ? at : null,
        instruction_text: source === 'instruction' ? '请督查室跟踪督办，按时报结果。' : null,
        priority: 1 + Math.floor(r() * 3),
        level,
        owner_unit_id: supervision,
        lead_unit_id: lead.id,
        responsible_leader_id: pick(r, leaders),
        responsible_user_id: staff,
        deadline,
        cadence: pick(r, ['once', 'weekly', 'monthly'] as const),
        cadence_dates: null,
        closing_criteria: '事实清楚、问题解决、批示落实、结论准确、处理恰当',
        status,
        created_by: staff,
        issued_at: status === 'registered' ? null : at,
        concluded_at: status === 'concluded' || status === 'closed' ? new Date(deadlineT - DAY).toISOString() : null,
        closed_at: status === 'closed' ? new Date(deadlineT + 5 * DAY).toISOString() : null,
        followup_note: status === 'closed' ? '已回访，群众满意' : null,
        rating: status === 'closed' ? 4 + Math.floor(r() * 2) : null,
        notice_attachment_id: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      for (const [k, u] of [lead, co].entries()) {
        const ts =
          status === 'registered'
            ? 'pending'
            : status === 'issued'
              ? (() => {
                  const y = r();
                  return y < 0.6 ? 'in_progress' : y < 0.75 ? 'submitted' : y < 0.8 ? 'returned' : 'accepted';
                })()
              : 'accepted';
        const open = ts !== 'accepted';
        if (open && deadline < dateStr(now.getTime())) counts.overdueOpenTasks++;
        taskRows.push({
          item_id: id,
          unit_id: u.id,
          is_lead: k === 0 ? 1 : 0,
          responsible_user_id: u.liaison,
          deadline,
          status: ts,
          level,
          owner_unit_id: supervision,
          lead_unit_id: lead.id,
          leader_id: itemRows.at(-1)!.responsible_leader_id,
          last_report_at: ts === 'pending' ? null : at,
          next_report_due: null,
          return_count: ts === 'returned' ? 1 : 0,
          extension_count: 0,
          escalated_at: null,
          accepted_at: ts === 'accepted' ? new Date(deadlineT - DAY).toISOString() : null,
          accepted_on_time: ts === 'accepted' ? (r() < 0.9 ? 1 : 0) : null,
          version: 1,
          created_at: at,
          updated_at: at,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('supervision_item')
        .values(itemRows as never)
        .execute();
      const inserted = await trx
        .insertInto('supervision_task')
        .values(taskRows as never)
        .returning(['id', 'item_id', 'status', 'deadline', 'responsible_user_id'])
        .execute();
      for (const t of inserted) {
        if (t.status !== 'pending' && r() < 0.5) {
          reportRows.push({
            task_id: t.id,
            item_id: t.item_id,
            kind: 'progress',
            content: `${requirement(r)}目前已完成阶段性工作。`,
            submitted_by: t.responsible_user_id,
            submitted_at: new Date(now.getTime() - Math.floor(r() * 300) * DAY).toISOString(),
            late: 0,
            review_status: t.status === 'accepted' ? 'accepted' : 'none',
            review_comment: null,
            criteria: null,
            reviewed_by: null,
            reviewed_at: null,
            version: 1,
            created_at: new Date().toISOString(),
            updated_at: new Date().toISOString(),
          });
        }
        if (t.status === 'in_progress' || t.status === 'returned') {
          jobRows.push({
            kind: 'supervision.escalate',
            target_type: 'supervision_task',
            target_id: t.id,
            due_at: `${t.deadline}T01:00:00.000Z`,
            payload: JSON.stringify({ deadline: t.deadline }),
            status: 'pending',
            done_at: null,
            done_by: null,
            created_at: new Date().toISOString(),
          });
        }
      }
      for (let k = 0; k < reportRows.length; k += BATCH)
        await trx
          .insertInto('supervision_report')
          .values(reportRows.slice(k, k + BATCH) as never)
          .execute();
      for (let k = 0; k < jobRows.length; k += BATCH)
        await trx
          .insertInto('job')
          .values(jobRows.slice(k, k + BATCH) as never)
          .execute();
    });
    counts.items += itemRows.length;
    counts.tasks += taskRows.length;
    counts.reports += reportRows.length;
    counts.jobs += jobRows.length;
    // PostgreSQL plans the triggers' statements once per connection: planned on near-empty tables without statistics
    // (autovacuum may be off), their lookups of a task by item stay sequential scans, quadratic over the load
    if (ctx.database.dialect === 'postgres' && (b / BATCH) % 20 === 1) await sql`ANALYZE supervision_item, supervision_task, supervision_item_unit`.execute(db);
    if ((b / BATCH) % 100 === 0) log(`  … ${counts.items} items, ${counts.tasks} tasks (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  if (ctx.database.dialect === 'postgres') {
    // explicit ids do not move identity sequences
    for (const t of ['supervision_item', 'supervision_task', 'supervision_report', 'job']) {
      await sql.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`).execute(db);
    }
  }
  for (const [year, last] of serialByYear) {
    await db
      .insertInto('serial_counter')
      .values({ prefix: '督字', year, last_value: last })
      .onConflict((oc) => oc.columns(['prefix', 'year']).doUpdateSet({ last_value: last }))
      .execute();
  }
  return { ...counts, seconds: Math.round((Date.now() - t0) / 1000) };
}
