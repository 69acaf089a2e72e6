/** Registers a material (传达提纲, 发言材料, 领导讲话) of a meeting; files are uploaded to it afterwards. */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertLevel } from '../meetings.checks.js';
import * as repo from '../meetings.repo.js';
import { closed, loadManaged } from './common.js';

/** Input of a material. */
export interface MaterialInput {
  title: string;
  kind: string;
  topicId?: number | null;
  level: number;
}

/** Adds a material (audited as `meetings.material_add` on the meeting). */
export async function addMaterial(ctx: AppContext, actor: Actor, meetingId: number, input: MaterialInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.material_add');
    if (['minuted', 'cancelled'].includes(m.row.status)) throw closed(m.row);
    await assertLevel(ctx, trx, actor, input.level);
    if (input.topicId) {
      const t = await repo.findTopic(trx, input.topicId);
      if (t?.meeting_id !== meetingId) throw new RuleError('meetings.material_topic_not_on_agenda');
    }
    const at = iso(ctx.clock.now());
    const id = await repo.insertMaterial(trx, {
      meeting_id: meetingId,
      topic_id: input.topicId ?? null,
      kind: input.kind,
      title: input.title,
      level: input.level,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.material_add',
      targetType: 'meeting',
      targetId: meetingId,
      detail: { materialId: id, title: input.title, kind: input.kind, level: input.level },
    });
    return { id, meetingId, title: input.title, kind: input.kind, topicId: input.topicId ?? null, level: input.level, version: 1 };
  });
}
