/** The item page: its fields, the original and every edit, merge sources and 续报 chain, 批示 with their 督办 progress, and the actor's actions. */
import type { Actor } from '../../../platform/actor.js';
import { presentActions } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { itemAbilities } from '../information.policy.js';
import { presentRelated, presentSummary } from '../information.presenter.js';
import { instructionsOf, relatedItems, revisionsOf, unitNames, userName } from '../information.repo.js';
import { inkedInstructions } from '../repo/information.requests.js';
import { loadReadable } from './common.js';

/** The detail of an item (404 unless readable). */
export async function itemDetail(ctx: AppContext, actor: Actor, id: number) {
  const db = ctx.db;
  const item = await loadReadable(db, actor, id);
  const [revisions, related, instructions, units, reporter, editor] = await Promise.all([
    revisionsOf(db, id),
    relatedItems(db, actor, item),
    instructionsOf(db, id),
    unitNames(db, [item.unit_id]),
    userName(db, item.reporter_id),
    item.editor_id ? userName(db, item.editor_id) : Promise.resolve(null),
  ]);
  const inked = await inkedInstructions(
    db,
    instructions.map((i) => i.id),
  );
  const sup = ctx.services.supervision;
  const progress = sup && instructions.some((i) => i.supervision_item_id) ? await sup.progressBySource(db, actor, 'information_item', [id]) : {};
  const supervisionOf = (supId: number | null) => (supId ? ((progress[id] ?? []).find((p) => p.itemId === supId) ?? null) : null);
  return {
    item: {
      ...presentSummary({ ...item, unit_name: units.get(item.unit_id) ?? '', reporter_name: reporter ?? '' }),
      body: item.body,
      eventId: item.event_id,
      returnReason: item.return_reason,
      editorName: editor,
      adoptedAt: item.adopted_at,
    },
    revisions: revisions.map((r) => ({ seq: r.seq, title: r.title, body: r.body, note: r.note, editorName: r.editor_name, editedAt: r.edited_at })),
    sources: related.sources.map(presentRelated),
    chain: related.chain.map(presentRelated),
    instructions: instructions.map((i) => ({
      id: i.id,
      leaderId: i.leader_id,
      leaderName: i.leader_name,
      text: i.text,
      handwriting: inked.has(i.id),
      createdAt: i.created_at,
      version: i.version,
      supervisionItemId: i.supervision_item_id,
      supervision: supervisionOf(i.supervision_item_id),
    })),
    actions: presentActions(actor, itemAbilities, item),
  };
}
