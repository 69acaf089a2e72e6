/** /api/documents: HTTP only — validate, call the service, present. */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LEVELS } from '../../../common/enums.js';
import { actorOf } from '../../platform/http.js';
import { downloadHeaders } from '../../platform/download.js';
import { DATE_FORMAT, dayCell, PAGE_SETUP, setPageHeader } from '../../platform/xlsx-print.js';
import { DOC_TYPES, FLOWS, FLOW_NAMES, RETENTIONS, RETENTION_NAMES, URGENCIES, URGENCY_NAMES } from './documents.constants.js';
import { renderDocx } from './documents.docx.js';
import { layoutHtml, layoutOf } from './documents.layout.js';
import { renderPdf } from './documents.pdf.js';
import {
  actionParam,
  approvalBody,
  decideBody,
  draftBody,
  idParam,
  incomingBody,
  lengthGuideBody,
  listQuery,
  quotasBody,
  transitionBody,
  updateBody,
  yearQuery,
} from './documents.schema.js';
import type { DocumentsService } from './documents.service.js';
import { incomingWorkflow, outgoingWorkflow } from './documents.workflow.js';
import * as contract from '../../../common/documents.js';
import { binaryFile, DOCX, PDF, XLSX } from '../../../common/http.js';

/** Registers the 公文 routes (in this order: the groups below). */
export function registerDocumentsRoutes(app: FastifyInstance, svc: DocumentsService): void {
  registerListRoutes(app, svc);
  registerArchiveExportRoute(app, svc);
  registerQuotaRoutes(app, svc);
  registerItemRoutes(app, svc);
  registerRenderRoutes(app, svc);
}

/** Parameters, the list, 收文签收 and 发文起草. */
function registerListRoutes(app: FastifyInstance, svc: DocumentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get(
    '/api/documents/meta',
    { schema: { tags, summary: '公文参数（文种、状态、紧急程度…）', operationId: 'documentsMeta', response: { 200: contract.metaResponse } } },
    async () => ({
      docTypes: DOC_TYPES,
      urgencies: URGENCIES.map((k) => ({ key: k, zh: URGENCY_NAMES[k] || '普通' })),
      flows: FLOWS.map((k) => ({ key: k, zh: FLOW_NAMES[k] })),
      retentions: RETENTIONS.map((k) => ({ key: k, zh: RETENTION_NAMES[k].zh })),
      levels: LEVELS.map((l) => ({ value: l.value, zh: l.zh })),
      states: { in: incomingWorkflow.states, out: outgoingWorkflow.states },
      actions: {
        in: Object.fromEntries(Object.entries(incomingWorkflow.transitions).map(([k, t]) => [k, t.label])),
        out: Object.fromEntries(Object.entries(outgoingWorkflow.transitions).map(([k, t]) => [k, t.label])),
      },
    }),
  );

  r.get(
    '/api/documents',
    {
      schema: {
        tags,
        summary: '公文列表与检索（含我的待办、逾期、归档）',
        querystring: listQuery,
        operationId: 'documentsList',
        response: { 200: contract.listResponse },
      },
    },
    async (req) => {
      const { page, pageSize, overdue, mine, archived, ...f } = req.query;
      return svc.list(actorOf(req), { ...f, overdue: overdue === '1', mine: mine === '1', archived: archived === '1' }, { page, pageSize });
    },
  );

  r.post(
    '/api/documents/incoming',
    { schema: { tags, summary: '收文签收', body: incomingBody, operationId: 'documentsReceiveIncoming', response: { 201: contract.receiveIncomingResponse } } },
    async (req, reply) => reply.code(201).send(await svc.receiveIncoming(actorOf(req), req.body)),
  );
  r.post(
    '/api/documents/outgoing',
    { schema: { tags, summary: '发文起草', body: draftBody, operationId: 'documentsDraft', response: { 201: contract.draftResponse } } },
    async (req, reply) => reply.code(201).send(await svc.draft(actorOf(req), req.body)),
  );
}

/** The 归档目录 export (Excel). */
function registerArchiveExportRoute(app: FastifyInstance, svc: DocumentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get(
    '/api/documents/archive/export.xlsx',
    {
      schema: {
        tags,
        summary: '归档目录导出（Excel）',
        querystring: yearQuery.partial(),
        operationId: 'documentsExportArchive',
        response: { 200: binaryFile(XLSX) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { items } = await svc.list(actor, { archived: true, year: req.query.year }, { page: 1, pageSize: 10_000 });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('归档目录', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE_SETUP } });
      ws.columns = [
        { header: '档号', key: 'archiveNo', width: 26 },
        { header: '文号', key: 'no', width: 24 },
        { header: '标题', key: 'title', width: 48 },
        { header: '文种', key: 'docType', width: 8 },
        { header: '收/发', key: 'direction', width: 8 },
        { header: '密级', key: 'level', width: 8 },
        { header: '保管期限', key: 'retention', width: 10 },
        { header: '责任单位', key: 'unit', width: 16 },
        { header: '归档时间', key: 'archivedAt', width: 12, style: { numFmt: DATE_FORMAT } },
      ];
      for (const i of items)
        ws.addRow({
          archiveNo: i.archiveNo,
          no: i.docNo ?? i.receiveNo ?? '',
          title: i.title,
          docType: i.docType,
          direction: i.direction === 'in' ? '收文' : '发文',
          level: LEVELS[i.level]?.zh ?? '',
          retention: i.retention ? RETENTION_NAMES[i.retention as keyof typeof RETENTION_NAMES]?.zh : '',
          unit: i.ownerUnitName ?? '',
          archivedAt: dayCell(i.archivedAt) ?? '',
        });
      ws.getRow(1).font = { bold: true };
      setPageHeader(ws, '归档目录', Math.max(0, ...items.map((i) => i.level)));
      await svc.recordExport(actor, items.length);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .headers(downloadHeaders(req.query.year ? `归档目录-${req.query.year}.xlsx` : '归档目录.xlsx', 'archive-catalogue'))
        .send(buf);
    },
  );
}

/** 计划发文 and quotas, 超配额审批, 篇幅指引. */
function registerQuotaRoutes(app: FastifyInstance, svc: DocumentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get(
    '/api/documents/quota/stats',
    {
      schema: {
        tags,
        summary: '计划发文与实际（精文简会）',
        querystring: yearQuery,
        operationId: 'documentsQuotaStats',
        response: { 200: contract.quotaStatsResponse },
      },
    },
    async (req) => svc.quotaStats(actorOf(req), req.query.year),
  );
  r.put(
    '/api/documents/quota',
    { schema: { tags, summary: '设置计划与配额', body: quotasBody, operationId: 'documentsSetQuotas', response: { 200: contract.setQuotasResponse } } },
    async (req) => svc.setQuotas(actorOf(req), req.body.year, req.body.rows),
  );
  r.get(
    '/api/documents/quota/approvals',
    {
      schema: {
        tags,
        summary: '超配额审批列表',
        querystring: yearQuery,
        operationId: 'documentsListApprovals',
        response: { 200: contract.listApprovalsResponse },
      },
    },
    async (req) => svc.listApprovals(actorOf(req), req.query.year),
  );
  r.post(
    '/api/documents/quota/approvals',
    {
      schema: {
        tags,
        summary: '申请超配额发文',
        body: approvalBody,
        operationId: 'documentsRequestApproval',
        response: { 201: contract.requestApprovalResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.requestApproval(actorOf(req), req.body)),
  );
  r.post(
    '/api/documents/quota/approvals/:id/decide',
    {
      schema: {
        tags,
        summary: '审批超配额发文',
        params: idParam,
        body: decideBody,
        operationId: 'documentsDecideApproval',
        response: { 200: contract.decideApprovalResponse },
      },
    },
    async (req) => svc.decideApproval(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/documents/length-guide',
    { schema: { tags, summary: '篇幅指引（字数）', operationId: 'documentsLengthGuide', response: { 200: contract.lengthGuideResponse } } },
    async () => ({ guide: await svc.lengthGuide() }),
  );
  r.put(
    '/api/documents/length-guide',
    {
      schema: { tags, summary: '设置篇幅指引', body: lengthGuideBody, operationId: 'documentsSetLengthGuide', response: { 200: contract.lengthGuideResponse } },
    },
    async (req) => ({
      guide: await svc.setLengthGuide(actorOf(req), req.body.guide as Record<string, number>),
    }),
  );
}

/** One 公文: detail, update, workflow actions, 已阅回执. */
function registerItemRoutes(app: FastifyInstance, svc: DocumentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get(
    '/api/documents/:id',
    { schema: { tags, summary: '公文详情', params: idParam, operationId: 'documentsDetail', response: { 200: contract.detailResponse } } },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/documents/:id',
    {
      schema: {
        tags,
        summary: '修改发文（签发后实质性修改退回签发人）',
        params: idParam,
        body: updateBody,
        operationId: 'documentsUpdate',
        response: { 200: contract.updateResponse },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body as never),
  );
  r.post(
    '/api/documents/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '办理步骤（工作流）',
        params: actionParam,
        body: transitionBody,
        operationId: 'documentsTransition',
        response: { 200: contract.decideApprovalResponse },
      },
    },
    async (req) => svc.transition(actorOf(req), req.params.id, req.params.action, req.body),
  );
  r.post(
    '/api/documents/:id/read',
    { schema: { tags, summary: '传阅已阅回执', params: idParam, operationId: 'documentsMarkRead', response: { 200: contract.markReadResponse } } },
    async (req) => svc.markRead(actorOf(req), req.params.id),
  );
}

/** The 国家标准版式 renderings, DOCX and PDF. */
function registerRenderRoutes(app: FastifyInstance, svc: DocumentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get(
    '/api/documents/:id/render.docx',
    { schema: { tags, summary: '国家标准版式 DOCX', params: idParam, operationId: 'documentsRenderDocx', response: { 200: binaryFile(DOCX) } } },
    async (req, reply) => {
      const { doc, signerName } = await svc.forRender(actorOf(req), req.params.id);
      const buf = await renderDocx(layoutOf(doc, signerName));
      return reply
        .type(DOCX)
        .headers(downloadHeaders(`${doc.doc_no ?? doc.title}.docx`, `document-${doc.id}`))
        .send(buf);
    },
  );
  r.get(
    '/api/documents/:id/render.pdf',
    { schema: { tags, summary: '国家标准版式 PDF', params: idParam, operationId: 'documentsRenderPdf', response: { 200: binaryFile(PDF) } } },
    async (req, reply) => {
      const { doc, signerName } = await svc.forRender(actorOf(req), req.params.id);
      const buf = await renderPdf(layoutHtml(layoutOf(doc, signerName)));
      return reply
        .type(PDF)
        .headers(downloadHeaders(`${doc.doc_no ?? doc.title}.pdf`, `document-${doc.id}`))
        .send(buf);
    },
  );
}
