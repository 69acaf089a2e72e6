/** Reading topics: one topic with its gates and attachments, and the topic pool (议题库) with counts per layer. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { presentTopics } from '../meetings.presenter.js';
import * as repo from '../meetings.repo.js';
import { config, listedTopicFacts, loadTopic, viewer, type H } from './common.js';

/** One topic with its gates, attachments and the actor's allowed actions. */
export async function getTopic(ctx: AppContext, actor: Actor, id: number, db: H = ctx.db) {
  const { cfg } = await config(db);
  const t = await loadTopic(db, actor, cfg, id, 'meetings.topic_read');
  const [view] = await presentTopics(db, actor, cfg, [t], { full: true });
  return { ...view!, attachments: await ctx.files.listFor(db, 'meeting_topic', id) };
}

/** The topic pool (议题库): visible topics of one layer, with gate status at a glance, and counts per layer. */
export async function listTopics(ctx: AppContext, actor: Actor, q: { layer?: string; kind?: string; q?: string; page: number; pageSize: number }) {
  const db = ctx.db;
  const { cfg } = await config(db);
  const w = viewer(actor, cfg);
  const { total, rows } = await repo.listTopics(db, w, q);
  const concerned = await repo.concernedUnits(
    db,
    rows.map((r) => r.id),
  );
  // the SQL filter already decided visibility; the facts here only drive the allowed actions
  const topics = rows.map((row) => ({ row, facts: listedTopicFacts(cfg, row, concerned.get(row.id) ?? [], []) }));
  return { total, counts: await repo.countTopicsByLayer(db, w), items: await presentTopics(db, actor, cfg, topics) };
}
