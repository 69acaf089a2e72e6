/** 督查督办 settings (kept in the `setting` table under key `supervision`); error messages: supervision.errors.ts. */
import { z } from 'zod';
import type { Db, Trx } from '../../db/client.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import { APPROVER_LEVELS, type ApprovalLevels } from './supervision.policy.js';

const level = z.enum(APPROVER_LEVELS);
const levels = z.object({ extension: level, accept: level, close: level });
/** Who approves 延期, 办结 and 销号, per item source (决策督查, 专项督查/批示件, 考核督查). */
export const approversSchema = z.object({ decision: levels, instruction: levels, assessment: levels });
/** The approver table's shape. */
export type ApproverTable = z.infer<typeof approversSchema>;

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
  approvers: approversSchema,
});
/** The settings' shape. */
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

/**
 * Default approvers: 督查室's 处长 for items of 决策督查 and 考核督查; for 批示件 the instructing leader (or the 办公厅主任)
 * approves extensions and 销号, while 督查室's 处长 accepts each unit's result against the closing criteria.
 */
export const DEFAULT_APPROVERS: ApproverTable = {
  decision: { extension: 'division_head', accept: 'division_head', close: 'division_head' },
  instruction: { extension: 'leader', accept: 'division_head', close: 'leader' },
  assessment: { extension: 'division_head', accept: 'division_head', close: 'division_head' },
};

/** The approver levels of an item's source (an unknown source takes the strictest office level). */
export function approvalOf(s: Pick<SupervisionSettings, 'approvers'>, source: string): ApprovalLevels {
  return s.approvers[source as keyof ApproverTable] ?? DEFAULT_APPROVERS.decision;
}

/** Defaults: remind 3 and 1 days before, 1 day after; escalate after 3 days; yellow within 3 working days. */
export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = Object.freeze({
  remindBeforeDays: [3, 1],
  remindAfterDays: [1],
  escalateAfterDays: 3,
  yellowDays: 3,
  extensionApprover: 'office',
  approvers: DEFAULT_APPROVERS,
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
