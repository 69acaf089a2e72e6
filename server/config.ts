/** Typed, validated configuration from the environment; fails fast with a clear message. */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** An IPv4/IPv6 address, optionally with a /prefix length. */
function isAddressOrCidr(v: string): boolean {
  const [addr = '', bits, ...rest] = v.split('/');
  const kind = net.isIP(addr);
  if (kind === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128));
}

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  ZHONGSHU_DATA_DIR: z.string().default('./data'),
  ZHONGSHU_DB: z
    .string()
    .regex(/^(sqlite|postgres(ql)?:\/\/.+)$/, 'must be "sqlite" or a postgres:// URL')
    .default('sqlite'),
  ZHONGSHU_DEMO: z.enum(['0', '1']).default('1'),
  ZHONGSHU_AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  ZHONGSHU_PUBLIC_ORIGIN: z.string().url().optional(),
  ZHONGSHU_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(50),
  ZHONGSHU_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  ZHONGSHU_LOGIN_RATE_PER_MIN: z.coerce.number().int().min(1).default(30),
  ZHONGSHU_SCHEDULER_MS: z.coerce.number().int().min(0).default(30000),
  ZHONGSHU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ZHONGSHU_LOG_REQUESTS: z.enum(['0', '1']).default('0'),
  ZHONGSHU_SERIALIZER_CHECK: z.enum(['0', '1']).default('0'),
  ZHONGSHU_SECURE_COOKIE: z.enum(['auto', '0', '1']).default('auto'),
  ZHONGSHU_TIME_ZONE: z
    .string()
    .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  ZHONGSHU_TRUST_PROXY: z
    .string()
    .trim()
    .default('0')
    .refine(
      (v) => v === '0' || v === '1' || v.split(',').every((a) => isAddressOrCidr(a.trim())),
      'must be 0, 1 or a comma-separated list of proxy addresses (IP or CIDR)',
    ),
  ZHONGSHU_PG_POOL: z.coerce.number().int().min(1).max(200).default(10),
  ZHONGSHU_PG_PREPARED: z.enum(['0', '1']).default('1'),
  ZHONGSHU_PG_JIT: z.enum(['0', '1']).default('0'),
  ZHONGSHU_SQLITE_CHECKPOINT_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  ZHONGSHU_SQLITE_SYNC: z.enum(['group', 'full']).default('group'),
  ZHONGSHU_WORKERS: z
    .string()
    .regex(/^(auto|[1-9]\d?)$/, 'must be "auto" or a number of processes from 1 to 99')
    .default('1'),
});

/** The application's configuration. */
export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  /**
   * SQLite: an app server checkpoints the WAL from a worker thread every `checkpointMs` (0: SQLite's own checkpoints);
   * `commitSync` (ZHONGSHU_SQLITE_SYNC): 'group' (the default) syncs the WAL after COMMIT off the event loop, shared by
   * the commits waiting together, and a write answers after it (wal-sync.ts); 'full' syncs inside each COMMIT.
   * PostgreSQL: `poolSize` connections per app process (ZHONGSHU_PG_POOL, 10 unless set); `prepared` (ZHONGSHU_PG_PREPARED,
   * on unless 0): parameterized queries as named prepared statements; `jit` (ZHONGSHU_PG_JIT, off unless 1): leave
   * PostgreSQL's JIT compilation on for the app's connections (off, each connection sets `jit = off` when it opens).
   */
  db:
    | { kind: 'sqlite'; file: string; checkpointMs?: number; commitSync?: 'group' | 'full' }
    | { kind: 'postgres'; url: string; poolSize?: number; prepared?: boolean; jit?: boolean };
  demo: boolean;
  auditKey: string | undefined;
  publicOrigin: string | undefined;
  maxUploadBytes: number;
  /** Longest time a client may take to send one whole request (headers and body); a slower one is cut off with 408. */
  requestTimeoutMs: number;
  loginRatePerMinute: number;
  schedulerIntervalMs: number;
  logLevel: string;
  /** One log line per request (ZHONGSHU_LOG_REQUESTS=1); off by default, so the console shows start-up, warnings and errors. */
  logRequests: boolean;
  /** Every answer serialized by fast-json-stringify and by zod, a difference thrown (ZHONGSHU_SERIALIZER_CHECK=1: the tests). */
  serializerCheck: boolean;
  secureCookie: 'auto' | 'always' | 'never';
  /** The deployment's time zone (IANA name, Asia/Shanghai unless ZHONGSHU_TIME_ZONE): pages show every time in it, whatever the browser's zone. */
  timeZone: string;
  /**
   * Which peers' X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host headers to believe: false (none),
   * true (any peer: only when the app is reachable through the proxy alone) or a list of addresses.
   */
  trustProxy: boolean | string;
  /** App processes serving HTTP on the one port (1: this process alone; "auto": one per CPU). */
  workers: number;
}>;

/** Whether `tz` is a time zone this runtime knows (Intl refuses unknown names). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Thrown when the environment is not a valid configuration. */
export class ConfigError extends Error {}

/** Parses `env` into a frozen Config, or throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置无效 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.ZHONGSHU_DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    db:
      e.ZHONGSHU_DB === 'sqlite'
        ? {
            kind: 'sqlite' as const,
            file: path.join(dataDir, 'zhongshu.db'),
            checkpointMs: e.ZHONGSHU_SQLITE_CHECKPOINT_MS,
            commitSync: e.ZHONGSHU_SQLITE_SYNC,
          }
        : {
            kind: 'postgres' as const,
            url: e.ZHONGSHU_DB,
            poolSize: e.ZHONGSHU_PG_POOL,
            prepared: e.ZHONGSHU_PG_PREPARED === '1',
            jit: e.ZHONGSHU_PG_JIT === '1',
          },
    demo: e.ZHONGSHU_DEMO === '1',
    auditKey: e.ZHONGSHU_AUDIT_KEY,
    publicOrigin: e.ZHONGSHU_PUBLIC_ORIGIN,
    maxUploadBytes: e.ZHONGSHU_MAX_UPLOAD_MB * 1024 * 1024,
    requestTimeoutMs: e.ZHONGSHU_REQUEST_TIMEOUT_MS,
    loginRatePerMinute: e.ZHONGSHU_LOGIN_RATE_PER_MIN,
    schedulerIntervalMs: e.ZHONGSHU_SCHEDULER_MS,
    logLevel: e.ZHONGSHU_LOG_LEVEL,
    logRequests: e.ZHONGSHU_LOG_REQUESTS === '1',
    serializerCheck: e.ZHONGSHU_SERIALIZER_CHECK === '1',
    timeZone: e.ZHONGSHU_TIME_ZONE,
    secureCookie: e.ZHONGSHU_SECURE_COOKIE === 'auto' ? 'auto' : e.ZHONGSHU_SECURE_COOKIE === '1' ? 'always' : 'never',
    trustProxy: e.ZHONGSHU_TRUST_PROXY === '0' ? false : e.ZHONGSHU_TRUST_PROXY === '1' ? true : e.ZHONGSHU_TRUST_PROXY.replace(/\s+/g, ''),
    workers: e.ZHONGSHU_WORKERS === 'auto' ? os.availableParallelism() : Number(e.ZHONGSHU_WORKERS),
  });
}
