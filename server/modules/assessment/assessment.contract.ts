/** 考核督查 — what other modules (the leaders' 驾驶舱) may call through `ctx.services.assessment`. */
import type { ResultsView } from '../../../common/assessment.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { WorkbenchItem } from '../../platform/module.js';

/** The assessment module's public services. */
export interface AssessmentContract {
  /** A scheme's ranking as `actor` may see it: frozen once closed (404 when the scheme is not readable, 403 when its results are not). */
  results(actor: Actor, schemeId: number): Promise<ResultsView>;
  /** A rater's pending expert scoring for the 工作台 (one item per published scheme with cells not yet scored). */
  workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    assessment: AssessmentContract;
  }
}
