/** 督查督办 names, constants and the use cases' input shapes. */
import { LEVELS } from '../../../common/enums.js';
import type { ItemRecord, TaskRecord } from './repo/supervision.tables.js';

/** A loaded item row. */
export type Item = ItemRecord;
/** A loaded task row. */
export type Task = TaskRecord;

/** The ledger counts matches up to this many (see `usecases/lists.ts`). */
export const LEDGER_COUNT_CAP = 1000;

/** 督查来源 names. */
export const SOURCE_NAMES: Record<string, { zh: string; en: string }> = {
  decision: { zh: '决策督查', en: 'Decision' },
  instruction: { zh: '专项督查', en: 'Instruction' },
  assessment: { zh: '考核督查', en: 'Assessment' },
};
/** 反馈周期 names. */
export const CADENCE_NAMES: Record<string, { zh: string; en: string }> = {
  once: { zh: '一次性反馈', en: 'Once' },
  weekly: { zh: '每周反馈', en: 'Weekly' },
  monthly: { zh: '每月反馈', en: 'Monthly' },
  dates: { zh: '按日期反馈', en: 'On dates' },
};
/** 办结标准 (criteria to close an instruction item). */
export const CLOSING_CRITERIA = ['factsClear', 'problemSolved', 'instructionImplemented', 'conclusionAccurate', 'handlingProper'] as const;
/** Their Chinese names. */
export const CLOSING_CRITERIA_NAMES: Record<(typeof CLOSING_CRITERIA)[number], string> = {
  factsClear: '事实清楚',
  problemSolved: '问题解决',
  instructionImplemented: '批示落实',
  conclusionAccurate: '结论准确',
  handlingProper: '处理恰当',
};
export const DEFAULT_CRITERIA = '事实清楚、问题解决、批示落实、结论准确、处理恰当';
export const LIAISON_ROLES = ['liaison'] as const;

/** 立项 input (督查室). */
export interface RegisterInput {
  source: 'decision' | 'instruction' | 'assessment';
  sourceType?: string | null;
  sourceId?: number | null;
  sourceRef?: string | null;
  instructedBy?: string | null;
  instructedById?: number | null;
  instructedAt?: string | null;
  instructionText?: string | null;
  title: string;
  requirement: string;
  priority?: number;
  level: number;
  leadUnitId: number;
  coUnitIds?: number[];
  responsibleLeaderId?: number | null;
  responsibleUserId?: number | null;
  deadline: string;
  cadence?: 'once' | 'weekly' | 'monthly' | 'dates';
  cadenceDates?: string[];
  closingCriteria?: string | null;
}

/** One unit's task in 分解立项. */
export interface SplitTaskInput {
  unitId: number;
  responsibleUserId: number;
  deadline: string;
  stages?: { name: string; deadline: string }[];
}

/** The criteria 督查室 checks when accepting. */
export type Criteria = Partial<Record<(typeof CLOSING_CRITERIA)[number], boolean>>;

/** The label of a level (for exports). */
export function levelName(level: number): string {
  return LEVELS.find((l) => l.value === level)?.zh ?? String(level);
}
