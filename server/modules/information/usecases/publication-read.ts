/** Distribution of a published issue: 已阅 (read receipts) and who read when (信息处); the 工作台 rows of 刊物. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { hasRole } from '../../../platform/actor.js';
import { isInfoDesk } from '../information.policy.js';
import { ISSUE_STATES, publicationsPolicy } from '../information.publications.policy.js';
import { insertReceipt, listIssues, pendingSignatures, receiptsOf } from '../repo/information.publications.js';
import { issueLabel, loadReadableIssue } from './publication-common.js';

/** Records that the actor read a published issue (the first read is audited). */
export async function markIssueRead(ctx: AppContext, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const issue = await loadReadableIssue(trx, actor, id, 'information.issue_read_receipt');
    authorize(actor, publicationsPolicy.markRead, issue, { action: 'information.issue_read_receipt', targetType: 'info_pub_issue', targetId: id });
    const at = iso(ctx.clock.now());
    const first = await insertReceipt(trx, id, actor.id, at);
    if (first) await ctx.audit.append(trx, { actor, action: 'information.issue_read_receipt', targetType: 'info_pub_issue', targetId: id });
    const mine = (await receiptsOf(trx, id)).find((r) => r.user_id === actor.id);
    return { readAt: mine?.read_at ?? at, first };
  });
}

/** Who read the issue and when (信息处). */
export async function issueReceipts(ctx: AppContext, actor: Actor, id: number) {
  const issue = await loadReadableIssue(ctx.db, actor, id, 'information.issue_receipts');
  authorize(actor, publicationsPolicy.viewReceipts, issue, { action: 'information.issue_receipts', targetType: 'info_pub_issue', targetId: id });
  return { readers: (await receiptsOf(ctx.db, id)).map((r) => ({ userId: r.user_id, name: r.name, unitName: r.unit_name, readAt: r.read_at })) };
}

const MODULE_NAME = { zh: '信息刊物', en: 'Publications' };

/** The 工作台 rows: issues to sign (信息处's division head, the director), unread issues (readers). */
export async function publicationWorkbench(ctx: AppContext, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const out: WorkbenchItem[] = [];
  const sign = async (status: 'submitted' | 'head_signed', since: 'submitted_at' | 'head_signed_at') => {
    for (const r of await pendingSignatures(db, actor, status)) {
      const deadline = ctx.calendar.addWorkingDays(chinaDate(new Date(r[since] ?? r.submitted_at ?? iso(now))), 1);
      out.push({
        module: 'information',
        moduleName: MODULE_NAME,
        id: r.id,
        title: `待签：${issueLabel(r.publication_name, null, null)}`,
        ownerUnit: '信息处',
        deadline,
        light: ctx.calendar.light(deadline, now),
        status: ISSUE_STATES[status].zh,
        link: `/information/issues/${r.id}`,
      });
    }
  };
  if (isInfoDesk(actor) && hasRole(actor, 'division_head')) await sign('submitted', 'submitted_at');
  if (hasRole(actor, 'director')) await sign('head_signed', 'head_signed_at');
  if (!isInfoDesk(actor))
    for (const r of await listIssues(db, actor, { unread: true }, 20))
      out.push({
        module: 'information',
        moduleName: MODULE_NAME,
        id: r.id,
        title: `待阅：${issueLabel(r.publication_name, r.year, r.number)}`,
        ownerUnit: '信息处',
        deadline: null,
        light: 'none',
        status: ISSUE_STATES.published.zh,
        link: `/information/issues/${r.id}`,
      });
  return out;
}
