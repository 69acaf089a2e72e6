/** Every query of 保密档案 on records, loans and reviews (the loose-ends queries are in `repo/archives.loose-ends.ts`). */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { isBusinessUser } from '../../platform/actor.js';
import * as names from '../../platform/names.js';
import type { ArchiveScope } from './archives.policy.js';
import type { ArchiveLoanTable, ArchiveRecordTable, ArchiveReviewTable } from './repo/archives.tables.js';

export type H = Db | Trx;
export type RecordRow = Selectable<ArchiveRecordTable>;
export type LoanRow = Selectable<ArchiveLoanTable>;
export type ReviewRow = Selectable<ArchiveReviewTable>;

/** Unit kinds of the office itself (its divisions browse the 案卷目录). */
const OFFICE_KINDS = ['office', 'division', 'committee'];

/** The active 档案处 and 机要保密处 units (null when absent or inactive). */
export async function officeUnits(db: H): Promise<{ archivesUnitId: number | null; secrecyUnitId: number | null }> {
  const rows = await db.selectFrom('unit').select(['id', 'code']).where('code', 'in', ['archives', 'confidential']).where('active', '=', 1).execute();
  const byCode = (code: string) => rows.find((r) => r.code === code)?.id ?? null;
  return { archivesUnitId: byCode('archives'), secrecyUnitId: byCode('confidential') };
}

/** The 档案处 and 机要保密处 unit ids, and whether the actor's unit is part of the office. */
export async function scopeOf(db: H, actor: Actor): Promise<ArchiveScope> {
  const own = await db.selectFrom('unit').select('kind').where('id', '=', actor.unitId).executeTakeFirst();
  return { ...(await officeUnits(db)), inOffice: !!own && OFFICE_KINDS.includes(own.kind) };
}

/** A record by id. */
export function findRecord(db: H, id: number): Promise<RecordRow | undefined> {
  return db.selectFrom('archive_record').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The record of a source item, if archived. */
export function findRecordBySource(db: H, sourceType: string, sourceId: number): Promise<RecordRow | undefined> {
  return db.selectFrom('archive_record').selectAll().where('source_type', '=', sourceType).where('source_id', '=', sourceId).executeTakeFirst();
}

/** Source ids of `sourceType` already archived, among `ids`. */
export async function archivedSourceIds(db: H, sourceType: string, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('archive_record').select('source_id').where('source_type', '=', sourceType).where('source_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.source_id));
}

/** Inserts a record; returns its id. */
export async function insertRecord(trx: Trx, values: Insertable<ArchiveRecordTable>): Promise<number> {
  const row = await trx.insertInto('archive_record').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Links the bundle attachment (the record was just inserted in `trx`). */
export async function setAttachment(trx: Trx, id: number, attachmentId: number): Promise<void> {
  await trx.updateTable('archive_record').set({ attachment_id: attachmentId }).where('id', '=', id).execute();
}

/** The SQL form of `recordActions.browse` (and of `read` for the owner, 档案处, 机要保密处 and active borrowers). */
export function browsable(actor: Actor, scope: ArchiveScope, today: string, readOnly = false) {
  if (!isBusinessUser(actor)) return sql<boolean>`1 = 0`;
  const staff =
    (scope.archivesUnitId !== null && actor.unitId === scope.archivesUnitId) || (scope.secrecyUnitId !== null && actor.unitId === scope.secrecyUnitId);
  const all = staff || (!readOnly && scope.inOffice);
  return sql<boolean>`(archive_record.level <= ${actor.clearance} AND (${all ? sql`1 = 1` : sql`1 = 0`} OR archive_record.owner_unit_id = ${actor.unitId} OR ${onLoanSql(actor, today)}))`;
}

function onLoanSql(actor: Actor, today: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM archive_loan al WHERE al.record_id = archive_record.id AND al.borrower_id = ${actor.id} AND al.status = 'approved' AND al.return_due >= ${today})`;
}

/** Filters of the catalogue. */
export interface RecordFilter {
  q?: string;
  module?: string;
  year?: number;
  page: number;
  pageSize: number;
}

/** One page of the 案卷目录 the actor may browse, newest first. */
export async function listRecords(db: H, actor: Actor, scope: ArchiveScope, today: string, f: RecordFilter) {
  let q = db.selectFrom('archive_record').where(browsable(actor, scope, today));
  if (f.q) q = q.where((eb) => eb.or([eb('title', 'like', `%${f.q}%`), eb('archive_no', 'like', `%${f.q}%`)]));
  if (f.module) q = q.where('source_module', '=', f.module);
  if (f.year) q = q.where('year', '=', f.year);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll()
    .orderBy('archived_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}

/** Every record the actor may browse, by 档号 (the catalogue export). */
export function catalogueRows(db: H, actor: Actor, scope: ArchiveScope, today: string, year?: number) {
  let q = db
    .selectFrom('archive_record')
    .selectAll()
    .where(browsable(actor, scope, today));
  if (year) q = q.where('year', '=', year);
  return q.orderBy('year').orderBy('archive_no').limit(50_000).execute();
}

/** The actor's loans of `recordIds` that are open (requested, or approved and not past the return date). */
export async function openLoansOf(db: H, actorId: number, recordIds: number[], today: string): Promise<LoanRow[]> {
  if (!recordIds.length) return [];
  return db
    .selectFrom('archive_loan')
    .selectAll()
    .where('borrower_id', '=', actorId)
    .where('record_id', 'in', recordIds)
    .where((eb) => eb.or([eb('status', '=', 'requested'), eb.and([eb('status', '=', 'approved'), eb('return_due', '>=', today)])]))
    .execute();
}

/** Loans of a record (the 档案处's view of its history). */
export function loansOfRecord(db: H, recordId: number) {
  return db.selectFrom('archive_loan').selectAll().where('record_id', '=', recordId).orderBy('id', 'desc').execute();
}

/** Inserts a loan request; returns its id. */
export async function insertLoan(trx: Trx, values: Insertable<ArchiveLoanTable>): Promise<number> {
  const row = await trx.insertInto('archive_loan').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A loan with its record's level and title. */
export function findLoan(db: H, id: number) {
  return db
    .selectFrom('archive_loan')
    .innerJoin('archive_record', 'archive_record.id', 'archive_loan.record_id')
    .selectAll('archive_loan')
    .select(['archive_record.level', 'archive_record.title', 'archive_record.archive_no'])
    .where('archive_loan.id', '=', id)
    .executeTakeFirst();
}

/** Loans: all (up to the actor's clearance) for the 档案处, else the actor's own; open ones first. */
export function listLoans(db: H, actor: Actor, all: boolean, status?: string) {
  let q = db
    .selectFrom('archive_loan')
    .innerJoin('archive_record', 'archive_record.id', 'archive_loan.record_id')
    .selectAll('archive_loan')
    .select(['archive_record.level', 'archive_record.title', 'archive_record.archive_no']);
  q = all ? q.where('archive_record.level', '<=', actor.clearance) : q.where('archive_loan.borrower_id', '=', actor.id);
  if (status) q = q.where('archive_loan.status', '=', status);
  return q.orderBy('archive_loan.id', 'desc').limit(500).execute();
}

/** Inserts a review (the 保密期限 of a record ended); returns its id. */
export async function insertReview(trx: Trx, values: Insertable<ArchiveReviewTable>): Promise<number> {
  const row = await trx.insertInto('archive_review').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The pending review of a record, if any. */
export function pendingReview(db: H, recordId: number) {
  return db.selectFrom('archive_review').selectAll().where('record_id', '=', recordId).where('status', '=', 'pending').executeTakeFirst();
}

/** A review with its record. */
export function findReview(db: H, id: number) {
  return db
    .selectFrom('archive_review')
    .innerJoin('archive_record', 'archive_record.id', 'archive_review.record_id')
    .selectAll('archive_review')
    .select(['archive_record.level', 'archive_record.title', 'archive_record.archive_no', 'archive_record.secrecy_until'])
    .where('archive_review.id', '=', id)
    .executeTakeFirst();
}

/** Reviews up to the actor's clearance (pending first, then the decided ones, newest first). */
export function listReviews(db: H, actor: Actor, status?: string) {
  let q = db
    .selectFrom('archive_review')
    .innerJoin('archive_record', 'archive_record.id', 'archive_review.record_id')
    .selectAll('archive_review')
    .select(['archive_record.level', 'archive_record.title', 'archive_record.archive_no', 'archive_record.secrecy_until'])
    .where('archive_record.level', '<=', actor.clearance);
  if (status) q = q.where('archive_review.status', '=', status);
  return q.orderBy('archive_review.status', 'desc').orderBy('archive_review.due_date').orderBy('archive_review.id', 'desc').limit(500).execute();
}

/** Reviews of one record. */
export function reviewsOfRecord(db: H, recordId: number) {
  return db.selectFrom('archive_review').selectAll().where('record_id', '=', recordId).orderBy('id', 'desc').execute();
}

/** Active users of a unit holding one of `roles` (notification recipients). */
export const usersOfUnit = (db: H, unitId: number | null, roles: readonly string[]): Promise<number[]> =>
  unitId === null ? Promise.resolve([]) : names.roleHolders(db, [unitId], roles);

/** A user's current clearance (null when disabled or unknown). */
export async function clearanceOf(db: H, userId: number): Promise<number | null> {
  const row = await db.selectFrom('user').select(['clearance', 'disabled']).where('id', '=', userId).executeTakeFirst();
  return row && !row.disabled ? row.clearance : null;
}

export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'short');
export const userNames = names.userNames;
