/** 公文 — what other modules may call through `ctx.services.documents`. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The documents module's public services. */
export interface DocumentsContract {
  /** The actor's pending 公文 items for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    documents: DocumentsContract;
  }
}
