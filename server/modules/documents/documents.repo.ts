/** Every query of the 公文 module; each takes the db or transaction handle explicitly. */
import { sql, type Insertable, type SqlBool, type Expression } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import { hasRole, type Actor } from '../../platform/actor.js';
import { isSharedWith } from '../../platform/authz.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { SearchDocInput } from '../../platform/search-index.js';
import type { LoadedDocument } from './documents.policy.js';
import { htmlToText } from './documents.sanitize.js';
import type { DocumentTable } from './repo/documents.tables.js';
import { documentVisibleTo } from './repo/documents.visibility.js';

type H = Db | Trx;

/** Loads a document with the relations its policy needs, or undefined. */
export async function loadDocument(db: H, id: number, actor: Actor): Promise<LoadedDocument | undefined> {
  const row = await db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [handlers, circ, reviews, shared] = await Promise.all([
    db.selectFrom('document_handler').select(['unit_id']).where('document_id', '=', id).execute(),
    db.selectFrom('document_circulation').select(['user_id']).where('document_id', '=', id).execute(),
    db.selectFrom('document_review').select(['kind', 'reviewer_id', 'unit_id', 'decision', 'round']).where('document_id', '=', id).execute(),
    isSharedWith(db, actor, 'document', id),
  ]);
  const round = Math.max(0, ...reviews.filter((r) => r.kind === 'review').map((r) => r.round));
  return {
    ...row,
    handlerUnitIds: handlers.map((h) => h.unit_id),
    circulationUserIds: circ.map((c) => c.user_id),
    reviewerIds: reviews.filter((r) => r.kind === 'review' && r.reviewer_id !== null).map((r) => r.reviewer_id!),
    pendingReviewerIds: reviews.filter((r) => r.kind === 'review' && r.round === round && r.decision === 'pending').map((r) => r.reviewer_id!),
    pendingCountersignUnitIds: reviews.filter((r) => r.kind === 'countersign' && r.decision === 'pending').map((r) => r.unit_id!),
    jointUnitIds: JSON.parse(row.joint_unit_ids) as number[],
    shared,
  };
}

/** The 密级 of a document (0 when absent), for the attachment owner. */
export async function documentLevel(db: H, id: number): Promise<number> {
  return (await db.selectFrom('document').select('level').where('id', '=', id).executeTakeFirst())?.level ?? 0;
}

/** The current status and version of a document (after a step's side effects). */
export async function documentState(db: H, id: number): Promise<{ status: string; version: number }> {
  return db.selectFrom('document').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Who drafted a document, if it exists. */
export async function documentCreator(db: H, id: number): Promise<number | undefined> {
  return (await db.selectFrom('document').select(['created_by']).where('id', '=', id).executeTakeFirst())?.created_by;
}

/** Writes a plain edit of a document if it is still at `version`; returns the new version (409 otherwise). */
export async function updateDocument(trx: Trx, d: { id: number; version: number }, cols: Record<string, unknown>, at: string): Promise<number> {
  return updateVersioned(trx, 'document', d, { ...cols, updated_at: at });
}

/** The documents (visible to `actor`) waiting for the actor's own action, newest first, for the 工作台. */
export async function pendingForWorkbench(db: Db, actor: Actor) {
  return db
    .selectFrom('document')
    .leftJoin('unit', 'unit.id', 'document.owner_unit_id')
    .select([
      'document.id',
      'document.direction',
      'document.title',
      'document.status',
      'document.deadline',
      'unit.short_name',
      'document.doc_no',
      'document.receive_no',
    ])
    .where(documentVisibleTo(actor))
    .where(pendingCondition(actor))
    .orderBy('document.id', 'desc')
    .limit(200)
    .execute();
}

/** Inserts a document; returns its id. */
export async function insertDocument(trx: Trx, values: Insertable<DocumentTable>): Promise<number> {
  const row = await trx.insertInto('document').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Records one workflow step (the document's own history, besides the audit chain). */
export async function insertStep(
  trx: Trx,
  s: { documentId: number; action: string; from: string; to: string; actor: Actor; comment?: string | null; at: string },
): Promise<void> {
  await trx
    .insertInto('document_step')
    .values({
      document_id: s.documentId,
      action: s.action,
      from_status: s.from,
      to_status: s.to,
      actor_id: s.actor.id,
      actor_name: s.actor.name,
      comment: s.comment ?? null,
      at: s.at,
    })
    .execute();
}

/** The filters of the document list. */
export interface DocumentFilter {
  direction?: 'in' | 'out';
  docType?: string;
  level?: number;
  urgency?: string;
  status?: string;
  unitId?: number;
  from?: string;
  to?: string;
  q?: string;
  overdue?: boolean;
  mine?: boolean;
  archived?: boolean;
  year?: number;
}

/** SQL: documents waiting for the actor's own action (我的待办). */
export function pendingCondition(actor: Actor): Expression<SqlBool> {
  const clerk = hasRole(actor, 'staff', 'division_head', 'director');
  const handler = hasRole(actor, 'staff', 'division_head', 'director', 'liaison');
  const signerRole = hasRole(actor, 'leader', 'director', 'division_head', 'liaison');
  const parts: Expression<SqlBool>[] = [
    sql<SqlBool>`(document.direction = 'in' AND document.status = 'to_instruct' AND document.leader_id = ${actor.id})`,
    sql<SqlBool>`(document.direction = 'out' AND document.status = 'draft' AND document.created_by = ${actor.id})`,
    sql<SqlBool>`(document.direction = 'out' AND document.status = 'to_sign' AND document.signer_id = ${actor.id})`,
    sql<SqlBool>`(document.status = 'reviewing' AND EXISTS (SELECT 1 FROM document_review r WHERE r.document_id = document.id AND r.kind = 'review' AND r.decision = 'pending' AND r.reviewer_id = ${actor.id}))`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_circulation c WHERE c.document_id = document.id AND c.user_id = ${actor.id} AND c.read_at IS NULL)`,
  ];
  if (clerk)
    parts.push(
      sql<SqlBool>`(document.owner_unit_id = ${actor.unitId} AND ((document.direction = 'in' AND document.status IN ('to_receive','received','registered','to_propose','done')) OR (document.direction = 'out' AND document.status IN ('signed','checked','registered','printed','distributed'))))`,
    );
  // 签收: a copy delivered to the actor's unit waits for its 文书 or 联络员
  if (hasRole(actor, 'liaison') && !clerk)
    parts.push(sql<SqlBool>`(document.owner_unit_id = ${actor.unitId} AND document.direction = 'in' AND document.status = 'to_receive')`);
  if (handler)
    parts.push(
      sql<SqlBool>`(document.status = 'handling' AND EXISTS (SELECT 1 FROM document_handler h WHERE h.document_id = document.id AND h.unit_id = ${actor.unitId} AND h.reply IS NULL))`,
    );
  if (signerRole)
    parts.push(
      sql<SqlBool>`(document.status = 'countersigning' AND EXISTS (SELECT 1 FROM document_review r WHERE r.document_id = document.id AND r.kind = 'countersign' AND r.decision = 'pending' AND r.unit_id = ${actor.unitId}))`,
    );
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** The visible documents matching `f`, newest first, with the total. */
export async function listDocuments(db: H, actor: Actor, f: DocumentFilter, page: { page: number; pageSize: number }, today: string) {
  let q = db.selectFrom('document').where(documentVisibleTo(actor));
  if (f.direction) q = q.where('document.direction', '=', f.direction);
  if (f.docType) q = q.where('document.doc_type', '=', f.docType);
  if (f.level !== undefined) q = q.where('document.level', '=', f.level);
  if (f.urgency) q = q.where('document.urgency', '=', f.urgency);
  if (f.status) q = q.where('document.status', '=', f.status);
  if (f.unitId) q = q.where((eb) => eb.or([eb('document.owner_unit_id', '=', f.unitId!), eb('document.lead_unit_id', '=', f.unitId!)]));
  if (f.from) q = q.where('document.created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('document.created_at', '<=', `${f.to}T23:59:59.999Z`);
  if (f.year) q = q.where('document.year', '=', f.year);
  if (f.archived) q = q.where('document.status', '=', 'archived');
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<SqlBool>`(document.title LIKE ${like} ESCAPE '\\' OR document.doc_no LIKE ${like} ESCAPE '\\' OR document.receive_no LIKE ${like} ESCAPE '\\' OR document.source_organ LIKE ${like} ESCAPE '\\' OR document.archive_no LIKE ${like} ESCAPE '\\')`,
    );
  }
  if (f.overdue) q = q.where('document.deadline', '<', today).where('document.status', 'not in', ['done', 'archived', 'returned', 'distributed']);
  if (f.mine) q = q.where(pendingCondition(actor));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .leftJoin('unit as ou', 'ou.id', 'document.owner_unit_id')
    .leftJoin('unit as lu', 'lu.id', 'document.lead_unit_id')
    .select([
      'document.id',
      'document.direction',
      'document.status',
      'document.doc_type',
      'document.title',
      'document.level',
      'document.urgency',
      'document.doc_no',
      'document.receive_no',
      'document.original_no',
      'document.source_organ',
      'document.deadline',
      'document.archive_no',
      'document.retention',
      'document.archived_at',
      'document.created_at',
      'document.updated_at',
      'document.owner_unit_id',
      'ou.short_name as owner_unit_name',
      'lu.short_name as lead_unit_name',
      sql<number>`(SELECT COUNT(*) FROM document_circulation c WHERE c.document_id = document.id AND c.read_at IS NULL)`.as('unread_circulations'),
    ])
    .orderBy('document.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { total, rows };
}

/** How many outgoing documents of (unit, type, year) count against the quota (all but drafts returned for good). */
export async function countIssued(db: H, unitId: number, docType: string, year: number): Promise<number> {
  const r = await db
    .selectFrom('document')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('direction', '=', 'out')
    .where('owner_unit_id', '=', unitId)
    .where('doc_type', '=', docType)
    .where('year', '=', year)
    .where('doc_no', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The quota row of (unit, type, year), if one is set. */
export async function findQuota(db: H, unitId: number, docType: string, year: number) {
  return db.selectFrom('document_quota').selectAll().where('unit_id', '=', unitId).where('doc_type', '=', docType).where('year', '=', year).executeTakeFirst();
}

/** Plan, quota and actual outgoing counts per unit and type for a year, restricted to `unitIds` when given. */
export async function planVsActual(db: H, year: number, unitIds: number[] | null) {
  let quotas = db
    .selectFrom('document_quota')
    .innerJoin('unit', 'unit.id', 'document_quota.unit_id')
    .select(['document_quota.unit_id', 'unit.short_name as unit_name', 'document_quota.doc_type', 'document_quota.plan', 'document_quota.quota'])
    .where('year', '=', year);
  if (unitIds) quotas = quotas.where('document_quota.unit_id', 'in', unitIds.length ? unitIds : [-1]);
  let actual = db
    .selectFrom('document')
    .innerJoin('unit', 'unit.id', 'document.owner_unit_id')
    .select([
      'document.owner_unit_id as unit_id',
      'unit.short_name as unit_name',
      'document.doc_type',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`SUM(LENGTH(document.body_html))`.as('chars'),
    ])
    .where('direction', '=', 'out')
    .where('year', '=', year)
    .where('document.doc_no', 'is not', null)
    .groupBy(['document.owner_unit_id', 'unit.short_name', 'document.doc_type']);
  if (unitIds) actual = actual.where('document.owner_unit_id', 'in', unitIds.length ? unitIds : [-1]);
  return { quotas: await quotas.execute(), actual: await actual.execute() };
}

/** What the whole-system search (全文检索) indexes of documents: text every reader may see, with the need-to-know of each. */
export async function searchDocs(db: H, ids: readonly number[] | null): Promise<SearchDocInput[]> {
  let q = db.selectFrom('document').selectAll();
  if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
  const rows = await q.orderBy('id').execute();
  if (!rows.length) return [];
  const docIds = rows.map((r) => r.id);
  const [handlers, circ, reviews, shares] = await Promise.all([
    db.selectFrom('document_handler').select(['document_id', 'unit_id']).where('document_id', 'in', docIds).execute(),
    db.selectFrom('document_circulation').select(['document_id', 'user_id']).where('document_id', 'in', docIds).execute(),
    db.selectFrom('document_review').select(['document_id', 'reviewer_id', 'unit_id', 'kind']).where('document_id', 'in', docIds).execute(),
    db.selectFrom('share_grant').select(['item_id', 'grantee_type', 'grantee_id']).where('item_type', '=', 'document').where('item_id', 'in', docIds).execute(),
  ]);
  const by = <T extends { document_id: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) m.set(x.document_id, [...(m.get(x.document_id) ?? []), x]);
    return m;
  };
  const H_ = by(handlers);
  const C = by(circ);
  const R = by(reviews);
  return rows.map((d) => {
    const sh = shares.filter((s) => s.item_id === d.id);
    const units = [
      d.owner_unit_id,
      d.lead_unit_id,
      ...(H_.get(d.id) ?? []).map((h) => h.unit_id),
      ...(JSON.parse(d.joint_unit_ids) as number[]),
      ...(R.get(d.id) ?? []).filter((r) => r.kind === 'countersign').map((r) => r.unit_id),
      ...sh.filter((s) => s.grantee_type === 'unit').map((s) => s.grantee_id),
    ];
    const users = [
      d.created_by,
      d.signer_id,
      d.leader_id,
      ...(C.get(d.id) ?? []).map((c) => c.user_id),
      ...(R.get(d.id) ?? []).filter((r) => r.kind === 'review').map((r) => r.reviewer_id),
      ...sh.filter((s) => s.grantee_type === 'user').map((s) => s.grantee_id),
    ];
    return {
      module: 'documents',
      itemType: 'document',
      itemId: d.id,
      title: d.title,
      body: [d.doc_no, d.receive_no, d.original_no, d.source_organ, d.main_to, htmlToText(d.body_html), d.instruction, d.result].filter(Boolean).join('\n'),
      unitIds: [...new Set(units.filter((u): u is number => u !== null))],
      userIds: [...new Set(users.filter((u): u is number => u !== null))],
      level: d.level,
      kind: d.doc_type,
      date: d.created_at.slice(0, 10),
      link: `/documents/${d.id}`,
      ownerUnitId: d.owner_unit_id,
    };
  });
}

/** The rebuild source of the search index: every document, in batches. */
export async function* documentsSearchSource(db: H): AsyncIterable<SearchDocInput[]> {
  let after = 0;
  for (;;) {
    const ids = (await db.selectFrom('document').select('id').where('id', '>', after).orderBy('id').limit(500).execute()).map((r) => r.id);
    if (!ids.length) return;
    yield await searchDocs(db, ids);
    after = ids.at(-1)!;
  }
}
