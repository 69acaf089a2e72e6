/** 修订: a published (or closed) scheme never changes; a correction is a new draft version copying its tree. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import * as repo from '../assessment.repo.js';
import { reviewPolicy } from '../assessment.review-policy.js';
import * as reviews from '../repo/assessment.reviews.js';
import { loadReadable } from './common.js';
import { getScheme } from './read-schemes.js';

/** Copies the indicator rows of one scheme into another, keeping the tree shape. */
async function copyTree(trx: Trx, rows: readonly repo.IndicatorRow[], schemeId: number, at: string): Promise<void> {
  const ids = new Map<number, number>();
  for (const r of rows) {
    // rows come parents first (seq order), so a parent's new id is known before its children
    const id = await repo.insertIndicator(trx, {
      scheme_id: schemeId,
      parent_id: r.parent_id === null ? null : (ids.get(r.parent_id) ?? null),
      seq: r.seq,
      name: r.name,
      weight: r.weight,
      scope: r.scope,
      unit_id: r.unit_id,
      method: r.method,
      auto_key: r.auto_key,
      rubric: r.rubric,
      created_at: at,
      updated_at: at,
    });
    ids.set(r.id, id);
  }
}

/** Creates the next version of a published or closed scheme as a draft (audited as `assessment.revise`; 409 on a draft, or when it was revised already: revise the newest). */
export async function reviseScheme(ctx: AppContext, actor: Actor, id: number) {
  const newId = await ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id, 'assessment.revise');
    authorize(actor, reviewPolicy.revise, s, { action: 'assessment.revise', targetType: 'assessment_scheme', targetId: id });
    if (s.status === 'draft') throw new ConflictError('assessment.revise_draft');
    if (await reviews.revisionOf(trx, id)) throw new ConflictError('assessment.revised');
    const at = iso(ctx.clock.now());
    const newId = await repo.insertScheme(trx, {
      name: s.name,
      period_kind: s.period_kind,
      period: s.period,
      period_from: s.period_from,
      period_to: s.period_to,
      status: 'draft',
      unit_ids: s.unit_ids,
      top_n: s.top_n,
      bottom_n: s.bottom_n,
      results: null,
      published_at: null,
      closed_at: null,
      closed_by: null,
      created_by: actor.id,
      revision: (s.revision ?? 1) + 1,
      revision_of: s.id,
      created_at: at,
      updated_at: at,
    });
    await copyTree(trx, await repo.listIndicators(trx, id), newId, at);
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.revise',
      targetType: 'assessment_scheme',
      targetId: newId,
      detail: { revisionOf: id, revision: (s.revision ?? 1) + 1 },
    });
    return newId;
  });
  return getScheme(ctx, actor, newId);
}
