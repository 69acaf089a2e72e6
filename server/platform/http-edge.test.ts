/** The HTTP edge behind a proxy (Secure session cookie, trusted forwarded headers) and file routes' content types. */
import zlib from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { DEMO_PASSWORD } from '../db/seed-demo.js';
import { secureCookie } from '../modules/identity/identity.routes.js';
import type { AppContext } from './module.js';
import { describeEachDialect, type TestEnv } from '../../test/harness.js';

async function loginCookie(env: TestEnv, headers: Record<string, string>, remoteAddress = '127.0.0.1'): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers,
    remoteAddress,
    payload: { username: 'dcs_zhang', password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const set = res.headers['set-cookie'];
  return Array.isArray(set) ? set[0]! : set!;
}

describe('the Secure flag of the session cookie', () => {
  const decide = (env: Record<string, string>, protocol: 'http' | 'https') =>
    secureCookie({ config: loadConfig(env) } as AppContext, { protocol } as FastifyRequest);
  it('follows an https public origin even when the proxy does not forward the protocol', () => {
    expect(decide({ ZHONGSHU_PUBLIC_ORIGIN: 'https://oa.example.gov.cn' }, 'http')).toBe(true);
    expect(decide({ ZHONGSHU_PUBLIC_ORIGIN: 'http://oa.example.gov.cn' }, 'http')).toBe(false);
    expect(decide({}, 'https')).toBe(true);
    expect(decide({ ZHONGSHU_PUBLIC_ORIGIN: 'https://oa.example.gov.cn', ZHONGSHU_SECURE_COOKIE: '0' }, 'https')).toBe(false);
    expect(decide({ ZHONGSHU_SECURE_COOKIE: '1' }, 'http')).toBe(true);
  });
});

describe('ZHONGSHU_TRUST_PROXY', () => {
  it('takes 0, 1 or a list of addresses and refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ZHONGSHU_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(loadConfig({ ZHONGSHU_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8,::1');
    for (const bad of ['yes', '2', '10.0.0.0/33', '127.0.0.1,proxy.local', '::1/129'])
      expect(() => loadConfig({ ZHONGSHU_TRUST_PROXY: bad }), bad).toThrow(ConfigError);
  });
});

describeEachDialect(
  'http edge behind a trusted proxy',
  (env) => {
    it('sets Secure on the session cookie only when a trusted proxy forwards https', async () => {
      expect(await loginCookie(env(), { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
      expect(await loginCookie(env(), {})).not.toMatch(/Secure/i);
      // the same header from a peer that is not the proxy is not believed
      expect(await loginCookie(env(), { 'x-forwarded-proto': 'https' }, '192.0.2.9')).not.toMatch(/Secure/i);
    });

    it('records the forwarded client address of a trusted proxy, not of anyone else', async () => {
      await env().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '203.0.113.7' },
        payload: { username: 'dcs_zhang', password: 'Wrong#Pass1' },
      });
      await env().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.9',
        headers: { 'x-forwarded-for': '203.0.113.8' },
        payload: { username: 'dcs_zhang', password: 'Wrong#Pass1' },
      });
      const ips = (await env().ctx.db.selectFrom('audit_event').select('ip').where('action', '=', 'auth.login').where('outcome', '=', 'denied').execute()).map(
        (r) => r.ip,
      );
      expect(ips).toContain('203.0.113.7');
      expect(ips).toContain('192.0.2.9');
      expect(ips).not.toContain('203.0.113.8');
    });

    it('answers 415 with the error body when a file route gets JSON or text instead of multipart', async () => {
      const c = await env().login('dcs_zhang');
      const json = await c.post('/api/supervision/import?mode=all', { file: 'x' });
      expect(json.status).toBe(415);
      expect(json.json).toEqual({ error: 'unsupported_media_type', message: expect.stringContaining('multipart/form-data') });
      const text = await c.request('POST', '/api/supervision/import?mode=all', 'plain words', { 'content-type': 'text/plain', 'accept-language': 'en-US' });
      expect(text.status).toBe(415);
      expect(text.json.error).toBe('unsupported_media_type');
      expect(text.json.message).toContain('multipart/form-data');
      const files = await c.post('/api/files?ownerType=supervision_item&ownerId=1', { file: 'x' });
      expect(files.status).toBe(415);
      expect(files.json.error).toBe('unsupported_media_type');
      const odd = await c.request('POST', '/api/supervision/import?mode=all', '<x/>', { 'content-type': 'application/xml' });
      expect(odd.status).toBe(415);
      expect(odd.json.error).toBe('unsupported_media_type');
    });

    it('compresses JSON answers over 1 KiB for a client that accepts it, and leaves the others plain', async () => {
      const c = await env().login('dcs_zhang');
      const get = (encoding?: string) =>
        env().app.inject({ method: 'GET', url: '/api/org/directory', headers: { cookie: c.cookie!, ...(encoding ? { 'accept-encoding': encoding } : {}) } });
      const plain = await get();
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.length).toBeGreaterThan(1024);
      const br = await get('br, gzip');
      expect(br.headers['content-encoding']).toBe('br');
      expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      const gz = await get('gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
      // a download that is already compressed (xlsx is a zip) goes out as it is
      const x = await env().app.inject({ method: 'GET', url: '/api/supervision/export.xlsx', headers: { cookie: c.cookie!, 'accept-encoding': 'br, gzip' } });
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-encoding']).toBeUndefined();
    });
  },
  { env: { ZHONGSHU_TRUST_PROXY: '127.0.0.1' } },
);
