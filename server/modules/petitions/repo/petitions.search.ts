/**
 * What 全文检索 indexes of a 信访 case: its number and subject, category and place — never the
 * petitioner's personal data nor the letter's text (which may name them), so a search result shows
 * nothing the reader could not see masked. Need-to-know as the policy's read: the responsible unit,
 * the assigned handler, the 信访 units and the overseeing office.
 */
import type { Db, Trx } from '../../../db/client.js';
import { chinaDate } from '../../../platform/clock.js';
import type { SearchDocInput } from '../../../platform/search-index.js';
import { readConfig, type CaseRecord } from '../petitions.repo.js';
import type { PetitionUnits } from '../petitions.policy.js';

/** The search document of a case. */
export function caseSearchDoc(row: CaseRecord, units: PetitionUnits): SearchDocInput {
  return {
    module: 'petitions',
    itemType: 'petition_case',
    itemId: row.id,
    title: `${row.number} ${row.subject}`,
    body: `${row.category} ${row.place}`,
    unitIds: [...(row.unit_id !== null ? [row.unit_id] : []), ...units.staffUnitIds, ...units.overseerUnitIds],
    userIds: row.handler_id !== null ? [row.handler_id] : [],
    level: row.level,
    kind: '信访件',
    date: chinaDate(new Date(row.created_at)),
    link: `/petitions/${row.id}`,
    ownerUnitId: row.unit_id ?? units.staffUnitIds[0] ?? null,
  };
}

/** Every case, in batches, for a rebuild of the index. */
export async function* searchDocs(db: Db | Trx): AsyncIterable<SearchDocInput[]> {
  const { value } = await readConfig(db);
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('petition_case').selectAll().where('id', '>', after).orderBy('id').limit(200).execute();
    if (rows.length) yield rows.map((r) => caseSearchDoc(r, value));
    if (rows.length < 200) break;
    after = rows.at(-1)!.id;
  }
}
