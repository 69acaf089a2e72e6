/**
 * Records counted into a figure (考核督查's automatic indicators): a source module answers, per unit,
 * its counts and the references of the records behind each count (the first `COUNTED_CAP`), and
 * tells a reader which of those records they may open (`readableRecords`), by its own read policy.
 */

/** At most this many references are kept per count (the count itself is exact). */
export const COUNTED_CAP = 200;

/** A record counted: the owning module's item type and id. */
export interface CountedRef {
  type: string;
  id: number;
}

/** One unit's figures for a period: each count and the records behind it (first `COUNTED_CAP`). */
export interface UnitCounted {
  counts: Record<string, number>;
  refs: Record<string, CountedRef[]>;
}

/** A counted record the reader may open: its title and the web path to it. */
export interface ReadableRecord extends CountedRef {
  title: string;
  link: string;
}

/** Adds one to a unit's count `key` and its record to the references (once each, at most `COUNTED_CAP`). */
export function countInto(out: Record<number, UnitCounted>, unitId: number, key: string, ref: CountedRef | null): void {
  const u = (out[unitId] ??= { counts: {}, refs: {} });
  u.counts[key] = (u.counts[key] ?? 0) + 1;
  const refs = (u.refs[key] ??= []);
  if (ref && refs.length < COUNTED_CAP && !refs.some((r) => r.id === ref.id && r.type === ref.type)) refs.push(ref);
}
