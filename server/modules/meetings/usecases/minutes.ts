/** 纪要: the minutes' summary while the meeting is held, and the minutes as a DOCX. */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { renderMinutesDocx } from '../meetings.minutes.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { closed, loadManaged, reindex } from './common.js';
import { getMeeting } from './read-meetings.js';

/** Writes the minutes' summary (audited as `meetings.minutes_save`). */
export async function saveMinutes(ctx: AppContext, actor: Actor, id: number, version: number, summary: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, id, 'meetings.minutes_save');
    if (!meetingsPolicy.recordMinutes(actor, m.facts)) throw closed(m.row);
    assertVersion(m.row, version);
    await repo.updateMeeting(trx, m.row, { minutes_summary: summary, updated_at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.minutes_save',
      targetType: 'meeting',
      targetId: id,
      changes: { minutes_summary: [m.row.minutes_summary, summary] },
    });
    await reindex(ctx, trx, { meetings: [id] });
    return getMeeting(ctx, actor, id, trx);
  });
}

/** The minutes as a 纪要 DOCX (only for a held meeting the actor may read); the export is audited. */
export async function minutesDocx(ctx: AppContext, actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
  const view = await getMeeting(ctx, actor, id);
  if (view.status !== 'held' && view.status !== 'minuted') throw new RuleError('meetings.meeting_closed', { state: view.statusName?.zh ?? view.status });
  await ctx.audit.record(ctx.db, { actor, action: 'meetings.minutes_export', targetType: 'meeting', targetId: id, detail: { level: view.level } });
  const buffer = await renderMinutesDocx({ ...view, issuer: (await repo.officeName(ctx.db)) ?? '办公厅' });
  return { filename: `${view.title}纪要.docx`, buffer };
}
