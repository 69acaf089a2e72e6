/**
 * Battery part 11 — 三员分立: no administrator alone reaches business content. Each of the 系统管理员,
 * 安全保密管理员 and 安全审计员 runs every sequence of the admin API it has that could hand it an account
 * (create a user with business roles and 内部, edit roles and clearance, file grant requests, reset a
 * leader's password and change it, create API tokens, try to approve, try another admin's settings),
 * logs in as whatever account it obtained (session and token) and probes the whole business item
 * matrix of part 1 (detail, list, search, export, counts, attachments of every module): nothing may
 * be seen, no title may appear in any answer. A positive control then shows the same probe sees items
 * once the 安全保密管理员 approves — two administrators together, as 三员分立 intends.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, TestClient, type TestEnv, type TestResponse } from '../harness.js';
import { FULL, figures } from './battery-kit.js';
import { ITEM_PROVIDERS, keyOf, type MatrixItem } from './battery-items.js';

/** A client that authenticates with a personal API token instead of a session. */
class BearerClient extends TestClient {
  constructor(
    env: TestEnv,
    private readonly token: string,
  ) {
    super(env.app);
  }
  override request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    return super.request(method, url, body, { authorization: `Bearer ${this.token}`, ...headers });
  }
}

/** Paths a provider observes as "answered other than 404" through the session cookie. */
const STATUS_ONLY_PATHS = new Set(['minutes.docx']);

/**
 * The CI tier probes a sample of the matrix (per provider and kind, the first items at 公开/内部 — what an
 * account with a requested 内部 clearance could see — and every level under FULL/LONG) from fewer
 * accounts; FULL/LONG runs every account, token and edit.
 */
const ROLE_SETS = FULL ? [['liaison'], ['leader'], ['director', 'leader'], ['staff'], ['division_head'], ['rater']] : [['liaison'], ['director', 'leader']];
const RESET = FULL ? ['sj_li', 'zr_chen', 'dcs_huang', 'fgw_xu'] : ['zr_chen', 'fgw_xu'];
const SAMPLE = FULL ? Infinity : 5;

function sample(items: MatrixItem[]): MatrixItem[] {
  const perKind = new Map<string, number>();
  return items.filter((i) => {
    if (!FULL && i.level > 1) return false;
    const n = perKind.get(i.kind) ?? 0;
    perKind.set(i.kind, n + 1);
    return n < SAMPLE;
  });
}

function must(res: TestResponse, status: number, what: string): TestResponse {
  expect(res.status, `${what}: ${res.body.slice(0, 200)}`).toBe(status);
  return res;
}

describeEachDialect('battery 11: one administrator alone obtains no business access', (env) => {
  const matrix: { provider: (typeof ITEM_PROVIDERS)[number]; items: MatrixItem[] }[] = [];
  let probes = 0;

  /**
   * What `client` sees of the matrix: the items seen on any path and the titles found in any answer.
   * A token client or one whose password change is forced does not judge the paths a provider reads
   * with the session cookie alone and counts as "not 404" (a 401/403 there is not a view).
   */
  async function probe(client: TestClient, cookieless = false): Promise<string[]> {
    const leaks: string[] = [];
    for (const { provider, items } of matrix) {
      const obs = await provider.observe(env(), client, items);
      const text = obs.bodies.join('\n');
      for (const item of items) {
        probes++;
        for (const [path, visible] of Object.entries(obs.seen.get(keyOf(item)) ?? {}))
          if (visible && !(cookieless && STATUS_ONLY_PATHS.has(path))) leaks.push(`${item.kind}#${item.id} via ${path}`);
        if (text.includes(item.label)) leaks.push(`${item.kind}#${item.id}: title in an answer`);
      }
      for (const c of obs.counts) if (c.got > 0) leaks.push(`${provider.type} ${c.name}: ${c.got}`);
    }
    return leaks;
  }

  /**
   * Logs in with a password the administrator set and probes while the change is forced, changes it as
   * the account must, and logs in again.
   */
  async function takeOver(username: string, oneTime: string, mine: string, leaks: string[], probeForced: boolean): Promise<TestClient> {
    const forced = await env().login(username, oneTime);
    if (probeForced) leaks.push(...(await probe(forced, true)).map((l) => `${username} before the forced change: ${l}`));
    else expect((await forced.get('/api/supervision/items')).json.error).toBe('auth.password_expired');
    must(await forced.post('/api/auth/password', { oldPassword: oneTime, newPassword: mine }), 200, `${username} changes the one-time password`);
    return env().login(username, mine);
  }

  it('creates the business item matrix of part 1', async () => {
    for (const provider of ITEM_PROVIDERS) matrix.push({ provider, items: sample(await provider.createMatrix(env())) });
    expect(matrix.reduce((n, m) => n + m.items.length, 0)).toBeGreaterThan(0);
  }, 1_800_000);

  it('the 系统管理员 alone: created accounts, edited roles, reset leaders, tokens, approvals — nothing seen', async () => {
    const e = env();
    const started = Date.now();
    const admin = await e.login('sysadmin');
    const leaks: string[] = [];
    const probeAs = async (what: string, c: TestClient, cookieless = false) => leaks.push(...(await probe(c, cookieless)).map((l) => `${what}: ${l}`));
    const unitOf = async (username: string) =>
      (await e.ctx.db.selectFrom('user').select('unit_id').where('username', '=', username).executeTakeFirstOrThrow()).unit_id;

    // 1. a new account with business roles and 内部, in the unit that owns most items, and one for each business role
    const made: string[] = [];
    for (const [i, roles] of ROLE_SETS.entries()) {
      const username = `probe_${i}`;
      const res = must(
        await admin.post('/api/org/users', {
          username,
          name: `探针${i}`,
          unitId: await unitOf(i % 2 ? 'zr_chen' : 'dcs_zhang'),
          roles,
          clearance: 1,
          password: 'Init#Pass2026',
        }),
        200,
        'create',
      );
      expect(res.json.grantId).toEqual(expect.any(Number));
      made.push(username);
      const after = await takeOver(username, 'Init#Pass2026', 'Mine#Pass2026', leaks, FULL || i === 0);
      if (FULL || i === 0) await probeAs(username, after);
      else expect((await after.get('/api/auth/me')).json.user).toMatchObject({ roles: [], clearance: 0 });
      // 2. a token of the account
      const token = must(await after.post('/api/auth/tokens', { name: 'probe' }), 200, 'token').json.token as string;
      if (FULL || i === 0) await probeAs(`${username} by token`, new BearerClient(e, token), true);
      else expect((await new BearerClient(e, token).get('/api/auth/me')).json.user).toMatchObject({ roles: [], clearance: 0 });
    }
    // 3. edits and explicit requests for the accounts it holds, then an attempt to approve them itself
    for (const username of made) {
      const row = ((await admin.get('/api/org/users?pageSize=200')).json.items as { id: number; username: string; version: number }[]).find(
        (u) => u.username === username,
      )!;
      must(await admin.patch(`/api/org/users/${row.id}`, { version: row.version, roles: ['leader'], clearance: 1 }), 200, 'edit roles');
      must(await admin.post('/api/org/grants', { userId: row.id, roles: ['director'], clearance: 1 }), 200, 'request');
      for (const g of (await admin.get(`/api/org/grants?userId=${row.id}`)).json.items as { id: number; version: number }[]) {
        must(await admin.post(`/api/org/grants/${g.id}/approve`, { version: g.version }), 403, 'self-approval');
        must(await admin.post(`/api/org/grants/${g.id}/reject`, { version: g.version }), 403, 'reject');
      }
      const edited = await e.login(username, 'Mine#Pass2026');
      if (FULL) await probeAs(`${username} after edits`, edited);
      else expect((await edited.get('/api/auth/me')).json.user).toMatchObject({ roles: [], clearance: 0 });
    }
    // 4. an administrator account it creates for itself (a second 安全保密管理员) cannot approve either
    must(
      await admin.post('/api/org/users', {
        username: 'probe_sec',
        name: '探针管理员',
        unitId: await unitOf('sysadmin'),
        roles: ['secadmin'],
        clearance: 1,
        password: 'Init#Pass2026',
      }),
      200,
      'admin account',
    );
    const fakeSec = await takeOver('probe_sec', 'Init#Pass2026', 'Mine#Pass2026', leaks, false);
    for (const g of (await admin.get('/api/org/grants?pageSize=200')).json.items as { id: number; version: number }[])
      must(await fakeSec.post(`/api/org/grants/${g.id}/approve`, { version: g.version }), 403, 'approval by a self-made 安全保密管理员');
    must(await fakeSec.get('/api/admin/settings'), 403, 'settings by a self-made 安全保密管理员');
    // 5. the leaders' passwords reset and changed: the accounts hold no role until reinstated
    for (const [i, username] of RESET.entries()) {
      const id = e.demo.userByName[username]!;
      must(await admin.post(`/api/org/users/${id}/reset-password`, { password: 'Once#Pass2026' }), 200, 'reset');
      const after = await takeOver(username, 'Once#Pass2026', 'Mine#Pass2026', leaks, FULL);
      await probeAs(`${username} reset`, after);
      const token = must(await after.post('/api/auth/tokens', { name: 'probe' }), 200, 'token').json.token as string;
      if (FULL || i === 1) await probeAs(`${username} reset, by token`, new BearerClient(e, token), true);
      else expect((await new BearerClient(e, token).get('/api/auth/me')).json.user).toMatchObject({ roles: [], clearance: 0 });
      // resetting again, or re-filing the held roles, does not bring them back either
      const row = ((await admin.get('/api/org/users?pageSize=200')).json.items as { id: number; version: number }[]).find((u) => u.id === id)!;
      must(await admin.patch(`/api/org/users/${id}`, { version: row.version, roles: ['leader'], clearance: 1 }), 200, 'edit roles');
      const edited = await e.login(username, 'Mine#Pass2026');
      if (FULL) await probeAs(`${username} reset, after edits`, edited);
      else expect((await edited.get('/api/auth/me')).json.user).toMatchObject({ roles: [], clearance: 0 });
    }
    // 6. the 安全保密管理员's settings (levels, policy) stay out of reach
    const policy = { passwordMinLength: 8, passwordClasses: 3, passwordExpiryDays: 90, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30 };
    must(await admin.put('/api/admin/settings', { version: 1, settings: { ...policy, enabledLevels: [0, 1, 2, 3] } }), 403, 'settings');
    if (FULL) await probeAs('sysadmin itself', admin); // part 1 probes the 三员's own sessions on every route
    figures(`11 sysadmin alone [${e.dialect}]`, { probes, leaks: leaks.length, seconds: (Date.now() - started) / 1000 });
    expect(leaks).toEqual([]);
  }, 1_800_000);

  it('the 安全保密管理员 and the 安全审计员 alone: no account to take, nothing seen', async () => {
    const e = env();
    const leaks: string[] = [];
    const sec = await e.login('secadmin');
    const auditor = await e.login('auditor');
    const target = e.demo.userByName.xxc_he!;
    for (const [who, c] of [
      ['secadmin', sec],
      ['auditor', auditor],
    ] as const) {
      must(
        await c.post('/api/org/users', {
          username: `${who}_made`,
          name: '探针',
          unitId: e.demo.unitByCode.duty,
          roles: ['leader'],
          clearance: 1,
          password: 'Init#Pass2026',
        }),
        403,
        `${who} creates`,
      );
      must(await c.post(`/api/org/users/${target}/reset-password`, { password: 'Once#Pass2026' }), 403, `${who} resets`);
      must(await c.patch(`/api/org/users/${target}`, { version: 1, name: '改名' }), 403, `${who} edits`);
      must(await c.post(`/api/org/users/${target}/unlock`), 403, `${who} unlocks`);
      must(
        await c.post('/api/org/grants', { userId: e.demo.userByName[who]!, roles: ['leader'], clearance: 1 }),
        who === 'secadmin' ? 422 : 403,
        `${who} grants itself`,
      );
      leaks.push(...(await probe(c)).map((l) => `${who}: ${l}`));
    }
    // the 安全保密管理员 may grant roles, but only to accounts whose passwords it does not hold
    const g = must(await sec.post('/api/org/grants', { userId: e.demo.userByName.auditor!, roles: ['leader'], clearance: 1 }), 200, 'grant to another account');
    must(await sec.post(`/api/org/grants/${g.json.id}/cancel`, { version: 1 }), 200, 'withdraw');
    leaks.push(...(await probe(sec)).map((l) => `secadmin after grants: ${l}`));
    expect(leaks).toEqual([]);
  }, 1_800_000);

  it('positive control: once the 安全保密管理员 reinstates a reset leader, the same probe sees the leader’s items', async () => {
    const e = env();
    const sec = await e.login('secadmin');
    const id = e.demo.userByName.zr_chen!;
    const pending = (await sec.get(`/api/org/grants?userId=${id}`)).json.items as { id: number; version: number; roles: string[] }[];
    expect(pending).toHaveLength(1);
    must(await sec.post(`/api/org/grants/${pending[0]!.id}/approve`, { version: pending[0]!.version }), 200, 'approve');
    const leader = await e.login('zr_chen', 'Mine#Pass2026');
    expect((await leader.get('/api/auth/me')).json.user.roles).toEqual(['leader']);
    const seen = await probe(leader);
    figures(`11 positive control [${e.dialect}]`, { seenByReinstatedLeader: seen.length, probes });
    expect(seen.length).toBeGreaterThan(0);
  }, 1_800_000);
});
