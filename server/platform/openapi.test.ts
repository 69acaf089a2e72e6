import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { openApiProblems, type OpenApiDocument } from './openapi.js';

type Doc = OpenApiDocument & {
  components: { responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> };
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
    // nor are the rules on security, error answers and files
    const worse = structuredClone(doc);
    delete worse.paths['/api/meetings']!.get!.security;
    worse.paths['/api/meetings']!.get!.responses['404'] = { content: { 'application/json': { schema: { type: 'object' } } } };
    const xlsx = worse.paths['/api/supervision/export.xlsx']!.get!.responses['200']!;
    xlsx.content = { 'application/json': xlsx.content![Object.keys(xlsx.content!)[0]!]! };
    worse.paths['/api/files']!.post!.requestBody = {
      content: { 'multipart/form-data': { schema: { type: 'object', properties: { name: { type: 'string' } } } } },
    };
    expect(openApiProblems(worse).sort()).toEqual(
      [
        'GET /api/meetings: no security requirement (empty for a public route)',
        'GET /api/meetings: 404 is not declared with the error body',
        'POST /api/files: multipart body without a file field',
        'GET /api/supervision/export.xlsx: 200 application/json declares a file as JSON',
      ].sort(),
    );
  });

  it('declares downloads with their media type, the upload as multipart, the error body on 4xx, and who may call', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    expect(Object.keys(doc.paths['/api/supervision/export.xlsx']!.get!.responses['200']!.content!)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(Object.keys(doc.paths['/api/files']!.post!.requestBody!.content!)).toEqual(['multipart/form-data']);
    // every error answer: one shared response per status, whose body is the error body
    expect(doc.paths['/api/supervision/items/{id}/issue']!.post!.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    expect(doc.components.responses.Conflict!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    const errorSchema = (doc as unknown as { components: { schemas: Record<string, { required: string[] }> } }).components.schemas.ErrorBody!;
    expect(errorSchema.required).toEqual(['error', 'message']);
    expect(Object.keys(doc.paths['/api/meetings']!.get!.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '422', '429', '500']);
    expect(Object.keys(doc.paths['/api/meetings']!.post!.responses)).toContain('415');
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
