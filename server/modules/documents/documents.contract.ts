/** 公文 — what other modules may call through `ctx.services.documents`. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The documents module's public services. */
export interface DocumentsContract {
  /** The actor's pending 公文 items for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /**
   * 考核督查's figures per unit for a period (China dates, inclusive) over outgoing documents numbered
   * with a 成文日期 in it: `issued`, `withinQuota` (no 超配额审批 used) and `withinLength` (body within
   * the length guide of its type), each with the documents counted (first 200). No content.
   * Optional only so that other modules' stand-ins need not implement it.
   */
  assessmentCounts?(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>>;
  /** Of counted records, those `actor` may read by the documents' read policy, with title and link. */
  readableRecords?(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    documents: DocumentsContract;
  }
}
