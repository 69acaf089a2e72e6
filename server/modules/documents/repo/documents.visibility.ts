/** SQL: the documents an actor may see — the read policy as a WHERE condition (lists, counts, search, exports, statistics). */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import { visibleTo } from '../../../platform/authz.js';

/** SQL: the documents `actor` may see; agrees with `documentsPolicy.read` (checked by documents.visibility.test.ts). */
export function documentVisibleTo(actor: Actor): RawBuilder<SqlBool> {
  const extra: Expression<SqlBool>[] = [
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_handler dh WHERE dh.document_id = document.id AND dh.unit_id = ${actor.unitId})`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_circulation dc WHERE dc.document_id = document.id AND dc.user_id = ${actor.id})`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM document_review dr WHERE dr.document_id = document.id AND (dr.reviewer_id = ${actor.id} OR (dr.kind = 'countersign' AND dr.unit_id = ${actor.unitId})))`,
  ];
  return visibleTo(actor, {
    itemType: 'document',
    id: 'document.id',
    level: 'document.level',
    units: ['document.owner_unit_id', 'document.lead_unit_id'],
    users: ['document.created_by', 'document.signer_id', 'document.leader_id'],
    extra,
  });
}
