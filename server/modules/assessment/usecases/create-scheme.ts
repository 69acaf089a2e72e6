/** 新建考核方案: a draft scheme for a period and its assessed units. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assessmentPolicy } from '../assessment.policy.js';
import * as repo from '../assessment.repo.js';
import type { SchemeCreateInput } from '../assessment.schema.js';
import { getScheme } from './read-schemes.js';

/** The first and last day of a period (`2026`, `2026H2`, `2026Q4`), or null when it does not fit its kind. */
export function periodDates(kind: string, period: string): { from: string; to: string } | null {
  const m = /^(\d{4})(?:([HQ])([1-4]))?$/.exec(period);
  if (!m) return null;
  const y = m[1]!;
  const n = Number(m[3] ?? 0);
  const last = (mm: number) => `${y}-${String(mm).padStart(2, '0')}-${mm === 6 || mm === 9 ? '30' : '31'}`;
  if (kind === 'year' && !m[2]) return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (kind === 'half' && m[2] === 'H' && n <= 2) return { from: `${y}-${n === 1 ? '01' : '07'}-01`, to: last(n * 6) };
  if (kind === 'quarter' && m[2] === 'Q') return { from: `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`, to: last(n * 3) };
  return null;
}

/** Creates a draft scheme (audited as `assessment.scheme_create`). */
export async function createScheme(ctx: AppContext, actor: Actor, input: SchemeCreateInput) {
  authorize(actor, assessmentPolicy.create, null, { action: 'assessment.scheme_create', targetType: 'assessment_scheme', targetId: null });
  const dates = periodDates(input.periodKind, input.period);
  if (!dates) throw new RuleError('assessment.period_format', { period: input.period });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const unitIds = input.unitIds ? [...new Set(input.unitIds)] : await repo.defaultUnitIds(trx);
    if (!unitIds.length) throw new RuleError('assessment.no_units');
    if ((await repo.activeUnits(trx, unitIds)).length !== unitIds.length) throw new RuleError('assessment.unknown_unit');
    const at = iso(ctx.clock.now());
    const id = await repo.insertScheme(trx, {
      name: input.name,
      period_kind: input.periodKind,
      period: input.period,
      period_from: dates.from,
      period_to: dates.to,
      status: 'draft',
      unit_ids: JSON.stringify(unitIds),
      top_n: input.topN,
      bottom_n: input.bottomN,
      results: null,
      published_at: null,
      closed_at: null,
      closed_by: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, { actor, action: 'assessment.scheme_create', targetType: 'assessment_scheme', targetId: id, detail: { period: input.period } });
    return id;
  });
  return getScheme(ctx, actor, id);
}
