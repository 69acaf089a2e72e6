/** /api/petitions: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { binaryFile, XLSX } from '../../../common/http.js';
import * as contract from '../../../common/petitions.js';
import * as s from './petitions.schema.js';
import type { PetitionsService } from './petitions.service.js';

const tags = ['petitions'];

/** Registers the 信访 routes. */
export function registerPetitionsRoutes(app: FastifyInstance, svc: PetitionsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/petitions/config',
    {
      schema: { tags, summary: '信访设置（信访单位、时限、重复信访）', operationId: 'petitionsGetConfig', response: { 200: contract.petitionsConfigResponse } },
    },
    async (req) => svc.getConfig(actorOf(req)),
  );
  r.put(
    '/api/petitions/config',
    { schema: { tags, summary: '修改信访设置', body: s.configBody, operationId: 'petitionsPutConfig', response: { 200: contract.petitionsConfigResponse } } },
    async (req) => svc.putConfig(actorOf(req), req.body),
  );
  r.get(
    '/api/petitions',
    { schema: { tags, summary: '信访件列表', querystring: s.listQuery, operationId: 'petitionsList', response: { 200: contract.listCasesResponse } } },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.post(
    '/api/petitions',
    { schema: { tags, summary: '登记信访件', body: s.registerBody, operationId: 'petitionsRegister', response: { 200: contract.registerResponse } } },
    async (req) => svc.register(actorOf(req), req.body),
  );
  r.get(
    '/api/petitions/stats',
    { schema: { tags, summary: '信访统计（类别、属地、责任单位）', operationId: 'petitionsStats', response: { 200: contract.statsResponse } } },
    async (req) => svc.statistics(actorOf(req)),
  );
  r.get(
    '/api/petitions/export.xlsx',
    { schema: { tags, summary: '导出信访台账（Excel）', querystring: s.exportQuery, operationId: 'petitionsExport', response: { 200: binaryFile(XLSX) } } },
    async (req, reply) => {
      const { filename, buffer } = await svc.exportXlsx(actorOf(req), req.query);
      return reply.type(XLSX).headers(downloadHeaders(filename, 'petitions')).send(buffer);
    },
  );
  r.get(
    '/api/petitions/:id',
    { schema: { tags, summary: '信访件详情', params: s.idParam, operationId: 'petitionsGet', response: { 200: contract.caseResponse } } },
    async (req) => svc.get(actorOf(req), req.params.id),
  );
  const step = (
    path: string,
    name: 'transfer' | 'accept' | 'reply' | 'answer' | 'close',
    summary: string,
    body: typeof s.versionBody | typeof s.transferBody | typeof s.textBody | typeof s.closeBody,
    operationId: string,
  ) =>
    r.post(
      `/api/petitions/:id/${path}`,
      { schema: { tags, summary, params: s.idParam, body, operationId, response: { 200: contract.caseResponse } } },
      async (req) => svc.step(actorOf(req), req.params.id, name, req.body as never),
    );
  step('transfer', 'transfer', '转办至责任单位', s.transferBody, 'petitionsTransfer');
  step('accept', 'accept', '责任单位受理', s.versionBody, 'petitionsAccept');
  step('reply', 'reply', '责任单位办复', s.textBody, 'petitionsReply');
  step('answer', 'answer', '答复信访人', s.textBody, 'petitionsAnswer');
  step('close', 'close', '办结', s.closeBody, 'petitionsClose');
  r.post(
    '/api/petitions/:id/follow-up',
    {
      schema: {
        tags,
        summary: '回访（满意度）',
        params: s.idParam,
        body: s.followUpBody,
        operationId: 'petitionsFollowUp',
        response: { 200: contract.caseResponse },
      },
    },
    async (req) => svc.followUp(actorOf(req), req.params.id, req.body),
  );
}
