/**
 * 件件有着落 of 信访 on the office-wide board:
 * - `case`: a case not closed. Its 责任单位 and 承办人 once transferred and accepted; before that the
 *   信访 office (the registrar's unit) and the registrar. Its time limit: 转办 — the 受理时限; after
 *   受理 — the 办理时限; a case not transferred (登记, or answered directly) — the 受理时限 counted from
 *   registration (the 15 days within which a registered case must be dealt with).
 * - `follow_up`: a closed case answered without 回访, the registrar's, due the 受理时限 after the answer.
 * The checker adds closed cases without an answer or an outcome (`no_outcome`).
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext, LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import type { PetitionsConfig } from '../petitions.repo.js';
import * as loose from '../repo/petitions.loose-ends.js';
import { config, dueDate, viewer } from './common.js';

/** Most urgent first: no deadline first, then by deadline, then by id. */
function byUrgency(a: OpenItem, b: OpenItem): number {
  if (a.deadline !== b.deadline) return a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1;
  return a.id - b.id;
}

/** The time limit of an open case (YYYY-MM-DD), or null when a stored limit is missing. */
function deadlineOf(ctx: AppContext, cfg: PetitionsConfig, r: loose.LooseCaseRow): string | null {
  if (r.status === 'transferred') return r.accept_due || null;
  if (r.accepted_at !== null) return r.handle_due || null;
  return dueDate(ctx, cfg, new Date(r.created_at), cfg.acceptDays);
}

const owner = (r: loose.LooseCaseRow) => ({
  unitId: r.unit_id ?? r.registrar_unit_id,
  unitActive: r.unit_id !== null ? r.case_unit_active : r.registrar_unit_active,
  userId: r.handler_id ?? r.registered_by,
  userDisabled: r.handler_id !== null ? r.handler_disabled : r.registrar_disabled,
});

function caseItem(ctx: AppContext, cfg: PetitionsConfig, r: loose.LooseCaseRow): OpenItem {
  const o = owner(r);
  return {
    module: 'petitions',
    type: 'case',
    id: r.id,
    title: `${r.number} ${r.subject}`,
    ownerUnitId: o.unitId,
    ownerUserId: o.userId,
    deadline: deadlineOf(ctx, cfg, r),
    status: r.status,
    link: `/petitions/${r.id}`,
  };
}

/** The open 信访 items the actor may read (the cases' read rule), most urgent first. */
export async function openItems(ctx: AppContext, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const { cfg } = await config(db);
  const v = viewer(actor, cfg);
  const rows = [...(await loose.openCasesWithLimit(db, v, limit)), ...(await loose.openCasesFromRegistration(db, v, limit))];
  const items = rows.map((r) => caseItem(ctx, cfg, r));
  for (const r of await loose.closedWithoutFollowUp(db, v, limit))
    items.push({
      module: 'petitions',
      type: 'follow_up',
      id: r.id,
      title: `回访：${r.number} ${r.subject}`,
      ownerUnitId: r.registrar_unit_id,
      ownerUserId: r.registered_by,
      deadline: dueDate(ctx, cfg, new Date(r.answered_at!), cfg.acceptDays),
      status: 'follow_up_due',
      link: `/petitions/${r.id}`,
    });
  return items.sort(byUrgency).slice(0, limit);
}

/** What the checker finds in 信访 (ids, numbers and codes only). */
export async function check(ctx: AppContext, db: Db): Promise<LooseEnd[]> {
  const { cfg } = await config(db);
  const out: LooseEnd[] = [];
  const push = (type: string, r: loose.LooseCaseRow, problem: LooseEnd['problem']) =>
    out.push({ module: 'petitions', type, id: r.id, number: r.number, problem });
  for (const r of await loose.casesToCheck(db)) {
    if (r.status === 'closed') {
      push('case', r, 'no_outcome');
      continue;
    }
    const o = owner(r);
    if (o.unitActive !== 1) push('case', r, 'no_owner_unit');
    if (o.userDisabled !== 0) push('case', r, 'no_responsible_person');
    if (deadlineOf(ctx, cfg, r) === null) push('case', r, 'no_time_limit');
  }
  for (const r of await loose.followUpsToCheck(db)) {
    if (r.registrar_unit_active !== 1) push('follow_up', r, 'no_owner_unit');
    if (r.registrar_disabled !== 0) push('follow_up', r, 'no_responsible_person');
  }
  return out;
}

/** The registration of 信访 on the loose-ends board. */
export function looseEndsProvider(ctx: AppContext): LooseEndsProvider {
  return { open: (db, actor, opts) => openItems(ctx, db, actor, opts.limit), check: (db) => check(ctx, db) };
}
