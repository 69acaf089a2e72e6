/** 件件有着落 queries of 保密档案: open loan requests, loans past their return date, pending secrecy reviews. */
import type { Db } from '../../../db/client.js';

/** Open loans (requested, or approved and past `today`'s return date) — all of them when `actor` is null. */
export function openLoans(db: Db, filter: { borrowerId?: number; maxLevel?: number; all: boolean } | null, today: string, limit: number) {
  let q = db
    .selectFrom('archive_loan')
    .innerJoin('archive_record', 'archive_record.id', 'archive_loan.record_id')
    .leftJoin('user', 'user.id', 'archive_loan.borrower_id')
    .leftJoin('unit', 'unit.id', 'archive_loan.borrower_unit_id')
    .select([
      'archive_loan.id',
      'archive_loan.status',
      'archive_loan.return_due',
      'archive_loan.borrower_id',
      'archive_loan.borrower_unit_id',
      'archive_record.archive_no',
      'archive_record.title',
      'archive_record.id as record_id',
      'user.disabled as user_disabled',
      'unit.active as unit_active',
    ])
    .where((eb) =>
      eb.or([eb('archive_loan.status', '=', 'requested'), eb.and([eb('archive_loan.status', '=', 'approved'), eb('archive_loan.return_due', '<', today)])]),
    );
  if (filter && !filter.all) q = q.where('archive_loan.borrower_id', '=', filter.borrowerId ?? 0);
  if (filter?.maxLevel !== undefined) q = q.where('archive_record.level', '<=', filter.maxLevel);
  return q.orderBy('archive_loan.return_due').orderBy('archive_loan.id').limit(limit).execute();
}

/** Pending secrecy reviews (up to `maxLevel` when given). */
export function pendingReviews(db: Db, maxLevel: number | null, limit: number) {
  let q = db
    .selectFrom('archive_review')
    .innerJoin('archive_record', 'archive_record.id', 'archive_review.record_id')
    .select(['archive_review.id', 'archive_review.due_date', 'archive_record.archive_no', 'archive_record.title', 'archive_record.id as record_id'])
    .where('archive_review.status', '=', 'pending');
  if (maxLevel !== null) q = q.where('archive_record.level', '<=', maxLevel);
  return q.orderBy('archive_review.due_date').orderBy('archive_review.id').limit(limit).execute();
}
