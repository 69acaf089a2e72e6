/**
 * 结题: every milestone done and the report uploaded (an attachment of the 课题); the report is filed into
 * 资源共享 through the library's contract, in this transaction, with the 课题's 密级 and 知悉范围 (lead unit,
 * proposing unit, the team's units and members, the 负责人, the 调研室), its first attachment copied to the
 * library item. Audited through the workflow (`research.conclude`), on time or late recorded.
 */
import type { z } from 'zod';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { topicActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import type { concludeBody } from '../research.schema.js';
import { topicWorkflow } from '../research.workflow.js';
import { loadTopic, reindexTopic, reloadTopic } from './common.js';

export type ConcludeInput = z.infer<typeof concludeBody>;

/** Concludes a running 课题 with its report. */
export async function conclude(ctx: AppContext, actor: Actor, id: number, input: ConcludeInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadTopic(trx, actor, id, 'research.conclude');
    authorize(actor, topicActions.conclude, t.facts, { action: 'research.conclude', targetType: 'research_topic', targetId: id });
    assertVersion(t.row, input.version);
    const open = (await repo.milestonesOf(trx, [id])).filter((m) => m.status !== 'done');
    if (open.length) throw new RuleError('research.milestones_open', { items: open.map((m) => m.title).join('、') });
    const files = await repo.attachmentsOf(trx, id);
    if (!files.length) throw new RuleError('research.report_missing');
    const now = ctx.clock.now();
    const today = chinaDate(now);
    let libraryItemId: number | null = null;
    const library = ctx.services.library;
    if (library) {
      const filed = await library.fileFromModule(trx, actor, {
        kind: 'research_report',
        title: t.row.title,
        source: `调研课题 ${t.row.number}`,
        ownerUnitId: t.row.lead_unit_id,
        level: t.row.level,
        scopeUnitIds: [
          ...new Set([
            t.row.lead_unit_id,
            ...(t.row.proposer_unit_id !== null ? [t.row.proposer_unit_id] : []),
            ...t.facts.memberUnitIds,
            ...t.desk.researchUnitIds,
          ]),
        ],
        scopeUserIds: [...new Set([...(t.row.leader_id !== null ? [t.row.leader_id] : []), ...t.facts.memberUserIds])],
        catalog: input.catalog,
        keywords: input.keywords,
        summary: input.summary,
        content: input.summary,
        date: today,
        fromType: 'research_topic',
        fromId: id,
      });
      libraryItemId = filed.id;
      const f = files[0]!;
      await ctx.files.record(trx, { sha256: f.sha256, size: f.size, mime: f.mime, filename: f.filename }, { type: 'library_item', id: filed.id }, actor);
    }
    const onTime = today <= t.row.end_date ? 1 : 0;
    const wf = topicWorkflow((a) => topicActions.conclude(a, t.facts));
    const team = [...new Set([...(t.row.leader_id !== null ? [t.row.leader_id] : []), ...t.facts.memberUserIds])].filter((u) => u !== actor.id);
    await ctx.workflow.apply(trx, wf, {
      row: t.row,
      action: 'conclude',
      actor,
      version: input.version,
      input: {},
      set: { report_summary: input.summary, concluded_by: actor.id, concluded_at: iso(now), on_time: onTime, library_item_id: libraryItemId },
      detail: { onTime: onTime === 1, libraryItemId, attachments: files.length },
      notify: team.length
        ? [
            {
              userIds: team,
              message: {
                kind: 'research.conclude',
                title: '调研课题结题',
                body: `${t.row.number}「${t.row.title}」已结题，报告已入资源共享库`,
                link: `/research/topics/${id}`,
                level: t.row.level,
              },
            },
          ]
        : [],
    });
    await reindexTopic(ctx, trx, id);
    return reloadTopic(ctx, trx, actor, id);
  });
}
