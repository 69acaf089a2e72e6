/** The 政务工作论坛 reads: the topic list and one topic with its replies. */
import type { Actor } from '../../../platform/actor.js';
import { presentAbilities } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { listTopics as queryTopics, repliesOf } from '../repo/library.forum.js';
import { loadTopic } from './common.js';

/** Topics the actor is cleared for, pinned first. */
export async function listTopics(ctx: AppContext, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  const { total, rows } = await queryTopics(ctx.db, actor, q);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      level: r.level,
      status: r.status,
      pinned: r.pinned === 1,
      replies: r.replies,
      lastReplyAt: r.last_reply_at,
      createdAt: r.created_at,
      author: r.author,
      unit: r.unit,
    })),
  };
}

/** A topic with its replies (hidden replies are shown to moderators only) and the item it is tied to, if the actor sees its entry. */
export async function getTopic(ctx: AppContext, actor: Actor, id: number) {
  const t = await loadTopic(ctx.db, actor, id, 'library.topic_read');
  const mod = libraryPolicy.moderate(actor);
  const replies = await repliesOf(ctx.db, id, mod);
  const names = await repo.namesOf(ctx.db, [t.unit_id], [t.author_id, ...replies.map((r) => r.author_id)]);
  let item: { id: number; title: string } | null = null;
  if (t.item_id) {
    const i = await repo.findItem(ctx.db, t.item_id);
    if (i && libraryPolicy.readEntry(actor, await repo.factsOf(ctx.db, actor, i))) item = { id: i.id, title: i.title };
  }
  return {
    id: t.id,
    title: t.title,
    body: t.body,
    level: t.level,
    status: t.status,
    pinned: t.pinned === 1,
    author: names.users.get(t.author_id) ?? '',
    unit: names.units.get(t.unit_id) ?? '',
    createdAt: t.created_at,
    version: t.version,
    item,
    replies: replies.map((r) => ({ id: r.id, body: r.body, author: names.users.get(r.author_id) ?? '', createdAt: r.created_at, hidden: r.hidden === 1 })),
    actions: presentAbilities(actor, { reply: libraryPolicy.reply, moderate: libraryPolicy.moderate }, t),
  };
}
