/** 信息报送与采编 — what other modules may call through `ctx.services.information` (the assessment module reads the statistics). */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** One unit's figures for a period: reported, adopted by level, 批示 received, 迟报, 漏报. */
export interface UnitInfoStatistics {
  unitId: number;
  unitName: string;
  /** Reports (首报 and 续报) with `reported_at` in the period. */
  reported: number;
  /** Of those, adopted: in total and by level (a report merged into an adopted item counts at the item's level). */
  adopted: { total: number; recorded: number; special: number; upper: number };
  /** 批示 written on those reports (or on the items they were merged into). */
  instructions: number;
  /** 迟报: reports of the period after their time limit. */
  late: number;
  /** 漏报: events whose time limit fell in the period with no report from the unit. */
  missed: number;
  /** 约稿 created in the period that asked the unit. */
  requestsAsked: number;
  /** Of those, the ones the unit answered (at any time). */
  requestsAnswered: number;
}

/** The period of statistics: China calendar dates, both inclusive. */
export interface InfoPeriod {
  from: string;
  to: string;
}

/** The information module's public services. */
export interface InformationContract {
  /**
   * Figures per unit for a period (all units with any figure, or only `unitIds`): counts only, no
   * content, so the caller (the assessment module, the statistics route) decides who sees which unit.
   */
  unitStatistics(db: Db, period: InfoPeriod, unitIds?: readonly number[]): Promise<UnitInfoStatistics[]>;
  /** The same figures for 考核督查 (reported, adopted, instructions, late, missed) with the records counted (first `COUNTED_CAP` each). */
  assessmentCounts?(db: Db, period: InfoPeriod, unitIds: readonly number[]): Promise<Record<number, UnitCounted>>;
  /** Of counted records, those `actor` may open (the module's read rules), with title and link. */
  readableRecords?(db: Db, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]>;
  /** The actor's pending information work for the 工作台 (intake for 信息处, open 批示 conversions for 督查室). */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    information: InformationContract;
  }
}
