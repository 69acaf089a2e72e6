/**
 * Battery part 2 — input fuzzing. For every endpoint of the API surface (the OpenAPI document the
 * routes' zod schemas produce), fast-check generates inputs from the schema and mutates them:
 * wrong types, huge strings, unicode edge cases, NUL, negative/overflow numbers and
 * prototype-pollution keys. Pass: no response ≥ 500, no row changed by a rejected request (change
 * counter triggers), the server's Object.prototype untouched, `PRAGMA integrity_check` clean.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTestEnv, describeEachDialect, type TestClient } from '../harness.js';
import { apiSurface, CI_TIER, ciSize, figures, installChangeCounter, integrityCheck, type JsonSchema } from './battery-kit.js';
import { ORACLE } from './battery-oracle.js';

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '𠜎𠜱𠝹👩‍👩‍👧‍👦',
  'İıſK',
  'e\u0301\u0301\u0301',
  '../../../../etc/passwd',
  '%00',
  "' OR 1=1 --",
  '<script>window.__xss=1</script>',
  '{{7*7}}${7*7}',
  '\r\nSet-Cookie: x=1',
  'A'.repeat(100_000),
  '中'.repeat(50_000),
  '-1',
  '1e308',
  '9999999999999999999999',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -2147483649,
  2147483648,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  0.5,
  [],
  [null],
  {},
  { a: 1 },
  ...HOSTILE_STRINGS,
];
/** Lanes of the PostgreSQL run (separate databases, cases sequential within a lane). */
const PG_LANES = 3;
const POLLUTION = ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":{"__proto__":{"polluted":"yes"}}}'];

function types(s: JsonSchema): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

/** An arbitrary of values that follow the schema (roughly: enough to reach the handler). */
function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fromSchema(a, depth + 1)));
  const t = types(s);
  const arbs: fc.Arbitrary<unknown>[] = [];
  if (t.includes('string')) {
    const min = s.minLength ?? 0;
    const max = Math.min(s.maxLength ?? 40, min + 40);
    arbs.push(
      s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') || s.format === 'date'
        ? fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
        : fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' }),
    );
  }
  if (t.includes('integer')) arbs.push(fc.integer({ min: Math.max(s.minimum ?? -1000, -(2 ** 31)), max: Math.min(s.maximum ?? 100_000, 2 ** 31) }));
  if (t.includes('number')) arbs.push(fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }));
  if (t.includes('boolean')) arbs.push(fc.boolean());
  if (t.includes('null')) arbs.push(fc.constant(null));
  if (t.includes('array'))
    arbs.push(fc.array(fromSchema(s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, (s.minItems ?? 0) + 4) }));
  if (t.includes('object') || s.properties) {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(props)) model[k] = fromSchema(v, depth + 1);
    arbs.push(fc.record(model, { requiredKeys: [...required].filter((k) => k in model) }));
  }
  return arbs.length ? fc.oneof(...arbs) : fc.constant(null);
}

/** Schema-valid values with one field (deep or top) replaced by a hostile value, or the whole thing replaced. */
function mutated(s: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom(...HOSTILE_VALUES);
  return fc.oneof(
    { weight: 3, arbitrary: fromSchema(s) },
    {
      weight: 5,
      arbitrary: fc.tuple(fromSchema(s), hostile, fc.nat()).map(([v, h, n]) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const keys = [...Object.keys(v), ...Object.keys(s?.properties ?? {})];
          if (keys.length) return { ...(v as object), [keys[n % keys.length]!]: h };
        }
        return h;
      }),
    },
    { weight: 2, arbitrary: hostile },
  );
}

function asQuery(v: unknown): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return '';
  const qs = new URLSearchParams();
  for (const [k, x] of Object.entries(v)) qs.append(k, typeof x === 'string' ? x : JSON.stringify(x));
  return qs.toString();
}

function asPath(route: string, v: unknown): string {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  return route.replace(/:([A-Za-z]+)/g, (_m, k: string) => {
    const raw = typeof o[k] === 'string' ? (o[k] as string) : JSON.stringify(o[k] ?? 1);
    try {
      return encodeURIComponent(raw);
    } catch {
      return '%ED%A0%80'; // a lone surrogate: sent as the invalid UTF-8 it would be
    }
  });
}

/** An actor allowed to call the route (so the input reaches the handler): the role's holder, or a 督查室 division head. */
function actorFor(key: string): string {
  const access = ORACLE.routes[key]?.access;
  if (access && typeof access === 'object')
    return access.roles[0] === 'sysadmin' || access.roles[0] === 'secadmin' || access.roles[0] === 'auditor' ? access.roles[0] : 'dcs_huang';
  return 'dcs_huang';
}

describeEachDialect('battery 2: input fuzzing', (env) => {
  it('ids beyond the 32-bit integer range on every id route answer 4xx, never 500 (PostgreSQL int4)', async () => {
    const e = env();
    const c = await e.login('dcs_huang');
    const bad: string[] = [];
    for (const ep of apiSurface(e.app).filter((x) => x.route.includes(':') && x.method === 'GET')) {
      const res = await c.get(ep.route.replace(/:[A-Za-z]+/g, '2147483648'));
      if (res.status >= 500) bad.push(`${ep.key} → ${res.status}`);
    }
    expect(bad).toEqual([]);
  });

  it('id query parameters beyond the 32-bit range on every GET answer 4xx and a whole response (streamed exports included)', async () => {
    const e = env();
    const c = await e.login('dcs_huang');
    const bad: string[] = [];
    let checked = 0;
    for (const ep of apiSurface(e.app).filter((x) => x.method === 'GET' && x.query?.properties)) {
      for (const k of Object.keys(ep.query!.properties!).filter((n) => /Id$/.test(n))) {
        const url = `${ep.route.replace(/:[A-Za-z]+/g, '1')}?${k}=2147483648`;
        checked++;
        try {
          const res = await e.app.inject({ method: 'GET', url, headers: { cookie: c.cookie! } });
          if (res.statusCode >= 500) bad.push(`${url} → ${res.statusCode}`);
        } catch (err) {
          bad.push(`${url} → ${String(err)}`); // e.g. an export whose stream broke off after the headers
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it('no 5xx, no row changed by a rejected request, no prototype pollution, integrity clean', async () => {
    const e = env();
    const perEndpoint = Number(process.env.ZHONGSHU_BATTERY_FUZZ ?? 0) || ciSize(1_000, 150, 10_000); // the same sizes on both dialects, quick included
    // PostgreSQL: a few lanes, each with its own database and app, so that one lane's queries run
    // while another's request is in the app; within a lane the cases stay sequential, so a changed
    // row is still attributed to exactly one request. SQLite runs in this thread: one lane.
    const laneCount = e.dialect === 'postgres' ? PG_LANES : 1;
    const extra = await Promise.all(Array.from({ length: laneCount - 1 }, () => createTestEnv(e.dialect)));
    // ZHONGSHU_BATTERY_FUZZ_ONLY=<text>: only the endpoints whose "METHOD /path" contains it (to replay a finding)
    const only = process.env.ZHONGSHU_BATTERY_FUZZ_ONLY;
    const surface = apiSurface(e.app).filter((ep) => ep.key !== 'POST /api/files');
    const endpoints = surface.filter((ep) => !only || ep.key.includes(only));
    const fiveXX: string[] = [];
    const broken: string[] = [];
    const changedOnReject: string[] = [];
    const byStatus: Record<string, number> = {};
    const integrity: string[] = [];
    let cases = 0;
    const t0 = Date.now();
    try {
      await Promise.all(
        [e, ...extra].map(async (lane, laneNo) => {
          const counter = await installChangeCounter(lane.database);
          const clients = new Map<string, TestClient>();
          const client = async (u: string, fresh = false) => {
            if (fresh || !clients.has(u)) clients.set(u, await lane.login(u));
            return clients.get(u)!;
          };
          let changes = await counter.read();
          for (let i = laneNo; i < endpoints.length; i += laneCount) {
            const ep = endpoints[i]!;
            const user = actorFor(ep.key);
            const gen = fc.record({
              params: mutated(ep.params),
              query: mutated(ep.query),
              body: fc.oneof(
                { weight: 9, arbitrary: mutated(ep.body).map((b) => JSON.stringify(b ?? null)) },
                { weight: 1, arbitrary: fc.constantFrom(...POLLUTION, '{"a":', 'not json', '\u0000') },
              ),
            });
            for (const s of fc.sample(gen, { numRuns: perEndpoint, seed: 42 + surface.indexOf(ep) })) {
              if (!clients.has(user)) {
                await client(user); // a login writes (last login): not part of the case
                changes = await counter.read();
              }
              const c = await client(user);
              let url = asPath(ep.route, s.params);
              const qs = asQuery(s.query);
              if (qs) url += `?${qs}`;
              const headers: Record<string, string> = { cookie: c.cookie!, 'x-csrf-token': c.csrf! };
              const hasBody = !['GET', 'DELETE', 'HEAD'].includes(ep.method);
              if (hasBody) headers['content-type'] = 'application/json';
              let res: Awaited<ReturnType<typeof lane.app.inject>>;
              try {
                res = await lane.app.inject({ method: ep.method as 'GET', url, headers, ...(hasBody ? { payload: s.body } : {}) });
              } catch (err) {
                // a response the server broke off (a stream destroyed half-way) counts like a 5xx
                cases++;
                broken.push(`${ep.key} ${url.slice(0, 200)} ${String(s.body).slice(0, 200)} → ${String(err)}`);
                changes = await counter.read();
                continue;
              }
              cases++;
              byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
              if (res.statusCode >= 500)
                fiveXX.push(`${ep.key} ${url.slice(0, 200)} ${String(s.body).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
              // the lane is sequential: the counter read after the previous case is this case's "before"
              const after = await counter.read();
              if (res.statusCode >= 400 && after !== changes) changedOnReject.push(`${ep.key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
              changes = after;
              if (res.statusCode === 401) {
                await client(user, true); // the fuzz logged itself out or changed the password: log in again
                changes = await counter.read();
              }
            }
          }
          integrity.push(await integrityCheck(lane.database));
        }),
      );
    } finally {
      for (const x of extra) await x.close();
    }
    const polluted = ({} as Record<string, unknown>).polluted;
    const ms = Date.now() - t0;
    figures(`2 fuzz [${e.dialect}]`, {
      tier: CI_TIER,
      endpoints: endpoints.length,
      perEndpoint,
      cases,
      lanes: laneCount,
      fiveXX: fiveXX.length,
      brokenResponses: broken.length,
      rowsChangedByRejected: changedOnReject.length,
      prototypePolluted: polluted !== undefined,
      integrity: integrity.join(','),
      ms,
      casesPerSec: (1000 * cases) / ms,
      statuses: JSON.stringify(byStatus),
    });
    expect(cases).toBe(endpoints.length * perEndpoint);
    expect(fiveXX.slice(0, 10)).toEqual([]);
    expect(broken.slice(0, 10)).toEqual([]);
    expect(changedOnReject.slice(0, 10)).toEqual([]);
    expect(polluted).toBeUndefined();
    expect(integrity).toEqual(Array.from({ length: laneCount }, () => 'ok'));
  }, 5_400_000);
});
