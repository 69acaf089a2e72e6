/**
 * A wrong method on a known API path answers 405 with `Allow` (the methods the path takes) and the
 * error body `method_not_allowed` in the request's language; an unknown path stays 404; who is not
 * logged in learns nothing (401 first, as for any API request). Every route of every module.
 */
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { enumerateRoutes } from '../../test/battery/battery-kit.js';
import { RouteMethods } from './http.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

describe('RouteMethods', () => {
  it('matches a path against the route patterns: one segment per parameter, dots literal, HEAD with GET', () => {
    const r = new RouteMethods();
    r.add('/api/meetings/:id', ['GET', 'PATCH']);
    r.add('/api/meetings/:id/minutes.docx', ['GET']);
    r.add('/api/meetings/config', ['PUT']);
    expect(r.allowed('/api/meetings/7')).toEqual(['GET', 'HEAD', 'PATCH']);
    expect(r.allowed('/api/meetings/config')).toEqual(['GET', 'HEAD', 'PATCH', 'PUT']); // both patterns match the path
    expect(r.allowed('/api/meetings/7/minutes.docx')).toEqual(['GET', 'HEAD']);
    expect(r.allowed('/api/meetings/7/minutesXdocx')).toEqual([]);
    expect(r.allowed('/api/meetings/7/8')).toEqual([]);
    expect(r.allowed('/api/meetings/')).toEqual([]);
  });
});

describeEachDialect('405 Method Not Allowed', (env) => {
  it('every API path of every module answers a method it does not take with 405, Allow and method_not_allowed', async () => {
    const c = await env().login('dcs_huang');
    const byPath = new Map<string, Set<string>>();
    for (const key of enumerateRoutes(env().app)) {
      const [method, route] = key.split(' ') as [string, string];
      byPath.set(route, (byPath.get(route) ?? new Set()).add(method));
    }
    expect(byPath.size).toBeGreaterThan(100);
    const failures: string[] = [];
    let tested = 0;
    // the methods of every route whose pattern takes `url` (`/api/documents/incoming` is also `/api/documents/:id`)
    const served = (url: string) => {
      const segs = url.split('/');
      const out = new Set<string>();
      for (const [route, methods] of byPath) {
        const rs = route.split('/');
        if (rs.length === segs.length && rs.every((r, i) => r === segs[i] || (r.startsWith(':') && segs[i] !== ''))) methods.forEach((m) => out.add(m));
      }
      return out;
    };
    for (const [route, methods] of byPath) {
      const url = route.replace(/:[A-Za-z]+/g, '1');
      const wrong = METHODS.find((m) => !served(url).has(m));
      if (!wrong) continue;
      tested++;
      const res = await c.request(wrong, url, wrong === 'GET' || wrong === 'DELETE' ? undefined : {});
      const allow = String(res.headers.allow ?? '').split(', ');
      const ok =
        res.status === 405 &&
        res.json?.error === 'method_not_allowed' &&
        [...methods].every((m) => allow.includes(m)) &&
        !allow.includes(wrong) &&
        (!methods.has('GET') || allow.includes('HEAD'));
      if (!ok) failures.push(`${wrong} ${url} → ${res.status} Allow=${String(res.headers.allow)} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(tested).toBeGreaterThan(100);
  });

  it('says which method and which are allowed, in the request language; unknown paths stay 404; anonymous callers get 401', async () => {
    const c = await env().login('dcs_zhang');
    const zh = await c.delete('/api/supervision/items');
    expect(zh.status).toBe(405);
    expect(zh.headers.allow).toBe('GET, HEAD, POST');
    expect(zh.json).toEqual({ error: 'method_not_allowed', message: '该接口不支持 DELETE 请求（可用：GET, HEAD, POST）' });
    const en = await c.request('PUT', '/api/meeting-topics/1/transitions/submit', {}, { 'accept-language': 'en-US' });
    expect(en.status).toBe(405);
    expect(en.headers.allow).toBe('POST');
    expect(en.json.message).toBe('This endpoint does not take PUT (allowed: POST)');
    // a GET on a POST-only route, and OPTIONS
    const get = await c.get('/api/auth/logout');
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
    const options = await c.request('OPTIONS', '/api/meetings/1');
    expect([options.status, options.headers.allow]).toEqual([405, 'GET, HEAD, PATCH']);
    // the methods the path takes still answer; an unknown path is 404
    expect((await c.request('HEAD', '/api/supervision/items')).status).toBe(200);
    for (const url of ['/api/nonexistent', '/api/supervision/items/1/nothing']) {
      const res = await c.request('DELETE', url);
      expect([res.status, res.json.error, res.headers.allow]).toEqual([404, 'route_not_found', undefined]);
    }
    const anon = await env().anonymous().delete('/api/supervision/items');
    expect([anon.status, anon.json.error, anon.headers.allow]).toEqual([401, 'auth.required', undefined]);
    // a session without the CSRF token is refused before the router is asked
    const csrf = await c.request('DELETE', '/api/supervision/items', undefined, { 'x-csrf-token': 'forged' });
    expect([csrf.status, csrf.json.error]).toEqual([403, 'auth.csrf']);
  });
});
