/** 督查督办 settings (kept in the `setting` table under key `supervision`); error messages: supervision.errors.ts. */
import { z } from 'zod';
import type { Db, Trx } from '../../db/client.js';
import { readSetting, writeSetting } from '../../platform/settings.js';

/** Reminder offsets, escalation span, yellow-light span, who decides extensions. */
export const supervisionSettingsSchema = z.object({
  /** 催办 this many calendar days before each time limit. */
  remindBeforeDays: z.array(z.number().int().min(0).max(60)).max(5),
  /** 催办 this many calendar days after an unmet time limit. */
  remindAfterDays: z.array(z.number().int().min(1).max(60)).max(5),
  /** Escalate to the responsible leader when overdue by this many calendar days. */
  escalateAfterDays: z.number().int().min(1).max(90),
  /** Yellow light within this many working days of the limit. */
  yellowDays: z.number().int().min(0).max(20),
  extensionApprover: z.enum(['office', 'office_or_leader']),
});
/** The settings' shape. */
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

/** Defaults: remind 3 and 1 days before, 1 day after; escalate after 3 days; yellow within 3 working days. */
export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = Object.freeze({
  remindBeforeDays: [3, 1],
  remindAfterDays: [1],
  escalateAfterDays: 3,
  yellowDays: 3,
  extensionApprover: 'office',
}) as SupervisionSettings;

const KEY = 'supervision';

/** Reads the settings and their version (0 when never written). */
export async function readSettings(db: Db | Trx): Promise<{ value: SupervisionSettings; version: number }> {
  return readSetting(db, KEY, DEFAULT_SUPERVISION_SETTINGS, (v) => supervisionSettingsSchema.partial().parse(v));
}

/** Writes the settings if `version` is current. */
export async function writeSettings(trx: Trx, version: number, value: SupervisionSettings, at: Date): Promise<number> {
  return writeSetting(trx, KEY, version, value, at);
}
