/**
 * 件件有着落, simulated: a seeded random run of office work over the modules (督查 items issued,
 * reported, concluded and closed; 收文 through 签收 … 办结; 发文 to 签发; meetings held, minuted and
 * turned into 督办; 查阅申请 made and decided; 值班 calls registered and handled), one working day at a time, on both databases. It ends
 * with the checker reporting nothing across every module; then a deliberately orphaned item (its
 * responsible person's account disabled) is caught by the CLI check.
 *
 * CI runs ZHONGSHU_SIM_DAYS=30 working days by default; the full figure (a year of office work) is
 * `ZHONGSHU_SIM_DAYS=250 npx vitest run server/modules/system/loose-ends.simulation.test.ts`
 * (seed: ZHONGSHU_SIM_SEED).
 */
import { expect, it, vi } from 'vitest';
import { chinaDate } from '../../platform/clock.js';
import { describeEachDialect, type TestEnv } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import { buildOutgoingDocument, type OutgoingStage } from '../../../test/factories/documents.js';
import { buildLibraryItem } from '../../../test/factories/library.js';
import { buildMeetingTopic } from '../../../test/factories/meetings.js';
import { buildSupervisionItem, DEMO_LIAISONS, type SupervisionStage } from '../../../test/factories/supervision.js';
import type { DocumentsService } from '../documents/documents.service.js';
import type { DutyService } from '../duty/duty.service.js';
import type { LibraryService } from '../library/library.service.js';
import type { MeetingsService } from '../meetings/meetings.service.js';
import { checkLooseEnds, checkLooseEndsCommand, findingLine, looseEndsBoard } from './system.loose-ends.js';

const DAYS = Number(process.env.ZHONGSHU_SIM_DAYS ?? 30);
const SEED = Number(process.env.ZHONGSHU_SIM_SEED ?? 20261205);
const DAY = 86_400_000;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tally {
  supervision: number;
  incoming: number;
  incomingDone: number;
  outgoing: number;
  meetings: number;
  meetingsMinuted: number;
  requests: number;
  decided: number;
  duty: number;
}

class OfficeSimulation {
  readonly tally: Tally = { supervision: 0, incoming: 0, incomingDone: 0, outgoing: 0, meetings: 0, meetingsMinuted: 0, requests: 0, decided: 0, duty: 0 };
  private readonly meetingsToHold: { id: number; topicId: number; startsAt: string }[] = [];
  private readonly incomingOpen: number[] = [];
  private readonly requestsOpen: number[] = [];

  constructor(
    private readonly env: TestEnv,
    private readonly rnd: () => number,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }
  private today(offsetDays = 0): string {
    return chinaDate(new Date(this.env.clock.now().getTime() + offsetDays * DAY));
  }
  private async version(table: 'document' | 'meeting' | 'library_access_request', id: number): Promise<number> {
    return (await this.env.ctx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  }

  async day(): Promise<void> {
    if (this.rnd() < 0.7) await this.supervisionItem();
    if (this.rnd() < 0.6) await this.receiveIncoming();
    await this.advanceIncoming();
    if (this.rnd() < 0.4) await this.outgoing();
    if (this.rnd() < 0.3) await this.planMeeting();
    await this.holdMeetings();
    if (this.rnd() < 0.4) await this.requestAccess();
    await this.decideRequests();
    if (this.rnd() < 0.5) await this.dutyCall();
  }

  /** 值班室: a call is registered and, most of the time, handled on the spot (recorded); the rest stay open with their owner. */
  private async dutyCall(): Promise<void> {
    const duty = this.env.ctx.services.duty as DutyService | undefined;
    if (!duty) return;
    const desk = await actorOf(this.env, 'zbs_tang');
    const e = await duty.registerEntry(desk, {
      channel: 'phone',
      kind: 'routine',
      caller: '王科长',
      callerUnit: '市应急管理局',
      summary: '城东片区积水，请求协调排涝',
      urgency: 'normal',
      level: 0,
    });
    if (this.rnd() < 0.7) await duty.recordOutcome(desk, e.id, { version: e.version, kind: 'on_spot', text: '已电话协调排涝，情况已处置。' });
    this.tally.duty++;
  }

  private async supervisionItem(): Promise<void> {
    const codes = Object.keys(DEMO_LIAISONS);
    const units = [...new Set([this.pick(codes), ...(this.rnd() < 0.3 ? [this.pick(codes)] : [])])];
    const stage = this.pick<SupervisionStage>(['registered', 'issued', 'issued', 'reported', 'concluded', 'closed']);
    await buildSupervisionItem(this.env, { stage, units, input: { deadline: this.today(5 + Math.floor(this.rnd() * 40)) } });
    this.tally.supervision++;
  }

  private async receiveIncoming(): Promise<void> {
    const svc = this.env.ctx.services.documents as DocumentsService;
    const r = await svc.receiveIncoming(await actorOf(this.env, 'msc_zhou'), {
      title: `关于第${this.tally.incoming + 1}项工作的请示`,
      docType: '请示',
      sourceOrgan: '青州市发展和改革委员会',
      level: 0,
      urgency: this.pick(['normal', 'urgent', 'very_urgent'] as const),
    });
    this.incomingOpen.push(r.id);
    this.tally.incoming++;
  }

  /** Each open incoming document moves on one step with probability ½ (办结 needs the lead unit's reply first). */
  private async advanceIncoming(): Promise<void> {
    const svc = this.env.ctx.services.documents as DocumentsService;
    const clerk = await actorOf(this.env, 'msc_zhou');
    const u = this.env.demo.userByName;
    for (const id of [...this.incomingOpen]) {
      if (this.rnd() < 0.5) continue;
      const row = await this.env.ctx.db.selectFrom('document').select(['status', 'version', 'lead_unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
      const v = row.version;
      switch (row.status) {
        case 'received':
          await svc.transition(clerk, id, 'register', { version: v, docType: '请示', sourceOrgan: '青州市发展和改革委员会' });
          break;
        case 'registered':
          await svc.transition(clerk, id, 'accept', { version: v });
          break;
        case 'to_propose':
          await svc.transition(clerk, id, 'propose', { version: v, proposal: '拟请李明华同志阅示', leaderId: u.sj_li });
          break;
        case 'to_instruct':
          await svc.transition(await actorOf(this.env, 'sj_li'), id, 'instruct', {
            version: v,
            instruction: '请牵头办理，按时报结果。',
            deadline: this.today(3 + Math.floor(this.rnd() * 15)),
            leadUnitId: this.pick([this.env.demo.unitByCode.ndrc!, this.env.demo.unitByCode.finance!]),
          });
          break;
        case 'handling': {
          const handler = await actorOf(this.env, row.lead_unit_id === this.env.demo.unitByCode.ndrc ? 'fgw_xu' : 'czj_han');
          const v2 = (await svc.transition(handler, id, 'reply', { version: v, reply: '已研究办理。' })).version;
          await svc.transition(handler, id, 'complete', { version: v2, result: '已办结并答复。' });
          this.incomingOpen.splice(this.incomingOpen.indexOf(id), 1);
          this.tally.incomingDone++;
          break;
        }
      }
    }
  }

  private async outgoing(): Promise<void> {
    await buildOutgoingDocument(this.env, { stage: this.pick<OutgoingStage>(['draft', 'reviewing', 'to_sign']) });
    this.tally.outgoing++;
  }

  private async planMeeting(): Promise<void> {
    const startsAt = `${this.today(1 + Math.floor(this.rnd() * 6))}T01:00:00.000Z`;
    const endsAt = startsAt.replace('T01:', 'T03:');
    const topic = await buildMeetingTopic(this.env, { stage: 'scheduled', meeting: { startsAt, endsAt } });
    this.meetingsToHold.push({ id: topic.meetingId!, topicId: topic.id, startsAt });
    this.tally.meetings++;
  }

  /** Meetings whose day has come are held; their minutes are issued with one decision, which becomes a 督办 item. */
  private async holdMeetings(): Promise<void> {
    const svc = this.env.ctx.services.meetings as MeetingsService;
    const office = await actorOf(this.env, 'msc_zhou');
    const now = this.env.clock.now().toISOString();
    for (const m of [...this.meetingsToHold]) {
      if (m.startsAt > now) continue;
      await svc.transitionMeeting(office, m.id, 'hold', await this.version('meeting', m.id));
      await svc.saveMinutes(office, m.id, await this.version('meeting', m.id), '会议研究了城市更新行动，议定如下。');
      await svc.addDecision(office, m.id, {
        topicId: m.topicId,
        text: '由市住建局牵头制定城市更新行动方案。',
        leadUnitId: this.env.demo.unitByCode.housing!,
        coUnitIds: [],
        dueDate: this.today(20),
      });
      await svc.transitionMeeting(office, m.id, 'finalize', await this.version('meeting', m.id));
      if (this.rnd() < 0.7) await svc.supervise(office, m.id);
      this.meetingsToHold.splice(this.meetingsToHold.indexOf(m), 1);
      this.tally.meetingsMinuted++;
    }
  }

  /** A division files a 查阅条目 (entry public, content restricted) and someone from a bureau asks to read it. */
  private async requestAccess(): Promise<void> {
    const svc = this.env.ctx.services.library as LibraryService;
    const item = await buildLibraryItem(this.env, { catalog: true, scope: 'scoped', input: { title: `调研报告（第${this.tally.requests + 1}期）` } });
    const who = this.pick(['jyj_dong', 'fgw_xu', 'czj_han', 'zjj_peng']);
    const r = await svc.requestAccess(await actorOf(this.env, who), item.id, { reason: '起草材料需要参考' });
    this.requestsOpen.push(r.id);
    this.tally.requests++;
  }

  private async decideRequests(): Promise<void> {
    const svc = this.env.ctx.services.library as LibraryService;
    const filer = await actorOf(this.env, 'dys_guo');
    for (const id of [...this.requestsOpen]) {
      if (this.rnd() < 0.5) continue;
      const version = await this.version('library_access_request', id);
      if (this.rnd() < 0.8) await svc.decideRequest(filer, id, { action: 'grant', version });
      else await svc.decideRequest(filer, id, { action: 'refuse', version, note: '涉及未公开内容，暂不提供。' });
      this.requestsOpen.splice(this.requestsOpen.indexOf(id), 1);
      this.tally.decided++;
    }
  }
}

describeEachDialect('件件有着落: a simulated stretch of office work', (env) => {
  it(
    `${DAYS} working days (seed ${SEED}) end with no loose end in any module; an orphaned item is then caught by check-loose-ends`,
    async () => {
      const sim = new OfficeSimulation(env(), prng(SEED));
      let days = 0;
      while (days < DAYS) {
        const today = chinaDate(env().clock.now());
        if (env().ctx.calendar.isWorkday(today)) {
          await sim.day();
          days++;
        }
        env().clock.advance(DAY);
      }
      console.log(`[simulation] ${DAYS} working days, seed ${SEED}: ${JSON.stringify(sim.tally)}`);
      expect(sim.tally.supervision).toBeGreaterThan(0);
      expect(sim.tally.incomingDone).toBeGreaterThan(0);
      expect(sim.tally.duty).toBeGreaterThan(0);
      expect(sim.tally.outgoing + sim.tally.meetingsMinuted + sim.tally.decided).toBeGreaterThan(0);
      expect((await checkLooseEnds(env().ctx)).map(findingLine)).toEqual([]);
      // the board still answers, with lights, for the office director (through the service: after a simulated year a login would first ask for a new password)
      const board = await looseEndsBoard(env().ctx, await actorOf(env(), 'zr_chen'), 200);
      expect(board.byLight.total).toBeGreaterThan(0);
      expect(board.byModule.map((m) => m.module)).toContain('supervision');

      // deliberately orphaned: the responsible person of an open task leaves (account disabled)
      const open = await env()
        .ctx.db.selectFrom('supervision_task')
        .select(['id', 'responsible_user_id'])
        .where('status', 'in', ['in_progress', 'returned', 'submitted'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await env().ctx.db.updateTable('user').set({ disabled: 1 }).where('id', '=', open.responsible_user_id).execute();
      const logs: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
      try {
        expect(await checkLooseEndsCommand.run(env().ctx, {})).toBe(3);
        expect(logs.some((l) => l.startsWith(`督查督办\t督办任务\t#${open.id}\t`) && l.endsWith('（no_responsible_person）'))).toBe(true);
      } finally {
        vi.restoreAllMocks();
        await env().ctx.db.updateTable('user').set({ disabled: 0 }).where('id', '=', open.responsible_user_id).execute();
      }
      expect(await checkLooseEnds(env().ctx)).toEqual([]);
    },
    Math.max(120_000, DAYS * 4_000),
  );
});
