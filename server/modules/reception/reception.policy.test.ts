/**
 * The 接待 policy as a table: actor × plan/item × ability → allowed (no database); and the lists' SQL
 * (`visiblePlans`) agreeing with `read` on a matrix of levels × item units/persons × actors, on both databases.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import { describeEachDialect } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { itemActions, officeActions, planActions, type ItemFacts, type PlanFacts } from './reception.policy.js';
import { receptionModule } from './reception.module.js';
import * as repo from './reception.repo.js';
import { planFacts, viewer } from './usecases/common.js';

const OFFICE = 3;
const RECEPTION = 4;
const NDRC = 10;
const ECOLOGY = 11;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}
const DESK = { receptionUnitIds: [RECEPTION], officeUnitId: OFFICE };
const plan = (over: Partial<PlanFacts> = {}): PlanFacts => ({
  ...DESK,
  level: 0,
  status: 'approved',
  draftedBy: 1,
  itemUnitIds: [RECEPTION, NDRC],
  itemPersonIds: [1, 6],
  ...over,
});
const item = (over: Partial<ItemFacts> = {}, p: Partial<PlanFacts> = {}): ItemFacts => ({ plan: plan(p), status: 'open', unitId: NDRC, personId: 6, ...over });

const staff = actor(1, RECEPTION, ['staff'], 0);
const head = actor(2, RECEPTION, ['division_head']);
const director = actor(3, OFFICE, ['director']);
const officeStaff = actor(4, OFFICE, ['staff']);
const liaison = actor(5, NDRC, ['liaison']);
const person = actor(6, NDRC, ['liaison']);
const other = actor(7, ECOLOGY, ['liaison']);
const admin = actor(8, RECEPTION, ['sysadmin'], 1, 'sysadmin');

describe('reception policy', () => {
  const table: [string, Actor, Partial<PlanFacts>, string[]][] = [
    ['staff on a draft', staff, { status: 'draft' }, ['read', 'edit', 'submit', 'export']],
    ['staff on a submitted plan', staff, { status: 'submitted' }, ['read', 'export']],
    ['head on a submitted plan', head, { status: 'submitted' }, ['read', 'approve', 'return', 'export']],
    ['director on a submitted plan: the head first', director, { status: 'submitted' }, ['read', 'export']],
    ['head after his approval', head, { status: 'head_approved' }, ['read', 'export']],
    ['director on a head-approved plan', director, { status: 'head_approved' }, ['read', 'approve', 'return', 'export']],
    ['staff on an approved plan: change, costs, close', staff, {}, ['read', 'edit', 'recordCosts', 'close', 'export']],
    ['staff on a closed plan', staff, { status: 'closed' }, ['read', 'export']],
    ['office staff: not an approver', officeStaff, {}, []],
    ['liaison of a responsible unit reads', liaison, {}, ['read', 'export']],
    ['responsible person reads', person, { itemUnitIds: [RECEPTION] }, ['read', 'export']],
    ['liaison of another unit', other, {}, []],
    ['三员 see nothing', admin, {}, []],
    ['classified above the clearance', staff, { level: 1 }, []],
  ];
  for (const [name, a, over, expected] of table) it(name, () => expect(presentActions(a, planActions, plan(over))).toEqual(expected));

  const items: [string, Actor, Partial<ItemFacts>, Partial<PlanFacts>, string[]][] = [
    ['the responsible person marks done', person, {}, {}, ['markDone']],
    ['a member of the responsible unit marks done', liaison, {}, {}, ['markDone']],
    ['the 接待处 marks done and cancels', staff, {}, {}, ['markDone', 'cancel']],
    ['nothing before approval', staff, {}, { status: 'head_approved' }, []],
    ['nothing on a done item', person, { status: 'done' }, {}, []],
    ['another unit', other, {}, {}, []],
    ['the person of another item reads but does not mark this one', person, { unitId: RECEPTION, personId: 1 }, {}, []],
  ];
  for (const [name, a, over, p, expected] of items) it(name, () => expect(presentActions(a, itemActions, item(over, p))).toEqual(expected));

  it('drafting: the 接待处 only', () => {
    expect([staff, head, director, liaison, admin].map((a) => officeActions.draft(a, DESK))).toEqual([true, true, false, false, false]);
  });
});

describeEachDialect(
  'reception visibility SQL agrees with the policy',
  (env) => {
    it('on a matrix of levels × item unit × item person × actors', async () => {
      const { ctx, demo } = env();
      const u = demo.userByName;
      const units = [demo.unitByCode.ndrc!, demo.unitByCode.ecology!, null];
      const persons = [u.fgw_xu!, u.jyj_dong!, null];
      const at = '2026-03-02T01:00:00.000Z';
      await ctx.db.transaction().execute(async (trx) => {
        let n = 100;
        for (const level of [0, 1, 2])
          for (const unitId of units)
            for (const personId of persons) {
              const id = await repo.insertPlan(trx, {
                number: `t${n++}`,
                title: 't',
                delegation: 'd',
                purpose: 'p',
                arrive_date: '2026-03-10',
                leave_date: '2026-03-10',
                guest_count: 1,
                guests: '[]',
                level,
                status: 'approved',
                revision: 1,
                return_reason: null,
                head_approved_by: null,
                head_approved_at: null,
                approved_by: null,
                approved_at: null,
                summary: null,
                closed_at: null,
                unit_id: demo.unitByCode.reception!,
                drafted_by: u.jd_wang!,
                created_at: at,
                updated_at: at,
              });
              await repo.insertItem(trx, {
                plan_id: id,
                kind: 'visit',
                title: 'x',
                starts_at: null,
                place: '',
                unit_id: unitId,
                person_id: personId,
                vehicles: '',
                standard: '',
                budget: 0,
                actual_cost: null,
                status: 'open',
                done_by: null,
                done_at: null,
                cancel_reason: null,
                created_at: at,
                updated_at: at,
              });
            }
      });
      const d = await repo.desk(ctx.db);
      const all = (await repo.listPlans(ctx.db, { actor: await actorOf(env(), 'jd_wang'), all: true }, { page: 1, pageSize: 200 })).plans;
      const allItems = await repo.itemsOfPlans(
        ctx.db,
        all.map((p) => p.id),
      );
      for (const name of ['jd_song', 'jd_wang', 'zr_chen', 'fzr_liu', 'fgw_xu', 'jyj_dong', 'sthj_feng', 'xxc_he', 'sysadmin']) {
        const a = await actorOf(env(), name);
        const sqlIds = (await repo.listPlans(ctx.db, viewer(a, d), { page: 1, pageSize: 200 })).plans.map((p) => p.id).sort((x, y) => x - y);
        const policyIds = all
          .filter((p) =>
            planActions.read(
              a,
              planFacts(
                d,
                p,
                allItems.filter((i) => i.plan_id === p.id),
              ),
            ),
          )
          .map((p) => p.id)
          .sort((x, y) => x - y);
        expect(sqlIds, name).toEqual(policyIds);
      }
    });
  },
  { modules: [receptionModule] },
);
