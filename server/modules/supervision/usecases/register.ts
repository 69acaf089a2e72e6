/** 立项 (register) of an item by 督查室 — or, through the contract, by another module on 督查室's behalf. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { formatSerial, nextSerial } from '../../../platform/numbering.js';
import { findActiveUnitByCode } from '../repo/supervision.lists.js';
import { insertItem as insertItemRow } from '../repo/supervision.writes.js';
import { checkLevel, checkUnits, checkUser } from '../supervision.checks.js';
import { DEFAULT_CRITERIA, type Item, type RegisterInput } from '../supervision.constants.js';
import { SUPERVISION_OFFICE_CODE, supervisionPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { today } from './common.js';
import { itemDetail } from './detail.js';

/** Registers an item in `trx` (立项): validated, numbered, audited, on the timeline. */
export async function insertItem(ctx: AppContext, trx: Trx, actor: Actor, input: RegisterInput, opts: { viaContract?: boolean } = {}): Promise<Item> {
  // Another module (会后督办, 批办转督办) may register on 督查室's behalf: the item then belongs to 督查室,
  // handled by its head, and the registering user keeps need-to-know as its creator.
  if (!opts.viaContract)
    authorize(actor, supervisionPolicy.register, null, { action: 'supervision.item.register', targetType: 'supervision_item', code: 'supervision.not_office' });
  let ownerUnitId = actor.unitId;
  let handler = input.responsibleUserId ?? actor.id;
  if (!supervisionPolicy.register(actor, null)) {
    const office = await findActiveUnitByCode(trx, SUPERVISION_OFFICE_CODE);
    if (!office) throw new RuleError('supervision.unit_unknown', { unit: '督查室' });
    ownerUnitId = office.id;
    const head = (await repo.usersOfUnit(trx, office.id, ['division_head']))[0];
    if (!head) throw new RuleError('supervision.unit_without_person', { unit: '督查室' });
    handler = input.responsibleUserId ?? head.id;
  }
  await checkLevel(ctx, trx, actor, input.level);
  const coUnits = [...new Set(input.coUnitIds ?? [])].filter((u) => u !== input.leadUnitId);
  await checkUnits(trx, [input.leadUnitId, ...coUnits]);
  if (input.responsibleLeaderId) await checkUser(trx, input.responsibleLeaderId);
  if (input.instructedById) await checkUser(trx, input.instructedById);
  const responsible = handler;
  await checkUser(trx, responsible);
  if (input.deadline < today(ctx)) throw new RuleError('supervision.deadline_past');
  const cadence = input.cadence ?? 'once';
  if (cadence === 'dates' && !(input.cadenceDates ?? []).length) throw new RuleError('supervision.cadence_dates');
  const now = ctx.clock.now();
  const year = chinaYear(now);
  const serial = await nextSerial(trx, '督字', year);
  const number = formatSerial('督字', year, serial);
  const at = iso(now);
  const row = await insertItemRow(trx, {
    number,
    year,
    serial,
    title: input.title,
    requirement: input.requirement,
    source: input.source,
    source_type: input.sourceType ?? null,
    source_id: input.sourceId ?? null,
    source_ref: input.sourceRef ?? null,
    instructed_by: input.instructedBy ?? null,
    instructed_by_id: input.instructedById ?? null,
    instructed_at: input.instructedAt ?? null,
    instruction_text: input.instructionText ?? null,
    priority: input.priority ?? 2,
    level: input.level,
    owner_unit_id: ownerUnitId,
    lead_unit_id: input.leadUnitId,
    co_unit_ids: JSON.stringify(coUnits),
    responsible_leader_id: input.responsibleLeaderId ?? null,
    responsible_user_id: responsible,
    deadline: input.deadline,
    cadence,
    cadence_dates: cadence === 'dates' ? JSON.stringify([...(input.cadenceDates ?? [])].sort()) : null,
    closing_criteria: input.closingCriteria?.trim() || DEFAULT_CRITERIA,
    status: 'registered',
    created_by: actor.id,
    issued_at: null,
    concluded_at: null,
    closed_at: null,
    followup_note: null,
    rating: null,
    notice_attachment_id: null,
    created_at: at,
    updated_at: at,
  });
  await ctx.audit.append(trx, {
    actor,
    action: 'supervision.item.register',
    targetType: 'supervision_item',
    targetId: row.id,
    detail: {
      number,
      source: input.source,
      sourceType: input.sourceType ?? null,
      sourceId: input.sourceId ?? null,
      level: input.level,
      leadUnitId: input.leadUnitId,
      deadline: input.deadline,
    },
  });
  await repo.insertEvent(trx, { itemId: row.id, kind: 'register', actor, at: now, message: `立项：${number}`, detail: { source: input.source } });
  await ctx.search.index(trx, repo.itemSearchDoc(row, [], await repo.officeDirectorIds(trx)));
  return row;
}

/** 立项 by 督查室; answers the item page. */
export async function register(ctx: AppContext, actor: Actor, input: RegisterInput) {
  const id = await ctx.db.transaction().execute(async (trx) => (await insertItem(ctx, trx, actor, input)).id);
  return itemDetail(ctx, actor, id);
}
