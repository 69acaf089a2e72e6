/**
 * The HTTP edge of the platform: locale, authentication (session cookie or API token), CSRF,
 * the one error handler that maps domain errors to `{error, message, details}`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { describeIssues, problemsSentence, type ValidationIssue } from './validation-messages.js';
import { errorMessage } from '../../common/error-messages.js';
import { fieldLabel } from '../../common/field-labels.js';
import type { Locale } from '../../common/enums.js';
import type { Actor } from './actor.js';
import { DeniedError, RefusedError } from './authz.js';
import { AppError, ForbiddenError, UnauthenticatedError } from './errors.js';
import type { AppContext } from './module.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Route answers without a logged-in user. */
    public?: boolean;
    /** Route stays usable while the password must be changed. */
    allowExpiredPassword?: boolean;
  }
}

/** Request facts the authenticator records. */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
}

/** Who the request is: the platform asks the one module that provides it (identity). */
export interface Authenticator {
  /** The actor of a personal API token (`Authorization: Bearer …`); throws `UnauthenticatedError` if it is not valid. */
  authenticateToken(token: string, req: RequestInfo): Promise<Actor>;
  /** The actor and CSRF token of a live session, or null. */
  authenticateSession(sessionId: string, req: RequestInfo): Promise<{ actor: Actor; csrfToken: string } | null>;
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'zs_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The UI language of a request: `zs_lang` cookie, then Accept-Language; zh-CN by default. */
export function localeOf(req: FastifyRequest): Locale {
  const c = req.cookies?.zs_lang;
  if (c === 'en-US' || c === 'zh-CN') return c;
  const al = String(req.headers['accept-language'] ?? '');
  return /^en\b/i.test(al) ? 'en-US' : 'zh-CN';
}

/** What the identity service records about a request. */
export function requestInfo(req: FastifyRequest): RequestInfo {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null, locale: req.locale };
}

/** The logged-in actor of a request that passed authentication. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError('auth.required');
  return req.actor;
}

function expectedOrigin(req: FastifyRequest, ctx: AppContext): string {
  return ctx.config.publicOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`;
}

/** Installs locale, authentication, CSRF and error handling on the app. */
export function installHttpEdge(app: FastifyInstance, ctx: AppContext, identity: Authenticator): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    req.locale = localeOf(req);
    if (!req.url.startsWith('/api/')) return;
    const cfg = req.routeOptions.config;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await identity.authenticateToken(auth.slice(7).trim(), requestInfo(req));
    } else {
      const sid = req.cookies[SESSION_COOKIE];
      const found = sid ? await identity.authenticateSession(sid, requestInfo(req)) : null;
      if (found) {
        req.actor = found.actor;
        req.csrfToken = found.csrfToken;
      }
      if (!SAFE_METHODS.has(req.method)) {
        const origin = req.headers.origin;
        const originOk = origin === undefined || origin === expectedOrigin(req, ctx);
        const tokenOk = !found || req.headers['x-csrf-token'] === found.csrfToken;
        if (!originOk || !tokenOk) {
          await ctx.audit.record(ctx.db, {
            actor: found?.actor ?? null,
            ip: req.ip,
            action: 'auth.csrf',
            outcome: 'denied',
            detail: { method: req.method, url: req.url.slice(0, 200), origin: origin ?? null },
          });
          throw new ForbiddenError('auth.csrf');
        }
      }
    }
    if (cfg?.public) return;
    if (!req.actor) throw new UnauthenticatedError('auth.required');
    if (!cfg?.allowExpiredPassword && req.actor.mustChangePassword) throw new ForbiddenError('auth.password_expired');
  });

  // PostgreSQL cannot store NUL in text (it fails the statement: a 500); no field needs it, so refuse it for every route
  app.addHook('preValidation', async (req, reply) => {
    const path = nulPath(req.body, 'body') ?? nulPath(req.query, 'querystring') ?? nulPath(req.params, 'params');
    if (path === null) return;
    const key = path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop()!;
    const field = {
      path,
      label: fieldLabel(key, req.locale),
      message: req.locale === 'en-US' ? 'holds a NUL control character' : '含有不可见的控制字符（NUL）',
    };
    return reply.code(400).send({
      error: 'validation_error',
      message: `${errorMessage('validation_error', req.locale)}${req.locale === 'en-US' ? ': ' : '：'}${problemsSentence([field], req.locale)}`,
      details: { reason: 'nul_character', fields: [field] },
    });
  });

  // a wrong method on a known path is 405 with Allow, an unknown path 404: the router only says "no route", so
  // the API routes are kept here as patterns (after authentication, as any API request: anonymous callers learn nothing)
  const routes = new RouteMethods();
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) routes.add(route.url, Array.isArray(route.method) ? route.method : [route.method]);
  });
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/')) return reply.callNotFound();
    const allow = routes.allowed(req.url.split('?')[0]!);
    if (allow.length === 0) return reply.code(404).send({ error: 'route_not_found', message: errorMessage('route_not_found', req.locale) });
    return reply
      .code(405)
      .header('Allow', allow.join(', '))
      .send({ error: 'method_not_allowed', message: errorMessage('method_not_allowed', req.locale, { method: req.method, allow: allow.join(', ') }) });
  });

  app.setErrorHandler(async (err: FastifyError, req, reply) => sendError(err, req, reply, ctx));
}

/** The methods of each route pattern (`/api/items/:id`), to answer which methods a concrete path takes. */
export class RouteMethods {
  private readonly patterns = new Map<string, { re: RegExp; methods: Set<string> }>();

  add(url: string, methods: readonly string[]): void {
    let entry = this.patterns.get(url);
    if (!entry) {
      // `:name` is one path segment, `*` the rest; everything else literal (`minutes.docx`)
      const source = url
        .split(/(:[A-Za-z0-9_]+|\*)/)
        .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      entry = { re: new RegExp(`^${source}$`), methods: new Set() };
      this.patterns.set(url, entry);
    }
    for (const m of methods) entry.methods.add(m.toUpperCase());
    if (entry.methods.has('GET')) entry.methods.add('HEAD');
  }

  /** The methods some route takes at `path`, sorted (GET before HEAD before POST …); empty for an unknown path. */
  allowed(path: string): string[] {
    const out = new Set<string>();
    for (const { re, methods } of this.patterns.values()) if (re.test(path)) methods.forEach((m) => out.add(m));
    return [...out].sort();
  }
}

/** Whether a parsed request part holds a NUL character in any string, key or nested value. */
export function hasNul(v: unknown): boolean {
  return nulPath(v, '') !== null;
}

/** The path (`body.title`, `body.tasks.0.name`) of the first string or key holding a NUL character, or null. */
export function nulPath(v: unknown, at: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? at : null;
  if (!v || typeof v !== 'object' || depth > 32) return null;
  for (const [k, x] of Object.entries(v)) {
    const here = at ? `${at}.${k}` : k;
    if (k.includes('\u0000')) return here;
    const inner = nulPath(x, here, depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

/** A PostgreSQL data exception caused by a value the client sent (numeric out of range, bad text representation). */
function isPgInputError(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown };
  return typeof e.severity === 'string' && (e.code === '22003' || e.code === '22P02');
}

/**
 * Whether a database refused a write because another transaction held what it needed: PostgreSQL's
 * deadlock (40P01) or serialization failure (40001), SQLite's busy database. Nothing was saved; the
 * user retries, as after a stale version.
 */
export function isConcurrencyConflict(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown };
  if (typeof e.severity === 'string') return e.code === '40P01' || e.code === '40001';
  return e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_BUSY_SNAPSHOT';
}

async function sendError(err: FastifyError, req: FastifyRequest, reply: FastifyReply, ctx: AppContext) {
  const locale = req.locale ?? 'zh-CN';
  if (err instanceof AppError) {
    if (err instanceof DeniedError || err instanceof ForbiddenError) {
      const denied =
        err instanceof DeniedError || err instanceof RefusedError
          ? { action: err.action, targetType: err.targetType, targetId: err.targetId }
          : { action: `${req.method} ${req.routeOptions.url ?? req.url}`, targetType: null, targetId: null };
      if (err.code !== 'auth.csrf') {
        await ctx.audit
          .record(ctx.db, {
            actor: req.actor,
            ip: req.ip,
            action: denied.action,
            targetType: denied.targetType,
            targetId: denied.targetId,
            outcome: 'denied',
            detail: { code: err.code },
          })
          .catch((e: unknown) => req.log.error({ err: e }, 'audit of refusal failed'));
      }
    }
    return reply
      .code(err.status)
      .send({ error: err.code, message: errorMessage(err.code, locale, err.params), ...(err.details !== undefined ? { details: err.details } : {}) });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    // each refused field by the name users know it and what is wrong with it (validation-messages.ts)
    const fields = describeIssues(err.validation as unknown as ValidationIssue[], err.validationContext ?? 'body', locale);
    return reply.code(400).send({
      error: 'validation_error',
      message: `${errorMessage('validation_error', locale)}${locale === 'en-US' ? ': ' : '：'}${problemsSentence(fields, locale)}`,
      details: { fields },
    });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response serialization failed');
    return reply.code(500).send({ error: 'internal_error', message: errorMessage('internal_error', locale) });
  }
  // PostgreSQL refuses a number beyond its column type (an id of 2^31 in a URL): the client's input, not our failure
  if (isPgInputError(err)) {
    return reply.code(400).send({ error: 'validation_error', message: errorMessage('validation_error', locale), details: { reason: 'out_of_range' } });
  }
  if (isConcurrencyConflict(err)) {
    req.log.warn({ err, reqId: req.id }, 'write refused by a concurrent transaction');
    return reply.code(409).send({ error: 'concurrent_write', message: errorMessage('concurrent_write', locale) });
  }
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ error: 'payload_too_large', message: errorMessage('payload_too_large', locale) });
  }
  // a file route sent JSON or text (multipart's own 406), or a body of a type no parser takes
  if (status === 415 || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.code(415).send({ error: 'unsupported_media_type', message: errorMessage('unsupported_media_type', locale) });
  }
  if (status >= 400 && status < 500) {
    // Malformed JSON, wrong content type, multipart errors: the client's fault, said plainly.
    return reply
      .code(status === 401 || status === 403 || status === 404 ? 400 : status)
      .send({ error: 'validation_error', message: errorMessage('validation_error', locale), details: { reason: err.code ?? 'bad_request' } });
  }
  req.log.error({ err, reqId: req.id }, 'unhandled error');
  return reply.code(500).send({ error: 'internal_error', message: errorMessage('internal_error', locale), requestId: req.id });
}
