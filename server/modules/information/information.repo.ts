/** Every query of the 信息 module; each takes the db or transaction handle explicitly. */
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { visibleTo } from '../../platform/authz.js';
import { updateVersioned } from '../../platform/versioned.js';
import { INFO_DESK_UNIT_CODE } from './information.constants.js';
import { isInfoDesk, isLeader, isSupervisionDesk, type LoadedInfoItem } from './information.policy.js';
import type { InfoEventRow, InfoEventTable, InfoInstructionRow, InfoInstructionTable, InfoItemTable } from './repo/information.tables.js';
import * as names from '../../platform/names.js';

type H = Db | Trx;

/** The read rule of `canReadItem` as SQL over `info_item`: lists, counts and the intake queue filter with it. */
export function infoVisibleTo(actor: Actor): Expression<SqlBool> {
  // 信息处 reads every item up to its clearance: the level alone, so counts read an index only
  // (the same rule as `visibleTo(…, extra: [1 = 1])`, without a share lookup per row)
  if (isInfoDesk(actor)) return sql<SqlBool>`(info_item.level <= ${actor.clearance})`;
  const extra: Expression<SqlBool>[] = [];
  if (isLeader(actor)) extra.push(sql<SqlBool>`info_item.adopt_level IS NOT NULL`);
  if (isSupervisionDesk(actor)) extra.push(sql<SqlBool>`EXISTS (SELECT 1 FROM info_instruction ii WHERE ii.item_id = info_item.id)`);
  return visibleTo(actor, { itemType: 'info_item', id: 'info_item.id', level: 'info_item.level', units: ['info_item.unit_id'], extra });
}

/** Loads an item with the 批示 counts its policy needs, or undefined. */
export async function loadItem(db: H, id: number): Promise<LoadedInfoItem | undefined> {
  const row = await db.selectFrom('info_item').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const ins = await db.selectFrom('info_instruction').select(['id', 'supervision_item_id']).where('item_id', '=', id).execute();
  return { ...row, instructionCount: ins.length, openInstructionCount: ins.filter((i) => i.supervision_item_id === null).length };
}

/** Loads several items (merge sources), in the order of `ids`; absent ids are left out. */
export async function loadItems(db: H, ids: readonly number[]): Promise<LoadedInfoItem[]> {
  const out: LoadedInfoItem[] = [];
  for (const id of ids) {
    const it = await loadItem(db, id);
    if (it) out.push(it);
  }
  return out;
}

/** Inserts an item; returns its id. */
export async function insertItem(trx: Trx, values: Insertable<InfoItemTable>): Promise<number> {
  return (await trx.insertInto('info_item').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes columns of an item at its version (409 when stale); returns the new version. */
export function updateItem(trx: Trx, row: { id: number; version: number }, set: Partial<Insertable<InfoItemTable>>): Promise<number> {
  return updateVersioned(trx, 'info_item', row, set);
}

/** Keeps a text of an item: seq 0 is the unit's original, each edit the next. */
export async function insertRevision(
  trx: Trx,
  r: { itemId: number; title: string; body: string; note: string | null; by: number; at: string },
): Promise<number> {
  const last = await trx
    .selectFrom('info_revision')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('item_id', '=', r.itemId)
    .executeTakeFirst();
  const seq = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq) + 1;
  await trx
    .insertInto('info_revision')
    .values({ item_id: r.itemId, seq, title: r.title, body: r.body, note: r.note, edited_by: r.by, edited_at: r.at })
    .execute();
  return seq;
}

/** The texts of an item, oldest first, with the editor's name. */
export function revisionsOf(db: H, itemId: number) {
  return db
    .selectFrom('info_revision as r')
    .innerJoin('user as u', 'u.id', 'r.edited_by')
    .select(['r.seq', 'r.title', 'r.body', 'r.note', 'r.edited_at', 'u.name as editor_name'])
    .where('r.item_id', '=', itemId)
    .orderBy('r.seq')
    .execute();
}

/** Filters of the item list. */
export interface ItemFilter {
  /** mine: the actor's unit's reports; intake: 待采编 (submitted or taken); adopted; all: everything visible. */
  scope: 'mine' | 'intake' | 'adopted' | 'all';
  status?: string | undefined;
  kind?: string | undefined;
}

const LIST_CAP = 10_000;

/** One page of the items the actor may see, newest first, with a capped total. */
export async function listItems(db: H, actor: Actor, f: ItemFilter, page: { page: number; pageSize: number }) {
  let q = db.selectFrom('info_item').where(infoVisibleTo(actor));
  if (f.scope === 'mine') q = q.where('info_item.unit_id', '=', actor.unitId).where('info_item.origin', '=', 'report');
  if (f.scope === 'intake') q = q.where('info_item.status', 'in', ['submitted', 'taken']);
  if (f.scope === 'adopted') q = q.where('info_item.status', '=', 'adopted');
  if (f.status) q = q.where('info_item.status', '=', f.status);
  if (f.kind) q = q.where('info_item.kind', '=', f.kind);
  // the intake queue's page: newest first from each state's index, then merged — a planner that reads
  // `status IN (…)` through the index would otherwise sort the whole queue for 20 rows
  const paged =
    f.scope === 'intake' && !f.status
      ? q.where(
          'info_item.id',
          'in',
          (['submitted', 'taken'] as const)
            .map((s) =>
              db
                .selectFrom(
                  q
                    .where('info_item.status', '=', s)
                    .select('info_item.id')
                    .orderBy('info_item.id', 'desc')
                    .limit(page.page * page.pageSize)
                    .as('newest'),
                )
                .select('newest.id'),
            )
            .reduce((a, b) => a.unionAll(b)),
        )
      : q;
  const [rows, count] = await Promise.all([
    paged
      .innerJoin('unit', 'unit.id', 'info_item.unit_id')
      .innerJoin('user', 'user.id', 'info_item.reporter_id')
      .selectAll('info_item')
      .select(['unit.short_name as unit_name', 'user.name as reporter_name'])
      .orderBy('info_item.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    db
      .selectFrom(
        q
          .select('info_item.id')
          .limit(LIST_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Items linked to one: the reports merged into it and the 续报 chain of a first report. */
export async function relatedItems(db: H, actor: Actor, item: { id: number; first_id: number | null }) {
  const first = item.first_id ?? item.id;
  const base = db
    .selectFrom('info_item')
    .innerJoin('unit', 'unit.id', 'info_item.unit_id')
    .select(['info_item.id', 'info_item.title', 'info_item.status', 'info_item.reported_at', 'info_item.late', 'unit.short_name as unit_name'])
    .where(infoVisibleTo(actor))
    .orderBy('info_item.id');
  const [sources, chain] = await Promise.all([
    base.where('info_item.merged_into_id', '=', item.id).execute(),
    base
      .where((eb) => eb.or([eb('info_item.id', '=', first), eb('info_item.first_id', '=', first)]))
      .where('info_item.id', '<>', item.id)
      .execute(),
  ]);
  return { sources, chain };
}

/** The 批示 of an item, oldest first, with the leader's name. */
export function instructionsOf(db: H, itemId: number) {
  return db
    .selectFrom('info_instruction as i')
    .innerJoin('user as u', 'u.id', 'i.leader_id')
    .selectAll('i')
    .select('u.name as leader_name')
    .where('i.item_id', '=', itemId)
    .orderBy('i.id')
    .execute();
}

/** One 批示, or undefined. */
export function loadInstruction(db: H, id: number): Promise<InfoInstructionRow | undefined> {
  return db.selectFrom('info_instruction').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a 批示; returns its id. */
export async function insertInstruction(trx: Trx, values: Insertable<InfoInstructionTable>): Promise<number> {
  return (await trx.insertInto('info_instruction').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Links a 批示 to the 批示件 made of it (409 when stale); returns the new version. */
export function linkInstruction(trx: Trx, row: { id: number; version: number }, supervisionItemId: number, by: number, at: string): Promise<number> {
  return updateVersioned(trx, 'info_instruction', row, { supervision_item_id: supervisionItemId, converted_by: by, converted_at: at, updated_at: at });
}

/** Name of a user (批示领导), or null. */
export async function userName(db: H, id: number): Promise<string | null> {
  return (await db.selectFrom('user').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

/** Names of units by id (short names; `server/platform/names.ts`). */
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'short');

/** How many of `ids` are active units. */
export async function countActiveUnits(db: H, ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('id', 'in', [...new Set(ids)])
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The id of 信息处 (the unit merged items belong to), or undefined. */
export async function infoDeskUnitId(db: H): Promise<number | undefined> {
  return (await db.selectFrom('unit').select('id').where('code', '=', INFO_DESK_UNIT_CODE).executeTakeFirst())?.id;
}

// ————— events known to the office (漏报) —————

/** Inserts an event; returns its id. */
export async function insertEvent(trx: Trx, values: Insertable<InfoEventTable>): Promise<number> {
  return (await trx.insertInto('info_event').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** One event, or undefined. */
export function loadEvent(db: H, id: number): Promise<InfoEventRow | undefined> {
  return db.selectFrom('info_event').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The oldest open event of a unit and kind (the one a new report answers), or undefined. */
export function openEventOf(db: H, unitId: number, kind: string): Promise<InfoEventRow | undefined> {
  return db
    .selectFrom('info_event')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Writes columns of an event at its version (409 when stale); returns the new version. */
export function updateEvent(trx: Trx, row: { id: number; version: number }, set: Partial<Insertable<InfoEventTable>>): Promise<number> {
  return updateVersioned(trx, 'info_event', row, set);
}

/** The read rule of events as SQL over `info_event`: 信息处 all up to its clearance, a unit its own. */
export function eventsVisibleTo(actor: Actor): Expression<SqlBool> {
  const extra: Expression<SqlBool>[] = isInfoDesk(actor) ? [sql<SqlBool>`1 = 1`] : [];
  return visibleTo(actor, { itemType: 'info_event', id: 'info_event.id', level: 'info_event.level', units: ['info_event.unit_id'], extra });
}

/** Events the actor may see (信息处: all up to clearance; a unit: its own), newest first. */
export function listEvents(db: H, actor: Actor, limit = 200) {
  return db
    .selectFrom('info_event')
    .innerJoin('unit', 'unit.id', 'info_event.unit_id')
    .selectAll('info_event')
    .select('unit.short_name as unit_name')
    .where(eventsVisibleTo(actor))
    .orderBy('info_event.id', 'desc')
    .limit(limit)
    .execute();
}

// ————— statistics —————

/**
 * Counts per unit for `[from, to)` (ISO instants): reported, late, adopted by level, 批示, 漏报 — counted from the
 * rows. The statistics read the same counts from the count tables (`statisticsRowsAggregated`); this is the exact
 * reference, and the path for a period whose edges fall inside a China day.
 */
export async function statisticsRows(db: H, from: string, to: string, unitIds?: readonly number[]) {
  const only = (col: string) => (unitIds ? sql<SqlBool>`${sql.ref(col)} IN (${sql.join(unitIds.length ? [...unitIds] : [0])})` : sql<SqlBool>`1 = 1`);
  const level = sql<string | null>`coalesce(m.adopt_level, r.adopt_level)`;
  const [byLevel, instructions, missed] = await Promise.all([
    // one pass over the period's reports (an index holds every column read): counted per unit and 采用 level
    db
      .selectFrom('info_item as r')
      .leftJoin('info_item as m', 'm.id', 'r.merged_into_id')
      .select(['r.unit_id', level.as('lvl'), (eb) => eb.fn.countAll().as('n'), sql<number>`sum(r.late)`.as('late')])
      .where('r.origin', '=', 'report')
      .where('r.reported_at', '>=', from)
      .where('r.reported_at', '<', to)
      .where(only('r.unit_id'))
      .groupBy(['r.unit_id', level])
      .execute(),
    db
      .selectFrom('info_instruction as i')
      .innerJoin('info_item as r', (j) => j.on((eb) => eb.or([eb('r.id', '=', eb.ref('i.item_id')), eb('r.merged_into_id', '=', eb.ref('i.item_id'))])))
      .select(['r.unit_id', (eb) => eb.fn.countAll().as('n')])
      .where('r.origin', '=', 'report')
      .where('i.created_at', '>=', from)
      .where('i.created_at', '<', to)
      .where(only('r.unit_id'))
      .groupBy('r.unit_id')
      .execute(),
    db
      .selectFrom('info_event as e')
      .select(['e.unit_id', (eb) => eb.fn.countAll().as('n')])
      .where('e.status', '=', 'missed')
      .where('e.due_at', '>=', from)
      .where('e.due_at', '<', to)
      .where(only('e.unit_id'))
      .groupBy('e.unit_id')
      .execute(),
  ]);
  const reported = new Map<number, { unit_id: number; n: number; late: number }>();
  for (const r of byLevel) {
    const s = reported.get(r.unit_id) ?? { unit_id: r.unit_id, n: 0, late: 0 };
    s.n += Number(r.n);
    s.late += Number(r.late ?? 0);
    reported.set(r.unit_id, s);
  }
  const adopted = byLevel.filter((r) => r.lvl !== null).map((r) => ({ unit_id: r.unit_id, lvl: r.lvl!, n: r.n }));
  return { reported: [...reported.values()], adopted, instructions, missed };
}

// ————— 工作台 —————

/** Reports waiting for 采编 (信息处's intake), oldest first. */
export function intakeQueue(db: H, actor: Actor, limit = 50) {
  return db
    .selectFrom('info_item')
    .innerJoin('unit', 'unit.id', 'info_item.unit_id')
    .select(['info_item.id', 'info_item.title', 'info_item.status', 'info_item.due_at', 'info_item.reported_at', 'unit.short_name as unit_name'])
    .where(infoVisibleTo(actor))
    .where('info_item.status', '=', 'submitted')
    .orderBy('info_item.id')
    .limit(limit)
    .execute();
}

/** Items with a 批示 not yet turned into a 批示件 (督查室's pending conversions). */
export function pendingConversions(db: H, actor: Actor, limit = 50) {
  return db
    .selectFrom('info_item')
    .innerJoin('unit', 'unit.id', 'info_item.unit_id')
    .select(['info_item.id', 'info_item.title', 'info_item.status', 'unit.short_name as unit_name'])
    .where(infoVisibleTo(actor))
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM info_instruction ii WHERE ii.item_id = info_item.id AND ii.supervision_item_id IS NULL)`)
    .orderBy('info_item.id')
    .limit(limit)
    .execute();
}

/** Enabled users of a unit (by id or code) holding one of `roles` and cleared for `level`: whom a notification goes to. */
export async function unitUsers(db: H, unit: { id: number } | { code: string }, roles: readonly string[], level: number): Promise<number[]> {
  let q = db
    .selectFrom('user')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select('user.id')
    .where('user.disabled', '=', 0)
    .where('user.clearance', '>=', level)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'user.id')
          .where('user_role.role', 'in', [...roles]),
      ),
    );
  q = 'id' in unit ? q.where('unit.id', '=', unit.id) : q.where('unit.code', '=', unit.code);
  return (await q.orderBy('user.id').execute()).map((r) => r.id);
}

/** The 批示 a leader wrote, newest first, with the item's title (the leader may read every item they instructed while cleared for it). */
export function instructionsBy(db: H, leaderId: number, limit = 200) {
  return db
    .selectFrom('info_instruction as i')
    .innerJoin('info_item', 'info_item.id', 'i.item_id')
    .select(['i.id', 'i.item_id', 'i.text', 'i.created_at', 'i.supervision_item_id', 'info_item.title', 'info_item.level'])
    .where('i.leader_id', '=', leaderId)
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}
