/** 会议 — what other modules may call through `ctx.services.meetings`. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { ArchivableItem, Dossier } from '../../platform/dossier.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The meetings module's public services. */
export interface MeetingsContract {
  /** The actor's pending 会议 items for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /** 保密档案's 卷宗 of a minuted meeting (纪要, 议定事项, materials and their files, attendance); null unless minuted. */
  dossier?(db: Db, id: number): Promise<Dossier | null>;
  /** Minuted meetings, newest first, for the 档案处 to archive. */
  archivable?(db: Db, opts: { limit: number }): Promise<ArchivableItem[]>;
  /**
   * 考核督查's figures per unit for a period (China dates, inclusive): `onAgenda` (the unit's topics on the
   * agenda of a meeting held in the period), `firstPass` (of those, every gate confirmed at the first
   * submission), `decisionsDue` (议定事项 it leads due in the period) and `decisionsOnTime` (their
   * 会后督办 closed by the 时限), each with the records counted (first 200). No content.
   */
  assessmentCounts?(db: Db | Trx, period: { from: string; to: string }, unitIds?: readonly number[]): Promise<Record<number, UnitCounted>>;
  /** Of counted records, the topics and decisions `actor` may see by the module's read rules, with title and link. */
  readableRecords?(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]>;
  /**
   * Per 议定事项 id, its meeting (id, title) — only for meetings `actor` may read (an unreadable one is absent, its
   * name not given): 督查督办's link back from a meeting-born item.
   */
  meetingsOfDecisions?(db: Db, actor: Actor, decisionIds: number[]): Promise<Record<number, { meetingId: number; title: string }>>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    meetings: MeetingsContract;
  }
}
