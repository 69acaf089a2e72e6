/** 政务值班 — what other modules may call through `ctx.services.duty`. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The duty module's public services. */
export interface DutyContract {
  /** The actor's open duty-log entries (owner or leader on duty) for the 工作台. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    duty: DutyContract;
  }
}
