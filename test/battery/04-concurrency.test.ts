/**
 * Battery part 4 — concurrent edits (乐观锁). Clients run read-modify-write loops on one item with
 * `version` (stale → 409, then re-read and retry): no update may be lost. Racing transitions: many
 * clients send the same change with the same version at once; exactly one wins, the others get 409.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../harness.js';
import { figures, size } from './battery-kit.js';

const CLIENTS = 16;

describeEachDialect('battery 4: concurrent edits', (env) => {
  it(`${CLIENTS} clients × read-modify-write on one unit: no lost update`, async () => {
    const e = env();
    const perClient = size(25, 500, 500);
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
        for (let done = 0; done < perClient;) {
          const u = await read(c);
          const res = await c.patch(`/api/org/units/${unitId}`, { version: u.version, sort: u.sort + 1 });
          if (res.status === 200) {
            done++;
            successes++;
          } else if (res.status === 409) {
            expect(res.json.error).toBe('stale_version');
            conflicts++;
          } else throw new Error(`unexpected ${res.status} ${res.body}`);
        }
      }),
    );
    const end = await read(clients[0]!);
    figures(`4 read-modify-write [${e.dialect}]`, {
      clients: CLIENTS,
      perClient,
      successes,
      conflicts409: conflicts,
      finalIncrement: end.sort - start.sort,
      lost: successes - (end.sort - start.sort),
      ms: Date.now() - t0,
    });
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
  }, 900_000);

  it(`racing changes with one version: exactly one of ${CLIENTS} wins each race, the others get 409`, async () => {
    const e = env();
    const races = size(30, 500, 100);
    const clients: TestClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await e.login('sysadmin'));
    const userId = e.demo.userByName.da_liang!;
    let wrong = 0;
    for (let r = 0; r < races; r++) {
      const list = await clients[0]!.get(`/api/org/users?unitId=${e.demo.unitByCode.archives}`);
      const u = (list.json.items as { id: number; version: number }[]).find((x) => x.id === userId)!;
      const results = await Promise.all(clients.map((c, i) => c.patch(`/api/org/users/${userId}`, { version: u.version, name: `梁红${r}-${i}` })));
      const won = results.filter((x) => x.status === 200).length;
      const lost = results.filter((x) => x.status === 409).length;
      if (won !== 1 || lost !== CLIENTS - 1) wrong++;
    }
    figures(`4 racing transitions [${e.dialect}]`, { races, clientsPerRace: CLIENTS, racesWithNotExactlyOneWinner: wrong });
    expect(wrong).toBe(0);
  }, 600_000);
});
