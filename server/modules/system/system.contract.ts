/** 系统 — what other modules may call through `ctx.services.system`. */
import type { Actor } from '../../platform/actor.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The system module's public services. */
export interface SystemContract {
  /** The 工作台: every module's pending items of the actor, most urgent first, with counts by light. */
  workbench(actor: Actor): Promise<{ items: WorkbenchItem[]; counts: { green: number; yellow: number; red: number; total: number } }>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    system: SystemContract;
  }
}
