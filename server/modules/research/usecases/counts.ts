/** 考核's figures of 调研 per lead unit (no content): 课题 due in a period, concluded on time, 转化 by kind. */
import type { Db, Trx } from '../../../db/client.js';
import { CONVERSION_KINDS, type ConversionKind } from '../../../../common/research.js';
import type { ResearchUnitCounts } from '../research.contract.js';
import * as repo from '../research.repo.js';

const emptyConversions = (): Record<ConversionKind, number> => Object.fromEntries(CONVERSION_KINDS.map((k) => [k, 0])) as Record<ConversionKind, number>;

/** The counts for [from, to] (YYYY-MM-DD, inclusive, China dates). */
export async function unitCounts(db: Db | Trx, period: { from: string; to: string }): Promise<Record<number, ResearchUnitCounts>> {
  const out: Record<number, ResearchUnitCounts> = {};
  const of = (u: number) => (out[u] ??= { due: 0, finishedOnTime: 0, conversions: emptyConversions() });
  for (const r of await repo.dueCounts(db, period.from, period.to)) {
    of(r.lead_unit_id).due = Number(r.due);
    of(r.lead_unit_id).finishedOnTime = Number(r.on_time ?? 0);
  }
  const fromIso = new Date(`${period.from}T00:00:00+08:00`).toISOString();
  const toIso = new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
  for (const r of await repo.conversionCounts(db, fromIso, toIso))
    if ((CONVERSION_KINDS as readonly string[]).includes(r.kind)) of(r.lead_unit_id).conversions[r.kind as ConversionKind] = Number(r.n);
  return out;
}
