/** /api/supervision: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http.js';
import { BadRequestError } from '../../platform/errors.js';
import { downloadHeaders } from '../../platform/download.js';
import { importTemplate, ledgerStream } from './supervision.excel.js';
import * as s from './supervision.schema.js';
import type { SupervisionService } from './supervision.service.js';
import * as contract from '../../../common/supervision.js';
import { binaryFile, DOCX, XLSX } from '../../../common/http.js';

/** Registers the supervision routes (items, then tasks and extensions, then ledger files, statistics and settings). */
export function registerSupervisionRoutes(app: FastifyInstance, svc: SupervisionService): void {
  registerItemRoutes(app, svc);
  registerTaskRoutes(app, svc);
  registerLedgerRoutes(app, svc);
  registerChangeRoutes(app, svc);
}

/** 督查事项: ledger page, 立项, the item page, 分解立项, 交办, 回访销号. */
function registerItemRoutes(app: FastifyInstance, svc: SupervisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  r.get(
    '/api/supervision/items',
    {
      schema: {
        tags,
        summary: '督办台账',
        querystring: s.ledgerFilter.extend(s.paging),
        operationId: 'supervisionLedger',
        response: { 200: contract.ledgerResponse },
      },
    },
    async (req) => svc.ledger(actorOf(req), req.query),
  );
  r.post(
    '/api/supervision/items',
    { schema: { tags, summary: '立项', body: s.registerBody, operationId: 'supervisionRegister', response: { 200: contract.itemDetailResponse } } },
    async (req) => svc.register(actorOf(req), req.body),
  );
  r.get(
    '/api/supervision/items/:id',
    {
      schema: {
        tags,
        summary: '督查事项详情（含任务、反馈、时间线）',
        params: s.idParam,
        operationId: 'supervisionGetItem',
        response: { 200: contract.itemDetailResponse },
      },
    },
    async (req) => svc.getItem(actorOf(req), req.params.id),
  );
  r.post(
    '/api/supervision/items/:id/split',
    {
      schema: {
        tags,
        summary: '分解立项',
        params: s.idParam,
        body: s.splitBody,
        operationId: 'supervisionSplit',
        response: { 200: contract.itemDetailResponse },
      },
    },
    async (req) => svc.split(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/items/:id/issue',
    {
      schema: {
        tags,
        summary: '交办（印发督办通知）',
        params: s.idParam,
        body: s.versionBody,
        operationId: 'supervisionIssue',
        response: { 200: contract.itemDetailResponse },
      },
    },
    async (req) => svc.issue(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/items/:id/follow-up',
    {
      schema: {
        tags,
        summary: '结果回访并销号',
        params: s.idParam,
        body: s.followupBody,
        operationId: 'supervisionFollowUp',
        response: { 200: contract.itemDetailResponse },
      },
    },
    async (req) => svc.followUp(actorOf(req), req.params.id, req.body),
  );
}

/** 督办任务: lists, the task page, 情况反馈, 审核把关, 催办, 延期申请 and its decision. */
function registerTaskRoutes(app: FastifyInstance, svc: SupervisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  r.get(
    '/api/supervision/tasks',
    {
      schema: {
        tags,
        summary: '本单位任务 / 我负责的任务',
        querystring: s.taskListQuery,
        operationId: 'supervisionListTasks',
        response: { 200: contract.listTasksResponse },
      },
    },
    async (req) => svc.listTasks(actorOf(req), { ...req.query, open: req.query.open === '1' }),
  );
  r.get(
    '/api/supervision/tasks/:id',
    { schema: { tags, summary: '任务详情', params: s.idParam, operationId: 'supervisionGetTask', response: { 200: contract.getTaskResponse } } },
    async (req) => svc.getTask(actorOf(req), req.params.id),
  );
  r.post(
    '/api/supervision/tasks/:id/reports',
    {
      schema: {
        tags,
        summary: '情况反馈 / 申请办结',
        params: s.idParam,
        body: s.reportBody,
        operationId: 'supervisionReport',
        response: { 200: contract.reportResponse },
      },
    },
    async (req) => svc.report(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/tasks/:id/review',
    {
      schema: {
        tags,
        summary: '审核把关（通过 / 退回）',
        params: s.idParam,
        body: s.reviewBody,
        operationId: 'supervisionReview',
        response: { 200: contract.reviewResponse },
      },
    },
    async (req) => {
      if (req.body.decision === 'return' && !req.body.reason) throw new BadRequestError('supervision.comment_required');
      return svc.review(actorOf(req), req.params.id, req.body);
    },
  );
  r.post(
    '/api/supervision/tasks/:id/remind',
    { schema: { tags, summary: '催办', params: s.idParam, body: s.remindBody, operationId: 'supervisionRemind', response: { 200: contract.remindResponse } } },
    async (req) => svc.remind(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/tasks/:id/extensions',
    {
      schema: {
        tags,
        summary: '延期申请',
        params: s.idParam,
        body: s.extensionBody,
        operationId: 'supervisionRequestExtension',
        response: { 200: contract.requestExtensionResponse },
      },
    },
    async (req) => svc.requestExtension(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/extensions/:id/decision',
    {
      schema: {
        tags,
        summary: '延期审批',
        params: s.idParam,
        body: s.decideBody,
        operationId: 'supervisionDecideExtension',
        response: { 200: contract.decideExtensionResponse },
      },
    },
    async (req) => svc.decideExtension(actorOf(req), req.params.id, req.body),
  );
}

/** Statistics, the summary DOCX, 台账 export and import, module settings. */
function registerLedgerRoutes(app: FastifyInstance, svc: SupervisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  r.get(
    '/api/supervision/stats/overdue',
    { schema: { tags, summary: '当前超期任务（按单位）', operationId: 'supervisionOverdueByUnit', response: { 200: contract.overdueByUnitResponse } } },
    async (req) => svc.overdueByUnit(actorOf(req)),
  );
  r.get(
    '/api/supervision/stats',
    { schema: { tags, summary: '统计分析', querystring: s.statsQuery, operationId: 'supervisionStats', response: { 200: contract.statsResponse } } },
    async (req) => svc.stats(actorOf(req), req.query),
  );
  r.get(
    '/api/supervision/summary.docx',
    {
      schema: {
        tags,
        summary: '定期分类汇总分析（DOCX）',
        querystring: s.summaryQuery,
        operationId: 'supervisionSummaryDocx',
        response: { 200: binaryFile(DOCX) },
      },
    },
    async (req, reply) => {
      const { filename, buffer } = await svc.summaryDocx(actorOf(req), req.query);
      return reply.type(DOCX).headers(downloadHeaders(filename, 'supervision-summary')).send(buffer);
    },
  );
  r.get(
    '/api/supervision/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出督办台账（Excel）',
        querystring: s.ledgerFilter,
        operationId: 'supervisionExportLedger',
        response: { 200: binaryFile(XLSX) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const out = ledgerStream();
      svc.exportLedger(actor, req.query, out).catch((err: unknown) => {
        req.log.error({ err }, 'ledger export failed');
        out.destroy(err as Error);
      });
      const day = svc.today();
      return reply
        .type(XLSX)
        .headers(downloadHeaders(`督办台账-${day}.xlsx`, 'ledger'))
        .send(out);
    },
  );
  r.get(
    '/api/supervision/import-template.xlsx',
    { schema: { tags, summary: '台账导入模板', operationId: 'supervisionImportTemplate', response: { 200: binaryFile(XLSX) } } },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .headers(downloadHeaders('督办事项导入模板.xlsx', 'supervision-import-template'))
        .send(await importTemplate()),
  );
  r.post(
    '/api/supervision/import',
    {
      config: { upload: true },
      schema: {
        tags,
        summary: '导入督办事项（multipart 字段 file）',
        querystring: s.importQuery,
        operationId: 'supervisionImportLedger',
        response: { 200: contract.importLedgerResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const data = await req.file({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
      if (!data) throw new BadRequestError('file.missing');
      const buffer = await data.toBuffer();
      return svc.importLedger(actor, buffer, req.query.mode, req.query.dryRun === '1');
    },
  );

  r.get(
    '/api/supervision/settings',
    { schema: { tags, summary: '督查督办设置', operationId: 'supervisionGetSettings', response: { 200: contract.getSettingsResponse } } },
    async (req) => svc.getSettings(actorOf(req)),
  );
  r.put(
    '/api/supervision/settings',
    {
      schema: {
        tags,
        summary: '修改督查督办设置（催办偏移、升级时限、黄灯天数、延期审批人）',
        body: s.settingsBody,
        operationId: 'supervisionPutSettings',
        response: { 200: contract.getSettingsResponse },
      },
    },
    async (req) => svc.putSettings(actorOf(req), req.body.version, req.body.settings),
  );
}

/** After 立项: 修改, 撤销, 调整分工, 节点, 提出建议, 督办协调, and the 批示件办理情况报告. */
function registerChangeRoutes(app: FastifyInstance, svc: SupervisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  const item = contract.itemDetailResponse;
  r.patch(
    '/api/supervision/items/:id',
    { schema: { tags, summary: '修改督查事项（立项后）', params: s.idParam, body: s.editBody, operationId: 'supervisionEditItem', response: { 200: item } } },
    async (req) => svc.editItem(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/items/:id/withdraw',
    { schema: { tags, summary: '撤销督查事项', params: s.idParam, body: s.withdrawBody, operationId: 'supervisionWithdrawItem', response: { 200: item } } },
    async (req) => svc.withdrawItem(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/items/:id/tasks',
    { schema: { tags, summary: '调整分工：增加责任单位', params: s.idParam, body: s.addTaskBody, operationId: 'supervisionAddTask', response: { 200: item } } },
    async (req) => svc.addTask(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/tasks/:id/withdraw',
    { schema: { tags, summary: '调整分工：撤销任务', params: s.idParam, body: s.withdrawBody, operationId: 'supervisionCancelTask', response: { 200: item } } },
    async (req) => svc.cancelTask(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/tasks/:id/stages',
    {
      schema: {
        tags,
        summary: '添加节点',
        params: s.idParam,
        body: s.addStageBody,
        operationId: 'supervisionAddStage',
        response: { 200: contract.stageResponse },
      },
    },
    async (req) => svc.addStage(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/stages/:id/complete',
    {
      schema: {
        tags,
        summary: '完成节点',
        params: s.idParam,
        body: s.completeStageBody,
        operationId: 'supervisionCompleteStage',
        response: { 200: contract.stageResponse },
      },
    },
    async (req) => svc.completeStage(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/items/:id/recommendations',
    {
      schema: {
        tags,
        summary: '提出建议',
        params: s.idParam,
        body: s.recommendBody,
        operationId: 'supervisionRecommend',
        response: { 200: contract.recordResponse },
      },
    },
    async (req) => svc.recommend(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/supervision/items/:id/coordinations',
    {
      schema: {
        tags,
        summary: '督办协调',
        params: s.idParam,
        body: s.coordinateBody,
        operationId: 'supervisionCoordinate',
        response: { 200: contract.recordResponse },
      },
    },
    async (req) => svc.coordinate(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/supervision/items/:id/instruction-report.docx',
    {
      schema: {
        tags,
        summary: '批示件办理情况报告（DOCX）',
        params: s.idParam,
        operationId: 'supervisionInstructionReport',
        response: { 200: binaryFile(DOCX) },
      },
    },
    async (req, reply) => {
      const { filename, buffer } = await svc.instructionReport(actorOf(req), req.params.id);
      return reply.type(DOCX).headers(downloadHeaders(filename, 'instruction-report')).send(buffer);
    },
  );
}
