/** Security policy settings (安全保密管理员): password rules, lockout, idle timeout, enabled levels. */
import { z } from 'zod';
import type { Db, Trx } from '../db/client.js';
import { iso, type Clock } from './clock.js';
import { StaleVersionError } from './errors.js';
import { StampedCache } from './stamps.js';

/** The security settings and their limits. */
export const securitySettingsSchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordClasses: z.number().int().min(3).max(4),
  passwordExpiryDays: z.number().int().min(0).max(3650),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(1).max(480),
  enabledLevels: z
    .array(z.number().int().min(0).max(3))
    .min(1)
    .refine((l) => l.includes(0), '公开 must stay enabled'),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/** Defaults: 等保 password policy; 秘密/机密 off (they belong only on an approved classified network). */
export const DEFAULT_SECURITY: SecuritySettings = Object.freeze({
  passwordMinLength: 8,
  passwordClasses: 3,
  passwordExpiryDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
  enabledLevels: [0, 1],
}) as SecuritySettings;

/** The `setting` row of the security settings (the request path reads its version with the session). */
export const SECURITY_SETTING_KEY = 'security';
const KEY = SECURITY_SETTING_KEY;
const CACHE_MS = 3000;

/**
 * Reads a setting (a JSON value in the `setting` table under `key`) over its defaults, with its
 * version (0 when it was never written); outside a transaction the stored row may come from this
 * process's cache, exact at the request's `settings` stamp. `parse` checks the stored value (a partial one is completed
 * by the defaults, so a setting added later reads as its default).
 */
export async function readSetting<T extends object>(
  db: Db | Trx,
  key: string,
  defaults: T,
  parse: (stored: unknown) => Partial<T>,
): Promise<{ value: T; version: number }> {
  const found = await SETTING_ROWS.lookup(db, [key], async (h, keys) => {
    const rows = await h.selectFrom('setting').select(['key', 'value', 'version']).where('key', 'in', keys).execute();
    // a setting never written is remembered as such (null), not read again on every call
    return new Map(keys.map((k) => [k, rows.find((r) => r.key === k) ?? null]));
  });
  const row = found.get(key) ?? null;
  if (!row) return { value: { ...defaults }, version: 0 };
  return { value: { ...defaults, ...parse(JSON.parse(row.value)) }, version: row.version };
}

/** The stored settings rows, cached while the `settings` stamp is current (`stamps.ts`). */
const SETTING_ROWS = new StampedCache<string, { value: string; version: number } | null>('settings');

/**
 * Writes a setting if `version` is current (0: it was never written) and returns the new version;
 * a stale version — also two first writes racing — is a `StaleVersionError` (409), never an overwrite.
 */
export async function writeSetting(trx: Trx, key: string, version: number, value: unknown, at: Date): Promise<number> {
  const written =
    version === 0
      ? (
          await trx
            .insertInto('setting')
            .values({ key, value: JSON.stringify(value), updated_at: iso(at), version: 1 })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst()
        ).numInsertedOrUpdatedRows
      : (
          await trx
            .updateTable('setting')
            .set({ value: JSON.stringify(value), updated_at: iso(at), version: version + 1 })
            .where('key', '=', key)
            .where('version', '=', version)
            .executeTakeFirst()
        ).numUpdatedRows;
  if (Number(written ?? 0n) !== 1) throw new StaleVersionError();
  return version + 1;
}

/** Reads settings with a short per-process cache (several processes converge within seconds). */
export class SettingsStore {
  private cached: { at: number; value: SecuritySettings; version: number } | null = null;
  constructor(private readonly clock: Clock) {}

  /** Current settings and their version. */
  async get(db: Db | Trx): Promise<{ value: SecuritySettings; version: number }> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached;
    const { value, version } = await readSetting(db, KEY, DEFAULT_SECURITY, (v) => securitySettingsSchema.partial().parse(v));
    this.cached = { at: now, value, version };
    return this.cached;
  }

  /**
   * The settings at `version` (the stored row's version, 0 when never written, read by the caller in the
   * same query as its session): the cached value while it is that version, however old, else a fresh read.
   * Every process sees a change on its next request, not within seconds.
   */
  async atVersion(db: Db | Trx, version: number): Promise<{ value: SecuritySettings; version: number }> {
    if (this.cached?.version === version) return this.cached;
    const { value, version: read } = await readSetting(db, KEY, DEFAULT_SECURITY, (v) => securitySettingsSchema.partial().parse(v));
    this.cached = { at: Date.now(), value, version: read };
    return this.cached;
  }

  /** Writes settings if `version` is current; returns the new version. */
  async put(trx: Trx, version: number, value: SecuritySettings): Promise<number> {
    const next = await writeSetting(trx, KEY, version, value, this.clock.now());
    this.cached = null;
    return next;
  }

  /** Forgets the cache (tests, and after writes from this process). */
  invalidate(): void {
    this.cached = null;
  }
}
