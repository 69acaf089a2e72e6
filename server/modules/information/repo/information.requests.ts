/** Every query of 约稿 (information requests) and of handwritten 批示; each takes the db or transaction handle explicitly. */
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { visibleTo } from '../../../platform/authz.js';
import { updateVersioned } from '../../../platform/versioned.js';
import { isInfoDesk, type LoadedInfoRequest } from '../information.policy.js';
import { infoVisibleTo } from '../information.repo.js';
import type { InfoInstructionInkTable, InfoRequestTable } from './information.request-tables.js';

type H = Db | Trx;

/** The read rule of `canReadRequest` as SQL over `info_request`: 信息处, or an asked unit. */
export function requestVisibleTo(actor: Actor): Expression<SqlBool> {
  const extra: Expression<SqlBool>[] = [
    sql<SqlBool>`EXISTS (SELECT 1 FROM info_request_unit iru WHERE iru.request_id = info_request.id AND iru.unit_id = ${actor.unitId})`,
  ];
  if (isInfoDesk(actor)) extra.push(sql<SqlBool>`1 = 1`);
  return visibleTo(actor, { itemType: 'info_request', id: 'info_request.id', level: 'info_request.level', units: [], extra });
}

/** Loads a request with its asked units, or undefined. */
export async function loadRequest(db: H, id: number): Promise<LoadedInfoRequest | undefined> {
  const row = await db.selectFrom('info_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const units = await db.selectFrom('info_request_unit').select('unit_id').where('request_id', '=', id).orderBy('id').execute();
  return { ...row, unitIds: units.map((u) => u.unit_id) };
}

/** Inserts a request and its asked units; returns its id. */
export async function insertRequest(trx: Trx, values: Insertable<InfoRequestTable>, unitIds: readonly number[]): Promise<number> {
  const id = (await trx.insertInto('info_request').values(values).returning('id').executeTakeFirstOrThrow()).id;
  await trx
    .insertInto('info_request_unit')
    .values(unitIds.map((unit_id) => ({ request_id: id, unit_id })))
    .execute();
  return id;
}

/** Writes columns of a request at its version (409 when stale); returns the new version. */
export function updateRequest(trx: Trx, row: { id: number; version: number }, set: Partial<Insertable<InfoRequestTable>>): Promise<number> {
  return updateVersioned(trx, 'info_request', row, set);
}

/** Links a report to the request it answers for its unit. */
export async function insertAnswer(trx: Trx, a: { requestId: number; unitId: number; itemId: number; by: number; at: string }): Promise<void> {
  await trx
    .insertInto('info_request_answer')
    .values({ request_id: a.requestId, unit_id: a.unitId, item_id: a.itemId, answered_by: a.by, answered_at: a.at })
    .execute();
}

/** Filters of the request list. */
export interface RequestFilter {
  status?: 'open' | 'closed' | undefined;
}

/** The requests the actor may see, newest first, each with how many units it asks and how many answered. */
export async function listRequests(db: H, actor: Actor, f: RequestFilter, limit = 200) {
  let q = db
    .selectFrom('info_request')
    .selectAll('info_request')
    .select([
      sql<number>`(SELECT count(*) FROM info_request_unit u WHERE u.request_id = info_request.id)`.as('asked'),
      sql<number>`(SELECT count(DISTINCT a.unit_id) FROM info_request_answer a WHERE a.request_id = info_request.id)`.as('answered'),
      sql<number>`(SELECT count(*) FROM info_request_answer a WHERE a.request_id = info_request.id AND a.unit_id = ${actor.unitId})`.as('own_answers'),
      sql<number>`(SELECT count(*) FROM info_request_unit u WHERE u.request_id = info_request.id AND u.unit_id = ${actor.unitId})`.as('own_asked'),
    ])
    .where(requestVisibleTo(actor));
  if (f.status) q = q.where('info_request.status', '=', f.status);
  return q.orderBy('info_request.id', 'desc').limit(limit).execute();
}

/** The asked units of a request with their names and reminder time. */
export function askedUnits(db: H, requestId: number) {
  return db
    .selectFrom('info_request_unit as r')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .select(['r.id', 'r.unit_id', 'r.reminded_at', 'unit.short_name as unit_name'])
    .where('r.request_id', '=', requestId)
    .orderBy('r.id')
    .execute();
}

/** The answers of a request, oldest first: the linked report's title only where the actor may read it. */
export function answersOf(db: H, actor: Actor, requestId: number) {
  return db
    .selectFrom('info_request_answer as a')
    .innerJoin('info_item', 'info_item.id', 'a.item_id')
    .select([
      'a.id',
      'a.unit_id',
      'a.item_id',
      'a.answered_at',
      sql<string | null>`CASE WHEN ${infoVisibleTo(actor)} THEN info_item.title ELSE NULL END`.as('title'),
      sql<string | null>`CASE WHEN ${infoVisibleTo(actor)} THEN info_item.status ELSE NULL END`.as('status'),
    ])
    .where('a.request_id', '=', requestId)
    .orderBy('a.id')
    .execute();
}

/** Marks the asked units as reminded. */
export async function markReminded(trx: Trx, ids: readonly number[], at: string): Promise<void> {
  if (ids.length)
    await trx
      .updateTable('info_request_unit')
      .set({ reminded_at: at })
      .where('id', 'in', [...ids])
      .execute();
}

/** The asked units of open requests that have not answered, with the request (for the 工作台, the board and the checker). */
export function unansweredAsks(db: H) {
  return db
    .selectFrom('info_request_unit as r')
    .innerJoin('info_request', 'info_request.id', 'r.request_id')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .select([
      'r.id',
      'r.unit_id',
      'r.request_id',
      'info_request.topic',
      'info_request.level',
      'info_request.deadline',
      'info_request.status',
      'unit.short_name as unit_name',
      'unit.active as unit_active',
    ])
    .where('info_request.status', '=', 'open')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('info_request_answer as a').select('a.id').whereRef('a.request_id', '=', 'r.request_id').whereRef('a.unit_id', '=', 'r.unit_id'),
        ),
      ),
    );
}

/** Requests closed without their closing recorded (for the checker). */
export function requestsClosedWithoutOutcome(db: H) {
  return db
    .selectFrom('info_request')
    .select('id')
    .where('status', '=', 'closed')
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_by', 'is', null)]))
    .orderBy('id')
    .execute();
}

/** Per unit for requests created in `[from, to)`: how many asked it, and how many of those it answered. */
export async function requestStatisticsRows(db: H, from: string, to: string, unitIds?: readonly number[]) {
  let q = db
    .selectFrom('info_request_unit as r')
    .innerJoin('info_request', 'info_request.id', 'r.request_id')
    .select([
      'r.unit_id',
      (eb) => eb.fn.countAll().as('asked'),
      sql<number>`sum(CASE WHEN EXISTS (SELECT 1 FROM info_request_answer a WHERE a.request_id = r.request_id AND a.unit_id = r.unit_id) THEN 1 ELSE 0 END)`.as(
        'answered',
      ),
    ])
    .where('info_request.created_at', '>=', from)
    .where('info_request.created_at', '<', to);
  if (unitIds) q = q.where('r.unit_id', 'in', unitIds.length ? [...unitIds] : [0]);
  return q.groupBy('r.unit_id').execute();
}

// ————— handwritten 批示 —————

/** Stores the handwriting of a 批示. */
export async function insertInk(trx: Trx, values: InfoInstructionInkTable): Promise<void> {
  await trx.insertInto('info_instruction_ink').values(values).execute();
}

/** The handwriting of a 批示, or undefined. */
export function loadInk(db: H, instructionId: number) {
  return db.selectFrom('info_instruction_ink').select(['png_base64', 'size', 'sha256']).where('instruction_id', '=', instructionId).executeTakeFirst();
}

/** Which of `ids` (批示) carry handwriting. */
export async function inkedInstructions(db: H, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('info_instruction_ink')
    .select('instruction_id')
    .where('instruction_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.instruction_id));
}
