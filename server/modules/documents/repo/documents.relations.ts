/** Queries of a document's relations: 承办 units, 传阅 recipients, 审核/会签 rounds, the step record. */
import { sql } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';

type H = Db | Trx;

// ---------------------------------------------------------------- 承办 (handlers)

/** Units of a document that have not replied yet. */
export async function unitsWithoutReply(db: H, documentId: number): Promise<number[]> {
  return (await db.selectFrom('document_handler').select('unit_id').where('document_id', '=', documentId).where('reply', 'is', null).execute()).map(
    (p) => p.unit_id,
  );
}

/** The co-handling (协办) units of a document. */
export async function coUnits(db: H, documentId: number): Promise<number[]> {
  return (await db.selectFrom('document_handler').select('unit_id').where('document_id', '=', documentId).where('role', '=', 'co').execute()).map(
    (h) => h.unit_id,
  );
}

/** The reply of the lead (主办) unit, if any. */
export async function leadReply(db: H, documentId: number): Promise<string | null> {
  return (
    (await db.selectFrom('document_handler').select('reply').where('document_id', '=', documentId).where('role', '=', 'lead').executeTakeFirst())?.reply ?? null
  );
}

/** Adds a handling unit. */
export async function insertHandler(trx: Trx, documentId: number, unitId: number, role: 'lead' | 'co', at: string): Promise<void> {
  await trx
    .insertInto('document_handler')
    .values({ document_id: documentId, unit_id: unitId, role, reply: null, replied_by: null, replied_at: null, created_at: at, updated_at: at })
    .execute();
}

/** Records a unit's reply; returns whether the unit handles the document. */
export async function writeReply(trx: Trx, documentId: number, unitId: number, reply: string, by: number, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('document_handler')
    .set({ reply, replied_by: by, replied_at: at, updated_at: at, version: sql`version + 1` })
    .where('document_id', '=', documentId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------- 传阅 (circulation)

/** Sends (or re-sends, clearing the receipt) a 传阅 to a user. */
export async function upsertCirculation(trx: Trx, documentId: number, userId: number, purpose: string | null, sentBy: number, at: string): Promise<void> {
  await trx
    .insertInto('document_circulation')
    .values({ document_id: documentId, user_id: userId, purpose, sent_by: sentBy, read_at: null, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['document_id', 'user_id']).doUpdateSet({ read_at: null, purpose, updated_at: at, version: sql`document_circulation.version + 1` }),
    )
    .execute();
}

/** Records the read receipt of a 传阅; returns whether it was unread until now. */
export async function markCirculationRead(trx: Trx, documentId: number, userId: number, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('document_circulation')
    .set({ read_at: at, updated_at: at, version: sql`version + 1` })
    .where('document_id', '=', documentId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------- 审核 and 会签 (reviews)

/** The last review round of a document (0 before the first 送审). */
export async function lastReviewRound(db: H, documentId: number): Promise<number> {
  const r = await db
    .selectFrom('document_review')
    .select((eb) => eb.fn.max('round').as('r'))
    .where('document_id', '=', documentId)
    .where('kind', '=', 'review')
    .executeTakeFirst();
  return Number(r?.r ?? 0);
}

/** Names a pending reviewer (审核) or a pending co-issuing unit (会签). */
export async function insertReview(
  trx: Trx,
  r: { documentId: number; kind: 'review' | 'countersign'; reviewerId: number | null; unitId: number | null; round: number; at: string },
): Promise<void> {
  await trx
    .insertInto('document_review')
    .values({
      document_id: r.documentId,
      kind: r.kind,
      reviewer_id: r.reviewerId,
      unit_id: r.unitId,
      round: r.round,
      decision: 'pending',
      comment: null,
      decided_by: null,
      decided_at: null,
      created_at: r.at,
      updated_at: r.at,
    })
    .execute();
}

/** Records the pending decision of a reviewer (by user) or a co-issuing unit (by unit). */
export async function decidePending(
  trx: Trx,
  documentId: number,
  who: { kind: 'review'; reviewerId: number } | { kind: 'countersign'; unitId: number },
  d: { decision: 'approved' | 'rejected'; comment: string | null; by: number; at: string },
): Promise<void> {
  let q = trx
    .updateTable('document_review')
    .set({ decision: d.decision, comment: d.comment, decided_by: d.by, decided_at: d.at, updated_at: d.at, version: sql`version + 1` })
    .where('document_id', '=', documentId)
    .where('kind', '=', who.kind)
    .where('decision', '=', 'pending');
  q = who.kind === 'review' ? q.where('reviewer_id', '=', who.reviewerId) : q.where('unit_id', '=', who.unitId);
  await q.execute();
}

/** Ends the other pending reviews of a round when one reviewer returns the draft. */
export async function closePendingReviews(trx: Trx, documentId: number, at: string): Promise<void> {
  await trx
    .updateTable('document_review')
    .set({ decision: 'rejected', comment: '（随退回结束）', updated_at: at })
    .where('document_id', '=', documentId)
    .where('kind', '=', 'review')
    .where('decision', '=', 'pending')
    .execute();
}

// ---------------------------------------------------------------- the record, for the detail page

/** The step record, handlers, 传阅 and reviews of a document, in order. */
export async function documentRecords(db: H, id: number) {
  return Promise.all([
    db.selectFrom('document_step').selectAll().where('document_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('document_handler')
      .innerJoin('unit', 'unit.id', 'document_handler.unit_id')
      .select(['document_handler.unit_id', 'unit.short_name', 'document_handler.role', 'document_handler.reply', 'document_handler.replied_at'])
      .where('document_id', '=', id)
      .orderBy('document_handler.id')
      .execute(),
    db
      .selectFrom('document_circulation')
      .innerJoin('user', 'user.id', 'document_circulation.user_id')
      .select(['document_circulation.user_id', 'user.name', 'document_circulation.purpose', 'document_circulation.read_at', 'document_circulation.created_at'])
      .where('document_id', '=', id)
      .orderBy('document_circulation.id')
      .execute(),
    db
      .selectFrom('document_review')
      .leftJoin('user', 'user.id', 'document_review.reviewer_id')
      .leftJoin('unit', 'unit.id', 'document_review.unit_id')
      .select([
        'document_review.id',
        'document_review.kind',
        'document_review.reviewer_id',
        'user.name as reviewer_name',
        'document_review.unit_id',
        'unit.short_name as unit_name',
        'document_review.round',
        'document_review.decision',
        'document_review.comment',
        'document_review.decided_at',
      ])
      .where('document_id', '=', id)
      .orderBy('document_review.id')
      .execute(),
  ]);
}

/** What the automatic 催办 needs of a document. */
export async function urgeTarget(db: H, id: number) {
  return db.selectFrom('document').select(['id', 'title', 'status', 'level', 'deadline']).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------- 签收 (copies delivered by 核发)

/** The incoming copies of a distributed document, one per recipient unit, with their 签收 state. */
export async function deliveries(db: H, sourceId: number) {
  return db
    .selectFrom('document')
    .innerJoin('unit', 'unit.id', 'document.owner_unit_id')
    .select([
      'document.id',
      'document.owner_unit_id as unit_id',
      'unit.short_name',
      'document.status',
      'document.received_at',
      'document.title',
      'document.level',
      'document.original_no',
    ])
    .where('document.source_document_id', '=', sourceId)
    .where('document.direction', '=', 'in')
    .orderBy('document.id')
    .execute();
}
