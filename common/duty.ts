/** 政务值班 (duty desk): the answers of its HTTP routes as zod schemas, shared by the server and the web. */
import { z } from 'zod';

const person = z.object({ id: z.number(), name: z.string() });

/** A swap request (换班). */
export const swapView = z.object({
  id: z.number(),
  shiftId: z.number(),
  role: z.enum(['leader', 'staff']),
  from: person,
  to: person,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  canDecide: z.boolean(),
  version: z.number(),
});

/** A shift (班次) of the roster. */
export const shiftView = z.object({
  id: z.number(),
  date: z.string(),
  shift: z.enum(['day', 'night']),
  holiday: z.boolean(),
  leader: person,
  staff: person,
  status: z.string(),
  canSwap: z.boolean(),
  canHandover: z.boolean(),
  version: z.number(),
});

/** GET /api/duty/roster: one month. */
export const rosterResponse = z.object({
  month: z.string(),
  shifts: z.array(shiftView),
  swaps: z.array(swapView),
  can: z.object({ manage: z.boolean() }),
});

/** A swap's answer. */
export const swapResponse = swapView;

/** Generating a month. */
export const generateResponse = z.object({ month: z.string(), created: z.number(), holidays: z.number() });

/** A duty-log entry (值班日志). */
export const entryView = z.object({
  id: z.number(),
  shiftId: z.number().nullable(),
  receivedAt: z.string(),
  channel: z.enum(['phone', 'fax', 'telegram', 'email']),
  kind: z.enum(['routine', 'emergency']),
  caller: z.string(),
  callerUnit: z.string(),
  summary: z.string(),
  urgency: z.enum(['normal', 'urgent', 'very_urgent']),
  level: z.number(),
  status: z.enum(['open', 'awaiting_instruction', 'handled', 'transferred']),
  owner: person.nullable(),
  leader: person.nullable(),
  outcomeKind: z.enum(['on_spot', 'to_unit', 'to_supervision', 'to_leader']).nullable(),
  outcome: z.string().nullable(),
  targetUnit: person.nullable(),
  supervisionItemId: z.number().nullable(),
  supervisionNumber: z.string().nullable(),
  reportDueAt: z.string().nullable(),
  reportText: z.string().nullable(),
  reportedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  carriedOver: z.number(),
  actions: z.array(z.string()),
  version: z.number(),
});
export type EntryView = z.infer<typeof entryView>;

/** GET /api/duty/entries */
export const entryListResponse = z.object({ items: z.array(entryView), can: z.object({ register: z.boolean() }) });

/** A hand-over (交接班) of a shift. */
export const handoverView = z.object({
  id: z.number(),
  shiftId: z.number(),
  nextShiftId: z.number(),
  entryIds: z.array(z.number()),
  note: z.string(),
  status: z.enum(['signed', 'confirmed']),
  signedBy: person,
  signedAt: z.string(),
  confirmedBy: person.nullable(),
  confirmedAt: z.string().nullable(),
  canConfirm: z.boolean(),
  version: z.number(),
});

/** GET /api/duty/shifts/:id/handover: the shift, its open entries and its hand-over if signed. */
export const handoverPageResponse = z.object({
  shift: shiftView,
  openEntries: z.array(entryView),
  handover: handoverView.nullable(),
});

/** GET/PUT /api/duty/settings: the 突发事件 report limit and the grace before escalation, in minutes. */
export const settingsResponse = z.object({ reportLimitMinutes: z.number(), escalateAfterMinutes: z.number(), version: z.number(), canEdit: z.boolean() });
