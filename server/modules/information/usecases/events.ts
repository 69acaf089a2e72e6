/**
 * Events known to the office (until the duty desk exists, 信息处 registers them): each expects a
 * report of its unit within the kind's time limit; a scheduler job records 漏报 when none came.
 */
import { SYSTEM_ACTOR, type Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import type { Trx } from '../../../db/client.js';
import { OMISSION_JOB } from '../information.constants.js';
import { informationPolicy } from '../information.policy.js';
import { countActiveUnits, insertEvent, listEvents, loadEvent, unitUsers, updateEvent } from '../information.repo.js';
import type { EventInput } from '../information.schema.js';
import { assertLevel, assertPast, reportingDue } from './common.js';

/** Registers an event against a unit and schedules its 漏报 check (`information.event_register`). */
export async function registerEvent(ctx: AppContext, actor: Actor, input: EventInput) {
  authorize(actor, informationPolicy.registerEvent, null, { action: 'information.event_register', targetType: 'info_event' });
  return ctx.db.transaction().execute(async (trx) => {
    await assertLevel(ctx, trx, actor, input.level);
    assertPast(ctx, input.occurredAt);
    if ((await countActiveUnits(trx, [input.unitId])) !== 1) throw new RuleError('information.unknown_unit');
    const occurredAt = iso(new Date(input.occurredAt));
    const dueAt = await reportingDue(ctx, trx, input.kind, occurredAt);
    const at = iso(ctx.clock.now());
    const id = await insertEvent(trx, {
      kind: input.kind,
      title: input.title,
      level: input.level,
      unit_id: input.unitId,
      occurred_at: occurredAt,
      due_at: dueAt,
      status: 'open',
      registered_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await ctx.scheduler.schedule(trx, { kind: OMISSION_JOB, targetType: 'info_event', targetId: id, dueAt: new Date(dueAt) });
    await ctx.audit.append(trx, {
      actor,
      action: 'information.event_register',
      targetType: 'info_event',
      targetId: id,
      detail: { unitId: input.unitId, kind: input.kind, dueAt },
    });
    return { id, dueAt };
  });
}

/** Job: the time limit passed; an event still open becomes 漏报 against its unit (`information.event_missed`). */
export async function recordOmission(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const ev = await loadEvent(trx, job.targetId);
  if (!ev || ev.status !== 'open') return;
  const at = iso(ctx.clock.now());
  await updateEvent(trx, ev, { status: 'missed', missed_at: at, updated_at: at });
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'information.event_missed',
    targetType: 'info_event',
    targetId: ev.id,
    detail: { unitId: ev.unit_id, dueAt: ev.due_at },
  });
  await ctx.notifier.send(trx, await unitUsers(trx, { id: ev.unit_id }, ['liaison', 'division_head'], ev.level), {
    kind: 'information.missed',
    title: `漏报：《${ev.title}》超过报送时限未报送`,
    body: '请立即补报并说明原因',
    link: '/information/events',
    level: ev.level,
  });
}

/** The events the actor may see (信息处: all up to clearance; a unit: its own). */
export async function eventList(ctx: AppContext, actor: Actor) {
  const rows = await listEvents(ctx.db, actor);
  return {
    items: rows.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      level: e.level,
      unit: { id: e.unit_id, name: e.unit_name },
      occurredAt: e.occurred_at,
      dueAt: e.due_at,
      status: e.status,
      reportId: e.report_id,
      missedAt: e.missed_at,
      version: e.version,
    })),
  };
}
