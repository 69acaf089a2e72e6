/**
 * The 考核督查 service: a thin facade over the use cases in `usecases/`. Schemes per period with an
 * indicator tree (考比树), automatic indicators from supervision's contract, organisation and expert
 * scores, results with 先进 / 落后, and the audited close that freezes them. The SQL is in `assessment.repo.ts`.
 */
import type { Actor } from '../../platform/actor.js';
import type { Db, Trx } from '../../db/client.js';
import type { AppContext, LooseEndsProvider } from '../../platform/module.js';
import type { AssessmentContract } from './assessment.contract.js';
import { AssessmentReviewService } from './assessment.review-service.js';
import type { IndicatorInput, SchemeCreateInput, ScoreInput } from './assessment.schema.js';
import {
  close,
  cockpit,
  createScheme,
  drillDown,
  exports,
  looseEnds,
  publish,
  readSchemes,
  recompute,
  results,
  scores,
  setIndicators,
  workbench,
} from './usecases/index.js';

/** The 考核督查 service; one per app. */
export class AssessmentService implements AssessmentContract {
  /** 群众评价, 加减分, 申诉, 修订 and settings (assessment.review-service.ts). */
  readonly reviews: AssessmentReviewService;

  constructor(private readonly ctx: AppContext) {
    this.reviews = new AssessmentReviewService(ctx);
  }

  /** The schemes the actor may read. */
  listSchemes(actor: Actor) {
    return readSchemes.listSchemes(this.ctx, actor);
  }

  /** One scheme with its indicator tree. */
  getScheme(actor: Actor, id: number) {
    return readSchemes.getScheme(this.ctx, actor, id);
  }

  /** The automatic indicators and their formulas. */
  formulas(actor: Actor) {
    return readSchemes.formulas(actor);
  }

  /** Draws up a draft scheme. */
  createScheme(actor: Actor, input: SchemeCreateInput) {
    return createScheme.createScheme(this.ctx, actor, input);
  }

  /** Replaces a draft's indicator tree. */
  setIndicators(actor: Actor, id: number, input: { version: number; indicators: IndicatorInput[] }) {
    return setIndicators.setIndicators(this.ctx, actor, id, input);
  }

  /** Publishes a draft. */
  publish(actor: Actor, id: number, version: number) {
    return publish.publishScheme(this.ctx, actor, id, version);
  }

  /** The actor's scoring sheet (own scores only). */
  scoringSheet(actor: Actor, id: number) {
    return scores.scoringSheet(this.ctx, actor, id);
  }

  /** Saves the actor's scores. */
  saveScores(actor: Actor, id: number, input: ScoreInput[]) {
    return scores.saveScores(this.ctx, actor, id, input);
  }

  /** {@inheritDoc AssessmentContract.results} */
  results(actor: Actor, id: number) {
    return results.getResults(this.ctx, actor, id);
  }

  /** A unit's score on a leaf → formula → the records counted (readable ones as links). */
  drillDown(actor: Actor, id: number, unitId: number, indicatorId: number) {
    return drillDown.drillDown(this.ctx, actor, id, unitId, indicatorId);
  }

  /** The ranking and per-unit score sheets as xlsx. */
  rankingXlsx(actor: Actor, id: number) {
    return exports.rankingXlsx(this.ctx, actor, id);
  }

  /** The 通报 as DOCX. */
  reportDocx(actor: Actor, id: number) {
    return exports.reportDocx(this.ctx, actor, id);
  }

  /** Recomputes a closed period's frozen results, explicitly and audited. */
  recompute(actor: Actor, id: number, version: number) {
    return recompute.recomputeScheme(this.ctx, actor, id, version);
  }

  /** The leaders' 驾驶舱 figures (the stored snapshot, at most `cockpitRefreshMinutes` old). */
  cockpit(actor: Actor) {
    return cockpit.cockpit(this.ctx, actor);
  }

  /** 刷新: the 驾驶舱 recomputed now (unless within the last half minute). */
  refreshCockpit(actor: Actor) {
    return cockpit.refreshCockpitNow(this.ctx, actor);
  }

  /** The job `assessment.cockpit_refresh`. */
  refreshCockpitJob(trx: Trx) {
    return cockpit.refreshCockpitJob(this.ctx, trx);
  }

  /** Closes the period and freezes the results. */
  close(actor: Actor, id: number, version: number) {
    return close.closeScheme(this.ctx, actor, id, version);
  }

  /** {@inheritDoc AssessmentContract.workbench} */
  workbench(db: Db, actor: Actor, now: Date) {
    return workbench.workbench(this.ctx, db, actor, now);
  }

  /** 件件有着落: schemes not closed and the rater's pending expert scoring on the office-wide board, and the checker. */
  looseEnds(): LooseEndsProvider {
    return looseEnds.looseEndsProvider();
  }
}
