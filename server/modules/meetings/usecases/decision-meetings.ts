/** The meetings of 议定事项, for another module's link back (会后督办 → its meeting): only the meetings the actor may read. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { config, meetingFacts } from './common.js';

/** Per decision id, its meeting's id and title — absent when the decision is unknown or its meeting unreadable to `actor`. */
export async function meetingsOfDecisions(db: Db, actor: Actor, decisionIds: number[]): Promise<Record<number, { meetingId: number; title: string }>> {
  const out: Record<number, { meetingId: number; title: string }> = {};
  if (!decisionIds.length) return out;
  const { cfg } = await config(db);
  const readable = new Map<number, boolean>();
  for (const id of new Set(decisionIds)) {
    const d = await repo.findDecision(db, id);
    if (!d) continue;
    const m = await repo.findMeeting(db, d.meeting_id);
    if (!m) continue;
    if (!readable.has(m.id)) readable.set(m.id, meetingsPolicy.readMeeting(actor, await meetingFacts(db, actor, cfg, m)));
    if (readable.get(m.id)) out[id] = { meetingId: m.id, title: m.title };
  }
  return out;
}
