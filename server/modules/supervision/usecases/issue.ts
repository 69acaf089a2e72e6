/** 交办: the 督办通知 (DOCX stored as the item's attachment), every task started, 催办 scheduled, the units notified. */
import { Readable } from 'node:stream';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, RuleError, StaleVersionError } from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/files.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { unitFullName } from '../repo/supervision.lists.js';
import { CADENCE_NAMES, SOURCE_NAMES, type Item, type Task } from '../supervision.constants.js';
import { renderNotice } from '../supervision.documents.js';
import { itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { ITEM_STATES, itemWorkflow, taskWorkflow } from '../supervision.workflow.js';
import { loadItem, nextReportDue, recipientsOf, scheduleReminders, today as todayOf } from './common.js';
import { itemDetail } from './detail.js';
import { scheduleStageReminders } from './stages.js';

/** Renders the 督办通知 of an item and stores its content (recorded later, in the issuing transaction). */
export async function prepareNotice(ctx: AppContext, db: Db | Trx, item: Item, tasks: Task[]) {
  const names = {
    units: await repo.unitNames(
      db,
      tasks.map((t) => t.unit_id),
    ),
    users: await repo.userNames(
      db,
      tasks.map((t) => t.responsible_user_id),
    ),
  };
  const office = (await unitFullName(db, item.owner_unit_id)) ?? '督查室';
  const src = SOURCE_NAMES[item.source]?.zh ?? '';
  const buffer = await renderNotice({
    number: item.number,
    title: item.title,
    requirement: item.requirement,
    sourceText: item.source_ref ? `${item.source_ref}（${src}）` : `${src}工作安排`,
    instruction: item.instruction_text ? `${item.instructed_by ?? ''}${item.instructed_by ? '：' : ''}${item.instruction_text}` : null,
    deadline: item.deadline,
    cadenceText: item.cadence === 'once' ? '办结后报送办理情况' : `办理期间请${CADENCE_NAMES[item.cadence]?.zh ?? ''}办理进展`,
    closingCriteria: item.closing_criteria,
    tasks: tasks.map((t) => ({
      unit: names.units.get(t.unit_id) ?? '',
      lead: t.is_lead === 1,
      person: names.users.get(t.responsible_user_id) ?? '',
      deadline: t.deadline,
    })),
    date: todayOf(ctx),
    office,
  });
  return ctx.files.receive(Readable.from(buffer), `督办通知-${item.number}.docx`);
}

/** The issuing writes, in `trx`: attachment, item and task transitions, 催办 jobs, notifications, timeline. */
export async function issueInTrx(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  item: Item,
  tasks: Task[],
  file: Awaited<ReturnType<FileStore['receive']>>,
): Promise<void> {
  const s = (await readSettings(trx)).value;
  const att = await ctx.files.record(trx, file, { type: 'supervision_item', id: item.id }, actor);
  const today = todayOf(ctx);
  await ctx.workflow.apply(trx, itemWorkflow, {
    row: item,
    action: 'issue',
    actor,
    version: item.version,
    input: {},
    set: { issued_at: iso(ctx.clock.now()), notice_attachment_id: att.id },
    detail: { number: item.number, attachmentId: att.id },
  });
  for (const t of tasks) {
    await ctx.workflow.apply(trx, taskWorkflow, {
      row: t,
      action: 'issue',
      actor,
      version: t.version,
      input: {},
      set: { next_report_due: nextReportDue(item, today) },
      notify: [
        {
          userIds: await recipientsOf(trx, t),
          message: {
            kind: 'supervision.issued',
            title: `督办通知 ${item.number}`,
            body: `${item.title}（${t.is_lead ? '牵头' : '协办'}，时限 ${t.deadline}）`,
            link: `/supervision/items/${item.id}`,
            level: item.level,
          },
        },
      ],
    });
    await scheduleReminders(ctx, trx, t, s);
    for (const st of await repo.stagesOf(trx, [t.id])) if (!st.done_at) await scheduleStageReminders(ctx, trx, st, s);
  }
  const units = await repo.unitNames(
    trx,
    tasks.map((t) => t.unit_id),
  );
  await repo.insertEvent(trx, {
    itemId: item.id,
    kind: 'issue',
    actor,
    at: ctx.clock.now(),
    message: `交办：印发督办通知 ${item.number}，送${tasks.map((t) => units.get(t.unit_id)).join('、')}`,
    detail: { attachmentId: att.id },
  });
}

/** 交办: issues the 督办通知 (DOCX stored as the item's attachment), starts every task, schedules 催办, notifies the units. */
export async function issue(ctx: AppContext, actor: Actor, itemId: number, input: { version: number }) {
  const { item, tasks } = await loadItem(ctx.db, actor, itemId);
  authorize(actor, itemPolicy.manage, item, {
    action: 'supervision.item.issue',
    targetType: 'supervision_item',
    targetId: itemId,
    code: 'supervision.not_office',
  });
  assertVersion(item, input.version);
  if (!tasks.some((t) => t.unit_id === item.lead_unit_id)) throw new RuleError('supervision.no_tasks');
  if (item.status !== 'registered')
    throw new ConflictError('workflow.invalid_transition', {
      state: ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status,
      action: '交办',
    });
  // rendered outside the transaction; the transaction re-checks that nothing changed meanwhile
  const file = await prepareNotice(ctx, ctx.db, item, tasks);
  await ctx.db.transaction().execute(async (trx) => {
    const fresh = await loadItem(trx, actor, itemId);
    if (fresh.item.version !== input.version || fresh.tasks.length !== tasks.length) throw new StaleVersionError({ current: fresh.item.version });
    await issueInTrx(ctx, trx, actor, fresh.item, fresh.tasks, file);
  });
  return itemDetail(ctx, actor, itemId);
}
