/** 合并: 信息处 merges several reports into one item (being edited); each source ends as 已合并, linked to it. */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { infoDeskUnitId, insertItem, insertRevision } from '../information.repo.js';
import type { MergeInput } from '../information.schema.js';
import { applyStep, loadReadable } from './common.js';

/** Merges the sources (each at its version) into a new item of 信息处; audited as `information.merge` and `information.item.merge` per source. */
export async function mergeItems(ctx: AppContext, actor: Actor, input: MergeInput) {
  const ids = [...new Set(input.sources.map((s) => s.id))];
  if (ids.length < 2) throw new RuleError('information.merge_needs_two');
  return ctx.db.transaction().execute(async (trx) => {
    const sources = [];
    for (const id of ids) sources.push(await loadReadable(trx, actor, id, 'information.item.merge'));
    const at = iso(ctx.clock.now());
    const first = sources[0]!;
    const id = await insertItem(trx, {
      origin: 'merge',
      kind: first.kind,
      title: input.title,
      body: input.body,
      level: Math.max(...sources.map((s) => s.level)),
      unit_id: (await infoDeskUnitId(trx)) ?? actor.unitId,
      reporter_id: actor.id,
      event_at: sources.map((s) => s.event_at).sort()[0]!,
      reported_at: at,
      status: 'taken',
      editor_id: actor.id,
      created_at: at,
      updated_at: at,
    });
    await insertRevision(trx, { itemId: id, title: input.title, body: input.body, note: null, by: actor.id, at });
    for (const s of sources) {
      const version = input.sources.find((x) => x.id === s.id)!.version;
      await applyStep(ctx, trx, actor, s, 'merge', version, {}, { merged_into_id: id, editor_id: actor.id }, { into: id });
    }
    await ctx.audit.append(trx, { actor, action: 'information.merge', targetType: 'info_item', targetId: id, detail: { sources: ids } });
    return { id, version: 1, status: 'taken' };
  });
}
