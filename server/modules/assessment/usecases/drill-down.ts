/**
 * 逐项溯源 (drill-down): a unit's score on one leaf → its formula → the counts → the exact records
 * counted. Once the period is closed, the counts and records are the snapshot taken at close; while it
 * runs they are taken now. Each record is a link only when the viewer may read it by the source
 * module's own policy (asked through its contract); otherwise the viewer learns only that it was counted.
 */
import type { DrillDownView } from '../../../../common/assessment.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { AUTO_FORMULAS, expertScore, meanScore } from '../assessment.formulas.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { formulaText, leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { loadReadable } from './common.js';
import { fromSnapshot, gatherInputs, readableOf } from './inputs.js';

/** The drill-down of `unitId`'s score on leaf `indicatorId` (404 for a unit or leaf not in the scheme; 403 without the results). */
export async function drillDown(ctx: AppContext, actor: Actor, id: number, unitId: number, indicatorId: number): Promise<DrillDownView> {
  const s = await loadReadable(ctx.db, actor, id, 'assessment.results_read');
  authorize(actor, assessmentPolicy.readResults, s, { action: 'assessment.results_read', targetType: 'assessment_scheme', targetId: id });
  const leaf = leavesOf(await repo.listIndicators(ctx.db, id), unitIdsOf(s)).find((l) => l.row.id === indicatorId && l.unitIds.includes(unitId));
  if (!leaf) throw new NotFoundError();
  const unitName = (await repo.unitNames(ctx.db, [unitId])).get(unitId) ?? '';
  const frozen = s.status === 'closed';
  const base = { schemeId: id, unitId, unitName, indicatorId, name: leaf.row.name, method: leaf.row.method as 'auto' | 'org' | 'expert', frozen };
  const f = leaf.row.method === 'auto' && leaf.row.auto_key ? AUTO_FORMULAS[leaf.row.auto_key] : undefined;
  if (!f) {
    const mine = (await repo.listScores(ctx.db, id)).filter((x) => x.indicator_id === indicatorId && x.unit_id === unitId).map((x) => x.score);
    const score = leaf.row.method === 'expert' ? expertScore(mine) : meanScore(mine);
    return { ...base, source: null, formula: null, score, takenAt: s.closed_at ?? iso(ctx.clock.now()), counts: [] };
  }
  const inputs = frozen
    ? fromSnapshot(await repo.listInputSnapshot(ctx.db, id, { source: f.source, unitId }), s.closed_at ?? '')
    : await gatherInputs(ctx, ctx.db, s, [f.source], [unitId], iso(ctx.clock.now()));
  const src = inputs.sources[f.source];
  const mine = src?.units[unitId] ?? { counts: {}, refs: {} };
  const refs = f.inputs.flatMap((i) => mine.refs[i.key] ?? []);
  const readable = new Map((await readableOf(ctx, ctx.db, actor, f.source, refs)).map((r) => [`${r.type}:${r.id}`, r]));
  const en = actor.locale === 'en-US';
  const counts = f.inputs.map((i) => ({
    key: i.key,
    label: en ? i.en : i.zh,
    count: mine.counts[i.key] ?? 0,
    listed: src?.listed ?? false,
    records: (mine.refs[i.key] ?? []).map((r) => {
      const ok = readable.get(`${r.type}:${r.id}`);
      return { type: r.type, id: r.id, readable: !!ok, title: ok?.title ?? null, link: ok?.link ?? null };
    }),
  }));
  const score = f.score(Object.fromEntries(counts.map((c) => [c.key, c.count])));
  return { ...base, source: f.source, formula: formulaText(actor, f.key), score, takenAt: inputs.takenAt, counts };
}
