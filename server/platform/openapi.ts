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
