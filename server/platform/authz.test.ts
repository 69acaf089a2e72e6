import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import type { Actor } from './actor.js';
import { canSee, grantShare, visibleTo } from './authz.js';

const UNIT_A = 101;
const UNIT_B = 102;

function actor(over: Partial<Actor>): Actor {
  return {
    id: 1,
    username: 'u',
    name: 'u',
    unitId: UNIT_A,
    unitName: 'A',
    unitCode: null,
    roles: ['staff'],
    clearance: 1,
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
    ...over,
  };
}

describe('canSee (policy table)', () => {
  it.each([
    // [clearance, item level, own unit?, assigned?, roles, expected]
    [1, 0, true, false, ['staff'], true],
    [1, 1, true, false, ['staff'], true],
    [1, 2, true, false, ['staff'], false],
    [3, 2, false, false, ['leader'], false],
    [3, 2, false, true, ['leader'], true],
    [0, 1, false, true, ['liaison'], false],
    [3, 0, true, false, ['sysadmin'], false],
    [3, 0, true, false, ['auditor'], false],
  ] as const)('clearance %i, level %i, own unit %s, assigned %s, %j → %s', (clearance, level, own, assigned, roles, expected) => {
    const a = actor({ clearance, roles: [...roles], adminRole: roles[0] === 'sysadmin' || roles[0] === 'auditor' ? roles[0] : null });
    expect(canSee(a, { level, unitIds: own ? [UNIT_A] : [UNIT_B], userIds: assigned ? [a.id] : [] })).toBe(expected);
  });
});

describeEachDialect('visibleTo agrees with canSee', (env) => {
  beforeAll(async () => {
    const { db } = env().ctx;
    await sql.raw('CREATE TABLE authz_probe (id integer primary key, level integer not null, unit_id integer not null, user_id integer)').execute(db);
    let id = 0;
    for (const level of [0, 1, 2, 3])
      for (const unit of [UNIT_A, UNIT_B])
        for (const user of [null, 7])
          for (let k = 0; k < 2; k++)
            await db
              .insertInto('authz_probe' as never)
              .values({ id: ++id, level, unit_id: unit, user_id: user } as never)
              .execute();
    // explicit shares: item 3 to user 8, item 4 to unit B
    await db.transaction().execute(async (trx) => {
      await grantShare(trx, { itemType: 'probe', itemId: 3, granteeType: 'user', granteeId: 8, grantedBy: 1, at: new Date() });
      await grantShare(trx, { itemType: 'probe', itemId: 4, granteeType: 'unit', granteeId: UNIT_B, grantedBy: 1, at: new Date() });
    });
  });

  it('on a matrix of roles × clearances × units × assignment × shares', async () => {
    const { db } = env().ctx;
    const rows = (await db
      .selectFrom('authz_probe' as never)
      .selectAll()
      .execute()) as unknown as { id: number; level: number; unit_id: number; user_id: number | null }[];
    const shares: Record<number, { user?: number; unit?: number }> = { 3: { user: 8 }, 4: { unit: UNIT_B } };
    let checked = 0;
    for (const roles of [['staff'], ['liaison'], ['leader'], ['sysadmin'], ['secadmin'], ['auditor']] as const)
      for (const clearance of [0, 1, 2, 3] as const)
        for (const unitId of [UNIT_A, UNIT_B])
          for (const id of [7, 8, 9]) {
            const admin = ['sysadmin', 'secadmin', 'auditor'].includes(roles[0]) ? (roles[0] as Actor['adminRole']) : null;
            const a = actor({ id, unitId, clearance, roles: [...roles], adminRole: admin });
            const sqlIds = (
              await db
                .selectFrom('authz_probe' as never)
                .select('id' as never)
                .where(
                  visibleTo(a, {
                    itemType: 'probe',
                    id: 'authz_probe.id',
                    level: 'authz_probe.level',
                    units: ['authz_probe.unit_id'],
                    users: ['authz_probe.user_id'],
                  }),
                )
                .orderBy('id' as never)
                .execute()
            ).map((r) => (r as { id: number }).id);
            const expected = rows
              .filter((r) =>
                canSee(a, {
                  level: r.level,
                  unitIds: [r.unit_id],
                  userIds: r.user_id ? [r.user_id] : [],
                  shared: shares[r.id]?.user === a.id || shares[r.id]?.unit === a.unitId,
                }),
              )
              .map((r) => r.id);
            expect({ roles, clearance, unitId, id, ids: sqlIds }).toEqual({ roles, clearance, unitId, id, ids: expected });
            checked++;
          }
    expect(checked).toBe(6 * 4 * 2 * 3);
  });
});
