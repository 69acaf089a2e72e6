/**
 * Test environments over a real database: a fresh SQLite file or a fresh PostgreSQL database per
 * environment, migrated, with the demo office seeded; the real Fastify app driven by `inject`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO_PASSWORD, demoDirectory, seedDemo } from '../server/db/seed-demo.js';
import { FakeClock } from '../server/platform/clock.js';
import type { AppContext, DemoDirectory, ZhongshuModule } from '../server/platform/module.js';
import { CORE_MODULES, MODULES } from '../server/modules/index.js';
import { dbTemplate } from './db-templates.js';
import { createPgDatabase, pgUrl, testDialects } from './dialects.js';

/** A response as tests read it. */
export interface TestResponse {
  status: number;
  body: string;
  json: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A logged-in (or anonymous) client of the app, carrying its cookie and CSRF token. */
export class TestClient {
  constructor(
    private readonly app: FastifyInstance,
    public cookie: string | null = null,
    public csrf: string | null = null,
  ) {}

  /** Any request; JSON body; CSRF token sent on state-changing methods unless `headers` overrides it. */
  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method: method as 'GET', url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    let json: unknown = null;
    try {
      json = res.body ? JSON.parse(res.body) : null;
    } catch {
      json = null;
    }
    return { status: res.statusCode, body: res.body, json, headers: res.headers };
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  /** Uploads one file as multipart field `file`. */
  async upload(url: string, filename: string, content: Buffer, extraHeaders: Record<string, string> = {}): Promise<TestResponse> {
    const boundary = `----zs${crypto.randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}`, ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method: 'POST', url, headers, payload });
    let json: unknown = null;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = null;
    }
    return { status: res.statusCode, body: res.body, json, headers: res.headers };
  }
}

/** One test environment. */
export interface TestEnv {
  dialect: 'sqlite' | 'postgres';
  app: FastifyInstance;
  ctx: AppContext;
  clock: FakeClock;
  config: Config;
  database: Database;
  demo: DemoDirectory;
  /** Logs in a demo user (password DEMO_PASSWORD unless given). */
  login(username: string, password?: string): Promise<TestClient>;
  anonymous(): TestClient;
  close(): Promise<void>;
}

/** Options of a test environment. */
export interface TestEnvOptions {
  /** The business modules of the app (all by default); the core modules identity, org and system are always there. */
  modules?: readonly ZhongshuModule[];
  seed?: boolean;
  env?: Record<string, string>;
  /** Start time of the fake clock. */
  now?: string;
  /** Migrate and seed this environment's database here, not copy the run's template (test/db-templates.ts). */
  fresh?: boolean;
}

const DEFAULT_NOW = '2026-03-02T01:00:00Z';

/** The configuration of a test environment over `dataDir` and database `dbUrl`. */
function testConfig(dataDir: string, dbUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_DB: dbUrl,
    ZHONGSHU_SCHEDULER_MS: '0',
    ZHONGSHU_LOGIN_RATE_PER_MIN: '100000',
    ZHONGSHU_AUDIT_KEY: 'test-audit-key-0123456789abcdef0123456789',
    ZHONGSHU_SERIALIZER_CHECK: process.env.ZHONGSHU_SERIALIZER_CHECK,
    ...env,
  });
}

/**
 * The migrated, seeded template an environment with these options may copy (test/db-templates.ts), or null:
 * only the app's own modules (a test's stand-in module may seed differently), seeded, and no extra settings.
 */
function templateFor(dialect: 'sqlite' | 'postgres', modules: readonly ZhongshuModule[], opts: TestEnvOptions) {
  if (opts.fresh || opts.seed === false || opts.env || !modules.every((m) => MODULES.includes(m))) return Promise.resolve(null);
  const now = opts.now ?? DEFAULT_NOW;
  // the process's own settings too: a migration may read one (ZHONGSHU_PG_RUM=off builds no RUM index)
  const settings = Object.entries(process.env).filter(([k]) => k.startsWith('ZHONGSHU_') && k !== 'ZHONGSHU_TEST_TEMPLATES');
  const key = JSON.stringify([dialect, now, modules.map((m) => m.name), settings.sort()]);
  return dbTemplate(key, dialect, async (dataDir, pgDatabase) => {
    const config = testConfig(dataDir, pgDatabase ? pgUrl(pgDatabase) : 'sqlite');
    const database = openDatabase(config.db, { poolSize: 2 });
    try {
      await migrateToLatest(database.db, modules);
      const { app, ctx } = await buildApp({ config, database, modules, clock: new FakeClock(new Date(now)), logger: false });
      await seedDemo(ctx);
      await app.close();
    } finally {
      await database.close();
    }
  });
}

/**
 * Creates a fresh database of `dialect`, migrated, with the demo office seeded, and builds the app. The
 * database is a copy of the run's template for these options when there is one (the same rows, files and
 * audit chain a migration and seed would make), else migrated and seeded here.
 */
export async function createTestEnv(dialect: 'sqlite' | 'postgres', opts: TestEnvOptions = {}): Promise<TestEnv> {
  const modules = opts.modules ? [...CORE_MODULES, ...opts.modules] : MODULES;
  const template = await templateFor(dialect, modules, opts);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-test-'));
  if (template) fs.cpSync(template.dataDir, dataDir, { recursive: true });
  let dbUrl = 'sqlite';
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  if (dialect === 'postgres') {
    pgdb = await createPgDatabase('zs_t', template?.pgDatabase ?? undefined);
    dbUrl = pgdb.url;
  }
  const config = testConfig(dataDir, dbUrl, opts.env);
  const database = openDatabase(config.db, { poolSize: 20 });
  await migrateToLatest(database.db, modules);
  const clock = new FakeClock(new Date(opts.now ?? DEFAULT_NOW));
  const { app, ctx } = await buildApp({ config, database, modules, clock, logger: false });
  if (!template && opts.seed !== false) await seedDemo(ctx);
  const demo = await demoDirectory(ctx);
  const env: TestEnv = {
    dialect,
    app,
    ctx,
    clock,
    config,
    database,
    demo,
    anonymous: () => new TestClient(app),
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
      return new TestClient(app, cookie, (JSON.parse(res.body) as { csrfToken: string }).csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}

/**
 * Runs a describe block once per dialect (SQLite, and PostgreSQL when it answers), each with its
 * own fresh environment: `describeEachDialect('supervision', (env) => { it(..., async () => env().login(...)) })`.
 */
export function describeEachDialect(name: string, fn: (env: () => TestEnv) => void, opts: TestEnvOptions = {}): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let env: TestEnv | undefined;
      beforeAll(async () => {
        env = await createTestEnv(dialect, opts);
      });
      afterAll(async () => {
        await env?.close();
      });
      fn(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}
