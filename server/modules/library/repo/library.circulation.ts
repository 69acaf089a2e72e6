/** Queries of 传阅 (circulations of an item) and their read receipts. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { contentVisibleTo } from './library.visibility.js';

type H = Db | Trx;

/** Inserts a circulation (传阅中) and its recipients' unread receipts; returns its id. */
export async function insertCirculation(
  trx: Trx,
  c: { itemId: number; purpose: string; createdBy: number; unitId: number; dueDate: string | null; at: string },
  recipientIds: readonly number[],
): Promise<number> {
  const circ = await trx
    .insertInto('library_circulation')
    .values({
      item_id: c.itemId,
      purpose: c.purpose,
      created_by: c.createdBy,
      unit_id: c.unitId,
      due_date: c.dueDate,
      status: 'circulating',
      created_at: c.at,
      updated_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('library_circulation_recipient')
    .values(recipientIds.map((u) => ({ circulation_id: circ.id, user_id: u, read_at: null, reminded_at: null, reminders: 0 })))
    .execute();
  return circ.id;
}

/** Loads a circulation, or undefined. */
export async function findCirculation(db: H, id: number) {
  return db.selectFrom('library_circulation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The receipt of one recipient of a circulation, or undefined. */
export async function findReceipt(db: H, circulationId: number, userId: number) {
  return db
    .selectFrom('library_circulation_recipient')
    .selectAll()
    .where('circulation_id', '=', circulationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Signs one recipient's receipt. */
export async function signReceipt(trx: Trx, circulationId: number, userId: number, at: string): Promise<void> {
  await trx
    .updateTable('library_circulation_recipient')
    .set({ read_at: at })
    .where('circulation_id', '=', circulationId)
    .where('user_id', '=', userId)
    .execute();
}

/** The status of a circulation (it exists). */
export async function circulationStatus(db: H, id: number): Promise<string> {
  return (await db.selectFrom('library_circulation').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

/** Counts a reminder on every unread receipt of a circulation; returns the reminded user ids. */
export async function remindUnread(trx: Trx, circulationId: number, at: string): Promise<number[]> {
  const unread = await trx
    .selectFrom('library_circulation_recipient')
    .select('user_id')
    .where('circulation_id', '=', circulationId)
    .where('read_at', 'is', null)
    .execute();
  await trx
    .updateTable('library_circulation_recipient')
    .set((eb) => ({ reminded_at: at, reminders: eb('reminders', '+', 1) }))
    .where('circulation_id', '=', circulationId)
    .where('read_at', 'is', null)
    .execute();
  return unread.map((u) => u.user_id);
}

/** A page of the circulations the actor sent or received (content visible), newest first, with their receipts. */
export async function listCirculations(db: Db, actor: Actor, q: { box: 'sent' | 'received'; unread?: boolean; page: number; pageSize: number }) {
  let base = db
    .selectFrom('library_circulation as c')
    .innerJoin('library_item', 'library_item.id', 'c.item_id')
    .innerJoin('user as sender', 'sender.id', 'c.created_by')
    .where(contentVisibleTo(actor));
  if (q.box === 'sent') base = base.where('c.created_by', '=', actor.id);
  else
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('library_circulation_recipient as r')
          .select('r.user_id')
          .whereRef('r.circulation_id', '=', 'c.id')
          .where('r.user_id', '=', actor.id)
          .$if(q.unread === true, (qb) => qb.where('r.read_at', 'is', null)),
      ),
    );
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select([
      'c.id',
      'c.item_id',
      'library_item.title',
      'library_item.kind',
      'library_item.level',
      'c.purpose',
      'c.status',
      'c.due_date',
      'c.created_at',
      'sender.name as sender_name',
    ])
    .orderBy('c.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const recipients = ids.length ? await db.selectFrom('library_circulation_recipient').selectAll().where('circulation_id', 'in', ids).execute() : [];
  return { total, rows, recipients };
}

/** The actor's unread circulations of items whose content they may open, for the 工作台. */
export async function unreadCirculationsOf(db: Db, actor: Actor) {
  return db
    .selectFrom('library_circulation_recipient as r')
    .innerJoin('library_circulation as c', 'c.id', 'r.circulation_id')
    .innerJoin('library_item', 'library_item.id', 'c.item_id')
    .innerJoin('unit', 'unit.id', 'library_item.owner_unit_id')
    .select(['c.id', 'c.item_id', 'library_item.title', 'library_item.kind', 'c.due_date', 'unit.short_name'])
    .where('r.user_id', '=', actor.id)
    .where('r.read_at', 'is', null)
    .where(contentVisibleTo(actor))
    .orderBy('c.id', 'desc')
    .limit(100)
    .execute();
}
