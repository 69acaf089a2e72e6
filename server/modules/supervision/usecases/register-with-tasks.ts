/** 立项 plus a default 分解 in the caller's transaction: the contract other modules use (会后督办, 批办转督办) and the 台账 import. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import type { CreateFromSourceInput } from '../supervision.contract.js';
import { LIAISON_ROLES, type RegisterInput, type SplitTaskInput } from '../supervision.constants.js';
import * as repo from '../supervision.repo.js';
import { insertItem } from './register.js';
import { writeTasks } from './split.js';

/** {@inheritDoc SupervisionContract.createFromSource} */
export async function createFromSource(ctx: AppContext, trx: Trx, actor: Actor, input: CreateFromSourceInput): Promise<{ id: number; number: string }> {
  return registerWithTasks(
    ctx,
    trx,
    actor,
    { ...input, instructionText: input.source === 'instruction' ? input.requirement : null, cadence: 'once' },
    { viaContract: true },
  );
}

/** 立项 plus a default 分解: one task per unit, its liaison responsible, the item's time limit. */
export async function registerWithTasks(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  input: RegisterInput,
  opts: { viaContract?: boolean } = {},
): Promise<{ id: number; number: string }> {
  const item = await insertItem(ctx, trx, actor, input, opts);
  const units = [input.leadUnitId, ...new Set((input.coUnitIds ?? []).filter((u) => u !== input.leadUnitId))];
  const tasks: SplitTaskInput[] = [];
  for (const unitId of units) {
    const person = (await repo.usersOfUnit(trx, unitId, LIAISON_ROLES))[0];
    if (!person) throw new RuleError('supervision.unit_without_person', { unit: (await repo.unitNames(trx, [unitId])).get(unitId) ?? unitId });
    tasks.push({ unitId, responsibleUserId: person.id, deadline: input.deadline });
  }
  await writeTasks(ctx, trx, actor, item, tasks);
  return { id: item.id, number: item.number };
}
