/**
 * 考核督查's 调研 figures per lead unit for a period (`ResearchContract.assessmentCounts`): 课题 due in
 * the period and those concluded (结题) by their end date, 转化 recorded in the period (in all and by
 * kind), each with the 课题 counted; and which counted 课题 a reader may see (`readableRecords`, the
 * module's read rule `visibleTopics`).
 */
import { CONVERSION_KINDS } from '../../../../common/research.js';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { countInto, type CountedRef, type ReadableRecord, type UnitCounted } from '../../../platform/counted.js';
import * as repo from '../research.repo.js';

const DAY = 86_400_000;
/** The count keys every unit answered carries (0 when none). */
export const RESEARCH_COUNT_KEYS = ['due', 'finishedOnTime', 'conversions', ...CONVERSION_KINDS] as const;
const topicRef = (id: number): CountedRef => ({ type: 'research_topic', id });

/**
 * Per lead unit for [from, to] (China dates, inclusive): `due` 课题 (end date in the period),
 * `finishedOnTime` (of those, concluded by the end date), `conversions` (转化 recorded in the period)
 * and the same by kind (`instruction`, `document`, `meeting_decision`, `supervision`), with the 课题 behind each.
 */
export async function assessmentCounts(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>> {
  const out: Record<number, UnitCounted> = {};
  for (const t of await repo.dueTopics(db, period.from, period.to, unitIds ?? null)) {
    countInto(out, t.lead_unit_id, 'due', topicRef(t.id));
    if (t.status === 'concluded' && t.on_time === 1) countInto(out, t.lead_unit_id, 'finishedOnTime', topicRef(t.id));
  }
  const fromAt = iso(new Date(`${period.from}T00:00:00+08:00`));
  const toAt = iso(new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + DAY));
  for (const c of await repo.conversionsIn(db, fromAt, toAt, unitIds ?? null)) {
    countInto(out, c.lead_unit_id, 'conversions', topicRef(c.topic_id));
    if ((CONVERSION_KINDS as readonly string[]).includes(c.kind)) countInto(out, c.lead_unit_id, c.kind, topicRef(c.topic_id));
  }
  for (const u of Object.values(out)) for (const k of RESEARCH_COUNT_KEYS) u.counts[k] ??= 0;
  return out;
}

/** Of the counted `refs`, the 课题 `actor` may read, with title and link. */
export async function readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  const ids = [...new Set(refs.filter((r) => r.type === 'research_topic').map((r) => r.id))];
  const rows = await repo.readableTopics(db, actor, await repo.desk(db), ids);
  return rows.map((r) => ({ type: 'research_topic', id: r.id, title: r.title, link: `/research/topics/${r.id}` }));
}
