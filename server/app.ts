/** buildApp(deps) → a ready Fastify instance with the platform and every module. Tests build it too. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { errorMessage } from '../common/error-messages.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { AuditTrail, loadAuditKey } from './platform/audit.js';
import { systemClock, type Clock } from './platform/clock.js';
import { WorkCalendar } from './platform/deadlines.js';
import { blobStoreFor, FileStore } from './platform/files.js';
import { installHttpEdge } from './platform/http.js';
import type { AppContext, RunningModule, ServiceRegistry, ZhongshuModule } from './platform/module.js';
import { installOpenApiDefaults, swaggerOptions } from './platform/openapi.js';
import { Notifier } from './platform/notifications.js';
import { Scheduler } from './platform/scheduler.js';
import { SearchIndex } from './platform/search-index.js';
import { createResponseSerializer } from './platform/serializer.js';
import { SettingsStore } from './platform/settings.js';
import { WorkflowEngine } from './platform/workflow.js';

/** What the app is built from. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** Every module of the app, the core ones (identity, org, system) included: `MODULES` or a few for a test. */
  modules: readonly ZhongshuModule[];
  clock?: Clock;
  /** pino logger options, or false for none (tests). */
  logger?: boolean | object;
}

/** Creates the platform's services over an opened, migrated database, then starts every module (its service, search sources, attachment owners, jobs). */
export async function createContext(deps: AppDeps): Promise<AppContext> {
  const clock = deps.clock ?? systemClock;
  const { config, database } = deps;
  const audit = new AuditTrail(loadAuditKey(config.auditKey, config.dataDir), clock, path.join(config.dataDir, 'audit.anchor'));
  const notifier = new Notifier(clock);
  const calendar = new WorkCalendar();
  await calendar.load(database.db);
  const services: ServiceRegistry = {};
  const modules: RunningModule[] = [];
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock,
    audit,
    settings: new SettingsStore(clock),
    calendar,
    notifier,
    scheduler: new Scheduler(database.db, clock),
    files: new FileStore(config.dataDir, config.maxUploadBytes, clock, blobStoreFor(database, config.dataDir, clock)),
    workflow: new WorkflowEngine(audit, notifier, clock),
    search: new SearchIndex(clock),
    services,
    modules,
  };
  for (const m of deps.modules) {
    if (modules.some((r) => r.name === m.name)) throw new Error(`module ${m.name} is listed twice`);
    modules.push(m.start(ctx, services));
  }
  return ctx;
}

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Builds the HTTP application. */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const ctx = await createContext(deps);
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    logController: new LogController({ disableRequestLogging: !deps.config.logRequests }),
    bodyLimit: 2 * 1024 * 1024,
    // Slow uploads (a client trickling bytes or stalling mid-body) are cut off with 408: the whole
    // request must arrive within requestTimeoutMs. Node checks pending requests every
    // connectionsCheckingInterval (30 s by default, far too coarse for short limits). Responses are
    // not limited (a long export may compute for a while), so no idle connectionTimeout.
    requestTimeout: deps.config.requestTimeoutMs,
    http: {
      requestTimeout: deps.config.requestTimeoutMs,
      headersTimeout: Math.min(60_000, deps.config.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(1000, Math.ceil(deps.config.requestTimeoutMs / 4)),
    },
    trustProxy: deps.config.trustProxy,
    requestIdHeader: false,
    // what Node answers itself (a request cut off by the timeout, a malformed request): our JSON
    // error shape with a stable code and a Chinese message (no request yet, so no locale)
    clientErrorHandler: (err, socket) => {
      const timeout = (err as NodeJS.ErrnoException).code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const key = timeout ? 'request_timeout' : 'validation_error';
      const body = JSON.stringify({ error: key, message: errorMessage(key, 'zh-CN') });
      if (!socket.writable) return void socket.destroy();
      socket.end(
        `HTTP/1.1 ${timeout ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  // answers through fast-json-stringify compiled from the zod response schemas; a schema it cannot take keeps zod
  const serializer = createResponseSerializer({
    check: deps.config.serializerCheck,
    onFallback: (f) => app.log.warn({ route: f.route, reason: f.reason }, 'response schema kept the zod serializer'),
  });
  app.setSerializerCompiler(serializer.compiler);
  await app.register(cookie);
  // JSON and HTML answers over 1 KiB compressed for clients that accept it (phones on slow networks);
  // brotli at a light quality, so the CPU cost stays small. Already-compressed files (xlsx, docx, pdf,
  // images) are left alone by their media types; the web's assets are pre-compressed at build.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 20, fieldSize: 100_000 } });
  await app.register(swagger, swaggerOptions);
  installOpenApiDefaults(app);

  const authenticators = ctx.modules.flatMap((m) => (m.authenticator ? [m.authenticator] : []));
  if (authenticators.length !== 1) throw new Error(`exactly one module must authenticate requests (the identity module); found ${authenticators.length}`);
  installHttpEdge(app, ctx, authenticators[0]!);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    return payload;
  });

  for (const m of ctx.modules) await m.routes(app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    // hashed assets (assets/*-<hash>.js) are immutable for a year; anything else is revalidated. Their
    // .br/.gz twins, written by the build (web/vite.config.ts), are sent to clients that accept them.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) =>
        res.setHeader('Cache-Control', path.relative(webDist, file).startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'));
    app.get('/*', { schema: { hide: true }, config: { public: true } }, async (req, reply) => {
      // an API path answers as any unknown route: 404, or 405 with Allow when the path takes other methods (http.ts)
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
      const file = path.join(webDist, rel);
      if (rel && file.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        if (rel.startsWith('assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        return reply.sendFile(rel);
      }
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml);
    });
  }
  await app.ready();
  return { app, ctx };
}
