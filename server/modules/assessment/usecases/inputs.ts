/**
 * The automatic indicators' inputs: each source module's figures per assessed unit for the scheme's
 * period, read ONLY through that module's contract (`ctx.services.<m>`; this module never reads
 * another's tables), with the records counted where the source lists them. Taken live while a
 * period runs; at close the snapshot is stored (`assessment_input`) and read back from then on.
 */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../../platform/counted.js';
import type { AppContext } from '../../../platform/module.js';
import { AUTO_FORMULAS, type AutoSource } from '../assessment.formulas.js';
import type * as repo from '../assessment.repo.js';

/** One source's figures per unit; `listed` false when the source counts without naming its records. */
export interface SourceInputs {
  listed: boolean;
  units: Record<number, UnitCounted>;
}

/** The inputs of a scheme by source, and when they were taken. */
export interface GatheredInputs {
  takenAt: string;
  sources: Partial<Record<AutoSource, SourceInputs>>;
}

/** The sources the automatic leaves of a scheme need. */
export function sourcesOf(leaves: readonly { row: { method: string | null; auto_key: string | null } }[]): AutoSource[] {
  const out = new Set<AutoSource>();
  for (const l of leaves) if (l.row.method === 'auto' && l.row.auto_key && AUTO_FORMULAS[l.row.auto_key]) out.add(AUTO_FORMULAS[l.row.auto_key]!.source);
  return [...out].sort();
}

const countsOnly = (rows: Record<number, Record<string, number>>): SourceInputs => ({
  listed: false,
  units: Object.fromEntries(Object.entries(rows).map(([u, counts]) => [Number(u), { counts, refs: {} }])),
});

/** One source's figures for the period and units, through its contract (all zero when the module is not running). */
async function gatherSource(ctx: AppContext, db: Db | Trx, source: AutoSource, period: { from: string; to: string }, unitIds: number[]): Promise<SourceInputs> {
  const s = ctx.services;
  switch (source) {
    case 'supervision':
      return s.supervision?.assessmentCounts
        ? { listed: true, units: await s.supervision.assessmentCounts(db, period, unitIds) }
        : countsOnly((await s.supervision?.countsByUnit?.(db, period.from, period.to)) ?? {});
    case 'information':
      // `Trx` is a Kysely too: the closing transaction is handed on (SQLite has one connection).
      return s.information?.assessmentCounts
        ? { listed: true, units: await s.information.assessmentCounts(db as Db, period, unitIds) }
        : countsOnly(
            Object.fromEntries(
              ((await s.information?.unitStatistics(db as Db, period, unitIds)) ?? []).map((r) => [
                r.unitId,
                { reported: r.reported, adopted: r.adopted.total, instructions: r.instructions, late: r.late, missed: r.missed },
              ]),
            ),
          );
    case 'documents':
      return { listed: true, units: (await s.documents?.assessmentCounts?.(db, period, unitIds)) ?? {} };
    case 'meetings':
      return { listed: true, units: (await s.meetings?.assessmentCounts?.(db, period, unitIds)) ?? {} };
    case 'library':
      return { listed: true, units: (await s.library?.assessmentCounts?.(db, period, unitIds)) ?? {} };
    case 'research':
      return { listed: true, units: (await s.research?.assessmentCounts?.(db, period, unitIds)) ?? {} };
  }
}

/** The live inputs of `sources` for the scheme's period and `unitIds`. */
export async function gatherInputs(ctx: AppContext, db: Db | Trx, s: repo.SchemeRow, sources: readonly AutoSource[], unitIds: number[], takenAt: string) {
  const out: GatheredInputs = { takenAt, sources: {} };
  const period = { from: s.period_from, to: s.period_to };
  for (const src of sources) out.sources[src] = await gatherSource(ctx, db, src, period, unitIds);
  return out;
}

/** The snapshot rows of gathered inputs (one per source and unit with any figure). */
export function snapshotRows(g: GatheredInputs, unitIds: readonly number[]): repo.InputSnapshotRow[] {
  const rows: repo.InputSnapshotRow[] = [];
  for (const [source, inputs] of Object.entries(g.sources))
    for (const unitId of unitIds) {
      const u = inputs.units[unitId];
      if (u) rows.push({ source, unit_id: unitId, counts: JSON.stringify(u.counts), refs: inputs.listed ? JSON.stringify(u.refs) : null, taken_at: g.takenAt });
    }
  return rows;
}

/** Gathered inputs read back from a scheme's snapshot rows. */
export function fromSnapshot(rows: readonly repo.InputSnapshotRow[], takenAt: string): GatheredInputs {
  const out: GatheredInputs = { takenAt: rows[0]?.taken_at ?? takenAt, sources: {} };
  for (const r of rows) {
    const src = (out.sources[r.source as AutoSource] ??= { listed: r.refs !== null, units: {} });
    src.units[r.unit_id] = { counts: JSON.parse(r.counts) as Record<string, number>, refs: r.refs ? (JSON.parse(r.refs) as Record<string, CountedRef[]>) : {} };
  }
  return out;
}

/** Of counted records, those `actor` may read, decided by the source module's own policy through its contract. */
export async function readableOf(ctx: AppContext, db: Db, actor: Actor, source: AutoSource, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  if (!refs.length) return [];
  const s = ctx.services;
  if (source === 'supervision') return (await s.supervision?.readableRecords?.(db, actor, refs)) ?? [];
  if (source === 'information') return (await s.information?.readableRecords?.(db, actor, refs)) ?? [];
  if (source === 'documents') return (await s.documents?.readableRecords?.(db, actor, refs)) ?? [];
  if (source === 'meetings') return (await s.meetings?.readableRecords?.(db, actor, refs)) ?? [];
  if (source === 'library') return (await s.library?.readableRecords?.(db, actor, refs)) ?? [];
  if (source === 'research') return (await s.research?.readableRecords?.(db, actor, refs)) ?? [];
  return [];
}
