import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { openApiProblems, type OpenApiDocument } from './openapi.js';

type Doc = OpenApiDocument & {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        requestBody?: { content?: Record<string, unknown> };
        responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
      }
    >
  >;
};

describeEachDialect('openapi', (env) => {
  it('lists an operationId and a response schema for every 2xx of every route, and names what is missing', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    expect(Object.values(doc.paths).flatMap((p) => Object.keys(p)).length).toBeGreaterThan(100);
    expect(openApiProblems(doc)).toEqual([]);
    // the check is not vacuous: take one schema and one operationId away
    const broken = structuredClone(doc);
    delete broken.paths['/api/supervision/items']!.get!.responses['200']!.content;
    delete (broken.paths['/api/org/units']!.get as { operationId?: string }).operationId;
    expect(openApiProblems(broken)).toEqual(['GET /api/org/units: no operationId', 'GET /api/supervision/items: 200 has no response schema']);
  });

  it('declares downloads with their media type, the upload as multipart, the error body on 4xx, and who may call', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    expect(Object.keys(doc.paths['/api/supervision/export.xlsx']!.get!.responses['200']!.content!)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(Object.keys(doc.paths['/api/files']!.post!.requestBody!.content!)).toEqual(['multipart/form-data']);
    const conflict = doc.paths['/api/supervision/items/{id}/issue']!.post!.responses['409']!.content!['application/json']!.schema!;
    expect(conflict.required).toEqual(['error', 'message']);
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/supervision/items']!.post!.security).toEqual([{ cookie: [], csrf: [] }, { bearer: [] }]);
  });

  it('keeps every field of an error answer through the declared 4xx schema (validation details, refusals)', async () => {
    const office = await env().login('dcs_zhang');
    const bad = await office.post('/api/supervision/items', { title: '' });
    expect(bad.status).toBe(400);
    const body = bad.json as { error: string; message: string; details: { fields: { path: string }[] } };
    expect(body.error).toBe('validation_error');
    expect(body.details.fields.map((f) => f.path)).toContain('body.title');
    const anon = await env().app.inject({ method: 'GET', url: '/api/supervision/items' });
    expect(anon.statusCode).toBe(401);
    expect(Object.keys(anon.json() as object).sort()).toEqual(['error', 'message']);
  });
});
