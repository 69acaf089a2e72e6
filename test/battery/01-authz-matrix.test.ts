/**
 * Battery part 1 — authorization matrix (权限矩阵) against an independent oracle.
 * Roles (anonymous, business roles, the 三员) × every route of the live router × classification ×
 * own/other unit × share granted or not. The oracle is `authz-oracle.json`, written from DOMAIN.md.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient, type TestEnv, type TestResponse } from '../harness.js';
import { enumerateRoutes, figures } from './battery-kit.js';
import { ITEM_PROVIDERS, keyOf, oracleSees, type MatrixItem, type OracleActor } from './battery-items.js';
import { ORACLE, fill, urlOf } from './battery-oracle.js';

async function call(client: TestClient, method: string, url: string, body: unknown): Promise<TestResponse> {
  return method === 'GET' || method === 'DELETE' ? client.request(method, url) : client.request(method, url, body ?? {});
}

describeEachDialect('battery 1: authorization matrix', (env) => {
  const clients = new Map<string, TestClient>();
  async function as(actorKey: string, fresh = false): Promise<TestClient> {
    const username = ORACLE.actors[actorKey];
    if (username === null || username === undefined) return env().anonymous();
    if (fresh) return env().login(username);
    let c = clients.get(actorKey);
    if (!c) {
      c = await env().login(username);
      clients.set(actorKey, c);
    }
    return c;
  }

  it('every API route of the live router is in the oracle (and the oracle names no missing route)', () => {
    const live = enumerateRoutes(env().app);
    const listed = Object.keys(ORACLE.routes);
    const unlisted = live.filter((r) => !listed.includes(r));
    const stale = listed.filter((r) => !live.includes(r as never));
    figures('1 routes', { live: live.length, listed: listed.length, unlisted: unlisted.length, stale: stale.length });
    expect(unlisted, 'routes missing from test/battery/authz-oracle.json').toEqual([]);
    expect(stale, 'oracle routes the router does not have').toEqual([]);
  });

  it('route access matches the oracle for every actor (anonymous, business roles, 三员)', async () => {
    let cases = 0;
    const unexpectedAllows: string[] = [];
    const unexpectedRefusals: string[] = [];
    for (const [key, r] of Object.entries(ORACLE.routes)) {
      const [method, route] = key.split(' ') as [string, string];
      const url = urlOf(route, r, env());
      const body = fill(r.sample?.body, env());
      for (const actorKey of Object.keys(ORACLE.actors)) {
        const anonymous = ORACLE.actors[actorKey] === null;
        if ((r.access === 'item' || r.access === 'write') && !anonymous) continue; // the item matrix, part 2 and part 8 decide these
        const client = await as(actorKey, r.destructive === true);
        const res = await call(client, method, url, body);
        cases++;
        const tag = `${key} as ${actorKey} → ${res.status} ${res.body.slice(0, 120)}`;
        expect(res.status, tag).toBeLessThan(500);
        if (r.access === 'public') {
          if ((res.status === 401 || res.status === 403) && !r.allowedStatus?.includes(res.status)) unexpectedRefusals.push(tag);
          continue;
        }
        if (anonymous) {
          if (res.status !== 401) unexpectedAllows.push(tag);
          continue;
        }
        if (r.access === 'business') {
          if (isAdmin(env(), actorKey)) {
            // 三员: no business content — a refusal, or an answer without items
            const j = res.json as { items?: unknown[]; total?: number } | null;
            if (res.status < 300 && (res.headers['content-type'] ?? '').toString().includes('json') && ((j?.items?.length ?? 0) > 0 || (j?.total ?? 0) > 0))
              unexpectedAllows.push(`${tag} (三员 saw business content)`);
          } else if (res.status === 401 || res.status >= 500) unexpectedRefusals.push(tag);
          continue;
        }
        const allowed =
          r.access === 'authenticated' || (typeof r.access === 'object' && r.access.roles.some((role) => rolesOf(env(), actorKey).includes(role)));
        if (allowed) {
          const ok = r.allowedStatus?.includes(res.status) || (res.status < 400 && res.status >= 200);
          if (!ok) unexpectedRefusals.push(tag);
          if (r.businessContent && isAdmin(env(), actorKey) && Array.isArray(res.json?.items) && res.json.items.length > 0)
            unexpectedAllows.push(`${tag} (三员 saw business items)`);
        } else if (res.status !== 403) unexpectedAllows.push(tag);
      }
    }
    figures('1 route access', { cases, unexpectedAllows: unexpectedAllows.length, unexpectedRefusals: unexpectedRefusals.length });
    expect(unexpectedAllows).toEqual([]);
    expect(unexpectedRefusals).toEqual([]);
  }, 600_000);

  it('own-only data: another user’s notification and token are invisible (404), messages above clearance are not counted', async () => {
    const { ctx, demo } = env();
    const zhang = demo.userByName.dcs_zhang!;
    const dong = demo.userByName.jyj_dong!;
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.notifier.send(trx, [zhang], { kind: 'battery', title: '矩阵-他人消息-MARKER', body: 'x', level: 0 });
      await ctx.notifier.send(trx, [dong], { kind: 'battery', title: '矩阵-超密级消息-MARKER', body: 'x', level: 1 });
    });
    const other = await ctx.db.selectFrom('notification').select('id').where('user_id', '=', zhang).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const he = await as('staff_other_division');
    expect((await he.post(`/api/notifications/${other.id}/read`)).status).toBe(404);
    expect((await he.get('/api/notifications')).body).not.toContain('矩阵-他人消息');
    const dongClient = await as('liaison_clearance0');
    const list = await dongClient.get('/api/notifications?pageSize=200');
    expect(list.body).not.toContain('矩阵-超密级消息');
    const count = await dongClient.get('/api/notifications/unread-count');
    expect(count.json.unread).toBe(list.json.items.filter((i: { readAt: string | null }) => !i.readAt).length);
    const tokenOwner = await as('staff');
    const tok = await tokenOwner.post('/api/auth/tokens', { name: 'matrix' });
    expect((await he.delete(`/api/auth/tokens/${tok.json.id}`)).status).toBe(404);
    expect((await he.get('/api/auth/tokens')).body).not.toContain('"matrix"');
  });

  it('item visibility: level × own/other unit × share × role, on detail, list, search, export, counts and attachments', async () => {
    const e = env();
    const actors: OracleActor[] = [];
    for (const [key, username] of Object.entries(ORACLE.actors)) {
      if (!username) continue;
      const u = await e.ctx.db.selectFrom('user').select(['id', 'unit_id', 'clearance']).where('username', '=', username).executeTakeFirstOrThrow();
      actors.push({ key, username, id: u.id, unitId: u.unit_id, clearance: u.clearance, roles: rolesOf(e, key) });
    }
    let cases = 0;
    let leaks = 0;
    let countCases = 0;
    let visibleCases = 0;
    let leakScans = 0;
    const failures: string[] = [];
    const perProvider: Record<string, number> = {};
    const allItems: MatrixItem[] = [];
    for (const provider of ITEM_PROVIDERS) {
      const started = Date.now();
      const items = await provider.createMatrix(e);
      allItems.push(...items);
      perProvider[provider.type] = items.length;
      for (const actor of actors) {
        const client = await as(actor.key);
        const obs = await provider.observe(e, client, items);
        const text = obs.bodies.join('\n');
        for (const item of items) {
          const where = `${provider.type}/${item.kind}#${item.id} (${item.label}, level ${item.level}) as ${actor.key}`;
          for (const [path, visible] of Object.entries(obs.seen.get(keyOf(item)) ?? {})) {
            cases++;
            const expected = oracleSees(actor, item, path);
            if (expected) visibleCases++;
            if (visible !== expected) {
              if (visible) leaks++;
              failures.push(`${where} via ${path}: expected ${expected ? 'visible' : 'hidden'}, got ${visible ? 'visible' : 'hidden'}`);
            }
          }
          // no title of a hidden item, and no content text of an item whose content is hidden, in any answer
          leakScans++;
          if (!oracleSees(actor, item, 'list') && text.includes(item.label)) {
            leaks++;
            failures.push(`${where}: hidden title found in an answer`);
          }
          if (item.secret && !oracleSees(actor, item, 'content') && text.includes(item.secret)) {
            leaks++;
            failures.push(`${where}: hidden content found in an answer`);
          }
        }
        for (const c of obs.counts) {
          countCases++;
          const expected = items.filter(
            (i) => (c.kind === '*' ? obs.seen.get(keyOf(i))?.[c.path] !== undefined : c.kind.split('|').includes(i.kind)) && oracleSees(actor, i, c.path),
          ).length;
          if (c.got !== expected) {
            if (c.got > expected) leaks++;
            failures.push(`${provider.type} ${c.name} as ${actor.key}: expected ${expected}, got ${c.got}`);
          }
        }
      }
      figures(`1 item matrix ${provider.type} [${e.dialect}]`, { items: items.length, actors: actors.length, seconds: (Date.now() - started) / 1000 });
    }
    // the audit trail: each of the 三员 reads every page of it (where allowed) and finds no title or
    // content of any matrix item — creating, changing and refusing them wrote entries about all of them
    const auditStarted = Date.now();
    let auditPages = 0;
    let auditEntries = 0;
    for (const actor of actors.filter((a) => a.roles.some((r) => ['sysadmin', 'secadmin', 'auditor'].includes(r)))) {
      const client = await as(actor.key);
      for (let page = 1; ; page++) {
        const res = await client.get(`/api/audit?pageSize=200&page=${page}`);
        auditPages++;
        if (res.status !== 200) {
          if (res.status !== 403) failures.push(`GET /api/audit as ${actor.key}: ${res.status}`);
          break;
        }
        auditEntries += res.json.items.length;
        for (const item of allItems) {
          leakScans++;
          const where = `audit page ${page} as ${actor.key}: ${item.kind}#${item.id} (level ${item.level})`;
          if (!oracleSees(actor, item, 'list') && res.body.includes(item.label)) {
            leaks++;
            failures.push(`${where}: hidden title found`);
          }
          if (item.secret && !oracleSees(actor, item, 'content') && res.body.includes(item.secret)) {
            leaks++;
            failures.push(`${where}: hidden content found`);
          }
        }
        if (res.json.items.length < 200) break;
      }
    }
    figures(`1 audit pages [${e.dialect}]`, { pages: auditPages, entries: auditEntries, seconds: (Date.now() - auditStarted) / 1000 });
    figures(`1 item matrix [${e.dialect}]`, {
      providers: Object.entries(perProvider)
        .map(([k, v]) => `${k}:${v}`)
        .join(','),
      cases,
      visibleCases,
      countCases,
      leakScans,
      unexpectedAllows: leaks,
      mismatches: failures.length,
    });
    if (failures.length) console.log(failures.slice(0, 200).join('\n'));
    expect(failures).toEqual([]);
  }, 1_200_000);
});

function rolesOf(e: TestEnv, actorKey: string): string[] {
  const username = ORACLE.actors[actorKey];
  return username ? (ROLE_CACHE.get(`${e.dialect}:${username}`) ?? loadRoles(e, username)) : [];
}
const ROLE_CACHE = new Map<string, string[]>();
function loadRoles(e: TestEnv, username: string): string[] {
  // the demo office's roles, as DOMAIN.md describes them (seed-demo.ts publishes them)
  const roles = DEMO_ROLES[username] ?? [];
  ROLE_CACHE.set(`${e.dialect}:${username}`, roles);
  return roles;
}
function isAdmin(e: TestEnv, actorKey: string): boolean {
  return rolesOf(e, actorKey).some((r) => ['sysadmin', 'secadmin', 'auditor'].includes(r));
}
const DEMO_ROLES: Record<string, string[]> = {
  sj_li: ['leader'],
  zr_chen: ['director', 'leader'],
  dcs_huang: ['division_head'],
  dcs_zhang: ['staff'],
  xxc_he: ['staff'],
  fgw_xu: ['liaison'],
  jyj_dong: ['liaison'],
  py_jiang: ['rater'],
  sysadmin: ['sysadmin'],
  secadmin: ['secadmin'],
  auditor: ['auditor'],
};
