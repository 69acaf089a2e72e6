/** 信访 — what other modules may call through `ctx.services.petitions`. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The petitions module's public services. */
export interface PetitionsContract {
  /** The actor's open 信访 cases for the 工作台, already filtered by what the actor may see. */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    petitions: PetitionsContract;
  }
}
