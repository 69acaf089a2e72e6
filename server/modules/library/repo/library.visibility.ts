/** SQL: the library's read rules as WHERE conditions (lists, counts, search, exports); they agree with `library.policy.ts` (checked by library.policy.test.ts). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { hasRole, isBusinessUser, type Actor } from '../../../platform/actor.js';
import { visibleTo } from '../../../platform/authz.js';

function scopeExists(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM library_scope ls WHERE ls.item_id = library_item.id AND ((ls.grantee_type = 'unit' AND ls.grantee_id = ${actor.unitId}) OR (ls.grantee_type = 'user' AND ls.grantee_id = ${actor.id})))`;
}

/** SQL over `library_item`: the actor may open the content (same rule as `canReadContent`). */
export function contentVisibleTo(actor: Actor): RawBuilder<SqlBool> {
  return visibleTo(actor, {
    itemType: 'library_item',
    id: 'library_item.id',
    level: 'library_item.level',
    units: ['library_item.owner_unit_id'],
    users: ['library_item.created_by'],
    extra: [sql<SqlBool>`library_item.scope = 'everyone'`, scopeExists(actor)],
  });
}

/** SQL over `library_item`: the actor may see the entry (same rule as `canReadEntry`). */
export function entryVisibleTo(actor: Actor): RawBuilder<SqlBool> {
  return visibleTo(actor, {
    itemType: 'library_item',
    id: 'library_item.id',
    level: 'library_item.level',
    units: ['library_item.owner_unit_id'],
    users: ['library_item.created_by'],
    extra: [sql<SqlBool>`library_item.catalog = 1`, sql<SqlBool>`library_item.scope = 'everyone'`, scopeExists(actor)],
  });
}

/** SQL over `library_topic`: cleared for the topic's level (the forum is open to every business user). */
export function topicVisibleTo(actor: Actor): RawBuilder<SqlBool> {
  if (!isBusinessUser(actor)) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`library_topic.level <= ${actor.clearance}`;
}

/** SQL over `library_item`: the actor decides the item's access requests (same rule as `canDecide`, the business-user check left to the caller). */
export function decidedBy(actor: Actor): RawBuilder<SqlBool> {
  const mine = sql<SqlBool>`library_item.created_by = ${actor.id}`;
  const need = hasRole(actor, 'division_head', 'director') ? sql<SqlBool>`(${mine} OR library_item.owner_unit_id = ${actor.unitId})` : mine;
  return sql<SqlBool>`(library_item.level <= ${actor.clearance} AND ${need})`;
}
