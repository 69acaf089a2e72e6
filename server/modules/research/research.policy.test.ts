/**
 * The 调研 policy as a table: actor × proposal/课题/milestone × ability → allowed (no database); and the
 * lists' SQL (`visibleProposals`, `visibleTopics`) agreeing with `read` on a matrix of levels × lead units
 * × teams × actors, on both databases.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import { describeEachDialect } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { iso } from '../../platform/clock.js';
import { milestoneActions, officeActions, proposalActions, topicActions, type ProposalFacts, type TopicFacts } from './research.policy.js';
import { researchModule } from './research.module.js';
import * as repo from './research.repo.js';
import { proposalFacts, topicFacts } from './usecases/common.js';

const RESEARCH = 8;
const GENERAL = 5;
const NDRC = 13;
const FINANCE = 14;
const ECOLOGY = 15;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}
const DESK = { researchUnitIds: [RESEARCH] };

const deskStaff = actor(1, RESEARCH, ['staff']);
const deskHead = actor(2, RESEARCH, ['division_head']);
const generalHead = actor(3, GENERAL, ['division_head']);
const generalStaff = actor(4, GENERAL, ['staff']);
const ndrcLiaison = actor(5, NDRC, ['liaison']);
const financeLiaison = actor(6, FINANCE, ['liaison']);
const ecologyLiaison = actor(7, ECOLOGY, ['liaison'], 0);
const leader = actor(8, 1, ['leader']);
const auditor = actor(9, RESEARCH, [], 1, 'auditor');
const deskLow = actor(10, RESEARCH, ['staff'], 0);

const proposal = (over: Partial<ProposalFacts> = {}): ProposalFacts => ({
  ...DESK,
  level: 0,
  status: 'proposed',
  unitId: NDRC,
  proposedBy: ndrcLiaison.id,
  leadUnitId: GENERAL,
  ...over,
});
/** Led by 综合处 (负责人 its staff member 4), proposed by 发改委, a team member from 财政局 (user 6). */
const topic = (over: Partial<TopicFacts> = {}): TopicFacts => ({
  ...DESK,
  level: 1,
  status: 'in_progress',
  leadUnitId: GENERAL,
  proposerUnitId: NDRC,
  leaderId: generalStaff.id,
  memberUserIds: [financeLiaison.id],
  memberUnitIds: [FINANCE],
  ...over,
});

describe('research policy table', () => {
  it('proposals: proposer unit, proposer, proposed lead unit and the 调研室 read; the proposer or the 调研室 edit while undecided', () => {
    const cases: [Actor, Partial<ProposalFacts>, string[]][] = [
      [ndrcLiaison, {}, ['read', 'edit']],
      [generalHead, {}, ['read']],
      [deskStaff, {}, ['read', 'edit']],
      [financeLiaison, {}, []],
      [ndrcLiaison, { status: 'accepted' }, ['read']],
      [deskStaff, { status: 'declined' }, ['read']],
      [deskLow, { level: 1 }, []],
      [ndrcLiaison, { level: 1, proposedBy: 99 }, ['read']],
      [auditor, {}, []],
      [leader, {}, []],
    ];
    for (const [a, over, expected] of cases) expect(presentActions(a, proposalActions, proposal(over)), `${a.id} ${JSON.stringify(over)}`).toEqual(expected);
  });

  it('课题: the team, lead and proposer units read; managers edit, add milestones, conclude; convert after 结题', () => {
    const cases: [Actor, Partial<TopicFacts>, string[]][] = [
      [deskStaff, {}, ['read', 'edit', 'addMilestone', 'conclude', 'attach']],
      [deskLow, {}, []],
      [generalHead, {}, ['read', 'edit', 'addMilestone', 'conclude', 'attach']],
      [generalStaff, {}, ['read', 'edit', 'addMilestone', 'conclude', 'attach']], // the 负责人
      [generalStaff, { leaderId: null }, ['read']],
      [financeLiaison, {}, ['read', 'attach']],
      [ndrcLiaison, {}, ['read']],
      [ecologyLiaison, {}, []],
      [ecologyLiaison, { level: 0, memberUserIds: [ecologyLiaison.id], memberUnitIds: [ECOLOGY] }, ['read', 'attach']],
      [leader, {}, []],
      [auditor, {}, []],
      [deskHead, { status: 'concluded' }, ['read', 'convert']],
      [financeLiaison, { status: 'concluded' }, ['read']],
      [generalHead, { status: 'concluded' }, ['read', 'convert']],
    ];
    for (const [a, over, expected] of cases) expect(presentActions(a, topicActions, topic(over)), `${a.id} ${JSON.stringify(over)}`).toEqual(expected);
  });

  it('milestones: the team completes an open milestone of a running 课题', () => {
    const cases: [Actor, Partial<TopicFacts>, string, boolean][] = [
      [financeLiaison, {}, 'open', true],
      [financeLiaison, {}, 'done', false],
      [financeLiaison, { status: 'concluded' }, 'open', false],
      [ndrcLiaison, {}, 'open', false],
      [deskStaff, {}, 'open', true],
      [generalHead, {}, 'open', true],
      [auditor, {}, 'open', false],
    ];
    for (const [a, over, status, expected] of cases) expect(milestoneActions.complete(a, { topic: topic(over), status }), `${a.id} ${status}`).toBe(expected);
  });

  it('proposing and deciding', () => {
    expect([deskStaff, generalStaff, ndrcLiaison, generalHead].every((a) => officeActions.propose(a, DESK))).toBe(true);
    expect([leader, auditor].some((a) => officeActions.propose(a, DESK))).toBe(false);
    expect(officeActions.decide(deskStaff, DESK)).toBe(true);
    expect([generalHead, ndrcLiaison, auditor].some((a) => officeActions.decide(a, DESK))).toBe(false);
  });
});

describeEachDialect(
  'research visibility SQL = policy',
  (env) => {
    it('lists agree with read for every actor', async () => {
      const { ctx, demo } = env();
      const u = demo.userByName;
      const unit = demo.unitByCode;
      const at = iso(ctx.clock.now());
      await ctx.db.transaction().execute(async (trx) => {
        let n = 0;
        for (const level of [0, 1])
          for (const lead of ['general', 'ecology'])
            for (const team of [[], ['czj_han'], ['jyj_dong', 'qs_yuan']]) {
              n++;
              const pid = await repo.insertProposal(trx, {
                year: 2026,
                title: `p${n}`,
                background: 'b',
                level,
                unit_id: unit.ndrc!,
                proposed_by: u.fgw_xu!,
                lead_unit_id: unit[lead]!,
                status: 'proposed',
                decline_reason: null,
                decision_id: null,
                created_at: at,
                updated_at: at,
              });
              const tid = await repo.insertTopic(trx, {
                number: `T${n}`,
                year: 2026,
                proposal_id: pid,
                decision_id: null,
                title: `t${n}`,
                background: 'b',
                level,
                proposer_unit_id: n % 2 ? unit.ndrc! : null,
                lead_unit_id: unit[lead]!,
                leader_id: n % 3 ? u.zhc_wu! : null,
                start_date: '2026-03-01',
                end_date: '2026-06-30',
                status: 'in_progress',
                report_summary: null,
                concluded_by: null,
                concluded_at: null,
                on_time: null,
                library_item_id: null,
                created_by: u.dys_ma!,
                created_at: at,
                updated_at: at,
              });
              const users = await repo.activeUsers(
                trx,
                team.map((x) => u[x]!),
              );
              await repo.setMembers(
                trx,
                tid,
                [...users].map(([id, v]) => ({ userId: id, unitId: v.unitId })),
              );
            }
      });
      const d = await repo.desk(ctx.db);
      const desk = await actorOf(env(), 'dys_ma');
      const allTopics = await repo.listTopics(ctx.db, desk, d, { page: 1, pageSize: 200 });
      const members = await repo.membersOf(
        ctx.db,
        allTopics.map((t) => t.id),
      );
      const allProposals = await repo.listProposals(ctx.db, desk, d, { page: 1, pageSize: 200 });
      const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
      for (const name of [
        'dys_ma',
        'dys_guo',
        'zhc_wu',
        'zhc_zheng',
        'fgw_xu',
        'czj_han',
        'jyj_dong',
        'qs_yuan',
        'sthj_feng',
        'dcs_zhang',
        'sj_li',
        'sysadmin',
        'auditor',
      ]) {
        const a = await actorOf(env(), name);
        const sqlTopics = sorted((await repo.listTopics(ctx.db, a, d, { page: 1, pageSize: 200 })).map((t) => t.id));
        const policyTopics = sorted(allTopics.filter((t) => topicActions.read(a, topicFacts(d, t, members))).map((t) => t.id));
        expect(sqlTopics, `${name} topics`).toEqual(policyTopics);
        const sqlProposals = sorted((await repo.listProposals(ctx.db, a, d, { page: 1, pageSize: 200 })).map((p) => p.id));
        const policyProposals = sorted(allProposals.filter((p) => proposalActions.read(a, proposalFacts(d, p))).map((p) => p.id));
        expect(sqlProposals, `${name} proposals`).toEqual(policyProposals);
      }
      // the 调研室 sees every 课题 up to clearance; the 三员 nothing
      expect(allTopics.length).toBeGreaterThanOrEqual(12);
      expect(await repo.listTopics(ctx.db, await actorOf(env(), 'auditor'), d, { page: 1, pageSize: 200 })).toHaveLength(0);
    });
  },
  { modules: [researchModule] },
);
