/**
 * The authorization core: 密级 (clearance ≥ level) AND need-to-know (own unit, assigned, or
 * explicitly shared). Expressed once here, as a predicate over loaded rows and as a SQL filter;
 * module policies compose both.
 */
import { retagStored } from './search-index.js';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Trx, Db } from '../db/client.js';
import { isBusinessUser, type Actor } from './actor.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import { iso } from './clock.js';

/** What the core needs to know of an item to decide visibility. */
export interface Classified {
  level: number;
  /** Units that own or are assigned the item. */
  unitIds: readonly number[];
  /** Users assigned to the item (responsible person, leader, recipients…). */
  userIds?: readonly number[];
  /** Whether an explicit share grant names the actor or the actor's unit. */
  shared?: boolean;
}

/** Clearance ≥ level and need-to-know, for a loaded item. */
export function canSee(actor: Actor, item: Classified): boolean {
  if (!isBusinessUser(actor)) return false;
  if (item.level > actor.clearance) return false;
  return item.unitIds.includes(actor.unitId) || (item.userIds?.includes(actor.id) ?? false) || item.shared === true;
}

/** Column references of an item's table, for the SQL filter. */
export interface VisibilityColumns {
  /** The share_grant item_type of the table's rows. */
  itemType: string;
  /** e.g. 'supervision_item.id' */
  id: string;
  /** e.g. 'supervision_item.level' */
  level: string;
  /** Columns holding an owner unit id (any of them may match). */
  units: readonly string[];
  /** Columns holding an assigned user id. */
  users?: readonly string[];
  /** Further need-to-know conditions the module knows (e.g. an EXISTS over its task table). */
  extra?: readonly Expression<SqlBool>[];
}

/** The same rule as `canSee`, as a SQL condition to put in WHERE of lists, counts, search and exports. */
export function visibleTo(actor: Actor, c: VisibilityColumns): RawBuilder<SqlBool> {
  if (!isBusinessUser(actor)) return sql<SqlBool>`1 = 0`;
  const needs: Expression<SqlBool>[] = [
    ...c.units.map((u) => sql<SqlBool>`${sql.ref(u)} = ${actor.unitId}`),
    ...(c.users ?? []).map((u) => sql<SqlBool>`${sql.ref(u)} = ${actor.id}`),
    sharedWith(actor, c.itemType, c.id),
    ...(c.extra ?? []),
  ];
  return sql<SqlBool>`(${sql.ref(c.level)} <= ${actor.clearance} AND (${sql.join(needs, sql` OR `)}))`;
}

/** SQL: an explicit share grant of the item names the actor or the actor's unit. */
export function sharedWith(actor: Actor, itemType: string, idColumn: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM share_grant sg WHERE sg.item_type = ${itemType} AND sg.item_id = ${sql.ref(idColumn)} AND ((sg.grantee_type = 'user' AND sg.grantee_id = ${actor.id}) OR (sg.grantee_type = 'unit' AND sg.grantee_id = ${actor.unitId})))`;
}

/** Whether a share grant of the item names the actor or the actor's unit. */
export async function isSharedWith(db: Db | Trx, actor: Actor, itemType: string, itemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('share_grant')
    .select('id')
    .where('item_type', '=', itemType)
    .where('item_id', '=', itemId)
    .where((eb) =>
      eb.or([
        eb.and([eb('grantee_type', '=', 'user'), eb('grantee_id', '=', actor.id)]),
        eb.and([eb('grantee_type', '=', 'unit'), eb('grantee_id', '=', actor.unitId)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Grants need-to-know of an item to a user or unit (idempotent). */
export async function grantShare(
  trx: Trx,
  grant: { itemType: string; itemId: number; granteeType: 'user' | 'unit'; granteeId: number; grantedBy: number; at: Date },
): Promise<void> {
  await trx
    .insertInto('share_grant')
    .values({
      item_type: grant.itemType,
      item_id: grant.itemId,
      grantee_type: grant.granteeType,
      grantee_id: grant.granteeId,
      granted_by: grant.grantedBy,
      created_at: iso(grant.at),
    })
    .onConflict((oc) => oc.columns(['item_type', 'item_id', 'grantee_type', 'grantee_id']).doNothing())
    .execute();
  // the search index carries access in its tags: the grantee finds the item from now on
  await retagStored(trx, grant.itemType, grant.itemId);
}

/** Thrown when a read is refused: answers 404 like an absent item, and is audited as denied. */
export class DeniedError extends NotFoundError {
  constructor(
    readonly action: string,
    readonly targetType: string,
    readonly targetId: string | number,
  ) {
    super('not_found');
  }
}

/** Refuses (404, audited) unless `allowed`. The one way module services check a read policy. */
export function authorizeRead(allowed: boolean, action: string, targetType: string, targetId: string | number): void {
  if (!allowed) throw new DeniedError(action, targetType, targetId);
}

/** Thrown when a write is refused on an item the actor may read: 403, audited as denied with its action and target. */
export class RefusedError extends ForbiddenError {
  constructor(
    readonly action: string,
    readonly targetType: string | null,
    readonly targetId: string | number | null,
    code = 'forbidden',
  ) {
    super(code);
  }
}

/** A named ability of a policy: a pure predicate over the actor and a loaded row (`null` for abilities without a row). */
export type Ability<R> = (actor: Actor, row: R) => boolean;

/** What a refusal is audited as. `mode: 'read'` answers 404 (existence is not revealed); writes answer 403. */
export interface AuthorizeTarget {
  /** The audit action of the refusal, e.g. 'documents.update' (the same name the success is audited under). */
  action: string;
  targetType: string;
  targetId?: string | number | null;
  mode?: 'read' | 'write';
  /** The error code of a refused write (default `forbidden`), e.g. 'supervision.not_office'. */
  code?: string;
}

/**
 * The one way a use case checks a policy: `authorize(actor, documentsPolicy.edit, d, {...})`.
 * An absent row or a refused read throws `DeniedError` (404); a refused write `RefusedError` (403).
 * The error handler audits either as denied after the transaction has rolled back.
 */
export function authorize<R>(actor: Actor, ability: Ability<R>, row: R | undefined, target: AuthorizeTarget): asserts row is R {
  const id = target.targetId ?? null;
  if (row === undefined) throw new DeniedError(target.action, target.targetType, id ?? '');
  if (ability(actor, row)) return;
  if (target.mode === 'read') throw new DeniedError(target.action, target.targetType, id ?? '');
  throw new RefusedError(target.action, target.targetType, id, target.code);
}

/**
 * The names of the abilities of `policy` the actor holds on `row`, in the policy's order: the
 * `actions` the web shows as buttons (the server answers, the web does not re-derive rules).
 */
export function presentActions<R, K extends string>(actor: Actor, policy: Readonly<Record<K, Ability<R>>>, row: R): K[] {
  return (Object.keys(policy) as K[]).filter((k) => policy[k](actor, row));
}

/** The same answer as a `{ ability: boolean }` object, for the pages that read flags (`can.edit`). */
export function presentAbilities<R, K extends string>(actor: Actor, policy: Readonly<Record<K, Ability<R>>>, row: R): Record<K, boolean> {
  return Object.fromEntries((Object.keys(policy) as K[]).map((k) => [k, policy[k](actor, row)])) as Record<K, boolean>;
}
