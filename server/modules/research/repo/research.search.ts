/**
 * What 全文检索 indexes of a 课题: its number, title, background and, once concluded, the report's
 * summary. Need-to-know as the policy's read: the lead unit, the proposing unit, the team's units and
 * members, the 负责人 and the 调研室.
 */
import type { Db, Trx } from '../../../db/client.js';
import type { SearchDocInput } from '../../../platform/search-index.js';
import type { Desk } from '../research.policy.js';
import type { MemberRecord, TopicRecord } from '../research.repo.js';
import { desk, membersOf, topicsAfter } from '../research.repo.js';

/** The search document of a 课题. */
export function topicSearchDoc(t: TopicRecord, members: readonly MemberRecord[], d: Desk): SearchDocInput {
  const mine = members.filter((m) => m.topic_id === t.id);
  return {
    module: 'research',
    itemType: 'research_topic',
    itemId: t.id,
    title: `${t.number} ${t.title}`,
    body: [t.background, t.report_summary ?? ''].join(' '),
    unitIds: [...new Set([t.lead_unit_id, ...(t.proposer_unit_id !== null ? [t.proposer_unit_id] : []), ...mine.map((m) => m.unit_id), ...d.researchUnitIds])],
    userIds: [...new Set([...(t.leader_id !== null ? [t.leader_id] : []), ...mine.map((m) => m.user_id)])],
    level: t.level,
    kind: t.status === 'concluded' ? '调研报告' : '调研课题',
    date: t.start_date,
    link: `/research/topics/${t.id}`,
    ownerUnitId: t.lead_unit_id,
  };
}

/** Every 课题, in batches, for a rebuild of the index. */
export async function* searchDocs(db: Db | Trx): AsyncIterable<SearchDocInput[]> {
  const d = await desk(db);
  let after = 0;
  for (;;) {
    const rows = await topicsAfter(db, after, 200);
    const members = await membersOf(
      db,
      rows.map((r) => r.id),
    );
    if (rows.length) yield rows.map((r) => topicSearchDoc(r, members, d));
    if (rows.length < 200) break;
    after = rows.at(-1)!.id;
  }
}
