/** /api/information — 约稿 (requests to units), the handwriting of a 批示, the statistics as xlsx: HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as contract from '../../../common/information.js';
import { binaryFile, XLSX } from '../../../common/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { actorOf } from '../../platform/http.js';
import { idParam, statisticsQuery } from './information.schema.js';
import { closeRequestBody, createRequestBody, requestListQuery } from './information.requests.schema.js';
import type { InformationService } from './information.service.js';

const tags = ['information'];

/** Registers the 约稿, handwriting and statistics-export routes. */
export function registerInformationRequestRoutes(app: FastifyInstance, svc: InformationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/information/requests',
    {
      schema: { tags, summary: '约稿列表', querystring: requestListQuery, operationId: 'informationRequests', response: { 200: contract.requestListResponse } },
    },
    async (req) => svc.requests(actorOf(req), req.query),
  );
  r.post(
    '/api/information/requests',
    {
      schema: { tags, summary: '发起约稿', body: createRequestBody, operationId: 'informationCreateRequest', response: { 201: contract.requestWriteResponse } },
    },
    async (req, reply) => reply.code(201).send(await svc.createRequest(actorOf(req), req.body)),
  );
  r.get(
    '/api/information/requests/:id',
    {
      schema: {
        tags,
        summary: '约稿详情（已报与未报单位）',
        params: idParam,
        operationId: 'informationRequest',
        response: { 200: contract.requestDetailResponse },
      },
    },
    async (req) => svc.request(actorOf(req), req.params.id),
  );
  r.post(
    '/api/information/requests/:id/close',
    {
      schema: {
        tags,
        summary: '结束约稿',
        params: idParam,
        body: closeRequestBody,
        operationId: 'informationCloseRequest',
        response: { 200: contract.requestWriteResponse },
      },
    },
    async (req) => svc.closeRequest(actorOf(req), req.params.id, req.body.version),
  );
  r.get(
    '/api/information/instructions/:id/handwriting',
    {
      schema: {
        tags,
        summary: '手写批示图片',
        params: idParam,
        operationId: 'informationHandwriting',
        response: { 200: binaryFile('image/png', 'PNG') },
      },
    },
    async (req, reply) => {
      const png = await svc.handwriting(actorOf(req), req.params.id);
      return reply
        .type('image/png')
        .headers(downloadHeaders(`批示手写-${req.params.id}.png`, `instruction-${req.params.id}`))
        .send(png);
    },
  );
  r.get(
    '/api/information/statistics.xlsx',
    {
      schema: {
        tags,
        summary: '导出信息工作统计（Excel）',
        querystring: statisticsQuery,
        operationId: 'informationStatisticsExport',
        response: { 200: binaryFile(XLSX) },
      },
    },
    async (req, reply) => {
      const { filename, buffer } = await svc.exportStatistics(actorOf(req), req.query);
      return reply.type(XLSX).headers(downloadHeaders(filename, 'information-statistics')).send(buffer);
    },
  );
}
