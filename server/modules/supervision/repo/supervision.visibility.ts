/** SQL: the items and tasks an actor may see — the read policy as WHERE conditions (lists, counts, search, exports, statistics). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { planLiteral } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { hasRole, isBusinessUser } from '../../../platform/actor.js';
import { sharedWith, visibleTo } from '../../../platform/authz.js';

/** The office director (办公厅主任) oversees every item within clearance (policy: `isOfficeDirector`). */
function directorSees(a: Actor): RawBuilder<SqlBool>[] {
  return isBusinessUser(a) && hasRole(a, 'director') ? [sql<SqlBool>`1 = 1`] : [];
}

/** SQL: the items `actor` may see (lists, counts, search, exports, statistics). */
export function itemsVisibleTo(a: Actor): RawBuilder<SqlBool> {
  return visibleTo(a, {
    itemType: 'supervision_item',
    id: 'supervision_item.id',
    level: 'supervision_item.level',
    units: ['supervision_item.owner_unit_id', 'supervision_item.lead_unit_id'],
    users: [
      'supervision_item.responsible_user_id',
      'supervision_item.responsible_leader_id',
      'supervision_item.instructed_by_id',
      'supervision_item.created_by',
    ],
    extra: [sql<SqlBool>`EXISTS (SELECT 1 FROM supervision_task vt WHERE vt.item_id = supervision_item.id AND vt.unit_id = ${a.unitId})`, ...directorSees(a)],
  });
}

/**
 * SQL: the rows of `supervision_item_unit` (alias `lu`) whose item `actor` may see — `itemsVisibleTo` decided from the
 * row's copies where it can: within clearance (`lu.level`) and owned by the actor's office (`lu.owner_unit_id`), or
 * the actor's unit among the item's units (its lead unit or a unit with a task: a row of the table, which is exactly
 * `lead_unit_id = u OR EXISTS (task of u)`); the item's row is read only for the users named on it, and the director
 * needs none. Same rows as `itemsVisibleTo` (supervision.item-unit.test.ts compares them).
 */
export function itemUnitRowsVisibleTo(a: Actor): RawBuilder<SqlBool> {
  if (!isBusinessUser(a)) return sql<SqlBool>`1 = 0`;
  const needs: RawBuilder<SqlBool>[] = [
    ...directorSees(a),
    sql<SqlBool>`lu.owner_unit_id = ${a.unitId}`,
    sql<SqlBool>`lu.unit_id = ${a.unitId}`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM supervision_item_unit mu WHERE mu.item_id = lu.item_id AND mu.unit_id = ${a.unitId})`,
    sql<SqlBool>`EXISTS (SELECT 1 FROM supervision_item vi WHERE vi.id = lu.item_id AND (vi.responsible_user_id = ${a.id}
      OR vi.responsible_leader_id = ${a.id} OR vi.instructed_by_id = ${a.id} OR vi.created_by = ${a.id}))`,
    sharedWith(a, 'supervision_item', 'lu.item_id'),
  ];
  // the clearance in the text: with it PostgreSQL keeps a generic plan of the ledger's page and count (`planLiteral`)
  return sql<SqlBool>`(lu.level <= ${planLiteral(a.clearance)} AND (${sql.join(needs, sql` OR `)}))`;
}

/** SQL: the tasks `actor` may see (same rule as `readTask`; shares are granted on the item). */
export function tasksVisibleTo(a: Actor): RawBuilder<SqlBool> {
  return visibleTo(a, {
    itemType: 'supervision_item',
    id: 'supervision_task.item_id',
    level: 'supervision_task.level',
    units: ['supervision_task.unit_id', 'supervision_task.owner_unit_id', 'supervision_task.lead_unit_id'],
    users: ['supervision_task.responsible_user_id', 'supervision_task.leader_id'],
    // the instructing leader (批示领导) follows every task of the item; the office director oversees all
    extra: [
      sql<SqlBool>`EXISTS (SELECT 1 FROM supervision_item vi WHERE vi.id = supervision_task.item_id AND vi.instructed_by_id = ${a.id})`,
      ...directorSees(a),
    ],
  });
}
