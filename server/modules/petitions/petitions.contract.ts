/** 信访 — what other modules may call through `ctx.services.petitions`. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { ArchivableItem, Dossier } from '../../platform/dossier.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The petitions module's public services. */
export interface PetitionsContract {
  /** The actor's open 信访 cases for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /** 保密档案's 卷宗 of a closed case (personal data masked); null when absent or not closed. */
  dossier?(db: Db, id: number): Promise<Dossier | null>;
  /** Closed cases, newest first, for the 档案处 to archive. */
  archivable?(db: Db, opts: { limit: number }): Promise<ArchivableItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    petitions: PetitionsContract;
  }
}
