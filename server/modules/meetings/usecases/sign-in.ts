/** 签到: an expected attendee signs in (or the office signs one in). Idempotent. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { closed, config, loadMeeting } from './common.js';
import { getMeeting } from './read-meetings.js';

/** Signs `userId` (default: the actor) in, audited as `meetings.sign_in` the first time. */
export async function signIn(ctx: AppContext, actor: Actor, id: number, userId?: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const m = await loadMeeting(trx, actor, cfg, id, 'meetings.sign_in');
    const target = userId ?? actor.id;
    authorize(actor, meetingsPolicy.signInFor, { ...m.facts, userId: target }, { action: 'meetings.sign_in', targetType: 'meeting', targetId: id });
    const att = (await repo.attendees(trx, id)).find((a) => a.user_id === target);
    if (att?.attendance !== 'expected') throw new RuleError('meetings.not_attendee');
    if (m.row.status !== 'notified' && m.row.status !== 'held') throw closed(m.row);
    if (!att.signed_in_at) {
      await repo.signInAttendee(trx, id, target, att.version, iso(ctx.clock.now()));
      await ctx.audit.append(trx, { actor, action: 'meetings.sign_in', targetType: 'meeting', targetId: id, detail: { userId: target } });
    }
    return getMeeting(ctx, actor, id, trx);
  });
}
