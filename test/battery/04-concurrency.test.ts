/**
 * Battery part 4 — concurrent edits (乐观锁). Clients run read-modify-write loops on one item with
 * `version` (stale → 409, then re-read and retry after a short random back-off, as the web client
 * would): no update may be lost. Racing changes: many clients send the same change with the same
 * version at once; exactly one wins, the others get 409 — on a record edit (a user) and on a
 * workflow transition (交办 of a 督查事项, which renders the notice before it commits).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../harness.js';
import { CI_TIER, ciSize, figures } from './battery-kit.js';

const CLIENTS = 16;

describeEachDialect('battery 4: concurrent edits', (env) => {
  it(`${CLIENTS} clients × read-modify-write on one unit: no lost update`, async () => {
    const e = env();
    const perClient = ciSize(500, 25, 500);
    const clients: TestClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await e.login('sysadmin'));
    const unitId = e.demo.unitByCode.archives!;
    const read = async (c: TestClient) => {
      const list = await c.get('/api/org/units');
      const u = (list.json.items as { id: number; sort: number; version: number }[]).find((x) => x.id === unitId)!;
      return u;
    };
    const start = await read(clients[0]!);
    let conflicts = 0;
    let successes = 0;
    const t0 = Date.now();
    await Promise.all(
      clients.map(async (c) => {
        let streak = 0;
        for (let done = 0; done < perClient;) {
          const u = await read(c);
          const res = await c.patch(`/api/org/units/${unitId}`, { version: u.version, sort: u.sort + 1 });
          if (res.status === 200) {
            done++;
            successes++;
            streak = 0;
          } else if (res.status === 409) {
            expect(res.json.error).toBe('stale_version');
            conflicts++;
            // exponential back-off with full jitter (up to 256 ms), as a client of a busy record
            // would: losers stop colliding, so the run measures lost updates, not a stampede
            streak++;
            await sleep(Math.random() * Math.min(256, 2 ** streak));
          } else throw new Error(`unexpected ${res.status} ${res.body}`);
        }
      }),
    );
    const ms = Date.now() - t0;
    const end = await read(clients[0]!);
    figures(`4 read-modify-write [${e.dialect}]`, {
      tier: CI_TIER,
      clients: CLIENTS,
      perClient,
      successes,
      conflicts409: conflicts,
      finalIncrement: end.sort - start.sort,
      lost: successes - (end.sort - start.sort),
      ms,
    });
    expect(successes).toBe(CLIENTS * perClient);
    expect(end.sort - start.sort).toBe(CLIENTS * perClient);
    expect(end.version - start.version).toBe(CLIENTS * perClient);
    // every accepted write has its audit entry
    const audited = await e.ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('target_type', '=', 'unit')
      .where('target_id', '=', String(unitId))
      .where('outcome', '=', 'success')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(CLIENTS * perClient);
    expect((await e.ctx.audit.verify(e.ctx.db)).ok).toBe(true);
  }, 3_600_000);

  it(`racing changes with one version: exactly one of ${CLIENTS} wins each race, the others get 409`, async () => {
    const e = env();
    const races = ciSize(100, 30, 500);
    const clients: TestClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await e.login('sysadmin'));
    const userId = e.demo.userByName.da_liang!;
    let wrong = 0;
    const t0 = Date.now();
    for (let r = 0; r < races; r++) {
      const list = await clients[0]!.get(`/api/org/users?unitId=${e.demo.unitByCode.archives}`);
      const u = (list.json.items as { id: number; version: number }[]).find((x) => x.id === userId)!;
      const results = await Promise.all(clients.map((c, i) => c.patch(`/api/org/users/${userId}`, { version: u.version, name: `梁红${r}-${i}` })));
      const won = results.filter((x) => x.status === 200).length;
      const lost = results.filter((x) => x.status === 409).length;
      if (won !== 1 || lost !== CLIENTS - 1) wrong++;
    }
    figures(`4 racing changes [${e.dialect}]`, { tier: CI_TIER, races, clientsPerRace: CLIENTS, racesWithNotExactlyOneWinner: wrong, ms: Date.now() - t0 });
    expect(wrong).toBe(0);
  }, 1_800_000);

  it(`racing workflow transitions (交办): exactly one of ${CLIENTS} wins each race, the others get 409, one transition recorded`, async () => {
    const e = env();
    const races = ciSize(50, 5, 200);
    const unit = (code: string) => e.demo.unitByCode[code]!;
    const user = (name: string) => e.demo.userByName[name]!;
    const clients: TestClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await e.login('dcs_zhang'));
    const office = clients[0]!;
    let wrong = 0;
    let wrongRecord = 0;
    const codes: Record<string, number> = {};
    const t0 = Date.now();
    for (let r = 0; r < races; r++) {
      const reg = await office.post('/api/supervision/items', {
        source: 'instruction',
        instructedBy: '李明华',
        instructedById: user('sj_li'),
        title: `并发交办测试 ${r}`,
        requirement: '按期办结',
        level: 0,
        leadUnitId: unit('housing'),
        responsibleLeaderId: user('msz_zhao'),
        deadline: '2026-04-30',
      });
      expect(reg.status, reg.body).toBe(200);
      const id = reg.json.item.id as number;
      const split = await office.post(`/api/supervision/items/${id}/split`, {
        version: reg.json.item.version,
        tasks: [{ unitId: unit('housing'), responsibleUserId: user('zjj_peng'), deadline: '2026-04-30' }],
      });
      expect(split.status, split.body).toBe(200);
      const version = split.json.item.version as number;
      const results = await Promise.all(clients.map((c) => c.post(`/api/supervision/items/${id}/issue`, { version })));
      const won = results.filter((x) => x.status === 200).length;
      const lost = results.filter((x) => x.status === 409);
      for (const x of lost) codes[x.json.error] = (codes[x.json.error] ?? 0) + 1;
      if (won !== 1 || lost.length !== CLIENTS - 1) wrong++;
      // the item moved once: one 交办 in its audit trail, one version step
      const issued = await e.ctx.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('target_type', '=', 'supervision_item')
        .where('target_id', '=', String(id))
        .where('action', '=', 'supervision.item.issue')
        .where('outcome', '=', 'success')
        .executeTakeFirstOrThrow();
      const winner = results.find((x) => x.status === 200);
      const item = await office.get(`/api/supervision/items/${id}`);
      if (Number(issued.n) !== 1 || item.json.item.status !== 'issued' || item.json.item.version !== winner?.json.item.version) wrongRecord++;
    }
    figures(`4 racing transitions [${e.dialect}]`, {
      tier: CI_TIER,
      races,
      clientsPerRace: CLIENTS,
      racesWithNotExactlyOneWinner: wrong,
      racesNotRecordedOnce: wrongRecord,
      losers: JSON.stringify(codes),
      ms: Date.now() - t0,
    });
    expect(wrong).toBe(0);
    expect(wrongRecord).toBe(0);
  }, 1_800_000);
});
