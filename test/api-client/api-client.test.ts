/**
 * The API as a stranger's tools read it: the served /api/openapi.json generates (openapi-typescript)
 * exactly the types kept in test/api-client/openapi.d.ts, and a client built on them (openapi-fetch)
 * calls operations of every module over real HTTP — a login, reads, writes, an upload (multipart), two
 * downloads (binary), typed error answers, a bearer token — with no casts: `tsc` checks this file.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { DEMO_PASSWORD } from '../../server/db/seed-demo.js';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/openapi-types.js';
import type { paths } from './openapi.js';

/** The body of a successful answer; fails the test (with the error answer) otherwise. */
function ok<T>(res: { data?: T; error?: unknown; response: Response }): T {
  if (res.data === undefined) throw new Error(`${res.response.status} ${JSON.stringify(res.error)}`);
  return res.data;
}

describeEachDialect('a typed client generated from the served OpenAPI document', (env) => {
  let baseUrl = '';
  beforeAll(async () => {
    await env().app.listen({ port: 0, host: '127.0.0.1' });
    const addr = env().app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('not listening on a port');
    baseUrl = `http://127.0.0.1:${(addr satisfies AddressInfo).port}`;
  });

  it('the served document generates the kept client types', async () => {
    const anon = createClient<paths>({ baseUrl });
    const res = await fetch(`${baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const generated = await generateApiTypes(await res.json());
    expect(generated === fs.readFileSync(API_TYPES_FILE, 'utf8'), 'run `npx tsx scripts/check-openapi.ts --write`').toBe(true);
    // a public operation with no session
    const meta = ok(await anon.GET('/api/meta'));
    expect(meta.levels.length).toBeGreaterThan(0);
  });

  it('calls operations of every module through openapi-fetch: login, reads, writes, an upload, downloads, errors, a bearer token', async () => {
    const anon = createClient<paths>({ baseUrl });
    // identity: log in, take the session cookie and the CSRF token
    const login = await anon.POST('/api/auth/login', { body: { username: 'dcs_zhang', password: DEMO_PASSWORD } });
    const session = ok(login);
    const cookie = (login.response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^zs_sid=/);
    const api = createClient<paths>({ baseUrl, headers: { cookie, 'x-csrf-token': session.csrfToken } });
    const me = ok(await api.GET('/api/auth/me'));
    expect(me.user.username).toBe('dcs_zhang');

    // org: a unit to lead the item
    const units = ok(await api.GET('/api/org/units')).items;
    const lead = units.find((u) => u.code === 'housing');
    expect(lead).toBeDefined();

    // supervision: register an item, read it back
    const created = ok(
      await api.POST('/api/supervision/items', {
        body: { source: 'decision', title: '生成客户端督办事项', requirement: '按期办结', level: 0, leadUnitId: lead?.id ?? 0, deadline: '2026-04-30' },
      }),
    ).item;
    const item = ok(await api.GET('/api/supervision/items/{id}', { params: { path: { id: created.id } } }));
    expect(item.item.title).toBe('生成客户端督办事项');

    // files: upload (multipart) to the item, list, download the same bytes
    const content = new TextEncoder().encode('附件内容：生成的客户端上传');
    const uploaded = ok(
      await api.POST('/api/files', {
        params: { query: { ownerType: 'supervision_item', ownerId: created.id } },
        body: { file: new Blob([content], { type: 'text/plain' }) },
        bodySerializer: (body) => {
          const form = new FormData();
          form.append('file', body.file, '说明.txt');
          return form;
        },
      }),
    );
    expect(uploaded.filename).toBe('说明.txt');
    const listed = ok(await api.GET('/api/files', { params: { query: { ownerType: 'supervision_item', ownerId: created.id } } }));
    expect(listed.items.map((f) => f.id)).toContain(uploaded.id);
    const download = await api.GET('/api/files/{id}', { params: { path: { id: uploaded.id } }, parseAs: 'arrayBuffer' });
    expect(new Uint8Array(ok(download))).toEqual(content);

    // supervision: the ledger and its Excel export (a binary download with its media type)
    const ledger = ok(await api.GET('/api/supervision/items', { params: { query: { pageSize: 50 } } }));
    expect(ledger.items.map((i) => i.id)).toContain(created.id);
    const xlsx = await api.GET('/api/supervision/export.xlsx', { parseAs: 'arrayBuffer' });
    expect(xlsx.response.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(ok(xlsx)).subarray(0, 2).toString()).toBe('PK');

    // the other modules' lists
    expect(ok(await api.GET('/api/documents', { params: { query: { direction: 'in' } } })).items).toBeDefined();
    expect(ok(await api.GET('/api/meeting-topics', { params: { query: { layer: 'stored' } } })).items).toBeDefined();
    expect(ok(await api.GET('/api/meetings')).items).toBeDefined();
    expect(ok(await api.GET('/api/library/items')).items).toBeDefined();
    expect(ok(await api.GET('/api/information/items')).items).toBeDefined();
    expect(ok(await api.GET('/api/duty/entries')).items).toBeDefined();
    expect(ok(await api.GET('/api/petitions')).items).toBeDefined();
    expect(ok(await api.GET('/api/assessment/schemes')).items).toBeDefined();
    expect(ok(await api.GET('/api/notifications')).items).toBeDefined();
    const found = ok(await api.GET('/api/search', { params: { query: { q: '生成客户端督办事项' } } }));
    expect(found.items.map((i) => [i.itemType, i.itemId])).toContainEqual(['supervision_item', created.id]);
    expect(ok(await api.GET('/api/workbench'))).toBeDefined();

    // the types are the contract: a body without its required fields, or an unknown path, does not compile
    const neverCalled = () => {
      // @ts-expect-error title, requirement, level, leadUnitId and deadline are required
      void api.POST('/api/supervision/items', { body: { source: 'decision' } });
      // @ts-expect-error no such path
      void api.GET('/api/supervision/nothing-here');
    };
    expect(typeof neverCalled).toBe('function');

    // errors are typed: the error body with a stable code
    const missing = await api.GET('/api/supervision/items/{id}', { params: { path: { id: 99_999_999 } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error).toBe('not_found');
    const bad = await api.POST('/api/supervision/items', {
      body: { source: 'decision', title: '', requirement: '', level: 0, leadUnitId: lead?.id ?? 0, deadline: '2026-04-30' },
    });
    expect([bad.response.status, bad.error?.error]).toEqual([400, 'validation_error']);

    // a method the path does not take: 405 with the methods it does take
    const wrong = await fetch(`${baseUrl}/api/meetings`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': session.csrfToken } });
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST']);

    // a personal API token: the same operations with a bearer token, no cookie, no CSRF token
    const token = ok(await api.POST('/api/auth/tokens', { body: { name: '生成客户端' } }));
    const bearer = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token.token}` } });
    expect(ok(await bearer.GET('/api/auth/me')).user.username).toBe('dcs_zhang');
    expect(ok(await bearer.GET('/api/supervision/items/{id}', { params: { path: { id: created.id } } })).item.id).toBe(created.id);
  });
});
