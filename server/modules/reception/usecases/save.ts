/**
 * 拟订 and 修改 of a 接待方案. A draft is edited freely (items omitted are removed); after approval a
 * change is a new revision (第N版) with a change log entry, audited by field names, and the people
 * concerned are notified (the responsible persons of the changed items, before and after, and the
 * approvers). Each: transaction → load → authorize → check → write → audit → notify.
 */
import type { z } from 'zod';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { formatSerial, nextSerial } from '../../../platform/numbering.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import type { Trx } from '../../../db/client.js';
import { officeActions, planActions } from '../reception.policy.js';
import * as repo from '../reception.repo.js';
import type { planBody, updateBody } from '../reception.schema.js';
import { loadPlan, reloadAndPresent } from './common.js';
import { diffPlan, itemColumns, planColumns } from './diff.js';

export type PlanInput = z.infer<typeof planBody>;
export type UpdateInput = z.infer<typeof updateBody>;

/** Checks the dates, the level and every item's unit and person (active; the person cleared for the plan). */
async function check(trx: Trx, actor: Actor, input: PlanInput, level: number): Promise<void> {
  if (input.leaveDate < input.arriveDate) throw new RuleError('reception.bad_dates');
  if (level > actor.clearance) throw new RuleError('reception.level_too_high');
  const units = await repo.activeUnitIds(
    trx,
    input.items.flatMap((i) => (i.unitId ? [i.unitId] : [])),
  );
  const users = await repo.activeUsers(
    trx,
    input.items.flatMap((i) => (i.personId ? [i.personId] : [])),
  );
  for (const [n, i] of input.items.entries()) {
    if (i.unitId && !units.has(i.unitId)) throw new RuleError('reception.unknown_unit', { item: n + 1 });
    if (i.personId) {
      const u = users.get(i.personId);
      if (!u) throw new RuleError('reception.unknown_person', { item: n + 1 });
      if (u.clearance < level) throw new RuleError('reception.person_clearance', { item: n + 1 });
    }
  }
}

/** 拟订: a new plan in 草拟 (audited as `reception.draft`). */
export async function draft(ctx: AppContext, actor: Actor, input: PlanInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await repo.desk(trx);
    authorize(actor, officeActions.draft, d, { action: 'reception.draft', targetType: 'reception_plan' });
    const level = input.level ?? Math.min(1, actor.clearance);
    await check(trx, actor, input, level);
    const now = ctx.clock.now();
    const at = iso(now);
    const year = chinaYear(now);
    const number = formatSerial('接字', year, await nextSerial(trx, 'reception', year));
    const id = await repo.insertPlan(trx, {
      number,
      ...planColumns(input, level),
      status: 'draft',
      revision: 0,
      return_reason: null,
      head_approved_by: null,
      head_approved_at: null,
      approved_by: null,
      approved_at: null,
      summary: null,
      closed_at: null,
      unit_id: d.receptionUnitIds.includes(actor.unitId) ? actor.unitId : d.receptionUnitIds[0]!,
      drafted_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    for (const i of input.items) await repo.insertItem(trx, { plan_id: id, ...itemColumns(i), status: 'open', created_at: at, updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'reception.draft',
      targetType: 'reception_plan',
      targetId: id,
      changes: { status: [null, 'draft'], level: [null, level] },
      detail: { items: input.items.length, guests: input.guests.length },
    });
    return reloadAndPresent(ctx, trx, actor, id);
  });
}

/** 修改: a draft edit, or a versioned change of an approved plan (audited as `reception.update` / `reception.change`). */
export async function update(ctx: AppContext, actor: Actor, id: number, input: UpdateInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadPlan(trx, actor, id, 'reception.update');
    const approved = p.row.status === 'approved';
    const action = approved ? 'reception.change' : 'reception.update';
    authorize(actor, planActions.edit, p.facts, { action, targetType: 'reception_plan', targetId: id });
    assertVersion(p.row, input.version);
    const level = input.level ?? p.row.level;
    await check(trx, actor, input, level);
    const diff = diffPlan(p.row, p.items, input, level);
    if (approved && diff.removed.length) throw new RuleError('reception.remove_after_approval');
    if (approved && diff.closedTouched !== null) throw new RuleError('reception.item_not_open', { item: diff.closedTouched });
    if (!diff.auditChanges || !Object.keys(diff.auditChanges).length) throw new RuleError('reception.no_change');
    const note = input.note?.trim() ?? '';
    if (approved && !note) throw new RuleError('reception.change_note_required');
    const now = ctx.clock.now();
    const at = iso(now);
    const revision = approved ? p.row.revision + 1 : p.row.revision;
    const version = await updateVersioned(trx, 'reception_plan', p.row, { ...planColumns(input, level), revision, updated_at: at });
    await repo.deleteItems(trx, id, diff.removed);
    for (const u of diff.updates) await updateVersioned(trx, 'reception_item', u.row, { ...u.set, updated_at: at });
    for (const i of diff.added) await repo.insertItem(trx, { plan_id: id, ...itemColumns(i), status: 'open', created_at: at, updated_at: at });
    const changes: Record<string, [unknown, unknown]> = { ...diff.auditChanges };
    if (approved) {
      changes.revision = [p.row.revision, revision];
      await repo.insertChange(trx, { plan_id: id, revision, changed_by: actor.id, changed_at: at, note, fields: JSON.stringify(diff.words) });
    }
    await ctx.audit.append(trx, { actor, action, targetType: 'reception_plan', targetId: id, changes });
    if (approved) {
      const concerned = [...diff.concernedUserIds, p.row.head_approved_by, p.row.approved_by].filter((u): u is number => u !== null && u !== actor.id);
      await ctx.notifier.send(trx, concerned, {
        kind: 'reception.change',
        title: '接待方案变更',
        body: `${p.row.number}「${input.title}」已修改为第${revision}版：${diff.words.join('；')}`,
        link: `/reception/plans/${id}`,
        level,
      });
    }
    void version;
    return reloadAndPresent(ctx, trx, actor, id);
  });
}
