/** 政务接待 — what other modules may call through `ctx.services.reception`. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { ArchivableItem, Dossier } from '../../platform/dossier.js';
import type { LooseEndsProvider, WorkbenchItem } from '../../platform/module.js';

/** The reception module's public services. */
export interface ReceptionContract {
  /** The actor's pending reception work for the 工作台 (approvals, own items, visits to close). */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /** The module's open items on the 件件有着落 board and its checker. */
  looseEnds(): LooseEndsProvider;
  /** 保密档案's 卷宗 of a closed plan (itinerary with outcomes, approvals, change log, costs, summary); null when absent or not closed. */
  dossier?(db: Db, id: number): Promise<Dossier | null>;
  /** Closed plans, newest first, for the 档案处 to archive. */
  archivable?(db: Db, opts: { limit: number }): Promise<ArchivableItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    reception: ReceptionContract;
  }
}
