/**
 * Battery part 8 — web attacks. CSRF: every state-changing route of the live router, with a valid
 * session but no `X-CSRF-Token`, or with the token from a foreign Origin, is refused (403
 * `auth.csrf`) and changes nothing. SQL injection: a corpus in every path, query (sort and filter
 * fields included) and body parameter of the API surface: no 5xx, no database error text leaked.
 * (XSS in rendered pages: 08-xss.test.ts.)
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../harness.js';
import { apiSurface, enumerateRoutes, figures, installChangeCounter, size } from './battery-kit.js';
import { ORACLE, urlOf } from './battery-oracle.js';

const SQLI = [
  "'",
  "''",
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  '1; DROP TABLE audit_event; --',
  "1' UNION SELECT username, password_hash FROM user --",
  '1) OR (1=1',
  'id DESC; DELETE FROM unit',
  'title) --',
  '(SELECT sqlite_version())',
  'pg_sleep(5)',
  '1 AND SLEEP(5)',
  "%' AND 1=1 AND '%'='",
  "\\' OR 1=1 #",
  '1e9999',
  '-1 OR 1=1',
  "admin'--",
  "' ; SELECT * FROM session --",
  '$1',
  '?',
  ':id',
  "\u0000' OR 1=1",
  'ＯＲ 1＝1',
];
const LEAK = /SQLITE_|syntax error|relation "|column "|near "|unterminated quoted|no such (table|column)|duplicate key|violates|\.ts:\d+/i;

describeEachDialect('battery 8: CSRF and SQL injection', (env) => {
  it('every state-changing route refuses a session request without the CSRF token or from a foreign Origin, and changes nothing', async () => {
    const e = env();
    const counter = await installChangeCounter(e.database);
    const c = await e.login('dcs_huang');
    const routes = enumerateRoutes(e.app).filter((r) => !r.startsWith('GET '));
    const failures: string[] = [];
    let cases = 0;
    for (const key of routes) {
      const [method, route] = key.split(' ') as [string, string];
      const oracleRoute = ORACLE.routes[key];
      const url = oracleRoute ? urlOf(route, oracleRoute, e) : route.replace(/:[A-Za-z]+/g, '1');
      for (const variant of ['no-token', 'wrong-token', 'foreign-origin'] as const) {
        const before = await counter.read();
        const headers: Record<string, string> = { cookie: c.cookie!, 'content-type': 'application/json' };
        if (variant === 'wrong-token') headers['x-csrf-token'] = 'forged-token';
        if (variant === 'foreign-origin') {
          headers['x-csrf-token'] = c.csrf!;
          headers.origin = 'https://evil.example';
        }
        const res = await e.app.inject({ method: method as 'POST', url, headers, payload: JSON.stringify(oracleRoute?.sample?.body ?? {}) });
        cases++;
        const json = JSON.parse(res.body || 'null') as { error?: string } | null;
        if (res.statusCode !== 403 || json?.error !== 'auth.csrf') failures.push(`${key} ${variant} → ${res.statusCode} ${res.body.slice(0, 100)}`);
        if ((await counter.read()) !== before) failures.push(`${key} ${variant}: rows changed`);
      }
    }
    figures(`8 CSRF [${e.dialect}]`, { stateChangingRoutes: routes.length, cases, failures: failures.length });
    expect(failures).toEqual([]);
    // the session itself still works with the token
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });

  it('SQL injection corpus in every parameter (path, query incl. sort/filter, body): no 5xx, no database error leaked', async () => {
    const e = env();
    const clients = new Map<string, TestClient>();
    const client = async (u: string, fresh = false) => {
      if (fresh || !clients.has(u)) clients.set(u, await e.login(u));
      return clients.get(u)!;
    };
    const endpoints = apiSurface(e.app).filter((ep) => ep.key !== 'POST /api/files' && ep.key !== 'POST /api/auth/logout');
    const bad: string[] = [];
    let cases = 0;
    const corpus = size(SQLI.length, SQLI.length, SQLI.length);
    for (const ep of endpoints) {
      const access = ORACLE.routes[ep.key]?.access;
      const user = access && typeof access === 'object' ? access.roles[0]! : 'dcs_huang';
      const oracleRoute = ORACLE.routes[ep.key];
      const baseUrl = oracleRoute ? urlOf(ep.route, oracleRoute, e).split('?')[0]! : ep.route.replace(/:[A-Za-z]+/g, '1');
      const baseBody = (oracleRoute?.sample?.body ?? {}) as Record<string, unknown>;
      const fields: { where: 'path' | 'query' | 'body'; name: string }[] = [
        ...Object.keys(ep.params?.properties ?? {}).map((name) => ({ where: 'path' as const, name })),
        ...Object.keys(ep.query?.properties ?? {}).map((name) => ({ where: 'query' as const, name })),
        ...Object.keys(ep.body?.properties ?? {}).map((name) => ({ where: 'body' as const, name })),
        // sort and filter names routes may read without declaring
        { where: 'query' as const, name: 'sort' },
        { where: 'query' as const, name: 'order' },
      ];
      for (const f of fields) {
        for (const payload of SQLI.slice(0, corpus)) {
          let url = baseUrl;
          let body: Record<string, unknown> = { ...baseBody };
          if (f.where === 'path') url = ep.route.replace(/:([A-Za-z]+)/g, (_m, k: string) => (k === f.name ? encodeURIComponent(payload) : '1'));
          else if (f.where === 'query') url += `?${new URLSearchParams({ [f.name]: payload }).toString()}`;
          else body = { ...body, [f.name]: payload };
          const c = await client(user);
          let res;
          try {
            res = await c.request(ep.method, url, ['GET', 'DELETE'].includes(ep.method) ? undefined : body);
          } catch (err) {
            bad.push(`${ep.key} ${f.where}.${f.name}=${payload} → response broken: ${(err as Error).message}`);
            continue;
          }
          cases++;
          // stored payloads are echoed back by design; a leak is database error text in a refusal
          if (res.status >= 500 || (res.status >= 400 && LEAK.test(String(res.json?.message ?? '') + JSON.stringify(res.json?.details ?? ''))))
            bad.push(`${ep.key} ${f.where}.${f.name}=${payload} → ${res.status} ${res.body.slice(0, 160)}`);
          if (res.status === 401) await client(user, true);
        }
      }
    }
    figures(`8 SQL injection [${e.dialect}]`, { endpoints: endpoints.length, payloads: SQLI.length, cases, fiveXXorLeak: bad.length });
    expect(bad.slice(0, 15)).toEqual([]);
  }, 1_800_000);
});
