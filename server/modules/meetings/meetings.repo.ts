/** Every query of 会议. Each function takes the handle to run on (the db, or the caller's transaction). */
import type { Db, Trx } from '../../db/client.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { SearchDocInput } from '../../platform/search-index.js';
import { StaleVersionError } from '../../platform/errors.js';
import { DEFAULT_CHECKLISTS, MEETING_KINDS, type Checklists } from './meetings.gates.js';
import { meetingsVisibleTo, topicsVisibleTo, type MeetingsActor } from './repo/meetings.visibility.js';
import './repo/meetings.tables.js';
import * as names from '../../platform/names.js';

export * from './repo/meetings.writes.js';
export * from './repo/meetings.workbench.js';
export type { MeetingsActor } from './repo/meetings.visibility.js';

type H = Db | Trx;

/** The module's configuration (settings row `meetings.config`). */
export interface MeetingsConfig {
  checklists: Checklists;
  /** 会务处室: units whose staff organise meetings and see every topic. */
  handlerUnitIds: number[];
}

const CONFIG_KEY = 'meetings.config';

/** Reads the configuration; the defaults when never saved (version 0). */
export async function readConfig(db: H): Promise<{ value: MeetingsConfig; version: number }> {
  const row = await db.selectFrom('setting').select(['value', 'version']).where('key', '=', CONFIG_KEY).executeTakeFirst();
  const saved = row ? (JSON.parse(row.value) as Partial<MeetingsConfig>) : {};
  const checklists = { ...DEFAULT_CHECKLISTS, ...(saved.checklists ?? {}) } as Checklists;
  for (const k of MEETING_KINDS) checklists[k] ??= DEFAULT_CHECKLISTS[k];
  const handlerUnitIds = saved.handlerUnitIds?.length ? saved.handlerUnitIds : await defaultHandlerUnits(db);
  return { value: { checklists, handlerUnitIds }, version: row?.version ?? 0 };
}

/** By default the general office itself and its 秘书处 handle meetings. */
async function defaultHandlerUnits(db: H): Promise<number[]> {
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where((eb) => eb.or([eb('kind', '=', 'office'), eb('code', '=', 'secretariat')]))
    .execute();
  return rows.map((r) => r.id);
}

/** Writes the configuration if `version` is current. */
export async function writeConfig(trx: Trx, version: number, value: MeetingsConfig, at: Date): Promise<number> {
  if (version === 0) {
    const res = await trx
      .insertInto('setting')
      .values({ key: CONFIG_KEY, value: JSON.stringify(value), updated_at: iso(at), version: 1 })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new StaleVersionError();
    return 1;
  }
  const res = await trx
    .updateTable('setting')
    .set((eb) => ({ value: JSON.stringify(value), updated_at: iso(at), version: eb('version', '+', 1) }))
    .where('key', '=', CONFIG_KEY)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
  return version + 1;
}

/** One topic row. */
export function findTopic(db: H, id: number) {
  return db.selectFrom('meeting_topic').selectAll().where('id', '=', id).executeTakeFirst();
}
export type TopicRecord = NonNullable<Awaited<ReturnType<typeof findTopic>>>;

/** Concerned units of topics, by topic id. */
export async function concernedUnits(db: H, topicIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(topicIds.map((id) => [id, []]));
  if (!topicIds.length) return out;
  const rows = await db
    .selectFrom('meeting_topic_unit')
    .select(['topic_id', 'unit_id'])
    .where('topic_id', 'in', [...topicIds])
    .orderBy('unit_id')
    .execute();
  for (const r of rows) out.get(r.topic_id)?.push(r.unit_id);
  return out;
}

/** Replaces a topic's concerned units. */
export async function setConcernedUnits(trx: Trx, topicId: number, unitIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('meeting_topic_unit').where('topic_id', '=', topicId).execute();
  for (const unitId of new Set(unitIds)) await trx.insertInto('meeting_topic_unit').values({ topic_id: topicId, unit_id: unitId }).execute();
}

/** Gate entries of topics. */
export function gateEntries(db: H, topicIds: readonly number[]) {
  if (!topicIds.length) return Promise.resolve([]);
  return db
    .selectFrom('meeting_gate_entry')
    .selectAll()
    .where('topic_id', 'in', [...topicIds])
    .orderBy('id')
    .execute();
}
export type GateEntryRecord = Awaited<ReturnType<typeof gateEntries>>[number];

/** One gate entry of a topic (gate, unit). */
export function findGateEntry(db: H, topicId: number, gateKey: string, unitId: number) {
  return db
    .selectFrom('meeting_gate_entry')
    .selectAll()
    .where('topic_id', '=', topicId)
    .where('gate_key', '=', gateKey)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

/** The topics the actor may see, newest first, with a filter. */
export async function listTopics(db: H, w: MeetingsActor, q: { layer?: string; kind?: string; q?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('meeting_topic').where(topicsVisibleTo(w));
  if (q.layer) base = base.where('meeting_topic.status', '=', q.layer);
  if (q.kind) base = base.where('meeting_topic.kind', '=', q.kind);
  if (q.q) base = base.where('meeting_topic.title', 'like', `%${q.q.replace(/[%_\\]/g, '')}%`);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll('meeting_topic')
    .orderBy('meeting_topic.updated_at', 'desc')
    .orderBy('meeting_topic.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Counts of the actor's visible topics per layer (the pool's tabs). */
export async function countTopicsByLayer(db: H, w: MeetingsActor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('meeting_topic')
    .where(topicsVisibleTo(w))
    .select(['meeting_topic.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('meeting_topic.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** One meeting row. */
export function findMeeting(db: H, id: number) {
  return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}
export type MeetingRecord = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Attendees (expected and excused) of a meeting. */
export function attendees(db: H, meetingId: number) {
  return db
    .selectFrom('meeting_attendee')
    .innerJoin('user', 'user.id', 'meeting_attendee.user_id')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select([
      'meeting_attendee.user_id',
      'meeting_attendee.attendance',
      'meeting_attendee.excuse_reason',
      'meeting_attendee.notified_at',
      'meeting_attendee.signed_in_at',
      'meeting_attendee.version',
      'user.name',
      'unit.short_name as unit_name',
    ])
    .where('meeting_attendee.meeting_id', '=', meetingId)
    .orderBy('meeting_attendee.attendance', 'desc')
    .orderBy('user.id')
    .execute();
}
export type AttendeeRecord = Awaited<ReturnType<typeof attendees>>[number];

/** Replaces a meeting's attendees, keeping notice and sign-in times of those who stay. */
export async function setAttendees(
  trx: Trx,
  meetingId: number,
  expected: readonly number[],
  excused: readonly { userId: number; reason: string }[],
): Promise<void> {
  const current = await trx.selectFrom('meeting_attendee').selectAll().where('meeting_id', '=', meetingId).execute();
  const want = new Map<number, { attendance: string; reason: string | null }>();
  for (const id of expected) want.set(id, { attendance: 'expected', reason: null });
  for (const e of excused) want.set(e.userId, { attendance: 'excused', reason: e.reason || null });
  for (const c of current) {
    const w = want.get(c.user_id);
    if (!w) await trx.deleteFrom('meeting_attendee').where('meeting_id', '=', meetingId).where('user_id', '=', c.user_id).execute();
    else if (w.attendance !== c.attendance || w.reason !== c.excuse_reason)
      await trx
        .updateTable('meeting_attendee')
        .set({ attendance: w.attendance, excuse_reason: w.reason, version: c.version + 1 })
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', c.user_id)
        .execute();
  }
  for (const [userId, w] of want) {
    if (current.some((c) => c.user_id === userId)) continue;
    await trx
      .insertInto('meeting_attendee')
      .values({ meeting_id: meetingId, user_id: userId, attendance: w.attendance, excuse_reason: w.reason, notified_at: null, signed_in_at: null })
      .execute();
  }
}

/** The meetings the actor may see, in a date range (China dates, inclusive), by start time. */
export async function listMeetings(db: H, w: MeetingsActor, q: { from?: string; to?: string; status?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('meeting').where(meetingsVisibleTo(w));
  // starts_at is UTC ISO text; a China date D starts at (D-1)T16:00Z
  if (q.from) base = base.where('meeting.starts_at', '>=', new Date(`${q.from}T00:00:00+08:00`).toISOString());
  if (q.to) base = base.where('meeting.starts_at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString());
  if (q.status) base = base.where('meeting.status', '=', q.status);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll('meeting')
    .select((eb) =>
      eb
        .selectFrom('meeting_topic')
        .whereRef('meeting_topic.meeting_id', '=', 'meeting.id')
        .select((e2) => e2.fn.countAll<number>().as('c'))
        .as('topic_count'),
    )
    .orderBy('meeting.starts_at')
    .orderBy('meeting.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Topics on a meeting's agenda, in order. */
export function agenda(db: H, meetingId: number) {
  return db.selectFrom('meeting_topic').selectAll().where('meeting_id', '=', meetingId).orderBy('agenda_order').orderBy('id').execute();
}

/** The user ids of a meeting's attendees (expected and excused). */
export async function attendeeIds(db: H, meetingId: number): Promise<number[]> {
  const rows = await db.selectFrom('meeting_attendee').select('user_id').where('meeting_id', '=', meetingId).execute();
  return rows.map((a) => a.user_id);
}

/** Meetings by id, with what a topic's view shows of them and what their read policy needs. */
export function meetingsByIds(db: H, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('meeting')
    .select(['id', 'title', 'starts_at', 'kind', 'level', 'status', 'chair_id', 'created_by'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Materials of a meeting. */
export function materials(db: H, meetingId: number) {
  return db.selectFrom('meeting_material').selectAll().where('meeting_id', '=', meetingId).orderBy('topic_id').orderBy('id').execute();
}

/** One material. */
export function findMaterial(db: H, id: number) {
  return db.selectFrom('meeting_material').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decisions of a meeting, in order. */
export function decisions(db: H, meetingId: number) {
  return db.selectFrom('meeting_decision').selectAll().where('meeting_id', '=', meetingId).orderBy('seq').orderBy('id').execute();
}

/** One decision. */
export function findDecision(db: H, id: number) {
  return db.selectFrom('meeting_decision').selectAll().where('id', '=', id).executeTakeFirst();
}
export type DecisionRecord = NonNullable<Awaited<ReturnType<typeof findDecision>>>;

/** Names of units by id (short names; `server/platform/names.ts`). */
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'short');

/** Names of users by id (`server/platform/names.ts`). */
export const userNames = names.userNames;

/** Which of `ids` are active units. */
export async function activeUnitIds(db: H, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('id', 'in', [...ids])
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of `ids` are enabled users. */
export async function activeUserIds(db: H, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('user')
    .select('id')
    .where('id', 'in', [...ids])
    .where('disabled', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** An attachment's owner. */
export function attachmentOwner(db: H, id: number) {
  return db.selectFrom('attachment').select(['id', 'owner_type', 'owner_id', 'filename']).where('id', '=', id).executeTakeFirst();
}

/** File names of attachments by id. */
export async function attachmentNames(db: H, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!ids.length) return out;
  for (const f of await db
    .selectFrom('attachment')
    .select(['id', 'filename'])
    .where('id', 'in', [...ids])
    .execute())
    out.set(f.id, f.filename);
  return out;
}

/** Users of `unitIds` holding one of `roles` with clearance ≥ `level` (who to notify). */
export async function usersWithRole(db: H, unitIds: readonly number[], roles: readonly string[], level: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .where('user.unit_id', 'in', [...unitIds])
    .where('user_role.role', 'in', [...roles])
    .where('user.clearance', '>=', level)
    .execute();
  return rows.map((r) => r.id);
}

/** The name of the general office (the issuer of minutes), if any. */
export async function officeName(db: H): Promise<string | undefined> {
  return (await db.selectFrom('unit').select('name').where('kind', '=', 'office').orderBy('id').executeTakeFirst())?.name;
}

/** The next free agenda position of a meeting. */
export async function nextAgendaOrder(db: H, meetingId: number): Promise<number> {
  const r = await db
    .selectFrom('meeting_topic')
    .select((eb) => eb.fn.max('agenda_order').as('m'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** The next decision number of a meeting. */
export async function nextDecisionSeq(db: H, meetingId: number): Promise<number> {
  const r = await db
    .selectFrom('meeting_decision')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** What 全文检索 indexes of a topic: its text, with the same need-to-know as `readTopic`. */
export async function topicSearchDoc(db: H, row: TopicRecord, handlerUnitIds: readonly number[]): Promise<SearchDocInput> {
  const concerned = (await concernedUnits(db, [row.id])).get(row.id) ?? [];
  let meetingUsers: number[] = [];
  if (row.meeting_id !== null) {
    const m = await findMeeting(db, row.meeting_id);
    meetingUsers = [...(m ? [m.chair_id] : []), ...(await attendeeIds(db, row.meeting_id))];
  }
  return {
    module: 'meetings',
    itemType: 'meeting_topic',
    itemId: row.id,
    title: row.title,
    body: row.background,
    unitIds: [row.proposing_unit_id, ...concerned, ...handlerUnitIds],
    userIds: [...(row.leader_id ? [row.leader_id] : []), row.proposed_by, ...meetingUsers],
    level: row.level,
    kind: '议题',
    date: chinaDate(new Date(row.created_at)),
    link: `/meetings/topics/${row.id}`,
    ownerUnitId: row.proposing_unit_id,
  };
}

/** What 全文检索 indexes of a meeting: title, place, minutes and decisions, with `readMeeting`'s need-to-know. */
export async function meetingSearchDoc(db: H, row: MeetingRecord, handlerUnitIds: readonly number[]): Promise<SearchDocInput> {
  const att = await attendeeIds(db, row.id);
  const ds = await decisions(db, row.id);
  return {
    module: 'meetings',
    itemType: 'meeting',
    itemId: row.id,
    title: row.title,
    body: [row.place, row.minutes_summary ?? '', ...ds.map((d) => d.text)].join('\n'),
    unitIds: [row.handler_unit_id, ...handlerUnitIds.filter((u) => u !== row.handler_unit_id)],
    userIds: [row.chair_id, row.created_by, ...att],
    level: row.level,
    kind: '会议',
    date: chinaDate(new Date(row.starts_at)),
    link: `/meetings/${row.id}`,
    ownerUnitId: row.handler_unit_id,
  };
}

/** Every topic and meeting, in batches, for a rebuild of the search index. */
export async function* searchDocs(db: H): AsyncIterable<SearchDocInput[]> {
  const { value } = await readConfig(db);
  for (const table of ['meeting_topic', 'meeting'] as const) {
    let after = 0;
    for (;;) {
      const batch: SearchDocInput[] = [];
      if (table === 'meeting_topic') {
        const rows = await db.selectFrom('meeting_topic').selectAll().where('id', '>', after).orderBy('id').limit(200).execute();
        for (const r of rows) batch.push(await topicSearchDoc(db, r, value.handlerUnitIds));
        after = rows.at(-1)?.id ?? after;
        if (batch.length) yield batch;
        if (rows.length < 200) break;
      } else {
        const rows = await db.selectFrom('meeting').selectAll().where('id', '>', after).orderBy('id').limit(200).execute();
        for (const r of rows) batch.push(await meetingSearchDoc(db, r, value.handlerUnitIds));
        after = rows.at(-1)?.id ?? after;
        if (batch.length) yield batch;
        if (rows.length < 200) break;
      }
    }
  }
}
