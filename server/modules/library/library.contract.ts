/** 资源共享 — what other modules may call through `ctx.services.library`. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { WorkbenchItem } from '../../platform/module.js';
import type { LibraryKind } from './library.constants.js';

/** An item another module files into the library (e.g. a 调研报告), with its 密级 and 知悉范围. */
export interface FileFromModuleInput {
  kind: LibraryKind;
  title: string;
  /** Human text of the origin, e.g. '调研课题 研〔2026〕3号'. */
  source: string;
  /** The unit that provides (提供) the item. */
  ownerUnitId: number;
  /** 密级: enabled and ≤ the actor's clearance. */
  level: number;
  /** 知悉范围: units and people; both empty = everyone cleared for the level. */
  scopeUnitIds: number[];
  scopeUserIds: number[];
  /** Filed as a 查阅条目 (title and summary findable by everyone cleared). */
  catalog: boolean;
  keywords: string[];
  summary: string;
  content: string;
  /** YYYY-MM-DD */
  date: string;
  /** The origin row, for the audit trail. */
  fromType: string;
  fromId: number;
}

/** The library module's public services. */
export interface LibraryContract {
  /** The actor's pending 资源共享 items for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /**
   * 考核督查's figures per unit (the item's owner unit) for a period (China dates, inclusive): uses
   * `provided` (提供), `applied` (应用) and `converted` (转化), each with the items counted (first 200). No content.
   * Optional only so that other modules' stand-ins need not implement it.
   */
  assessmentCounts?(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>>;
  /** Of counted records, the items whose catalogue entry `actor` may see, with title and link. */
  readableRecords?(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]>;
  /**
   * Files an item from another module inside the caller's transaction `trx` (the caller authorized its
   * own step): checks the level and the people (422), counts it as provided, audits and indexes it.
   */
  fileFromModule(trx: Trx, actor: Actor, input: FileFromModuleInput): Promise<{ id: number }>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    library: LibraryContract;
  }
}
