/**
 * Display names by id, for answers that show who and which unit: unknown ids left out. Names come from
 * this process's cache while the `names` stamp is current (`stamps.ts`), else one query each.
 */
import type { Db, Trx } from '../db/client.js';
import { StampedCache } from './stamps.js';

type H = Db | Trx;

const USER_NAMES = new StampedCache<number, string>('names');
const UNIT_NAMES = new StampedCache<number, { full: string; short: string }>('names');

/** Distinct positive ids, with null, undefined and 0 dropped. */
function idsOf(ids: Iterable<number | null | undefined>): number[] {
  return [...new Set([...ids].filter((x): x is number => typeof x === 'number' && x > 0))];
}

/** Names of users by id (disabled ones too: old rows keep their names). */
export async function userNames(db: H, ids: Iterable<number | null | undefined>): Promise<Map<number, string>> {
  const list = idsOf(ids);
  if (!list.length) return new Map();
  return USER_NAMES.lookup(db, list, async (h, missing) => {
    const rows = await h.selectFrom('user').select(['id', 'name']).where('id', 'in', missing).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  });
}

/** Names of units by id: the short name (市财政局) or the full name (青州市财政局). */
export async function unitNames(db: H, ids: Iterable<number | null | undefined>, form: 'short' | 'full'): Promise<Map<number, string>> {
  const list = idsOf(ids);
  if (!list.length) return new Map();
  const found = await UNIT_NAMES.lookup(db, list, async (h, missing) => {
    const rows = await h.selectFrom('unit').select(['id', 'name', 'short_name']).where('id', 'in', missing).execute();
    return new Map(rows.map((r) => [r.id, { full: r.name, short: r.short_name }]));
  });
  return new Map([...found].map(([id, n]) => [id, n[form]]));
}

/**
 * Who holds a role: the enabled users of `unitIds` holding any of `roles`, cleared for `minClearance`
 * (0 by default) — the recipients of a module's notifications and its 工作台 owners.
 */
export async function roleHolders(db: H, unitIds: readonly number[], roles: readonly string[], minClearance = 0): Promise<number[]> {
  if (!unitIds.length || !roles.length) return [];
  const rows = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .distinct()
    .where('user.unit_id', 'in', [...unitIds])
    .where('user.disabled', '=', 0)
    .where('user_role.role', 'in', [...roles])
    .where('user.clearance', '>=', minClearance)
    .orderBy('user.id')
    .execute();
  return rows.map((r) => r.id);
}
