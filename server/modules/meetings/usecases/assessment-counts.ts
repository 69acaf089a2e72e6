/**
 * 考核督查's 会议 figures per unit for a period (`MeetingsContract.assessmentCounts`):
 * - `onAgenda`: the unit's topics on the agenda of a meeting held in the period; `firstPass`: of those,
 *   the topics whose every gate (决策把关) was confirmed at the first submission (no dissent, no entry rewritten);
 * - `decisionsDue`: 议定事项 the unit leads with a 完成时限 in the period; `decisionsOnTime`: of those,
 *   the ones whose 会后督办 was closed (销号) by the 时限 (asked of supervision through its contract).
 * And which counted records a reader may see (`readableRecords`, the module's read rules).
 */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { countInto, type CountedRef, type ReadableRecord, type UnitCounted } from '../../../platform/counted.js';
import type { AppContext } from '../../../platform/module.js';
import { decisionsDue, readableDecisions, readableTopics, topicsOnAgenda } from '../repo/meetings.assessment.js';
import { config, viewer } from './common.js';

const DAY = 86_400_000;
const KEYS = ['onAgenda', 'firstPass', 'decisionsDue', 'decisionsOnTime'];

/** Per unit, the four counts of the period (China dates, inclusive) with the records behind each (no content). */
export async function assessmentCounts(
  ctx: AppContext,
  db: Db | Trx,
  period: { from: string; to: string },
  unitIds?: readonly number[],
): Promise<Record<number, UnitCounted>> {
  const fromAt = iso(new Date(`${period.from}T00:00:00+08:00`));
  const toAt = iso(new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + DAY));
  const out: Record<number, UnitCounted> = {};
  for (const t of await topicsOnAgenda(db, fromAt, toAt, unitIds ?? null)) {
    const ref = { type: 'meeting_topic', id: t.id };
    countInto(out, t.proposing_unit_id, 'onAgenda', ref);
    if (t.entries.every((e) => e.status === 'confirmed' && e.version === 1)) countInto(out, t.proposing_unit_id, 'firstPass', ref);
  }
  const decisions = await decisionsDue(db, period.from, period.to, unitIds ?? null);
  const closed =
    (await ctx.services.supervision?.closedBySource?.(
      db,
      'meeting_decision',
      decisions.map((d) => d.id),
    )) ?? {};
  for (const d of decisions) {
    const ref = { type: 'meeting_decision', id: d.id };
    countInto(out, d.lead_unit_id, 'decisionsDue', ref);
    const at = closed[d.id];
    if (at && at <= d.due_date) countInto(out, d.lead_unit_id, 'decisionsOnTime', ref);
  }
  for (const u of Object.values(out)) for (const k of KEYS) u.counts[k] ??= 0;
  return out;
}

/** Of the counted `refs`, the topics and decisions (through their meeting) `actor` may see, with title and link. */
export async function readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  const ids = (type: string) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const w = viewer(actor, (await config(db)).cfg);
  const topics = (await readableTopics(db, w, ids('meeting_topic'))).map((t) => ({
    type: 'meeting_topic',
    id: t.id,
    title: t.title,
    link: `/meetings/topics/${t.id}`,
  }));
  const decisions = (await readableDecisions(db, w, ids('meeting_decision'))).map((d) => ({
    type: 'meeting_decision',
    id: d.id,
    title: `${d.title} 议定事项${d.seq}`,
    link: `/meetings/${d.meeting_id}`,
  }));
  return [...topics, ...decisions];
}
