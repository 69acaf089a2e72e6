/** API shapes of 考核督查: a scheme, its indicator tree with formulas. */
import type { IndicatorView } from '../../../common/assessment.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { AUTO_FORMULAS } from './assessment.formulas.js';
import { schemeActions } from './assessment.policy.js';
import type { IndicatorRow, SchemeRow } from './assessment.repo.js';

/** The assessed unit ids of a scheme. */
export const unitIdsOf = (s: Pick<SchemeRow, 'unit_ids'>): number[] => JSON.parse(s.unit_ids) as number[];

/** The formula text of an automatic leaf in the actor's language. */
export function formulaText(actor: Actor, autoKey: string | null): string | null {
  const f = autoKey ? AUTO_FORMULAS[autoKey] : undefined;
  if (!f) return null;
  return actor.locale === 'en-US' ? f.formulaEn : f.formulaZh;
}

/** A scheme in a list. */
export function presentSummary(actor: Actor, s: SchemeRow) {
  return {
    id: s.id,
    name: s.name,
    periodKind: s.period_kind as 'year' | 'half' | 'quarter',
    period: s.period,
    periodFrom: s.period_from,
    periodTo: s.period_to,
    status: s.status as 'draft' | 'published' | 'closed',
    unitCount: unitIdsOf(s).length,
    version: s.version,
    actions: presentActions(actor, schemeActions, s),
    revision: s.revision ?? 1,
    revisionOf: s.revision_of ?? null,
  };
}

/** The flat indicator rows as a tree. */
export function buildTree(actor: Actor, rows: readonly IndicatorRow[], units: Map<number, string>): IndicatorView[] {
  const byParent = new Map<number | null, IndicatorRow[]>();
  for (const r of rows) byParent.set(r.parent_id, [...(byParent.get(r.parent_id) ?? []), r]);
  const build = (parent: number | null): IndicatorView[] =>
    (byParent.get(parent) ?? []).map((r) => ({
      id: r.id,
      name: r.name,
      weight: r.weight,
      scope: r.scope as 'common' | 'specific',
      unitId: r.unit_id,
      unitName: r.unit_id ? (units.get(r.unit_id) ?? null) : null,
      method: r.method as 'auto' | 'org' | 'expert' | 'public' | null,
      autoKey: r.auto_key,
      formula: formulaText(actor, r.auto_key),
      rubric: r.rubric,
      children: build(r.id),
    }));
  return build(null);
}

/** A leaf with the share of the total it carries (product of the weights on its path, in %) and the units it applies to. */
export interface Leaf {
  row: IndicatorRow;
  pathWeight: number;
  unitIds: number[];
}

/** The leaves of a tree with their path weights and units. */
export function leavesOf(rows: readonly IndicatorRow[], schemeUnits: readonly number[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (parent: number | null, weight: number, units: readonly number[]) => {
    for (const r of rows.filter((x) => x.parent_id === parent)) {
      const w = (weight * r.weight) / 100;
      const u = r.scope === 'specific' ? units.filter((x) => x === r.unit_id) : units;
      if (rows.some((x) => x.parent_id === r.id)) walk(r.id, w, u);
      else out.push({ row: r, pathWeight: w, unitIds: [...u] });
    }
  };
  walk(null, 100, schemeUnits);
  return out;
}
