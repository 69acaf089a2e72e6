/**
 * /api/assessment 群众评价, 加减分, 申诉, 修订 and settings, and the respondents' public survey routes
 * `/api/public/survey/:code` (no login: `config.public`; cookieless, so no CSRF token; rate-limited per IP).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as contract from '../../../common/assessment-review.js';
import { schemeResponse } from '../../../common/assessment.js';
import { actorOf } from '../../platform/http.js';
import * as s from './assessment.review-schema.js';
import type { AssessmentReviewService } from './assessment.review-service.js';
import { idParam, versionBody } from './assessment.schema.js';

const tags = ['assessment'];

/** Registers the 群众评价, 加减分, 申诉, 修订 and settings routes. */
export function registerAssessmentReviewRoutes(app: FastifyInstance, svc: AssessmentReviewService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/assessment/settings',
    { schema: { tags, summary: '考核督查设置', operationId: 'assessmentGetSettings', response: { 200: contract.assessmentSettingsResponse } } },
    async (req) => svc.getSettings(actorOf(req)),
  );
  r.put(
    '/api/assessment/settings',
    {
      schema: {
        tags,
        summary: '修改考核督查设置',
        body: s.settingsBody,
        operationId: 'assessmentPutSettings',
        response: { 200: contract.assessmentSettingsResponse },
      },
    },
    async (req) => svc.putSettings(actorOf(req), req.body.version, req.body.settings),
  );
  r.post(
    '/api/assessment/schemes/:id/revise',
    { schema: { tags, summary: '修订考核方案（新版本草稿）', params: idParam, operationId: 'assessmentRevise', response: { 200: schemeResponse } } },
    async (req) => svc.revise(actorOf(req), req.params.id),
  );
  r.get(
    '/api/assessment/schemes/:id/surveys',
    { schema: { tags, summary: '群众评价及汇总结果', params: idParam, operationId: 'assessmentListSurveys', response: { 200: contract.surveysResponse } } },
    async (req) => svc.listSurveys(actorOf(req), req.params.id),
  );
  r.post(
    '/api/assessment/schemes/:id/surveys',
    {
      schema: {
        tags,
        summary: '发起群众评价',
        params: idParam,
        body: s.surveyOpenBody,
        operationId: 'assessmentOpenSurvey',
        response: { 200: contract.idResponse },
      },
    },
    async (req) => svc.openSurvey(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessment/surveys/:id/codes',
    {
      schema: {
        tags,
        summary: '生成一次性评价码',
        params: idParam,
        body: s.surveyCodesBody,
        operationId: 'assessmentSurveyCodes',
        response: { 200: contract.surveyCodesResponse },
      },
    },
    async (req) => svc.generateCodes(actorOf(req), req.params.id, req.body.count),
  );
  r.post(
    '/api/assessment/surveys/:id/close',
    {
      schema: {
        tags,
        summary: '结束群众评价',
        params: idParam,
        body: versionBody,
        operationId: 'assessmentCloseSurvey',
        response: { 200: contract.versionedResponse },
      },
    },
    async (req) => svc.closeSurvey(actorOf(req), req.params.id, req.body.version),
  );
  r.get(
    '/api/public/survey/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '群众评价问卷（凭评价码，无需登录）',
        params: s.codeParam,
        operationId: 'publicSurvey',
        response: { 200: contract.publicSurveyResponse },
      },
    },
    async (req) => svc.publicSurvey(req.params.code, req.ip ?? null),
  );
  r.post(
    '/api/public/survey/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '提交群众评价（每码一次，匿名）',
        params: s.codeParam,
        body: s.publicAnswerBody,
        operationId: 'publicSurveyAnswer',
        response: { 200: contract.publicAnswerResponse },
      },
    },
    async (req) => svc.answerSurvey(req.params.code, req.ip ?? null, req.body),
  );
  registerAdjustmentAndAppealRoutes(app, svc);
}

/** 加减分 and 申诉. */
function registerAdjustmentAndAppealRoutes(app: FastifyInstance, svc: AssessmentReviewService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/assessment/schemes/:id/reviews',
    { schema: { tags, summary: '加减分与申诉', params: idParam, operationId: 'assessmentReviews', response: { 200: contract.reviewsResponse } } },
    async (req) => svc.listReviews(actorOf(req), req.params.id),
  );
  r.post(
    '/api/assessment/schemes/:id/adjustments',
    {
      schema: {
        tags,
        summary: '提出加减分',
        params: idParam,
        body: s.adjustmentBody,
        operationId: 'assessmentProposeAdjustment',
        response: { 200: contract.idResponse },
      },
    },
    async (req) => svc.proposeAdjustment(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessment/adjustments/:id/decide',
    {
      schema: {
        tags,
        summary: '审批加减分',
        params: idParam,
        body: s.adjustmentDecideBody,
        operationId: 'assessmentDecideAdjustment',
        response: { 200: contract.adjustmentDecision },
      },
    },
    async (req) => svc.decideAdjustment(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessment/schemes/:id/appeals',
    { schema: { tags, summary: '提出申诉', params: idParam, body: s.appealBody, operationId: 'assessmentFileAppeal', response: { 200: contract.idResponse } } },
    async (req) => svc.fileAppeal(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessment/appeals/:id/decide',
    {
      schema: {
        tags,
        summary: '申诉裁决',
        params: idParam,
        body: s.appealDecideBody,
        operationId: 'assessmentDecideAppeal',
        response: { 200: contract.appealDecision },
      },
    },
    async (req) => svc.decideAppeal(actorOf(req), req.params.id, req.body),
  );
}
