/** /api/duty: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as contract from '../../../common/duty.js';
import { binaryFile, DOCX } from '../../../common/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { actorOf } from '../../platform/http.js';
import * as s from './duty.schema.js';
import type { DutyService } from './duty.service.js';

const tags = ['duty'];

/** Registers the 政务值班 routes. */
export function registerDutyRoutes(app: FastifyInstance, svc: DutyService): void {
  registerRosterRoutes(app, svc);
  registerLogRoutes(app, svc);
}

function registerRosterRoutes(app: FastifyInstance, svc: DutyService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/duty/roster',
    { schema: { tags, summary: '值班表（一个月）', querystring: s.monthQuery, operationId: 'dutyGetRoster', response: { 200: contract.rosterResponse } } },
    async (req) => svc.getRoster(actorOf(req), req.query.month),
  );
  r.post(
    '/api/duty/roster/generate',
    { schema: { tags, summary: '按模板生成月度排班', body: s.generateBody, operationId: 'dutyGenerateRoster', response: { 200: contract.generateResponse } } },
    async (req) => svc.generateMonth(actorOf(req), req.body),
  );
  r.get(
    '/api/duty/roster.docx',
    { schema: { tags, summary: '导出值班表（DOCX）', querystring: s.monthQuery, operationId: 'dutyRosterDocx', response: { 200: binaryFile(DOCX) } } },
    async (req, reply) => {
      const { filename, buffer } = await svc.rosterDocx(actorOf(req), req.query.month);
      return reply
        .type(DOCX)
        .headers(downloadHeaders(filename, `duty-roster-${req.query.month}`))
        .send(buffer);
    },
  );
  r.post(
    '/api/duty/shifts/:id/swaps',
    { schema: { tags, summary: '申请换班', params: s.idParam, body: s.swapBody, operationId: 'dutyRequestSwap', response: { 200: contract.swapResponse } } },
    async (req) => svc.requestSwap(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/duty/swaps/:id/approve',
    { schema: { tags, summary: '批准换班', params: s.idParam, body: s.versionBody, operationId: 'dutyApproveSwap', response: { 200: contract.swapResponse } } },
    async (req) => svc.decideSwap(actorOf(req), req.params.id, req.body.version, true),
  );
  r.post(
    '/api/duty/swaps/:id/reject',
    {
      schema: { tags, summary: '不批准换班', params: s.idParam, body: s.versionBody, operationId: 'dutyRejectSwap', response: { 200: contract.swapResponse } },
    },
    async (req) => svc.decideSwap(actorOf(req), req.params.id, req.body.version, false),
  );
  r.get(
    '/api/duty/shifts/:id/handover',
    { schema: { tags, summary: '交接班', params: s.idParam, operationId: 'dutyHandoverPage', response: { 200: contract.handoverPageResponse } } },
    async (req) => svc.handoverPage(actorOf(req), req.params.id),
  );
  r.post(
    '/api/duty/shifts/:id/handover',
    {
      schema: {
        tags,
        summary: '交班（签字）',
        params: s.idParam,
        body: s.handoverBody,
        operationId: 'dutySignHandover',
        response: { 200: contract.handoverView },
      },
    },
    async (req) => svc.signHandover(actorOf(req), req.params.id, req.body.version, req.body.note),
  );
  r.post(
    '/api/duty/handovers/:id/confirm',
    {
      schema: {
        tags,
        summary: '接班确认',
        params: s.idParam,
        body: s.versionBody,
        operationId: 'dutyConfirmHandover',
        response: { 200: contract.handoverView },
      },
    },
    async (req) => svc.confirmHandover(actorOf(req), req.params.id, req.body.version),
  );
}

function registerLogRoutes(app: FastifyInstance, svc: DutyService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/duty/settings',
    { schema: { tags, summary: '值班设置（突发事件报告时限）', operationId: 'dutyGetSettings', response: { 200: contract.settingsResponse } } },
    async (req) => svc.getSettings(actorOf(req)),
  );
  r.put(
    '/api/duty/settings',
    { schema: { tags, summary: '修改值班设置', body: s.settingsBody, operationId: 'dutyPutSettings', response: { 200: contract.settingsResponse } } },
    async (req) => svc.putSettings(actorOf(req), req.body),
  );
  r.get(
    '/api/duty/entries',
    { schema: { tags, summary: '值班日志', querystring: s.entryListQuery, operationId: 'dutyListEntries', response: { 200: contract.entryListResponse } } },
    async (req) => svc.listEntries(actorOf(req), req.query),
  );
  r.post(
    '/api/duty/entries',
    { schema: { tags, summary: '登记来电来文', body: s.entryBody, operationId: 'dutyRegisterEntry', response: { 200: contract.entryView } } },
    async (req) => svc.registerEntry(actorOf(req), req.body),
  );
  r.get(
    '/api/duty/entries/:id',
    { schema: { tags, summary: '值班日志详情', params: s.idParam, operationId: 'dutyGetEntry', response: { 200: contract.entryView } } },
    async (req) => svc.getEntry(actorOf(req), req.params.id),
  );
  r.post(
    '/api/duty/entries/:id/outcome',
    {
      schema: {
        tags,
        summary: '记录办理结果或转办',
        params: s.idParam,
        body: s.outcomeBody,
        operationId: 'dutyRecordOutcome',
        response: { 200: contract.entryView },
      },
    },
    async (req) => svc.recordOutcome(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/duty/entries/:id/instruction',
    { schema: { tags, summary: '带班领导批示', params: s.idParam, body: s.textBody, operationId: 'dutyInstruct', response: { 200: contract.entryView } } },
    async (req) => svc.instruct(actorOf(req), req.params.id, req.body.version, req.body.text),
  );
  r.post(
    '/api/duty/entries/:id/owner',
    { schema: { tags, summary: '指定承办人', params: s.idParam, body: s.ownerBody, operationId: 'dutyAssignOwner', response: { 200: contract.entryView } } },
    async (req) => svc.assignOwner(actorOf(req), req.params.id, req.body.version, req.body.ownerId),
  );
  r.post(
    '/api/duty/entries/:id/report',
    {
      schema: { tags, summary: '突发事件书面报告', params: s.idParam, body: s.textBody, operationId: 'dutyFileReport', response: { 200: contract.entryView } },
    },
    async (req) => svc.fileReport(actorOf(req), req.params.id, req.body.version, req.body.text),
  );
}
