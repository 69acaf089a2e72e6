/** 调研 — what other modules may call through `ctx.services.research`. */
import type { ConversionKind } from '../../../common/research.js';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { ArchivableItem, Dossier } from '../../platform/dossier.js';
import type { LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';

/** One lead unit's 调研 figures for a period. */
export interface ResearchUnitCounts {
  /** 课题 whose end date falls in the period. */
  due: number;
  /** Of those, concluded (结题) by their end date. */
  finishedOnTime: number;
  /** 转化 links recorded in the period, by kind. */
  conversions: Record<ConversionKind, number>;
}

/** The research module's public services. */
export interface ResearchContract {
  /**
   * 考核's figures per lead unit id for [from, to] (YYYY-MM-DD, inclusive): 课题 due, finished on time,
   * 转化 by kind. Aggregates only (no content, no actor); `db` may be the caller's transaction.
   */
  unitCounts(db: Db | Trx, period: { from: string; to: string }): Promise<Record<number, ResearchUnitCounts>>;
  /**
   * 考核督查's automatic indicators: per lead unit for [from, to], `due` 课题 (end date in the period),
   * `finishedOnTime` (concluded by the end date), `conversions` (转化 recorded in the period) and the same
   * by kind, each with the 课题 counted (first `COUNTED_CAP`, type `research_topic`).
   */
  assessmentCounts?(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>>;
  /** Of counted records, the 课题 `actor` may read (the module's read rule), with title and link. */
  readableRecords?(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]>;
  /** 保密档案: the 卷宗 of a concluded 课题 (课题, team, milestones, decision, report, 转化, 结题); null unless concluded. */
  dossier?(db: Db, id: number): Promise<Dossier | null>;
  /** 保密档案: concluded 课题, newest first (at most `limit`). */
  archivable?(db: Db, opts: { limit: number }): Promise<ArchivableItem[]>;
  /** The actor's pending 调研 work for the 工作台. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /** The module's open items on the 件件有着落 board and its checker. */
  looseEnds(): LooseEndsProvider;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    research: ResearchContract;
  }
}
