/** Reading schemes: the list, one scheme with its indicator tree, the automatic formulas. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { isBusinessUser } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { AUTO_FORMULAS } from '../assessment.formulas.js';
import { assessmentPolicy, isAssessor } from '../assessment.policy.js';
import { buildTree, presentSummary, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { loadReadable } from './common.js';

/** The schemes the actor may read (none for a 三员 administrator). */
export async function listSchemes(ctx: AppContext, actor: Actor) {
  if (!isBusinessUser(actor)) return { items: [], canCreate: false, canCockpit: false };
  const rows = await repo.listSchemes(ctx.db, isAssessor(actor));
  return {
    items: rows.filter((s) => assessmentPolicy.read(actor, s)).map((s) => presentSummary(actor, s)),
    canCreate: assessmentPolicy.create(actor, null),
    canCockpit: assessmentPolicy.cockpit(actor, null),
  };
}

/** One scheme with its units and indicator tree (404 when not readable). */
export async function getScheme(ctx: AppContext, actor: Actor, id: number, db: Db | Trx = ctx.db) {
  const s = await loadReadable(db, actor, id, 'assessment.scheme_read');
  const rows = await repo.listIndicators(db, id);
  const unitIds = unitIdsOf(s);
  const names = await repo.unitNames(db, [...unitIds, ...rows.flatMap((r) => (r.unit_id ? [r.unit_id] : []))]);
  return {
    ...presentSummary(actor, s),
    units: unitIds.map((u) => ({ id: u, name: names.get(u) ?? '' })),
    topN: s.top_n,
    bottomN: s.bottom_n,
    publishedAt: s.published_at,
    closedAt: s.closed_at,
    indicators: buildTree(actor, rows, names),
  };
}

/** The automatic indicators a leaf may use, with their formulas (none for a 三员 administrator). */
export function formulas(actor: Actor) {
  if (!isBusinessUser(actor)) return { items: [] };
  return { items: Object.values(AUTO_FORMULAS).map(({ score: _score, inputs, ...f }) => ({ ...f, inputs: [...inputs] })) };
}
