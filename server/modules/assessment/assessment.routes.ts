/** /api/assessment: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as contract from '../../../common/assessment.js';
import { binaryFile, DOCX, XLSX } from '../../../common/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { actorOf } from '../../platform/http.js';
import * as s from './assessment.schema.js';
import type { AssessmentService } from './assessment.service.js';

const tags = ['assessment'];

/** Registers the 考核督查 routes. */
export function registerAssessmentRoutes(app: FastifyInstance, svc: AssessmentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/assessment/formulas',
    { schema: { tags, summary: '自动计算指标及其公式', operationId: 'assessmentFormulas', response: { 200: contract.formulasResponse } } },
    async (req) => svc.formulas(actorOf(req)),
  );
  r.get(
    '/api/assessment/cockpit',
    { schema: { tags, summary: '领导驾驶舱：本期考核排名与督办情况', operationId: 'assessmentCockpit', response: { 200: contract.cockpitResponse } } },
    async (req) => svc.cockpit(actorOf(req)),
  );
  app.post(
    '/api/assessment/cockpit/refresh',
    {
      schema: {
        tags,
        summary: '领导驾驶舱：立即刷新数据（半分钟内已刷新的直接返回）',
        operationId: 'assessmentRefreshCockpit',
        response: { 200: contract.cockpitResponse },
      },
    },
    async (req) => svc.refreshCockpit(actorOf(req)),
  );
  r.get(
    '/api/assessment/schemes',
    { schema: { tags, summary: '考核方案', operationId: 'assessmentListSchemes', response: { 200: contract.listSchemesResponse } } },
    async (req) => svc.listSchemes(actorOf(req)),
  );
  r.post(
    '/api/assessment/schemes',
    { schema: { tags, summary: '新建考核方案', body: s.schemeCreateBody, operationId: 'assessmentCreateScheme', response: { 200: contract.schemeResponse } } },
    async (req) => svc.createScheme(actorOf(req), req.body),
  );
  r.get(
    '/api/assessment/schemes/:id',
    { schema: { tags, summary: '考核方案与考比树', params: s.idParam, operationId: 'assessmentGetScheme', response: { 200: contract.schemeResponse } } },
    async (req) => svc.getScheme(actorOf(req), req.params.id),
  );
  r.put(
    '/api/assessment/schemes/:id/indicators',
    {
      schema: {
        tags,
        summary: '编辑考核指标树',
        params: s.idParam,
        body: s.indicatorsBody,
        operationId: 'assessmentSetIndicators',
        response: { 200: contract.schemeResponse },
      },
    },
    async (req) => svc.setIndicators(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessment/schemes/:id/publish',
    {
      schema: {
        tags,
        summary: '发布考核方案',
        params: s.idParam,
        body: s.versionBody,
        operationId: 'assessmentPublish',
        response: { 200: contract.schemeResponse },
      },
    },
    async (req) => svc.publish(actorOf(req), req.params.id, req.body.version),
  );
  r.get(
    '/api/assessment/schemes/:id/scoring',
    { schema: { tags, summary: '我的评分表', params: s.idParam, operationId: 'assessmentScoringSheet', response: { 200: contract.scoringResponse } } },
    async (req) => svc.scoringSheet(actorOf(req), req.params.id),
  );
  r.put(
    '/api/assessment/schemes/:id/scores',
    {
      schema: {
        tags,
        summary: '保存评分',
        params: s.idParam,
        body: s.scoresBody,
        operationId: 'assessmentSaveScores',
        response: { 200: contract.saveScoresResponse },
      },
    },
    async (req) => svc.saveScores(actorOf(req), req.params.id, req.body.scores),
  );
  r.get(
    '/api/assessment/schemes/:id/results',
    { schema: { tags, summary: '考核结果与排名', params: s.idParam, operationId: 'assessmentResults', response: { 200: contract.resultsResponse } } },
    async (req) => svc.results(actorOf(req), req.params.id),
  );
  r.post(
    '/api/assessment/schemes/:id/close',
    {
      schema: {
        tags,
        summary: '结束考核期并冻结结果',
        params: s.idParam,
        body: s.versionBody,
        operationId: 'assessmentClose',
        response: { 200: contract.schemeResponse },
      },
    },
    async (req) => svc.close(actorOf(req), req.params.id, req.body.version),
  );
  registerResultRoutes(app, svc);
}

/** The results behind the ranking: drill-down, exports and the explicit recomputation. */
function registerResultRoutes(app: FastifyInstance, svc: AssessmentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/assessment/schemes/:id/units/:unitId/indicators/:indicatorId',
    {
      schema: {
        tags,
        summary: '考核得分溯源：指标、公式与计入的记录',
        params: s.drillParams,
        operationId: 'assessmentDrillDown',
        response: { 200: contract.drillDownResponse },
      },
    },
    async (req) => svc.drillDown(actorOf(req), req.params.id, req.params.unitId, req.params.indicatorId),
  );
  r.get(
    '/api/assessment/schemes/:id/ranking.xlsx',
    {
      schema: {
        tags,
        summary: '导出考核排名与各单位得分表（Excel）',
        params: s.idParam,
        operationId: 'assessmentRankingXlsx',
        response: { 200: binaryFile(XLSX) },
      },
    },
    async (req, reply) => {
      const { filename, buffer } = await svc.rankingXlsx(actorOf(req), req.params.id);
      return reply
        .type(XLSX)
        .headers(downloadHeaders(filename, `assessment-ranking-${req.params.id}`))
        .send(buffer);
    },
  );
  r.get(
    '/api/assessment/schemes/:id/report.docx',
    { schema: { tags, summary: '导出考核结果通报（Word）', params: s.idParam, operationId: 'assessmentReportDocx', response: { 200: binaryFile(DOCX) } } },
    async (req, reply) => {
      const { filename, buffer } = await svc.reportDocx(actorOf(req), req.params.id);
      return reply
        .type(DOCX)
        .headers(downloadHeaders(filename, `assessment-report-${req.params.id}`))
        .send(buffer);
    },
  );
  r.post(
    '/api/assessment/schemes/:id/recompute',
    {
      schema: {
        tags,
        summary: '重新计算已结束考核期的结果（留痕）',
        params: s.idParam,
        body: s.versionBody,
        operationId: 'assessmentRecompute',
        response: { 200: contract.schemeResponse },
      },
    },
    async (req) => svc.recompute(actorOf(req), req.params.id, req.body.version),
  );
}
