/** The API shapes of information items (see `common/information.ts`). */
import { ITEM_STATES, type AdoptLevel } from './information.constants.js';
import type { InfoItemRow } from './repo/information.tables.js';

/** An item as lists show it. */
export function presentSummary(r: InfoItemRow & { unit_name: string; reporter_name: string }) {
  return {
    id: r.id,
    origin: r.origin,
    kind: r.kind,
    title: r.title,
    level: r.level,
    unitId: r.unit_id,
    unitName: r.unit_name,
    reporterName: r.reporter_name,
    eventAt: r.event_at,
    reportedAt: r.reported_at,
    dueAt: r.due_at,
    late: r.late === 1,
    delayMinutes: r.delay_minutes,
    firstId: r.first_id,
    mergedIntoId: r.merged_into_id,
    status: r.status,
    statusName: ITEM_STATES[r.status as keyof typeof ITEM_STATES]?.zh ?? r.status,
    adoptLevel: r.adopt_level as AdoptLevel | null,
    version: r.version,
  };
}

/** A related item (merge source, 续报 chain). */
export function presentRelated(r: { id: number; title: string; status: string; reported_at: string; late: number; unit_name: string }) {
  return { id: r.id, title: r.title, status: r.status, reportedAt: r.reported_at, late: r.late === 1, unitName: r.unit_name };
}
