/** Every query of the system module (holidays, the audit browser, the inbox, attachments); each takes the db or transaction handle explicitly. */
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/client.js';

type H = Db | Trx;

/** One trivial query: the database answers. */
export async function ping(db: H): Promise<void> {
  await db.selectFrom('unit').select('id').limit(1).execute();
}

/** The explicit days (holidays and 调休 workdays) of a year, by date. */
export async function holidayRows(db: H, year: number) {
  return db
    .selectFrom('holiday')
    .select(['date', 'workday', 'name'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

/** Replaces the explicit days of a year. */
export async function replaceHolidays(trx: Trx, year: number, days: readonly { date: string; workday: boolean; name: string }[]): Promise<void> {
  await trx.deleteFrom('holiday').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  for (const d of days)
    await trx
      .insertInto('holiday')
      .values({ date: d.date, workday: d.workday ? 1 : 0, name: d.name })
      .execute();
}

/** What the audit browser filters on. */
export interface AuditFilter {
  page: number;
  pageSize: number;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
  targetType?: string;
  targetId?: string;
}

/**
 * A page of the audit trail, newest first, with the total. `actor` matches the actor's display name
 * recorded in the entry, or the current username or name of the user.
 */
export async function auditPage(db: H, q: AuditFilter) {
  let base = db.selectFrom('audit_event');
  const who = q.actor?.trim();
  if (who) {
    const like = `%${who.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const users = db
      .selectFrom('user')
      .select('id')
      .where((eb) => eb.or([eb('username', '=', who.toLowerCase()), sql<boolean>`${eb.ref('name')} like ${like} escape '\\'`]));
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('actor_name')} like ${like} escape '\\'`, eb('actor_id', 'in', users)]));
  }
  if (q.action) base = base.where('action', 'like', `${q.action}%`);
  if (q.outcome) base = base.where('outcome', '=', q.outcome);
  if (q.from) base = base.where('at', '>=', q.from);
  if (q.to) base = base.where('at', '<=', q.to);
  if (q.targetType) base = base.where('target_type', '=', q.targetType);
  if (q.targetId) base = base.where('target_id', '=', q.targetId);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Usernames and names of these users. */
export async function usersByIds(db: H, ids: readonly number[]) {
  return ids.length ? db.selectFrom('user').select(['id', 'username', 'name']).where('id', 'in', ids).execute() : [];
}

/** Names of these units. */
export async function unitsByIds(db: H, ids: readonly number[]) {
  return ids.length ? db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute() : [];
}

/** Whose inbox: the messages of `userId` at or below `clearance`; with `accountOnly`, only the account notices (`org.*`). */
export interface InboxOf {
  userId: number;
  clearance: number;
  accountOnly: boolean;
}

function inbox(db: H, who: InboxOf) {
  const base = db.selectFrom('notification').where('user_id', '=', who.userId).where('level', '<=', who.clearance);
  return who.accountOnly ? base.where('kind', 'like', 'org.%') : base;
}

/** The number of unread messages of an inbox. */
export async function unreadCount(db: H, who: InboxOf): Promise<number> {
  return Number(
    (
      await inbox(db, who)
        .where('read_at', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** A page of an inbox (only the unread ones with `unread`), newest first, with the total. */
export async function inboxPage(db: H, who: InboxOf, q: { page: number; pageSize: number; unread: boolean }) {
  let base = inbox(db, who);
  if (q.unread) base = base.where('read_at', 'is', null);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Marks one unread message of a user (or all, with id null) read; returns how many. */
export async function markNotificationsRead(db: H, userId: number, id: number | null, at: string): Promise<number> {
  let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id !== null) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Whether a message is the user's. */
export async function ownsNotification(db: H, userId: number, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst());
}

/** One attachment's row, or undefined. */
export async function findAttachment(db: H, id: number) {
  return db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The office directors (办公厅主任, role director) whose accounts are active: they receive the daily 件件有着落 count. */
export async function activeDirectorIds(db: H): Promise<number[]> {
  const rows = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .distinct()
    .where('user_role.role', '=', 'director')
    .where('user.disabled', '=', 0)
    .orderBy('user.id')
    .execute();
  return rows.map((r) => r.id);
}
