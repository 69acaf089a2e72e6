/**
 * 保密档案 on the office-wide 件件有着落 board: open 借阅 requests (owner: the 档案处, due: the requested
 * return date), loans past their return date (owner: the borrower, due: the return date), and secrecy
 * reviews waiting for the 机要保密处 (due: the day the 保密期限 ended).
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { isBusinessUser } from '../../platform/actor.js';
import { chinaDate } from '../../platform/clock.js';
import type { AppContext, LooseEnd, LooseEndsProvider, OpenItem } from '../../platform/module.js';
import { isArchivist, isSecrecyOfficer } from './archives.policy.js';
import * as repo from './archives.repo.js';
import { openLoans, pendingReviews } from './repo/archives.loose-ends.js';

/** The provider of the archives module. */
export function archivesLooseEnds(ctx: AppContext): LooseEndsProvider {
  const today = () => chinaDate(ctx.clock.now());
  return {
    async open(db: Db, actor: Actor, { limit }): Promise<OpenItem[]> {
      if (!isBusinessUser(actor)) return [];
      const scope = await repo.scopeOf(db, actor);
      const archivist = isArchivist(actor, scope);
      const loans = await openLoans(db, { borrowerId: actor.id, maxLevel: actor.clearance, all: archivist }, today(), limit);
      const reviews = isSecrecyOfficer(actor, scope) ? await pendingReviews(db, actor.clearance, limit) : [];
      const items: OpenItem[] = [
        ...loans.map((l) => ({
          module: 'archives',
          type: 'archive_loan',
          id: l.id,
          title: `${l.status === 'requested' ? '借阅申请' : '借阅逾期未还'}：${l.archive_no} ${l.title}`,
          ownerUnitId: l.status === 'requested' ? scope.archivesUnitId : l.borrower_unit_id,
          ownerUserId: l.status === 'requested' ? null : l.borrower_id,
          deadline: l.return_due,
          status: l.status === 'requested' ? 'requested' : 'overdue',
          link: `/archives/${l.record_id}`,
        })),
        ...reviews.map((r) => ({
          module: 'archives',
          type: 'archive_review',
          id: r.id,
          title: `解密/延期审查：${r.archive_no} ${r.title}`,
          ownerUnitId: scope.secrecyUnitId,
          ownerUserId: null,
          deadline: r.due_date,
          status: 'pending',
          link: '/archives/reviews',
        })),
      ];
      return items.sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.id - b.id).slice(0, limit);
    },
    async check(db: Db): Promise<LooseEnd[]> {
      const out: LooseEnd[] = [];
      const scope = await repo.officeUnits(db);
      for (const l of await openLoans(db, null, today(), 100_000)) {
        if (l.status === 'requested' && scope.archivesUnitId === null)
          out.push({ module: 'archives', type: 'archive_loan', id: l.id, number: l.archive_no, problem: 'no_owner_unit' });
        if (l.status === 'approved' && (l.user_disabled === null || l.user_disabled === 1))
          out.push({ module: 'archives', type: 'archive_loan', id: l.id, number: l.archive_no, problem: 'no_responsible_person' });
        if (l.status === 'approved' && (l.unit_active === null || l.unit_active === 0))
          out.push({ module: 'archives', type: 'archive_loan', id: l.id, number: l.archive_no, problem: 'no_owner_unit' });
      }
      if (scope.secrecyUnitId === null)
        for (const r of await pendingReviews(db, null, 100_000))
          out.push({ module: 'archives', type: 'archive_review', id: r.id, number: r.archive_no, problem: 'no_owner_unit' });
      return out;
    },
  };
}
