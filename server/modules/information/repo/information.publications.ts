/** Every query of 信息刊物 (publications, issues, their items, readership and read receipts). */
import { sql, type Expression, type Generated, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { visibleTo } from '../../../platform/authz.js';
import { updateVersioned } from '../../../platform/versioned.js';
import { isLeader } from '../information.policy.js';

type H = Db | Trx;

/** A publication (刊物): 《每日要情》, 《信息专报》, 《工作动态》… */
export interface InfoPublicationTable {
  id: Generated<number>;
  name: string;
  /** The numbering counter's prefix (serial_counter), fixed at creation. */
  prefix: string;
  /** The lowest 采用 level an item needs to go into an issue. */
  min_adopt_level: string;
  /** Default 密级 of its issues. */
  level: Generated<number>;
  /** 编印单位. */
  org_name: string;
  /** JSON `{units: number[], users: number[]}`: the default readership (分送). */
  readership: Generated<string>;
  /** 报送 line of the foot. */
  report_to: string | null;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** An issue (期): a draft until the director signs it and it gets its number. */
export interface InfoPubIssueTable {
  id: Generated<number>;
  publication_id: number;
  /** 信息处: the editing unit. */
  unit_id: number;
  editor_id: number;
  level: Generated<number>;
  note: Generated<string>;
  status: string;
  year: number | null;
  number: number | null;
  total_number: number | null;
  submitted_at: string | null;
  head_signed_by: number | null;
  head_signed_at: string | null;
  director_signed_by: number | null;
  published_at: string | null;
  return_reason: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface InfoPubIssueItemTable {
  id: Generated<number>;
  issue_id: number;
  item_id: number;
  position: number;
}

export interface InfoPubReaderTable {
  id: Generated<number>;
  issue_id: number;
  grantee_type: 'unit' | 'user';
  grantee_id: number;
}

export interface InfoPubReceiptTable {
  id: Generated<number>;
  issue_id: number;
  user_id: number;
  read_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    info_publication: InfoPublicationTable;
    info_pub_issue: InfoPubIssueTable;
    info_pub_issue_item: InfoPubIssueItemTable;
    info_pub_reader: InfoPubReaderTable;
    info_pub_receipt: InfoPubReceiptTable;
  }
}

export type PublicationRow = Selectable<InfoPublicationTable>;
export type IssueRow = Selectable<InfoPubIssueTable>;

/** An issue with what its policy needs beyond the row. */
export interface LoadedIssue extends IssueRow {
  /** Whether the issue's readership names the actor's unit or the actor (filled for the loading actor). */
  reader: boolean;
}

/** The read rule of `canReadIssue` as SQL over `info_pub_issue`. */
export function issueVisibleTo(actor: Actor): Expression<SqlBool> {
  const extra: Expression<SqlBool>[] = [
    sql<SqlBool>`(info_pub_issue.status = 'published' AND EXISTS (SELECT 1 FROM info_pub_reader r WHERE r.issue_id = info_pub_issue.id AND ((r.grantee_type = 'unit' AND r.grantee_id = ${actor.unitId}) OR (r.grantee_type = 'user' AND r.grantee_id = ${actor.id}))))`,
  ];
  if (isLeader(actor)) extra.push(sql<SqlBool>`info_pub_issue.status = 'published'`);
  if (actor.roles.includes('director')) extra.push(sql<SqlBool>`info_pub_issue.status = 'head_signed'`);
  return visibleTo(actor, {
    itemType: 'info_pub_issue',
    id: 'info_pub_issue.id',
    level: 'info_pub_issue.level',
    units: ['info_pub_issue.unit_id'],
    users: ['info_pub_issue.director_signed_by'],
    extra,
  });
}

export const listPublications = (db: H) => db.selectFrom('info_publication').selectAll().orderBy('id').execute();
export const loadPublication = (db: H, id: number) => db.selectFrom('info_publication').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertPublication(trx: Trx, v: Insertable<InfoPublicationTable>): Promise<number> {
  return (await trx.insertInto('info_publication').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
export const updatePublication = (trx: Trx, row: { id: number; version: number }, set: Partial<Insertable<InfoPublicationTable>>) =>
  updateVersioned(trx, 'info_publication', row, set);

/** Loads an issue, with whether its readership names `actor`. */
export async function loadIssue(db: H, id: number, actor?: Actor): Promise<LoadedIssue | undefined> {
  const row = await db.selectFrom('info_pub_issue').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  let reader = false;
  if (actor)
    reader = !!(await db
      .selectFrom('info_pub_reader')
      .select('id')
      .where('issue_id', '=', id)
      .where((eb) =>
        eb.or([
          eb.and([eb('grantee_type', '=', 'unit'), eb('grantee_id', '=', actor.unitId)]),
          eb.and([eb('grantee_type', '=', 'user'), eb('grantee_id', '=', actor.id)]),
        ]),
      )
      .executeTakeFirst());
  return { ...row, reader };
}

export async function insertIssue(trx: Trx, v: Insertable<InfoPubIssueTable>): Promise<number> {
  return (await trx.insertInto('info_pub_issue').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
export const updateIssue = (trx: Trx, row: { id: number; version: number }, set: Partial<Insertable<InfoPubIssueTable>>) =>
  updateVersioned(trx, 'info_pub_issue', row, set);

/** The items of an issue in order, with their text. */
export function issueItems(db: H, issueId: number) {
  return db
    .selectFrom('info_pub_issue_item as ii')
    .innerJoin('info_item', 'info_item.id', 'ii.item_id')
    .innerJoin('unit', 'unit.id', 'info_item.unit_id')
    .select([
      'ii.position',
      'info_item.id',
      'info_item.title',
      'info_item.body',
      'info_item.level',
      'info_item.kind',
      'info_item.adopt_level',
      'unit.short_name as unit_name',
    ])
    .where('ii.issue_id', '=', issueId)
    .orderBy('ii.position')
    .execute();
}

/** Replaces the items of an issue with `itemIds`, in that order. */
export async function setIssueItems(trx: Trx, issueId: number, itemIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('info_pub_issue_item').where('issue_id', '=', issueId).execute();
  if (itemIds.length)
    await trx
      .insertInto('info_pub_issue_item')
      .values(itemIds.map((item_id, i) => ({ issue_id: issueId, item_id, position: i + 1 })))
      .execute();
}

/** The year's published count of a publication before this one (总第N期 counts all years). */
export async function publishedTotal(trx: Trx, publicationId: number): Promise<number> {
  const r = await trx
    .selectFrom('info_pub_issue')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('publication_id', '=', publicationId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Copies the readership onto a published issue. */
export async function insertReaders(trx: Trx, issueId: number, r: { units: number[]; users: number[] }): Promise<void> {
  const rows = [
    ...[...new Set(r.units)].map((id) => ({ issue_id: issueId, grantee_type: 'unit' as const, grantee_id: id })),
    ...[...new Set(r.users)].map((id) => ({ issue_id: issueId, grantee_type: 'user' as const, grantee_id: id })),
  ];
  if (rows.length) await trx.insertInto('info_pub_reader').values(rows).execute();
}

export const readersOf = (db: H, issueId: number) =>
  db.selectFrom('info_pub_reader').select(['grantee_type', 'grantee_id']).where('issue_id', '=', issueId).orderBy('id').execute();

/** Records the first read of `userId`; returns whether it was new. */
export async function insertReceipt(trx: Trx, issueId: number, userId: number, at: string): Promise<boolean> {
  const res = await trx
    .insertInto('info_pub_receipt')
    .values({ issue_id: issueId, user_id: userId, read_at: at })
    .onConflict((oc) => oc.columns(['issue_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const receiptsOf = (db: H, issueId: number) =>
  db
    .selectFrom('info_pub_receipt as r')
    .innerJoin('user', 'user.id', 'r.user_id')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select(['r.user_id', 'user.name as name', 'unit.short_name as unit_name', 'r.read_at'])
    .where('r.issue_id', '=', issueId)
    .orderBy('r.read_at')
    .execute();

/** One page of the issues the actor may see, newest first; `unread`: published, not yet read by the actor. */
export async function listIssues(db: H, actor: Actor, f: { status?: string; publicationId?: number; unread?: boolean }, limit = 200) {
  let q = db
    .selectFrom('info_pub_issue')
    .innerJoin('info_publication as p', 'p.id', 'info_pub_issue.publication_id')
    .select([
      'info_pub_issue.id',
      'info_pub_issue.publication_id',
      'p.name as publication_name',
      'info_pub_issue.status',
      'info_pub_issue.year',
      'info_pub_issue.number',
      'info_pub_issue.total_number',
      'info_pub_issue.level',
      'info_pub_issue.published_at',
      'info_pub_issue.submitted_at',
      'info_pub_issue.created_at',
      'info_pub_issue.version',
    ])
    .select((eb) => [
      eb
        .selectFrom('info_pub_issue_item')
        .select((e) => e.fn.countAll<string | number>().as('n'))
        .whereRef('issue_id', '=', 'info_pub_issue.id')
        .as('item_count'),
      eb.selectFrom('info_pub_receipt').select('read_at').whereRef('issue_id', '=', 'info_pub_issue.id').where('user_id', '=', actor.id).as('read_at'),
    ])
    .where(issueVisibleTo(actor));
  if (f.status) q = q.where('info_pub_issue.status', '=', f.status);
  if (f.publicationId) q = q.where('info_pub_issue.publication_id', '=', f.publicationId);
  if (f.unread)
    q = q
      .where('info_pub_issue.status', '=', 'published')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('info_pub_receipt').select('id').whereRef('issue_id', '=', 'info_pub_issue.id').where('user_id', '=', actor.id))),
      );
  return q.orderBy('info_pub_issue.id', 'desc').limit(limit).execute();
}

/** Adopted items (at one of `levels`) the editor may read and not yet in a published issue of the publication, newest first. */
export function adoptableItems(db: H, readable: Expression<SqlBool>, publicationId: number, levels: readonly string[], limit = 200) {
  return db
    .selectFrom('info_item')
    .innerJoin('unit', 'unit.id', 'info_item.unit_id')
    .select([
      'info_item.id',
      'info_item.title',
      'info_item.kind',
      'info_item.level',
      'info_item.adopt_level',
      'info_item.adopted_at',
      'unit.short_name as unit_name',
    ])
    .where('info_item.status', '=', 'adopted')
    .where('info_item.adopt_level', 'in', [...levels])
    .where(readable)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('info_pub_issue_item as ii')
            .innerJoin('info_pub_issue as i', 'i.id', 'ii.issue_id')
            .select('ii.id')
            .whereRef('ii.item_id', '=', 'info_item.id')
            .where('i.publication_id', '=', publicationId)
            .where('i.status', '=', 'published'),
        ),
      ),
    )
    .orderBy('info_item.id', 'desc')
    .limit(limit)
    .execute();
}

/** Issues waiting for a signature longer than since `before` (ISO), for the loose-ends and the 工作台. */
export function pendingSignatures(db: H, actor: Actor, status: 'submitted' | 'head_signed', limit = 50) {
  return db
    .selectFrom('info_pub_issue')
    .innerJoin('info_publication as p', 'p.id', 'info_pub_issue.publication_id')
    .select([
      'info_pub_issue.id',
      'p.name as publication_name',
      'info_pub_issue.status',
      'info_pub_issue.submitted_at',
      'info_pub_issue.head_signed_at',
      'info_pub_issue.level',
    ])
    .where('info_pub_issue.status', '=', status)
    .where(issueVisibleTo(actor))
    .orderBy('info_pub_issue.id')
    .limit(limit)
    .execute();
}

/** Search documents of published issues (title: publication and number; body: the items' titles). */
export async function* issueSearchDocs(db: H) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('info_pub_issue')
      .innerJoin('info_publication as p', 'p.id', 'info_pub_issue.publication_id')
      .selectAll('info_pub_issue')
      .select('p.name as publication_name')
      .where('info_pub_issue.status', '=', 'published')
      .where('info_pub_issue.id', '>', after)
      .orderBy('info_pub_issue.id')
      .limit(200)
      .execute();
    if (!rows.length) return;
    yield await Promise.all(rows.map((r) => issueSearchDoc(db, r)));
    after = rows[rows.length - 1]!.id;
  }
}

/** The search document of one issue. */
export async function issueSearchDoc(db: H, r: IssueRow & { publication_name: string }) {
  const items = await issueItems(db, r.id);
  const readers = await readersOf(db, r.id);
  const leaders = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .where('user_role.role', 'in', ['leader', 'director'])
    .where('user.disabled', '=', 0)
    .execute();
  return {
    module: 'information',
    itemType: 'info_pub_issue',
    itemId: r.id,
    title: `《${r.publication_name}》${r.year}年第${r.number}期`,
    body: [r.note, ...items.map((i) => `${i.title} ${i.body}`)].join('\n'),
    unitIds: [r.unit_id, ...readers.filter((x) => x.grantee_type === 'unit').map((x) => x.grantee_id)],
    userIds: [...new Set([...readers.filter((x) => x.grantee_type === 'user').map((x) => x.grantee_id), ...leaders.map((l) => l.id)])],
    level: r.level,
    kind: '信息刊物',
    date: r.published_at?.slice(0, 10) ?? null,
    link: `/information/issues/${r.id}`,
  };
}

/** Enabled office directors cleared for `level` (who sign an issue last). */
export async function directorIds(db: H, level: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .where('user_role.role', '=', 'director')
    .where('user.disabled', '=', 0)
    .where('user.clearance', '>=', level)
    .orderBy('user.id')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** Every issue waiting for a signature (the checker: no actor). */
export const allPendingIssues = (db: H) =>
  db.selectFrom('info_pub_issue').select(['id', 'status', 'level']).where('status', 'in', ['submitted', 'head_signed']).orderBy('id').execute();

/** The first item adopted into a 专报 (the demo's item carrying the 批示 turned into a 督办, when there is one). */
export async function findSpecialItem(db: H): Promise<number | undefined> {
  const withInstruction = await db
    .selectFrom('info_item')
    .select('info_item.id')
    .where('adopt_level', '=', 'special')
    .where('status', '=', 'adopted')
    .where((eb) => eb.exists(eb.selectFrom('info_instruction').select('info_instruction.id').whereRef('info_instruction.item_id', '=', 'info_item.id')))
    .orderBy('info_item.id')
    .executeTakeFirst();
  return withInstruction?.id;
}
