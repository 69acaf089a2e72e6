/** 信息 settings (the `setting` row `information`): the reporting time limit of each kind. */
import type { Db, Trx } from '../../db/client.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import { informationSettings, type InformationSettings } from '../../../common/information.js';

/** Defaults: 紧急信息 written within 1 hour of the event; 工作动态 and 社情民意 3 working days; the others 5. */
export const DEFAULT_INFORMATION_SETTINGS: InformationSettings = Object.freeze({
  limits: {
    紧急信息: { minutes: 60 },
    工作动态: { workingDays: 3 },
    社情民意: { workingDays: 3 },
    经验做法: { workingDays: 5 },
    问题建议: { workingDays: 5 },
  },
}) as InformationSettings;

const KEY = 'information';

/** Reads the settings and their version (0 when never written). */
export function readInfoSettings(db: Db | Trx): Promise<{ value: InformationSettings; version: number }> {
  return readSetting(db, KEY, DEFAULT_INFORMATION_SETTINGS, (v) => informationSettings.partial().parse(v));
}

/** Writes the settings if `version` is current; returns the new version. */
export function writeInfoSettings(trx: Trx, version: number, value: InformationSettings, at: Date): Promise<number> {
  return writeSetting(trx, KEY, version, value, at);
}
