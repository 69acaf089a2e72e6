/**
 * 督查督办 — the public contract other modules use through `ctx.services.supervision`
 * (meetings: 会后督办 from a decision; documents: a document's requirement; assessment: 考核督查).
 *
 * Usage from another module's service, inside its own transaction:
 * ```ts
 * const supervision = ctx.services.supervision; // SupervisionContract | undefined (an app may run without the module)
 * const { id, number } = await supervision!.createFromSource(trx, actor, { source: 'decision', sourceType: 'meeting_decision', ... });
 * const progress = await supervision!.progressBySource(ctx.db, actor, 'meeting_decision', [decisionId]);
 * ```
 */
import type { Light } from '../../../common/enums.js';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CountedRef, ReadableRecord, UnitCounted } from '../../platform/counted.js';
import type { ArchivableItem, Dossier } from '../../platform/dossier.js';

/** 督查来源: 决策督查 (meeting decision / document requirement), 专项督查 (leader's instruction, 批示件), 考核督查. */
export type SupervisionSource = 'decision' | 'instruction' | 'assessment';

/** What a source module hands over to register (立项) a supervision item. */
export interface CreateFromSourceInput {
  source: SupervisionSource;
  /** The source's own type, e.g. 'meeting_decision', 'document'. */
  sourceType: string;
  /** The id of the source row in its module. */
  sourceId: number;
  /** Human text of the source, e.g. '市委常委会 2026年第3次会议 议题2'. */
  sourceRef: string;
  title: string;
  requirement: string;
  /** 牵头单位 (owner unit). */
  leadUnitId: number;
  /** 协办单位. */
  coUnitIds: number[];
  /** 责任领导 (user id). */
  responsibleLeaderId?: number;
  /** 批示领导 (text, for 专项督查). */
  instructedBy?: string;
  /** When the instruction was given (ISO date or datetime). */
  instructedAt?: string;
  /** 时限, YYYY-MM-DD. */
  deadline: string;
  /** 密级 of the item (0 公开 … 3 机密); must be enabled and ≤ the actor's clearance. */
  level: number;
}

/** One supervision item's progress, as a source module shows it beside its own row. */
export interface SourceProgress {
  itemId: number;
  /** 督字〔年〕N号 */
  number: string;
  /** Item status key (registered | issued | concluded | closed). */
  status: string;
  light: Light;
}

/** The services the supervision module offers to other modules. */
export interface SupervisionContract {
  /**
   * 立项 from a source: registers the item in state 立项 (registered), numbered 督字〔年〕N号, with
   * one task per unit (lead and co-units), audited — all in the caller's transaction `trx`.
   * Throws `RuleError` (422) for an unknown unit, a disabled or too-high level, or a past deadline.
   */
  createFromSource(trx: Trx, actor: Actor, input: CreateFromSourceInput): Promise<{ id: number; number: string }>;
  /**
   * The supervision items registered from `sourceIds` of `sourceType`, keyed by source id, filtered
   * by what `actor` may see (an item the actor may not see is simply absent).
   */
  progressBySource(db: Db, actor: Actor, sourceType: string, sourceIds: number[]): Promise<Record<number, SourceProgress[]>>;
  /**
   * 考核督查's counts: per unit id, the tasks accepted (办结) between the dates `from` and `to`
   * (YYYY-MM-DD, inclusive), those accepted by their deadline, and the times their reports were
   * returned. Aggregates over every task (no content); `db` may be the caller's transaction.
   * Optional in the interface only so that the stand-ins of other modules' tests need not implement it.
   */
  countsByUnit?(db: Db | Trx, from: string, to: string): Promise<Record<number, { closedOnTime: number; closed: number; returned: number }>>;
  /** The same counts for `unitIds` with the tasks behind each figure (first `COUNTED_CAP`), for 考核督查's drill-down. */
  assessmentCounts?(db: Db | Trx, period: { from: string; to: string }, unitIds: readonly number[]): Promise<Record<number, UnitCounted>>;
  /** Of counted records, the tasks `actor` may see (the task read rule), titled and linked to their item. */
  readableRecords?(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]>;
  /**
   * For items registered from `sourceIds` of `sourceType` (e.g. 会议's `meeting_decision`): per source id
   * with items, the China date (YYYY-MM-DD) its last item was closed (销号), or null while one is open.
   * No content; optional for other modules' stand-ins.
   */
  closedBySource?(db: Db | Trx, sourceType: string, sourceIds: readonly number[]): Promise<Record<number, string | null>>;
  /**
   * 保密档案's 卷宗 of a closed (销号) item: the item, every task, report, review, extension and the final
   * result, as text sections; null when the item does not exist or is not closed. No actor: the archives
   * module decides who archives and who reads the bundle. Optional for other modules' stand-ins.
   */
  dossier?(db: Db, itemId: number): Promise<Dossier | null>;
  /** Closed items, newest first (the 档案处 chooses what to archive from them). */
  archivable?(db: Db, opts: { limit: number }): Promise<ArchivableItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    supervision: SupervisionContract;
  }
}
