/** Use counting (提供、查阅、下载、应用、转化): the weights of the score and the per-unit table that feeds assessment. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { readSetting, writeSetting } from '../../../platform/settings.js';
import { assertVersion } from '../../../platform/versioned.js';
import { DEFAULT_USE_WEIGHTS, USE_KINDS, type UseKind } from '../library.constants.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { entryVisibleTo } from '../repo/library.visibility.js';
import { DAY } from './common.js';

const WEIGHTS_KEY = 'library.weights';

/** Current weights of the use score and their version. */
export async function weights(db: Db | Trx): Promise<{ weights: Record<UseKind, number>; version: number }> {
  const { value, version } = await readSetting(db, WEIGHTS_KEY, DEFAULT_USE_WEIGHTS, (v) => v as Partial<Record<UseKind, number>>);
  return { weights: value, version };
}

/** Sets the weights of the use score (office director; optimistic lock). */
export async function putWeights(ctx: AppContext, actor: Actor, input: { version: number; weights: Record<UseKind, number> }): Promise<{ version: number }> {
  authorize(actor, libraryPolicy.manageWeights, null, { action: 'library.weights_update', targetType: 'setting', targetId: WEIGHTS_KEY });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await weights(trx);
    assertVersion(before, input.version);
    await writeSetting(trx, WEIGHTS_KEY, input.version, input.weights, ctx.clock.now());
    await ctx.audit.append(trx, {
      actor,
      action: 'library.weights_update',
      targetType: 'setting',
      targetId: WEIGHTS_KEY,
      changes: { weights: [before.weights, input.weights] },
    });
    return { version: before.version + 1 };
  });
}

/** The per-unit table of uses with a quantified score, over the items the actor may see, for [from, to] (China dates, inclusive). */
export async function useStats(ctx: AppContext, actor: Actor, q: { from: string; to: string }) {
  const fromAt = iso(new Date(`${q.from}T00:00:00+08:00`));
  const toAt = iso(new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + DAY));
  const rows = await repo.useTable(ctx.db, entryVisibleTo(actor), fromAt, toAt);
  const { weights: w, version } = await weights(ctx.db);
  const byUnit = new Map<number, { unitId: number; unitName: string; counts: Record<UseKind, number>; score: number }>();
  for (const r of rows) {
    let u = byUnit.get(r.unit_id);
    if (!u)
      byUnit.set(
        r.unit_id,
        (u = { unitId: r.unit_id, unitName: r.short_name, counts: Object.fromEntries(USE_KINDS.map((k) => [k, 0])) as Record<UseKind, number>, score: 0 }),
      );
    if ((USE_KINDS as readonly string[]).includes(r.kind)) u.counts[r.kind as UseKind] += Number(r.n);
  }
  const units = [...byUnit.values()].map((u) => ({ ...u, score: Math.round(USE_KINDS.reduce((s, k) => s + u.counts[k] * w[k], 0) * 100) / 100 }));
  units.sort((a, b) => b.score - a.score || a.unitId - b.unitId);
  return { from: q.from, to: q.to, weights: w, weightsVersion: version, canEditWeights: libraryPolicy.manageWeights(actor), units };
}
