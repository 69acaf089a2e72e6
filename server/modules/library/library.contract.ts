/** 资源共享 — what other modules may call through `ctx.services.library`. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { WorkbenchItem } from '../../platform/module.js';

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
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    library: LibraryContract;
  }
}
