/** What the duty use cases share: the desk, facts for the policy, presenters and the settings. */
import { z } from 'zod';
import type { EntryView } from '../../../../common/duty.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { chinaDate } from '../../../platform/clock.js';
import { readSetting } from '../../../platform/settings.js';
import { entryActions, dutyPolicy, type Desk, type EntryFacts, type ShiftFacts } from '../duty.policy.js';
import * as repo from '../duty.repo.js';

export type H = repo.H;

/** Settings of the duty desk. */
export interface DutySettings {
  /** Minutes within which a 突发事件's written report is due. */
  reportLimitMinutes: number;
  /** Minutes after the limit before a late report is escalated to the leader on duty. */
  escalateAfterMinutes: number;
}
export const SETTINGS_KEY = 'duty.settings';
export const DEFAULT_SETTINGS: DutySettings = { reportLimitMinutes: 60, escalateAfterMinutes: 30 };
const settingsSchema = z.object({ reportLimitMinutes: z.number().int().min(5).max(1440), escalateAfterMinutes: z.number().int().min(0).max(1440) }).partial();

/** The duty settings (over their defaults) and their version (0 until first written). */
export function readDutySettings(db: H): Promise<{ value: DutySettings; version: number }> {
  return readSetting(db, SETTINGS_KEY, DEFAULT_SETTINGS, (v) => settingsSchema.parse(v));
}

/** The duty settings (over their defaults). */
export async function settings(db: H): Promise<DutySettings> {
  return (await readDutySettings(db)).value;
}

/** The shift (date, day|night) covering an instant: day 08:00–18:00 China time, night 18:00–08:00. */
export function shiftKeyAt(at: Date): { date: string; shift: 'day' | 'night' } {
  const hour = (at.getUTCHours() + 8) % 24;
  if (hour >= 8 && hour < 18) return { date: chinaDate(at), shift: 'day' };
  if (hour >= 18) return { date: chinaDate(at), shift: 'night' };
  return { date: chinaDate(new Date(at.getTime() - 86_400_000)), shift: 'night' };
}

/** A shift row as its policy needs it. */
export function shiftFacts(d: Desk, s: repo.ShiftRecord): ShiftFacts {
  return { ...d, leaderId: s.leader_id, staffId: s.staff_id, status: s.status };
}

/** An entry row as its policy needs it. */
export function entryFacts(d: Desk, e: repo.EntryRecord): EntryFacts {
  return {
    ...d,
    level: e.level,
    kind: e.kind,
    status: e.status,
    ownerId: e.owner_user_id,
    leaderId: e.leader_id,
    registeredBy: e.registered_by,
    targetUnitId: e.target_unit_id,
    reported: e.reported_at !== null,
  };
}

/** Loads an entry the actor may read; otherwise 404, audited as `action` denied. */
export async function loadEntry(db: H, actor: Actor, id: number, action: string): Promise<{ row: repo.EntryRecord; facts: EntryFacts; desk: Desk }> {
  const desk = await repo.desk(db);
  const row = await repo.findEntry(db, id);
  const facts = row ? entryFacts(desk, row) : undefined;
  authorize(actor, dutyPolicy.readEntry, facts, { action, targetType: 'duty_entry', targetId: id, mode: 'read' });
  return { row: row!, facts, desk };
}

/** Entries as the API answers them. */
export async function presentEntries(db: H, actor: Actor, desk: Desk, rows: repo.EntryRecord[]): Promise<EntryView[]> {
  const users = await repo.userNames(
    db,
    rows.flatMap((r) => [r.owner_user_id, r.leader_id].filter((x): x is number => x !== null)),
  );
  const units = await repo.unitNames(
    db,
    rows.map((r) => r.target_unit_id).filter((x): x is number => x !== null),
  );
  const p = (id: number | null, m: Map<number, string>) => (id === null ? null : { id, name: m.get(id) ?? String(id) });
  return rows.map((r) => ({
    id: r.id,
    shiftId: r.shift_id,
    receivedAt: r.received_at,
    channel: r.channel as EntryView['channel'],
    kind: r.kind as EntryView['kind'],
    caller: r.caller,
    callerUnit: r.caller_unit,
    summary: r.summary,
    urgency: r.urgency as EntryView['urgency'],
    level: r.level,
    status: r.status as EntryView['status'],
    owner: p(r.owner_user_id, users),
    leader: p(r.leader_id, users),
    outcomeKind: r.outcome_kind as EntryView['outcomeKind'],
    outcome: r.outcome,
    targetUnit: p(r.target_unit_id, units),
    supervisionItemId: r.supervision_item_id,
    supervisionNumber: r.supervision_number,
    reportDueAt: r.report_due_at,
    reportText: r.report_text,
    reportedAt: r.reported_at,
    escalatedAt: r.escalated_at,
    carriedOver: r.carried_over,
    actions: presentActions(actor, entryActions, entryFacts(desk, r)),
    version: r.version,
  }));
}

/** Shifts as the API answers them. */
export async function presentShifts(db: H, actor: Actor, desk: Desk, rows: repo.ShiftRecord[]) {
  const names = await repo.userNames(
    db,
    rows.flatMap((s) => [s.leader_id, s.staff_id]),
  );
  return rows.map((s) => ({
    id: s.id,
    date: s.date,
    shift: s.shift as 'day' | 'night',
    holiday: s.holiday === 1,
    leader: { id: s.leader_id, name: names.get(s.leader_id) ?? '' },
    staff: { id: s.staff_id, name: names.get(s.staff_id) ?? '' },
    status: s.status,
    canSwap: dutyPolicy.requestSwap(actor, shiftFacts(desk, s)),
    canHandover: dutyPolicy.signHandover(actor, shiftFacts(desk, s)),
    version: s.version,
  }));
}
