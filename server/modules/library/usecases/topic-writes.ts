/** 政务工作论坛 writes: open a topic, reply, moderate (pin, close, reopen, hide; hide or show a reply). */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { libraryPolicy } from '../library.policy.js';
import { insertReply, insertTopic, replyOfTopic, setReplyHidden, updateTopic } from '../repo/library.forum.js';
import { checkLevel, loadEntry, loadTopic, reindexTopic } from './common.js';

/** Opens a topic on a key or hard question, optionally tied to a library item the actor sees. */
export async function createTopic(
  ctx: AppContext,
  actor: Actor,
  input: { title: string; body: string; level: number; itemId?: number | null },
): Promise<{ id: number }> {
  authorize(actor, libraryPolicy.createTopic, null, { action: 'library.topic_create', targetType: 'library_topic' });
  return ctx.db.transaction().execute(async (trx) => {
    await checkLevel(ctx, trx, actor, input.level);
    if (input.itemId) await loadEntry(trx, actor, input.itemId, 'library.read');
    const id = await insertTopic(trx, {
      title: input.title,
      body: input.body,
      level: input.level,
      itemId: input.itemId ?? null,
      authorId: actor.id,
      unitId: actor.unitId,
      at: iso(ctx.clock.now()),
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'library.topic_create',
      targetType: 'library_topic',
      targetId: id,
      detail: { level: input.level, itemId: input.itemId ?? null },
    });
    await reindexTopic(ctx, trx, id);
    return { id };
  });
}

/** Replies to an open topic; its author is notified. */
export async function reply(ctx: AppContext, actor: Actor, topicId: number, input: { body: string }): Promise<{ id: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadTopic(trx, actor, topicId, 'library.reply');
    if (t.status !== 'open') throw new RuleError('library.topic_closed');
    const id = await insertReply(trx, { topicId, body: input.body, authorId: actor.id, at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, { actor, action: 'library.reply', targetType: 'library_topic', targetId: topicId, detail: { replyId: id } });
    await reindexTopic(ctx, trx, topicId);
    if (t.author_id !== actor.id)
      await ctx.notifier.send(trx, [t.author_id], {
        kind: 'library.reply',
        title: `论坛回复：${t.title}`,
        body: `${actor.name} 回复了您的话题`,
        link: `/library/forum/${topicId}`,
        level: t.level,
      });
    return { id };
  });
}

/** A moderation action of the forum. */
export type ModerateAction = 'pin' | 'unpin' | 'close' | 'reopen' | 'hide' | 'hide_reply' | 'show_reply';

/** What a moderation action writes on the topic. */
function topicSet(action: ModerateAction): Record<string, unknown> {
  if (action === 'pin' || action === 'unpin') return { pinned: action === 'pin' ? 1 : 0 };
  if (action === 'close') return { status: 'closed' };
  if (action === 'reopen') return { status: 'open' };
  if (action === 'hide') return { status: 'hidden' };
  return {};
}

/** Moderation by the office (optimistic lock on the topic's `version`), audited as `library.moderate_<action>`. */
export async function moderate(
  ctx: AppContext,
  actor: Actor,
  topicId: number,
  input: { version: number; action: ModerateAction; replyId?: number },
): Promise<{ version: number }> {
  authorize(actor, libraryPolicy.moderate, null, { action: `library.moderate_${input.action}`, targetType: 'library_topic', targetId: topicId });
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadTopic(trx, actor, topicId, 'library.moderate');
    assertVersion(t, input.version);
    if (input.action === 'hide_reply' || input.action === 'show_reply') {
      if (!input.replyId || !(await replyOfTopic(trx, topicId, input.replyId))) throw new NotFoundError();
      await setReplyHidden(trx, input.replyId, input.action === 'hide_reply');
    }
    const version = await updateTopic(trx, t, topicSet(input.action), iso(ctx.clock.now()));
    await ctx.audit.append(trx, {
      actor,
      action: `library.moderate_${input.action}`,
      targetType: 'library_topic',
      targetId: topicId,
      detail: input.replyId ? { replyId: input.replyId } : null,
    });
    if (input.action === 'hide') await ctx.search.remove(trx, 'library_topic', topicId);
    else await reindexTopic(ctx, trx, topicId);
    return { version };
  });
}
