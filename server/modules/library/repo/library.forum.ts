/** Queries of the 政务工作论坛: topics and replies. */
import { sql } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { updateVersioned } from '../../../platform/versioned.js';
import { like } from './library.items.js';
import { topicVisibleTo } from './library.visibility.js';

type H = Db | Trx;

/** A page of the topics the actor is cleared for (hidden ones left out), pinned first, then by last activity. */
export async function listTopics(db: Db, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  let base = db
    .selectFrom('library_topic')
    .innerJoin('user', 'user.id', 'library_topic.author_id')
    .innerJoin('unit', 'unit.id', 'library_topic.unit_id')
    .where(topicVisibleTo(actor))
    .where('library_topic.status', '<>', 'hidden');
  if (q.q) base = base.where('library_topic.title', 'like', like(q.q));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select([
      'library_topic.id',
      'library_topic.title',
      'library_topic.level',
      'library_topic.status',
      'library_topic.pinned',
      'library_topic.replies',
      'library_topic.last_reply_at',
      'library_topic.created_at',
      'user.name as author',
      'unit.short_name as unit',
    ])
    .orderBy('library_topic.pinned', 'desc')
    .orderBy(sql`COALESCE(library_topic.last_reply_at, library_topic.created_at)`, 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Inserts an open topic; returns its id. */
export async function insertTopic(
  trx: Trx,
  t: { title: string; body: string; level: number; itemId: number | null; authorId: number; unitId: number; at: string },
): Promise<number> {
  const row = await trx
    .insertInto('library_topic')
    .values({
      title: t.title,
      body: t.body,
      level: t.level,
      item_id: t.itemId,
      author_id: t.authorId,
      unit_id: t.unitId,
      status: 'open',
      pinned: 0,
      replies: 0,
      last_reply_at: null,
      created_at: t.at,
      updated_at: t.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Loads a topic, or undefined. */
export async function findTopic(db: H, id: number) {
  return db.selectFrom('library_topic').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The replies of a topic in order; hidden ones only when `withHidden`. */
export async function repliesOf(db: H, topicId: number, withHidden: boolean) {
  return db
    .selectFrom('library_reply')
    .selectAll()
    .where('topic_id', '=', topicId)
    .$if(!withHidden, (qb) => qb.where('hidden', '=', 0))
    .orderBy('id')
    .execute();
}

/** Inserts a reply and counts it on its topic (last reply now); returns its id. */
export async function insertReply(trx: Trx, r: { topicId: number; body: string; authorId: number; at: string }): Promise<number> {
  const row = await trx
    .insertInto('library_reply')
    .values({ topic_id: r.topicId, body: r.body, author_id: r.authorId, hidden: 0, created_at: r.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('library_topic')
    .set((eb) => ({ replies: eb('replies', '+', 1), last_reply_at: r.at }))
    .where('id', '=', r.topicId)
    .execute();
  return row.id;
}

/** Whether a reply belongs to the topic. */
export async function replyOfTopic(db: H, topicId: number, replyId: number): Promise<boolean> {
  const r = await db.selectFrom('library_reply').select('id').where('id', '=', replyId).where('topic_id', '=', topicId).executeTakeFirst();
  return r !== undefined;
}

/** Hides or shows a reply. */
export async function setReplyHidden(trx: Trx, replyId: number, hidden: boolean): Promise<void> {
  await trx
    .updateTable('library_reply')
    .set({ hidden: hidden ? 1 : 0 })
    .where('id', '=', replyId)
    .execute();
}

/** Writes `set` to a topic still at its version (409 otherwise); returns the new version. */
export async function updateTopic(trx: Trx, topic: { id: number; version: number }, set: Record<string, unknown>, at: string): Promise<number> {
  return updateVersioned(trx, 'library_topic', topic, { ...set, updated_at: at });
}
