/** /api/reception: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { binaryFile, DOCX } from '../../../common/http.js';
import * as contract from '../../../common/reception.js';
import { downloadHeaders } from '../../platform/download.js';
import { actorOf } from '../../platform/http.js';
import * as s from './reception.schema.js';
import type { ReceptionService } from './reception.service.js';

const tags = ['reception'];

/** Registers the 政务接待 routes. */
export function registerReceptionRoutes(app: FastifyInstance, svc: ReceptionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/reception/plans',
    { schema: { tags, summary: '接待方案列表', querystring: s.listQuery, operationId: 'receptionList', response: { 200: contract.planListResponse } } },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.post(
    '/api/reception/plans',
    { schema: { tags, summary: '拟订接待方案', body: s.planBody, operationId: 'receptionDraft', response: { 200: contract.planResponse } } },
    async (req) => svc.draft(actorOf(req), req.body),
  );
  r.get(
    '/api/reception/checklist',
    { schema: { tags, summary: '当日清单', querystring: s.checklistQuery, operationId: 'receptionChecklist', response: { 200: contract.checklistResponse } } },
    async (req) => svc.checklist(actorOf(req), req.query.date),
  );
  r.get(
    '/api/reception/plans/:id',
    { schema: { tags, summary: '接待方案详情', params: s.idParam, operationId: 'receptionGet', response: { 200: contract.planResponse } } },
    async (req) => svc.get(actorOf(req), req.params.id),
  );
  r.put(
    '/api/reception/plans/:id',
    {
      schema: {
        tags,
        summary: '修改接待方案（批准后修改即为新版本）',
        params: s.idParam,
        body: s.updateBody,
        operationId: 'receptionUpdate',
        response: { 200: contract.planResponse },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/reception/plans/:id/plan.docx',
    { schema: { tags, summary: '导出接待方案（DOCX）', params: s.idParam, operationId: 'receptionDocx', response: { 200: binaryFile(DOCX) } } },
    async (req, reply) => {
      const { filename, buffer } = await svc.planDocx(actorOf(req), req.params.id);
      return reply
        .type(DOCX)
        .headers(downloadHeaders(filename, `reception-plan-${req.params.id}`))
        .send(buffer);
    },
  );
  const step = (
    name: 'submit' | 'approve' | 'return' | 'close',
    summary: string,
    body: typeof s.versionBody | typeof s.reasonBody | typeof s.closeBody,
    op: string,
  ) =>
    r.post(
      `/api/reception/plans/:id/${name}`,
      { schema: { tags, summary, params: s.idParam, body, operationId: op, response: { 200: contract.planResponse } } },
      async (req) => svc.step(actorOf(req), req.params.id, name, req.body as never),
    );
  step('submit', '报送审批', s.versionBody, 'receptionSubmit');
  step('approve', '审批同意（处长审核、主任审批）', s.versionBody, 'receptionApprove');
  step('return', '退回修改', s.reasonBody, 'receptionReturn');
  step('close', '办结', s.closeBody, 'receptionClose');
  r.post(
    '/api/reception/plans/:id/costs',
    {
      schema: {
        tags,
        summary: '填报实际费用与小结',
        params: s.idParam,
        body: s.costsBody,
        operationId: 'receptionCosts',
        response: { 200: contract.planResponse },
      },
    },
    async (req) => svc.recordCosts(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/reception/items/:id/done',
    {
      schema: {
        tags,
        summary: '日程事项完成',
        params: s.idParam,
        body: s.versionBody,
        operationId: 'receptionItemDone',
        response: { 200: contract.itemResponse },
      },
    },
    async (req) => svc.finishItem(actorOf(req), req.params.id, 'done', req.body),
  );
  r.post(
    '/api/reception/items/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消日程事项（须说明理由）',
        params: s.idParam,
        body: s.reasonBody,
        operationId: 'receptionItemCancel',
        response: { 200: contract.itemResponse },
      },
    },
    async (req) => svc.finishItem(actorOf(req), req.params.id, 'cancel', req.body),
  );
}
