/**
 * 件件有着落 of 考核督查 on the office-wide board:
 * - `scheme`: a scheme not closed (a draft to the assessors only), the 督查室's, answered for by the
 *   assessor who drew it up, due by the end of its period.
 * - `expert_scoring`: a published scheme in which the asking rater has expert cells (专业评估) not yet
 *   scored, the rater's own (scores are private while the period runs), due by the end of the period.
 * The checker adds published schemes with expert cells nobody has scored and no enabled rater left,
 * and schemes closed without their frozen results (`no_outcome`).
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { ASSESSMENT_OFFICE_CODE, assessmentPolicy, isAssessor } from '../assessment.policy.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { appealOpenItems } from './appeal-workbench.js';
import * as loose from '../repo/assessment.loose-ends.js';

const M = 'assessment';

/** The expert cells (leaf:unit) of a scheme. */
async function expertCells(db: Db, s: { id: number; unit_ids: string }): Promise<string[]> {
  const rows = await repo.listIndicators(db, s.id);
  return leavesOf(rows, unitIdsOf(s))
    .filter((l) => l.row.method === 'expert')
    .flatMap((l) => l.unitIds.map((u) => `${l.row.id}:${u}`));
}

/** The expert cells of a scheme nobody (`raterId` when given) has scored yet. */
async function unscored(db: Db, s: { id: number; unit_ids: string }, raterId?: number): Promise<number> {
  const done = new Set((await repo.listScores(db, s.id, raterId)).filter((c) => c.kind === 'expert').map((c) => `${c.indicator_id}:${c.unit_id}`));
  return (await expertCells(db, s)).filter((c) => !done.has(c)).length;
}

/** Most urgent first: no deadline first, then by deadline, then by id. */
function byUrgency(a: OpenItem, b: OpenItem): number {
  if (a.deadline !== b.deadline) return a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1;
  return a.id - b.id;
}

/** The open 考核 items the actor may see, most urgent first. */
export async function openItems(db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const office = await loose.officeUnit(db, ASSESSMENT_OFFICE_CODE);
  const rows = (await loose.openSchemes(db, isAssessor(actor), limit)).filter((s) => assessmentPolicy.read(actor, s));
  const items: OpenItem[] = rows.map((s) => ({
    module: M,
    type: 'scheme',
    id: s.id,
    title: s.name,
    ownerUnitId: office?.id ?? null,
    ownerUserId: s.created_by,
    deadline: s.period_to || null,
    status: s.status,
    link: `/assessment/${s.id}`,
  }));
  for (const s of rows.filter((r) => r.status === 'published' && assessmentPolicy.scoreExpert(actor, r))) {
    const left = await unscored(db, s, actor.id);
    if (left > 0)
      items.push({
        module: M,
        type: 'expert_scoring',
        id: s.id,
        title: `专业评估评分：${s.name}（待评 ${left} 项）`,
        ownerUnitId: actor.unitId,
        ownerUserId: actor.id,
        deadline: s.period_to || null,
        status: 'scoring',
        link: `/assessment/${s.id}`,
      });
  }
  items.push(...(await appealOpenItems(db, actor, limit))); // 申诉 pending (appeal-workbench.ts)
  return items.sort(byUrgency).slice(0, limit);
}

/** What the checker finds in 考核督查 (ids and codes only). */
export async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  const office = await loose.officeUnit(db, ASSESSMENT_OFFICE_CODE);
  const raters = await loose.enabledRaters(db);
  for (const s of await loose.allOpenSchemes(db)) {
    if (office?.active !== 1) out.push({ module: M, type: 'scheme', id: s.id, problem: 'no_owner_unit' });
    if (s.creator_disabled !== 0) out.push({ module: M, type: 'scheme', id: s.id, problem: 'no_responsible_person' });
    if (!s.period_to) out.push({ module: M, type: 'scheme', id: s.id, problem: 'no_time_limit' });
    if (s.status === 'published' && raters === 0 && (await unscored(db, s)) > 0)
      out.push({ module: M, type: 'expert_scoring', id: s.id, problem: 'no_responsible_person' });
  }
  for (const s of await loose.closedWithoutResults(db)) out.push({ module: M, type: 'scheme', id: s.id, problem: 'no_outcome' });
  return out;
}

/** The registration of 考核督查 on the loose-ends board. */
export function looseEndsProvider(): LooseEndsProvider {
  return { open: (db, actor, opts) => openItems(db, actor, opts.limit), check };
}
