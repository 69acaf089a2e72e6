/** 考核督查 settings (the `setting` table, key `assessment`): the expert drop rule, the survey's thresholds, the appeal window, the 驾驶舱's refresh interval. */
import { z } from 'zod';
import type { Db, Trx } from '../../db/client.js';
import { readSetting, writeSetting } from '../../platform/settings.js';

/** The settings' shape and limits. */
export const assessmentSettingsSchema = z.object({
  /** 专业评估: from this many raters on, the highest and the lowest score are dropped. */
  expertDropAt: z.number().int().min(3).max(50),
  /** 群众评价: a unit's mean is shown (and scored) only from this many answers on. */
  surveyMinAnswers: z.number().int().min(1).max(1000),
  /** 群众评价: requests per minute from one IP address to the public survey routes. */
  surveyRatePerMinute: z.number().int().min(1).max(10000),
  /** 申诉: working days after the results are published (the period closed) within which a unit may appeal. */
  appealWorkingDays: z.number().int().min(1).max(60),
  /** 领导驾驶舱: its figures are recomputed every this many minutes (also the most they may be out of date). */
  cockpitRefreshMinutes: z.number().int().min(1).max(60),
});
/** The settings. */
export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;

/** Defaults: drop from 5 raters, 5 answers per unit, 30 requests a minute, 5 working days to appeal, the 驾驶舱 every 5 minutes. */
export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = Object.freeze({
  expertDropAt: 5,
  surveyMinAnswers: 5,
  surveyRatePerMinute: 30,
  appealWorkingDays: 5,
  cockpitRefreshMinutes: 5,
});

const KEY = 'assessment';

/** Reads the settings and their version (0 when never written). */
export function readAssessmentSettings(db: Db | Trx): Promise<{ value: AssessmentSettings; version: number }> {
  return readSetting(db, KEY, DEFAULT_ASSESSMENT_SETTINGS, (v) => assessmentSettingsSchema.partial().parse(v));
}

/** Writes the settings if `version` is current; returns the new version. */
export function writeAssessmentSettings(trx: Trx, version: number, value: AssessmentSettings, at: Date): Promise<number> {
  return writeSetting(trx, KEY, version, value, at);
}
