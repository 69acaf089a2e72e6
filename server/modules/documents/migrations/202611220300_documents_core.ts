/** 公文: incoming and outgoing documents, their step records, handlers, circulation, reviews, quotas, archive. */
import type { Kysely } from 'kysely';
import { withId, withVersionAndTimes } from '../../../db/migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersionAndTimes(
    withId(db, db.schema.createTable('document'))
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('secrecy_term', 'text')
      .addColumn('urgency', 'text', (c) => c.notNull().defaultTo('normal'))
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('deadline', 'text')
      // incoming (收文)
      .addColumn('receive_no', 'text')
      .addColumn('source_organ', 'text')
      .addColumn('original_no', 'text')
      .addColumn('pages', 'integer')
      .addColumn('copies', 'integer')
      .addColumn('received_at', 'text')
      .addColumn('attachments_note', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('proposal', 'text')
      .addColumn('leader_id', 'integer', (c) => c.references('user.id'))
      .addColumn('instruction', 'text')
      .addColumn('lead_unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('supervision_item_id', 'integer')
      .addColumn('source_document_id', 'integer')
      .addColumn('result', 'text')
      // outgoing (发文)
      .addColumn('org_code', 'text')
      .addColumn('year', 'integer')
      .addColumn('serial', 'integer')
      .addColumn('doc_no', 'text')
      .addColumn('issuer_organ', 'text')
      .addColumn('flow', 'text')
      .addColumn('important', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('joint_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('signer_id', 'integer', (c) => c.references('user.id'))
      .addColumn('signed_at', 'text')
      .addColumn('main_to', 'text')
      .addColumn('cc', 'text')
      .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('signature', 'text')
      .addColumn('doc_date', 'text')
      .addColumn('note', 'text')
      .addColumn('print_organ', 'text')
      .addColumn('print_date', 'text')
      .addColumn('copy_no', 'text')
      .addColumn('print_count', 'integer')
      .addColumn('main_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('cc_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('over_quota_approval_id', 'integer')
      // archive (归档)
      .addColumn('retention', 'text')
      .addColumn('archive_no', 'text')
      .addColumn('archived_at', 'text'),
  ).execute();
  await db.schema.createIndex('document_owner_idx').on('document').columns(['owner_unit_id', 'status']).execute();
  await db.schema.createIndex('document_dir_idx').on('document').columns(['direction', 'doc_type', 'year']).execute();
  await db.schema.createIndex('document_docno_idx').on('document').column('doc_no').unique().execute();

  await withId(db, db.schema.createTable('document_step'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_step_doc_idx').on('document_step').column('document_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('document_handler'))
      .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('reply', 'text')
      .addColumn('replied_by', 'integer')
      .addColumn('replied_at', 'text')
      .addUniqueConstraint('document_handler_once', ['document_id', 'unit_id']),
  ).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('document_circulation'))
      .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('purpose', 'text')
      .addColumn('sent_by', 'integer', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .addUniqueConstraint('document_circulation_once', ['document_id', 'user_id']),
  ).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('document_review'))
      .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reviewer_id', 'integer', (c) => c.references('user.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('decided_by', 'integer')
      .addColumn('decided_at', 'text'),
  ).execute();
  await db.schema.createIndex('document_review_doc_idx').on('document_review').column('document_id').execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('document_quota'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('plan', 'integer', (c) => c.notNull())
      .addColumn('quota', 'integer', (c) => c.notNull())
      .addUniqueConstraint('document_quota_once', ['unit_id', 'year', 'doc_type']),
  ).execute();

  await withVersionAndTimes(
    withId(db, db.schema.createTable('document_quota_approval'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer')
      .addColumn('decision_comment', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('document_id', 'integer'),
  ).execute();
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
