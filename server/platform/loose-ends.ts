/** Small helpers the modules' 件件有着落 providers share (see `LooseEndsProvider` in module.ts). */
import { chinaDate } from './clock.js';
import type { OpenItem } from './module.js';

/** A stored date or ISO time as the board's `YYYY-MM-DD` (an ISO time is taken at its China date); '' and null are no time limit. */
export function limitDate(v: string | null | undefined): string | null {
  if (!v) return null;
  return v.length > 10 && v.includes('T') ? chinaDate(new Date(v)) : v.slice(0, 10);
}

/** Most urgent first: items without a time limit (loose ends), then by deadline ascending, then by module, type and id. */
export function byUrgency(a: OpenItem, b: OpenItem): number {
  if ((a.deadline === null) !== (b.deadline === null)) return a.deadline === null ? -1 : 1;
  return (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.module.localeCompare(b.module) || a.type.localeCompare(b.type) || a.id - b.id;
}

/** The `limit` most urgent of `items`. */
export function mostUrgent(items: OpenItem[], limit: number): OpenItem[] {
  return items.sort(byUrgency).slice(0, Math.max(0, limit));
}
