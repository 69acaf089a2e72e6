/** Security policy settings (安全保密管理员): password rules, lockout, idle timeout, enabled levels. */
import { z } from 'zod';
import type { Db, Trx } from '../db/client.js';
import { iso, type Clock } from './clock.js';
import { StaleVersionError } from './errors.js';

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

const KEY = 'security';
const CACHE_MS = 3000;

/** Reads settings with a short per-process cache (several processes converge within seconds). */
export class SettingsStore {
  private cached: { at: number; value: SecuritySettings; version: number } | null = null;
  constructor(private readonly clock: Clock) {}

  /** Current settings and their version. */
  async get(db: Db | Trx): Promise<{ value: SecuritySettings; version: number }> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached;
    const row = await db.selectFrom('setting').select(['value', 'version']).where('key', '=', KEY).executeTakeFirst();
    const value = row ? { ...DEFAULT_SECURITY, ...securitySettingsSchema.partial().parse(JSON.parse(row.value)) } : DEFAULT_SECURITY;
    this.cached = { at: now, value, version: row?.version ?? 0 };
    return this.cached;
  }

  /** Writes settings if `version` is current; returns the new version. */
  async put(trx: Trx, version: number, value: SecuritySettings): Promise<number> {
    const at = iso(this.clock.now());
    if (version === 0) {
      const inserted = await trx
        .insertInto('setting')
        .values({ key: KEY, value: JSON.stringify(value), updated_at: at, version: 1 })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new StaleVersionError();
    } else {
      const res = await trx
        .updateTable('setting')
        .set((eb) => ({ value: JSON.stringify(value), updated_at: at, version: eb('version', '+', 1) }))
        .where('key', '=', KEY)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
    }
    this.cached = null;
    return version + 1;
  }

  /** Forgets the cache (tests, and after writes from this process). */
  invalidate(): void {
    this.cached = null;
  }
}
