/** The writes of 会议: inserts and versioned updates of topics, gate entries, meetings, attendees, materials and decisions. */
import type { Insertable } from 'kysely';
import type { Trx } from '../../../db/client.js';
import { StaleVersionError } from '../../../platform/errors.js';
import { updateVersioned } from '../../../platform/versioned.js';
import type { MeetingDecisionTable, MeetingGateEntryTable, MeetingMaterialTable, MeetingTable, MeetingTopicTable } from './meetings.tables.js';

/** Inserts a topic; returns its id. */
export async function insertTopic(trx: Trx, values: Insertable<MeetingTopicTable>): Promise<number> {
  return (await trx.insertInto('meeting_topic').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes a topic's fields if it is still at `row.version`; 0 rows → 409. Returns the new version. */
export function updateTopic(trx: Trx, row: { id: number; version: number }, set: Record<string, unknown>): Promise<number> {
  return updateVersioned(trx, 'meeting_topic', row, set);
}

/** Writes the agenda order of topics (1, 2, … in the given order). */
export async function setAgendaOrder(trx: Trx, topicIds: readonly number[]): Promise<void> {
  for (const [i, tid] of topicIds.entries())
    await trx
      .updateTable('meeting_topic')
      .set({ agenda_order: i + 1 })
      .where('id', '=', tid)
      .execute();
}

/** Inserts a gate entry. */
export async function insertGateEntry(trx: Trx, values: Insertable<MeetingGateEntryTable>): Promise<void> {
  await trx.insertInto('meeting_gate_entry').values(values).execute();
}

/** Rewrites a gate entry if it is still at `row.version`; 0 rows → 409. */
export async function updateGateEntry(trx: Trx, row: { id: number; version: number }, set: Record<string, unknown>): Promise<number> {
  return updateVersioned(trx, 'meeting_gate_entry', row, set);
}

/** Inserts a meeting; returns its id. */
export async function insertMeeting(trx: Trx, values: Insertable<MeetingTable>): Promise<number> {
  return (await trx.insertInto('meeting').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes a meeting's fields if it is still at `row.version`; 0 rows → 409. Returns the new version. */
export function updateMeeting(trx: Trx, row: { id: number; version: number }, set: Record<string, unknown>): Promise<number> {
  return updateVersioned(trx, 'meeting', row, set);
}

/** Bumps a meeting's version (a change of its agenda order). */
export async function bumpMeetingVersion(trx: Trx, id: number, version: number, at: string): Promise<void> {
  await trx
    .updateTable('meeting')
    .set({ version: version + 1, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Marks the expected attendees not yet notified as notified at `at`. */
export async function markAttendeesNotified(trx: Trx, meetingId: number, at: string): Promise<void> {
  await trx
    .updateTable('meeting_attendee')
    .set({ notified_at: at })
    .where('meeting_id', '=', meetingId)
    .where('attendance', '=', 'expected')
    .where('notified_at', 'is', null)
    .execute();
}

/** Records an attendee's sign-in (if still at `version`). */
export async function signInAttendee(trx: Trx, meetingId: number, userId: number, version: number, at: string): Promise<void> {
  await trx
    .updateTable('meeting_attendee')
    .set({ signed_in_at: at, version: version + 1 })
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .execute();
}

/** Inserts a material; returns its id. */
export async function insertMaterial(trx: Trx, values: Insertable<MeetingMaterialTable>): Promise<number> {
  return (await trx.insertInto('meeting_material').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Inserts a decision; returns its id. */
export async function insertDecision(trx: Trx, values: Insertable<MeetingDecisionTable>): Promise<number> {
  return (await trx.insertInto('meeting_decision').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes a decision's fields if it is still at `row.version`. */
export async function updateDecision(trx: Trx, row: { id: number; version: number }, set: Record<string, unknown>): Promise<void> {
  await trx
    .updateTable('meeting_decision')
    .set({ ...set, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .execute();
}

/** Links a decision to the supervision item made of it; 0 rows → 409. */
export async function linkDecision(trx: Trx, row: { id: number; version: number }, item: { id: number; number: string }, at: string): Promise<void> {
  const res = await trx
    .updateTable('meeting_decision')
    .set({ supervision_item_id: item.id, supervision_number: item.number, version: row.version + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
}
