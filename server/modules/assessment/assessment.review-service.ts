/**
 * 考核督查's 群众评价, 加减分, 申诉, 修订 and settings: a thin facade over their use cases
 * (`usecases/survey-*.ts`, `adjustment-*.ts`, `appeal-*.ts`, `scheme-revise.ts`, `settings.ts`),
 * reached as `AssessmentService.reviews`.
 */
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/module.js';
import type { AssessmentSettings } from './assessment.settings.js';
import * as adjustments from './usecases/adjustment-manage.js';
import * as appeals from './usecases/appeal-manage.js';
import * as revise from './usecases/scheme-revise.js';
import * as settings from './usecases/settings.js';
import * as survey from './usecases/survey-manage.js';
import * as publicSurvey from './usecases/survey-public.js';

/** 群众评价, 加减分, 申诉, 修订 and settings; one per app. */
export class AssessmentReviewService {
  constructor(private readonly ctx: AppContext) {}

  /** A scheme's surveys with their aggregates. */
  listSurveys(actor: Actor, schemeId: number) {
    return survey.listSurveys(this.ctx, actor, schemeId);
  }

  /** Opens a survey on a `public` leaf. */
  openSurvey(actor: Actor, schemeId: number, input: { indicatorId: number; title: string; questions: string[] }) {
    return survey.openSurvey(this.ctx, actor, schemeId, input);
  }

  /** Generates one-time codes (shown once). */
  generateCodes(actor: Actor, surveyId: number, count: number) {
    return survey.generateCodes(this.ctx, actor, surveyId, count);
  }

  /** Closes a survey. */
  closeSurvey(actor: Actor, surveyId: number, version: number) {
    return survey.closeSurvey(this.ctx, actor, surveyId, version);
  }

  /** The survey a respondent's code opens (no account). */
  publicSurvey(code: string, ip: string | null) {
    return publicSurvey.publicSurvey(this.ctx, code, ip);
  }

  /** A respondent's one anonymous answer. */
  answerSurvey(code: string, ip: string | null, input: publicSurvey.PublicAnswerInput) {
    return publicSurvey.answerSurvey(this.ctx, code, ip, input);
  }

  /** A scheme's 加减分 and 申诉 as the actor may see them. */
  listReviews(actor: Actor, schemeId: number) {
    return adjustments.listReviews(this.ctx, actor, schemeId);
  }

  /** Proposes a deduction or bonus. */
  proposeAdjustment(actor: Actor, schemeId: number, input: Parameters<typeof adjustments.proposeAdjustment>[3]) {
    return adjustments.proposeAdjustment(this.ctx, actor, schemeId, input);
  }

  /** Approves or rejects a proposed deduction or bonus. */
  decideAdjustment(actor: Actor, id: number, input: Parameters<typeof adjustments.decideAdjustment>[3]) {
    return adjustments.decideAdjustment(this.ctx, actor, id, input);
  }

  /** Files an appeal for the actor's unit. */
  fileAppeal(actor: Actor, schemeId: number, input: Parameters<typeof appeals.fileAppeal>[3]) {
    return appeals.fileAppeal(this.ctx, actor, schemeId, input);
  }

  /** Upholds or rejects an appeal. */
  decideAppeal(actor: Actor, id: number, input: Parameters<typeof appeals.decideAppeal>[3]) {
    return appeals.decideAppeal(this.ctx, actor, id, input);
  }

  /** 修订: a new draft version of a scheme. */
  revise(actor: Actor, schemeId: number) {
    return revise.reviseScheme(this.ctx, actor, schemeId);
  }

  /** The module settings. */
  getSettings(actor: Actor) {
    return settings.getSettings(this.ctx, actor);
  }

  /** Changes the module settings. */
  putSettings(actor: Actor, version: number, input: AssessmentSettings) {
    return settings.putSettings(this.ctx, actor, version, input);
  }
}
