/**
 * The OpenAPI document as a client reads it: security schemes (session cookie + CSRF header, or a
 * bearer token), the error answers every API route may give (declared with the common error body),
 * multipart uploads described. Route files declare their own operationId and 2xx response schemas;
 * `scripts/check-openapi.ts` fails when one is missing.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { errorBody } from '../../common/http.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a multipart/form-data body with one file in the field `file` (read with `req.file()`). */
    upload?: boolean;
  }
}

/** Error statuses an API route may answer (validation, authentication, refusal, not found, stale version, too large, rule, rate limit). */
const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 422, 429] as const;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The @fastify/swagger options of the app. */
export const swaggerOptions: SwaggerOptions = {
  openapi: {
    info: { title: '中枢 Zhongshu API', version: '0.1.0' },
    servers: [{ url: '/', description: 'this server' }],
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'zs_sid', description: 'Session from POST /api/auth/login.' },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'With the session cookie, every state-changing request sends the csrfToken of /api/auth/me.',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/auth/tokens.' },
      },
    },
  },
  transform: (arg) => {
    const out = jsonSchemaTransform(arg);
    if (!arg.route.config?.upload) return out;
    // the body is read with req.file(), not validated: describe it for OpenAPI only
    const schema = {
      ...(out.schema as Record<string, unknown>),
      consumes: ['multipart/form-data'],
      body: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    };
    return { ...out, schema };
  },
};

/** Adds the security requirement and the error answers to every API route registered after it. */
export function installOpenApiDefaults(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || !route.schema || route.schema.hide) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const safe = methods.every((m) => SAFE_METHODS.has(m));
    const isPublic = route.config?.public === true;
    const response = { ...((route.schema.response as Record<string, unknown> | undefined) ?? {}) };
    for (const status of ERROR_STATUSES) if (!(status in response) && !(isPublic && status === 401)) response[status] = errorBody;
    route.schema = {
      ...route.schema,
      response,
      ...(route.schema.security ? {} : { security: isPublic ? [] : safe ? [{ cookie: [] }, { bearer: [] }] : [{ cookie: [], csrf: [] }, { bearer: [] }] }),
    };
  });
}

/** An OpenAPI document, as far as the check reads it. */
export interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
}

/** One operation of an OpenAPI document, as far as the check reads it. */
export interface OpenApiOperation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

/** The problems of one OpenAPI document, one line each. */
export function openApiProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const [url, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${url}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} also used by ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, where);
      const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (ok.length === 0) problems.push(`${where}: no 2xx response declared`);
      for (const [status, res] of ok) {
        const contents = Object.entries(res.content ?? {});
        if (contents.length === 0) problems.push(`${where}: ${status} has no response schema`);
        for (const [mime, c] of contents) if (!c.schema || Object.keys(c.schema).length === 0) problems.push(`${where}: ${status} ${mime} has an empty schema`);
      }
    }
  }
  return problems;
}
