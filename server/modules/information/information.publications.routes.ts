/** /api/information/publications and /api/information/issues: 信息刊物 (期刊) — HTTP only: validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as contract from '../../../common/information-publications.js';
import { binaryFile, DOCX, PDF } from '../../../common/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { actorOf } from '../../platform/http.js';
import { renderPdf } from '../../platform/pdf.js';
import { renderDocx } from '../documents/documents.docx.js';
import { layoutHtml } from '../documents/documents.layout.js';
import type { PublicationsService } from './information.publications.service.js';

const tags = ['information'];
const dbId = z.number().int().positive().max(2_147_483_647);
const version = z.number().int().min(1).max(2_147_483_647);
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const readershipBody = z.object({ units: z.array(dbId).max(500), users: z.array(dbId).max(500) });
const publicationBody = z.object({
  name: z.string().trim().min(1).max(40),
  minAdoptLevel: z.enum(['recorded', 'special', 'upper']),
  level: z.number().int().min(0).max(3),
  orgName: z.string().trim().min(1).max(60),
  readership: readershipBody,
  reportTo: z.string().trim().max(200).nullable().optional(),
});
const publicationUpdateBody = publicationBody.partial().extend({ active: z.boolean().optional(), version });
const issuesQuery = z.object({
  status: z.enum(['draft', 'submitted', 'head_signed', 'published', 'abandoned']).optional(),
  publicationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  unread: z.enum(['0', '1']).optional(),
});
const adoptableQuery = z.object({ publicationId: z.coerce.number().int().positive().max(2_147_483_647) });
const issueBody = z.object({ publicationId: dbId });
const issueUpdateBody = z.object({ version, note: z.string().trim().max(2000).optional(), itemIds: z.array(dbId).max(100).optional() });
const versionBody = z.object({ version });
const returnBody = z.object({ version, reason: z.string().trim().min(1).max(500) });

/** Registers the 刊物 routes (called from `registerInformationRoutes`). */
export function registerPublicationRoutes(app: FastifyInstance, svc: PublicationsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/information/publications',
    { schema: { tags, summary: '信息刊物列表', operationId: 'informationPublications', response: { 200: contract.publicationsResponse } } },
    async (req) => svc.publications(actorOf(req)),
  );
  r.post(
    '/api/information/publications',
    {
      schema: {
        tags,
        summary: '新增刊物',
        body: publicationBody,
        operationId: 'informationPublicationCreate',
        response: { 201: contract.publicationWriteResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createPublication(actorOf(req), req.body)),
  );
  r.put(
    '/api/information/publications/:id',
    {
      schema: {
        tags,
        summary: '修改刊物（更名、停用、分送范围、密级）',
        params: idParam,
        body: publicationUpdateBody,
        operationId: 'informationPublicationUpdate',
        response: { 200: contract.publicationWriteResponse },
      },
    },
    async (req) => svc.updatePublication(actorOf(req), req.params.id, req.body),
  );
  registerIssueRoutes(app, svc);
}

/** 期: list, candidates, draft, sign-off steps, read receipts and the rendered files. */
function registerIssueRoutes(app: FastifyInstance, svc: PublicationsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/information/issues',
    {
      schema: {
        tags,
        summary: '刊物各期（编辑、待签、已印发、未读）',
        querystring: issuesQuery,
        operationId: 'informationIssues',
        response: { 200: contract.issuesResponse },
      },
    },
    async (req) => svc.issues(actorOf(req), { status: req.query.status, publicationId: req.query.publicationId, unread: req.query.unread === '1' }),
  );
  r.get(
    '/api/information/adoptable',
    {
      schema: {
        tags,
        summary: '可编入刊物的已采用信息',
        querystring: adoptableQuery,
        operationId: 'informationAdoptable',
        response: { 200: contract.adoptableResponse },
      },
    },
    async (req) => svc.adoptable(actorOf(req), req.query.publicationId),
  );
  r.post(
    '/api/information/issues',
    { schema: { tags, summary: '新建一期（草稿）', body: issueBody, operationId: 'informationIssueCreate', response: { 201: contract.issueWriteResponse } } },
    async (req, reply) => reply.code(201).send(await svc.createIssue(actorOf(req), req.body.publicationId)),
  );
  r.get(
    '/api/information/issues/:id',
    { schema: { tags, summary: '一期刊物（阅读页）', params: idParam, operationId: 'informationIssue', response: { 200: contract.issueDetailResponse } } },
    async (req) => svc.issue(actorOf(req), req.params.id),
  );
  r.put(
    '/api/information/issues/:id',
    {
      schema: {
        tags,
        summary: '编辑本期（编入信息、排序、按语）',
        params: idParam,
        body: issueUpdateBody,
        operationId: 'informationIssueUpdate',
        response: { 200: contract.issueWriteResponse },
      },
    },
    async (req) => svc.updateIssue(actorOf(req), req.params.id, req.body),
  );
  const steps = [
    ['submit', '送审签', 'informationIssueSubmit'],
    ['sign', '审签／签发（主任签发时编号印发）', 'informationIssueSign'],
    ['abandon', '作废草稿', 'informationIssueAbandon'],
  ] as const;
  for (const [path, summary, operationId] of steps)
    r.post(
      `/api/information/issues/:id/${path}`,
      { schema: { tags, summary, params: idParam, body: versionBody, operationId, response: { 200: contract.issueWriteResponse } } },
      async (req) => svc[path](actorOf(req), req.params.id, req.body.version),
    );
  r.post(
    '/api/information/issues/:id/return',
    {
      schema: {
        tags,
        summary: '退回（附理由）',
        params: idParam,
        body: returnBody,
        operationId: 'informationIssueReturn',
        response: { 200: contract.issueWriteResponse },
      },
    },
    async (req) => svc.return(actorOf(req), req.params.id, req.body.version, req.body.reason),
  );
  r.post(
    '/api/information/issues/:id/read',
    { schema: { tags, summary: '已阅（阅读回执）', params: idParam, operationId: 'informationIssueRead', response: { 200: contract.markReadResponse } } },
    async (req) => svc.markRead(actorOf(req), req.params.id),
  );
  r.get(
    '/api/information/issues/:id/receipts',
    {
      schema: {
        tags,
        summary: '阅读回执（谁何时阅读）',
        params: idParam,
        operationId: 'informationIssueReceipts',
        response: { 200: contract.receiptsResponse },
      },
    },
    async (req) => svc.receipts(actorOf(req), req.params.id),
  );
  r.get(
    '/api/information/issues/:id/render.docx',
    { schema: { tags, summary: '刊物版式 DOCX', params: idParam, operationId: 'informationIssueDocx', response: { 200: binaryFile(DOCX) } } },
    async (req, reply) => {
      const { model, fileName } = await svc.layout(actorOf(req), req.params.id);
      const buf = await renderDocx(model);
      return reply
        .type(DOCX)
        .headers(downloadHeaders(`${fileName}.docx`, `issue-${req.params.id}`))
        .send(buf);
    },
  );
  r.get(
    '/api/information/issues/:id/render.pdf',
    { schema: { tags, summary: '刊物版式 PDF', params: idParam, operationId: 'informationIssuePdf', response: { 200: binaryFile(PDF) } } },
    async (req, reply) => {
      const { model, fileName } = await svc.layout(actorOf(req), req.params.id);
      const buf = await renderPdf(layoutHtml(model));
      return reply
        .type(PDF)
        .headers(downloadHeaders(`${fileName}.pdf`, `issue-${req.params.id}`))
        .send(buf);
    },
  );
}
