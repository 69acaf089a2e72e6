/** /api/archives: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { binaryFile, PDF, XLSX } from '../../../common/http.js';
import * as contract from '../../../common/archives.js';
import * as s from './archives.schema.js';
import type { ArchivesService } from './archives.service.js';

const tags = ['archives'];

/** Registers the 保密档案 routes. */
export function registerArchivesRoutes(app: FastifyInstance, svc: ArchivesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/archives',
    { schema: { tags, summary: '案卷目录', querystring: s.listQuery, operationId: 'archivesList', response: { 200: contract.listRecordsResponse } } },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.post(
    '/api/archives',
    {
      schema: {
        tags,
        summary: '归档（档案处）：生成卷宗并编档号',
        body: s.archiveBody,
        operationId: 'archivesArchive',
        response: { 200: contract.recordResponse },
      },
    },
    async (req) => svc.archive(actorOf(req), req.body),
  );
  r.get(
    '/api/archives/candidates',
    { schema: { tags, summary: '待归档的已办结事项（档案处）', operationId: 'archivesCandidates', response: { 200: contract.candidatesResponse } } },
    async (req) => svc.candidates(actorOf(req)),
  );
  r.get(
    '/api/archives/export.xlsx',
    { schema: { tags, summary: '导出案卷目录（Excel）', querystring: s.exportQuery, operationId: 'archivesExport', response: { 200: binaryFile(XLSX) } } },
    async (req, reply) => {
      const { filename, buffer } = await svc.exportCatalogue(actorOf(req), req.query.year);
      return reply.type(XLSX).headers(downloadHeaders(filename, 'archives-catalogue')).send(buffer);
    },
  );
  r.get(
    '/api/archives/loans',
    {
      schema: {
        tags,
        summary: '借阅登记（档案处：全部；其他人：本人的）',
        querystring: s.statusQuery,
        operationId: 'archivesLoans',
        response: { 200: contract.loansResponse },
      },
    },
    async (req) => svc.listLoans(actorOf(req), req.query.status),
  );
  const loanStep = (path: 'approve' | 'refuse', summary: string, operationId: string) =>
    r.post(
      `/api/archives/loans/:id/${path}`,
      { schema: { tags, summary, params: s.idParam, body: s.decideLoanBody, operationId, response: { 200: contract.loanView } } },
      async (req) => svc.decideLoan(actorOf(req), req.params.id, path === 'approve', req.body),
    );
  loanStep('approve', '同意借阅（档案处）', 'archivesLoanApprove');
  loanStep('refuse', '不同意借阅（档案处）', 'archivesLoanRefuse');
  r.post(
    '/api/archives/loans/:id/return',
    { schema: { tags, summary: '归还', params: s.idParam, body: s.versionBody, operationId: 'archivesLoanReturn', response: { 200: contract.loanView } } },
    async (req) => svc.returnLoan(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/archives/reviews',
    {
      schema: {
        tags,
        summary: '解密/延期审查队列（机要保密处）',
        querystring: s.statusQuery,
        operationId: 'archivesReviews',
        response: { 200: contract.reviewsResponse },
      },
    },
    async (req) => svc.listReviews(actorOf(req), req.query.status),
  );
  r.post(
    '/api/archives/reviews/:id/decide',
    {
      schema: {
        tags,
        summary: '解密、延期或降密决定（机要保密处）',
        params: s.idParam,
        body: s.decideReviewBody,
        operationId: 'archivesReviewDecide',
        response: { 200: contract.reviewView },
      },
    },
    async (req) => svc.decideReview(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/archives/:id',
    { schema: { tags, summary: '档案详情', params: s.idParam, operationId: 'archivesGet', response: { 200: contract.recordResponse } } },
    async (req) => svc.get(actorOf(req), req.params.id),
  );
  r.get(
    '/api/archives/:id/bundle.pdf',
    { schema: { tags, summary: '下载卷宗（PDF）', params: s.idParam, operationId: 'archivesBundle', response: { 200: binaryFile(PDF) } } },
    async (req, reply) => {
      const { filename, stream } = await svc.bundle(actorOf(req), req.params.id);
      return reply.type(PDF).headers(downloadHeaders(filename, 'archive-bundle')).send(stream);
    },
  );
  r.post(
    '/api/archives/:id/loans',
    { schema: { tags, summary: '借阅申请', params: s.idParam, body: s.loanBody, operationId: 'archivesLoanRequest', response: { 200: contract.loanView } } },
    async (req) => svc.requestLoan(actorOf(req), req.params.id, req.body),
  );
}
