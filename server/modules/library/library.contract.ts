/** 资源共享 — what other modules may call through `ctx.services.library`. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The library module's public services. */
export interface LibraryContract {
  /** The actor's pending 资源共享 items for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    library: LibraryContract;
  }
}
