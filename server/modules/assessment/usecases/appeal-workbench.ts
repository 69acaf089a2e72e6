/** 申诉 pending a decision: on the decider's 工作台 and, as loose ends, on the office-wide board (the 督查室's, due within 5 working days). */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext, OpenItem, WorkbenchItem } from '../../../platform/module.js';
import { ASSESSMENT_OFFICE_CODE } from '../assessment.policy.js';
import { reviewPolicy } from '../assessment.review-policy.js';
import * as repo from '../assessment.repo.js';
import * as loose from '../repo/assessment.loose-ends.js';
import * as reviews from '../repo/assessment.reviews.js';

const MODULE_NAME = { zh: '考核督查', en: 'Assessment' };
const DECIDE_WITHIN_WORKING_DAYS = 5;
/** The board has no calendar: 5 working days are at most 7 calendar days (holidays aside). */
const DECIDE_WITHIN_DAYS_ON_BOARD = 7;

/** The pending appeals the actor decides (none for anyone else). */
async function decidable(db: Db, actor: Actor, limit: number) {
  const rows = await reviews.pendingAppeals(db, limit);
  return rows.filter((r) => reviewPolicy.decideAppeal(actor, { status: r.scheme_status }));
}

/** The decider's pending appeals for the 工作台, one item per appeal. */
export async function appealWorkbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const rows = await decidable(db, actor, 200);
  const units = await repo.unitNames(
    db,
    rows.map((r) => r.unit_id),
  );
  return rows.map((r) => {
    const deadline = ctx.calendar.addWorkingDays(chinaDate(new Date(r.created_at)), DECIDE_WITHIN_WORKING_DAYS);
    return {
      module: 'assessment',
      moduleName: MODULE_NAME,
      id: r.scheme_id,
      title: `考核申诉待裁决：${units.get(r.unit_id) ?? ''}（${r.scheme_name}）`,
      ownerUnit: units.get(r.unit_id) ?? '',
      deadline,
      light: ctx.calendar.light(deadline, now),
      status: '待裁决',
      link: `/assessment/${r.scheme_id}`,
    };
  });
}

/** The pending appeals as loose ends the actor answers for (the 督查室's deciders). */
export async function appealOpenItems(db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const office = await loose.officeUnit(db, ASSESSMENT_OFFICE_CODE);
  return (await decidable(db, actor, limit)).map((r) => ({
    module: 'assessment',
    type: 'appeal',
    id: r.id,
    title: `考核申诉：${r.scheme_name}`,
    ownerUnitId: office?.id ?? null,
    ownerUserId: null,
    deadline: chinaDate(new Date(new Date(r.created_at).getTime() + DECIDE_WITHIN_DAYS_ON_BOARD * 86_400_000)),
    status: 'pending',
    link: `/assessment/${r.scheme_id}`,
  }));
}
