/**
 * 成果转化: a link of a concluded 课题's report — a leader's 批示 received, adopted into a document or a
 * meeting decision, or turned into a 督办. A 督办 is registered through 督查督办's `createFromSource`
 * (专项督查, led by the 课题's lead unit, with the 时限 given) when the module runs; otherwise the link
 * is recorded alone. Audited as `research.convert`, counted in `unitCounts`.
 */
import type { z } from 'zod';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { topicActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import type { conversionBody } from '../research.schema.js';
import { loadTopic, reloadTopic } from './common.js';

export type ConversionInput = z.infer<typeof conversionBody>;

/** Records one 转化 link. */
export async function convert(ctx: AppContext, actor: Actor, id: number, input: ConversionInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadTopic(trx, actor, id, 'research.convert');
    authorize(actor, topicActions.convert, t.facts, { action: 'research.convert', targetType: 'research_topic', targetId: id });
    let supervision: { id: number; number: string } | null = null;
    if (input.kind === 'supervision') {
      if (!input.deadline) throw new RuleError('research.supervision_deadline');
      const svc = ctx.services.supervision;
      if (svc)
        supervision = await svc.createFromSource(trx, actor, {
          source: 'instruction',
          sourceType: 'research_topic',
          sourceId: id,
          sourceRef: `调研课题 ${t.row.number}：${input.reference}`,
          title: `落实调研成果：${t.row.title}`,
          requirement: input.requirement?.trim() || input.reference,
          leadUnitId: t.row.lead_unit_id,
          coUnitIds: [],
          deadline: input.deadline,
          level: t.row.level,
        });
    }
    const at = iso(ctx.clock.now());
    const conversionId = await repo.insertConversion(trx, {
      topic_id: id,
      kind: input.kind,
      reference: input.reference,
      note: input.note,
      supervision_item_id: supervision?.id ?? null,
      supervision_number: supervision?.number ?? null,
      recorded_by: actor.id,
      recorded_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'research.convert',
      targetType: 'research_topic',
      targetId: id,
      detail: { kind: input.kind, conversionId, supervisionItemId: supervision?.id ?? null },
    });
    return reloadTopic(ctx, trx, actor, id);
  });
}
