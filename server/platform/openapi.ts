/**
 * The OpenAPI document as a client reads it: security schemes (session cookie + CSRF header, or a
 * bearer token), the error answers every API route may give (declared with the common error body),
 * multipart uploads described. Route files declare their own operationId and 2xx response schemas;
 * `scripts/check-openapi.ts` fails when one is missing.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { errorBody } from '../../common/http.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a multipart/form-data body with one file in the field `file` (read with `req.file()`). */
    upload?: boolean;
  }
}

/**
 * Error answers every API route may give, with what they mean (the body is always the error body with
 * a stable code): 401 also on public routes (a bad bearer token, a failed login), 415 where a body is
 * read. In the document each is one shared response (`#/components/responses/<name>`).
 */
const ERROR_ANSWERS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Bad input (validation_error): details.fields name each refused field' },
  401: {
    name: 'Unauthorized',
    description: 'Not logged in, session expired or token invalid (auth.required, auth.token_invalid, auth.invalid_credentials, …)',
  },
  403: { name: 'Forbidden', description: 'Refused: the actor may read the item but not do this (forbidden, auth.csrf, …)' },
  404: { name: 'NotFound', description: 'No such item, or not visible to the actor (not_found)' },
  409: { name: 'Conflict', description: 'Stale version or state conflict (stale_version, …): reload and retry' },
  413: { name: 'PayloadTooLarge', description: 'Body or file too large (payload_too_large)' },
  415: { name: 'UnsupportedMediaType', description: 'The body is of a media type the route does not read (unsupported_media_type)' },
  422: { name: 'UnprocessableEntity', description: 'A business rule refuses the request (<module>.<rule>)' },
  429: { name: 'TooManyRequests', description: 'Too many requests (rate_limited)' },
  500: { name: 'InternalError', description: 'Unexpected failure (internal_error), with a requestId' },
};
/** Only routes that read a body answer 415. */
const BODY_ONLY = new Set([415]);
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
  // the named zod schemas (the error body, recursive trees) as components, then the document tidied for tools
  transformObject: (arg) => tidyDocument(jsonSchemaTransformObject(arg) as Record<string, unknown>),
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What tools trip over, set right: an exhaustive record (`z.record(z.enum([...]), v)`) is emitted as
 * `required` keys with only `additionalProperties`, so each required key gets its property; components
 * no operation refers to (the input twin of an output schema) are dropped.
 */
export function tidyDocument(doc: Json): Json {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    if (Array.isArray(v.required) && isObject(v.additionalProperties)) {
      const props: Json = isObject(v.properties) ? { ...v.properties } : {};
      for (const key of v.required) if (typeof key === 'string' && !(key in props)) props[key] = v.additionalProperties;
      v.properties = props;
    }
    Object.values(v).forEach(walk);
  };
  walk(doc);
  const components = isObject(doc.components) ? doc.components : {};
  components.responses = shareErrorAnswers(doc.paths);
  const schemas = isObject(components.schemas) ? components.schemas : {};
  // keep the components reachable from the paths (a component may refer to another, or to itself)
  const used = new Set<string>();
  const refsIn = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(refsIn);
    if (!isObject(v)) return;
    const ref = v.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (!used.has(name)) {
        used.add(name);
        refsIn(schemas[name]);
      }
    }
    Object.values(v).forEach(refsIn);
  };
  refsIn(doc.paths);
  refsIn(components.responses);
  components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return doc;
}

/** Each operation's default error answers replaced by a reference to one shared response; the shared responses. */
function shareErrorAnswers(paths: unknown): Json {
  const shared: Json = {};
  for (const item of Object.values(isObject(paths) ? paths : {}))
    for (const op of Object.values(isObject(item) ? item : {})) {
      if (!isObject(op) || !isObject(op.responses)) continue;
      for (const [status, res] of Object.entries(op.responses)) {
        const answer = ERROR_ANSWERS[Number(status)];
        if (!answer || !isObject(res) || res.description !== answer.description) continue; // a route's own answer stays
        shared[answer.name] ??= res;
        op.responses[status] = { $ref: `#/components/responses/${answer.name}` };
      }
    }
  return shared;
}

/** Adds the security requirement and the error answers to every API route registered after it. */
export function installOpenApiDefaults(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || !route.schema || route.schema.hide) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const safe = methods.every((m) => SAFE_METHODS.has(m));
    const isPublic = route.config?.public === true;
    const response = { ...((route.schema.response as Record<string, unknown> | undefined) ?? {}) };
    for (const [status, { description }] of Object.entries(ERROR_ANSWERS))
      if (!(status in response) && !(safe && BODY_ONLY.has(Number(status))))
        response[status] = { description, content: { 'application/json': { schema: errorBody } } };
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
  components?: { responses?: Record<string, OpenApiResponse> };
}

/** One answer of an operation (or a reference to a shared one), as far as the check reads it. */
export interface OpenApiResponse {
  $ref?: string;
  content?: Record<string, { schema?: Record<string, unknown> }>;
}

/** One operation of an OpenAPI document, as far as the check reads it. */
export interface OpenApiOperation {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, OpenApiResponse>;
}

const isBinary = (schema: Record<string, unknown> | undefined) => schema?.type === 'string' && schema.format === 'binary';
const isJson = (mime: string) => mime === 'application/json';

/**
 * The problems of one OpenAPI document, one line each: an operation without an operationId (or with a
 * duplicate), without a 2xx answer or a schema for it, a download declared as JSON (or JSON declared as a
 * file), without a security requirement, without 4xx answers or one whose body is not the error body,
 * an upload without a multipart body holding the file.
 */
export function openApiProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const shared = doc.components?.responses ?? {};
  const resolve = (res: OpenApiResponse) => (res.$ref?.startsWith('#/components/responses/') ? shared[res.$ref.slice(23)] : res);
  for (const [url, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${url}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} also used by ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, where);
      if (!Array.isArray(op.security)) problems.push(`${where}: no security requirement (empty for a public route)`);
      const responses = Object.entries(op.responses ?? {});
      const ok = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (ok.length === 0) problems.push(`${where}: no 2xx response declared`);
      for (const [status, res] of ok) {
        const contents = Object.entries(res.content ?? {});
        if (contents.length === 0) problems.push(`${where}: ${status} has no response schema`);
        for (const [mime, c] of contents) {
          if (!c.schema || Object.keys(c.schema).length === 0) problems.push(`${where}: ${status} ${mime} has an empty schema`);
          else if (isJson(mime) === isBinary(c.schema))
            problems.push(`${where}: ${status} ${mime} ${isJson(mime) ? 'declares a file as JSON' : 'is a file without a binary schema'}`);
        }
      }
      const errors = responses.filter(([status]) => /^4\d\d$/.test(status));
      if (errors.length === 0) problems.push(`${where}: no 4xx answer declared`);
      for (const [status, res] of errors) {
        const schema = resolve(res)?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ErrorBody') problems.push(`${where}: ${status} is not declared with the error body`);
      }
      for (const [mime, c] of Object.entries(op.requestBody?.content ?? {})) {
        const props = Object.values((c.schema?.properties ?? {}) as Record<string, Record<string, unknown>>);
        if (mime === 'multipart/form-data' && !props.some(isBinary)) problems.push(`${where}: multipart body without a file field`);
      }
    }
  }
  return problems;
}
