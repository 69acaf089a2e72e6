/** Moves a topic between 储存 and 调度, or withdraws it; the proposer is told. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { meetingsPolicy } from '../meetings.policy.js';
import { topicWorkflow } from '../meetings.workflow.js';
import { config, loadTopic, reindex } from './common.js';
import { getTopic } from './read-topics.js';

/** One step of a topic's workflow (audited by the engine as `meetings.topic.<action>`). */
export async function transitionTopic(ctx: AppContext, actor: Actor, id: number, action: 'prepare' | 'store' | 'withdraw', version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const t = await loadTopic(trx, actor, cfg, id, 'meetings.topic_transition');
    const wf = topicWorkflow((a, act) => (act === 'withdraw' ? meetingsPolicy.withdrawTopic(a, t.facts) : meetingsPolicy.moveTopic(a, t.facts)));
    const label = wf.transitions[action]!.label.zh;
    await ctx.workflow.apply(trx, wf, {
      row: t.row,
      action,
      actor,
      version,
      input: {},
      notify:
        t.row.proposed_by !== actor.id
          ? [
              {
                userIds: [t.row.proposed_by],
                message: {
                  kind: `meetings.topic_${action}`,
                  title: `议题“${t.row.title}”：${label}`,
                  body: `${actor.name}（${actor.unitName}）${label}。`,
                  link: `/meetings/topics/${id}`,
                  level: t.row.level,
                },
              },
            ]
          : [],
    });
    await reindex(ctx, trx, { topics: [id] });
    return getTopic(ctx, actor, id, trx);
  });
}
