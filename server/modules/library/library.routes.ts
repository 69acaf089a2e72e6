/** /api/library (资源共享) and /api/search (全文检索): HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http.js';
import { downloadHeaders } from '../../platform/download.js';
import type { AppContext } from '../../platform/module.js';
import * as s from './library.schema.js';
import type { LibraryService } from './library.service.js';
import * as contract from '../../../common/library.js';
import * as searchContract from '../../../common/search.js';
import { binaryFile } from '../../../common/http.js';

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
/** The app with zod schemas as its type provider. */
type Router = ReturnType<typeof typed>;
const tags = ['library'];

/** Registers the library and search routes. */
export function registerLibraryRoutes(app: FastifyInstance, ctx: AppContext, lib: LibraryService): void {
  const r = typed(app);
  itemRoutes(r, lib);
  requestAndCirculationRoutes(r, lib);
  distributionRoutes(r, lib);
  forumAndStatsRoutes(r, lib);
  searchRoutes(r, ctx);
}

/** Items: list, file, detail, edit, similar, uses, attachment download, access request. */
function itemRoutes(r: Router, lib: LibraryService): void {
  r.get(
    '/api/library/items',
    {
      schema: {
        tags,
        summary: '资源库/查阅条目列表',
        querystring: s.listItemsQuery,
        operationId: 'libraryListItems',
        response: { 200: contract.listItemsResponse },
      },
    },
    async (req) => lib.listItems(actorOf(req), req.query),
  );
  r.post(
    '/api/library/items',
    {
      schema: { tags, summary: '报送资源或查阅条目', body: s.createItemBody, operationId: 'libraryCreateItem', response: { 200: contract.createItemResponse } },
    },
    async (req) => lib.createItem(actorOf(req), req.body),
  );
  r.get(
    '/api/library/items/:id',
    { schema: { tags, summary: '条目详情', params: s.idParams, operationId: 'libraryGetItem', response: { 200: contract.getItemResponse } } },
    async (req) => lib.getItem(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/library/items/:id',
    {
      schema: {
        tags,
        summary: '修改条目',
        params: s.idParams,
        body: s.updateItemBody,
        operationId: 'libraryUpdateItem',
        response: { 200: contract.updateItemResponse },
      },
    },
    async (req) => lib.updateItem(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/library/items/:id/similar',
    { schema: { tags, summary: '相似条目', params: s.idParams, operationId: 'librarySimilar', response: { 200: contract.similarResponse } } },
    async (req) => ({
      items: await lib.similar(actorOf(req), req.params.id),
    }),
  );
  r.post(
    '/api/library/items/:id/uses',
    {
      schema: {
        tags,
        summary: '登记应用/转化',
        params: s.idParams,
        body: s.useBody,
        operationId: 'libraryRecordUse',
        response: { 200: contract.recordUseResponse },
      },
    },
    async (req) => lib.recordUse(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/library/items/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: '下载附件（计入下载次数）',
        params: s.fileParams,
        operationId: 'libraryDownloadFile',
        response: { 200: binaryFile('application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await lib.download(actorOf(req), req.params.id, req.params.fileId);
      reply
        .header('Content-Type', f.mime)
        .header('Content-Length', f.size)
        .headers(downloadHeaders(f.filename, `library-${req.params.id}-file-${req.params.fileId}`))
        .header('Content-Security-Policy', "default-src 'none'; sandbox");
      return reply.send(f.stream);
    },
  );

  r.post(
    '/api/library/items/:id/access-requests',
    {
      schema: {
        tags,
        summary: '申请查阅',
        params: s.idParams,
        body: s.requestBody,
        operationId: 'libraryRequestAccess',
        response: { 200: contract.requestAccessResponse },
      },
    },
    async (req) => lib.requestAccess(actorOf(req), req.params.id, req.body),
  );
}

/** Access requests, 传阅 and 议政会 notices. */
function requestAndCirculationRoutes(r: Router, lib: LibraryService): void {
  r.get(
    '/api/library/access-requests',
    {
      schema: {
        tags,
        summary: '查阅申请',
        querystring: s.listRequestsQuery,
        operationId: 'libraryListRequests',
        response: { 200: contract.listRequestsResponse },
      },
    },
    async (req) => lib.listRequests(actorOf(req), req.query),
  );
  r.post(
    '/api/library/access-requests/:id/decide',
    {
      schema: {
        tags,
        summary: '审批查阅申请',
        params: s.idParams,
        body: s.decideBody,
        operationId: 'libraryDecideRequest',
        response: { 200: contract.decideRequestResponse },
      },
    },
    async (req) => lib.decideRequest(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/library/items/:id/circulations',
    {
      schema: {
        tags,
        summary: '传阅',
        params: s.idParams,
        body: s.circulateBody,
        operationId: 'libraryCirculate',
        response: { 200: contract.circulateResponse },
      },
    },
    async (req) => lib.circulate(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/library/circulations',
    {
      schema: {
        tags,
        summary: '传阅列表',
        querystring: s.listCirculationsQuery,
        operationId: 'libraryListCirculations',
        response: { 200: contract.listCirculationsResponse },
      },
    },
    async (req) => lib.listCirculations(actorOf(req), req.query),
  );
  r.post(
    '/api/library/circulations/:id/read',
    {
      schema: { tags, summary: '签阅', params: s.idParams, operationId: 'libraryMarkCirculationRead', response: { 200: contract.markCirculationReadResponse } },
    },
    async (req) => lib.markRead(actorOf(req), req.params.id),
  );
  r.post(
    '/api/library/circulations/:id/remind',
    { schema: { tags, summary: '催阅', params: s.idParams, operationId: 'libraryRemindCirculation', response: { 200: contract.remindCirculationResponse } } },
    async (req) => lib.remind(actorOf(req), req.params.id),
  );

  r.post(
    '/api/library/notices',
    { schema: { tags, summary: '发布议政会通知', body: s.noticeBody, operationId: 'libraryIssueNotice', response: { 200: contract.circulateResponse } } },
    async (req) => lib.issueNotice(actorOf(req), req.body),
  );
}

/** 定期分送 lists. */
function distributionRoutes(r: Router, lib: LibraryService): void {
  r.get(
    '/api/library/distributions',
    { schema: { tags, summary: '定期分送', operationId: 'libraryListDistributions', response: { 200: contract.listDistributionsResponse } } },
    async (req) => lib.listDistributions(actorOf(req)),
  );
  r.post(
    '/api/library/distributions',
    {
      schema: {
        tags,
        summary: '新建定期分送',
        body: s.distributionBody,
        operationId: 'libraryCreateDistribution',
        response: { 200: contract.requestAccessResponse },
      },
    },
    async (req) => lib.createDistribution(actorOf(req), req.body),
  );
  r.get(
    '/api/library/distributions/:id',
    {
      schema: { tags, summary: '定期分送详情', params: s.idParams, operationId: 'libraryGetDistribution', response: { 200: contract.getDistributionResponse } },
    },
    async (req) => lib.getDistribution(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/library/distributions/:id',
    {
      schema: {
        tags,
        summary: '修改定期分送（名称、类别、周期、订阅人、暂停/恢复）',
        params: s.idParams,
        body: s.updateDistributionBody,
        operationId: 'libraryUpdateDistribution',
        response: { 200: contract.updateItemResponse },
      },
    },
    async (req) => lib.updateDistribution(actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/library/distributions/:id',
    {
      schema: {
        tags,
        summary: '删除定期分送',
        params: s.idParams,
        querystring: s.versionQuery,
        operationId: 'libraryDeleteDistribution',
        response: { 200: contract.deleteDistributionResponse },
      },
    },
    async (req) => lib.deleteDistribution(actorOf(req), req.params.id, req.query.version),
  );
}

/** The forum, use statistics and the weights of the score. */
function forumAndStatsRoutes(r: Router, lib: LibraryService): void {
  r.get(
    '/api/library/topics',
    { schema: { tags, summary: '论坛话题', querystring: s.listTopicsQuery, operationId: 'libraryListTopics', response: { 200: contract.listTopicsResponse } } },
    async (req) => lib.listTopics(actorOf(req), req.query),
  );
  r.post(
    '/api/library/topics',
    { schema: { tags, summary: '发起话题', body: s.topicBody, operationId: 'libraryCreateTopic', response: { 200: contract.requestAccessResponse } } },
    async (req) => lib.createTopic(actorOf(req), req.body),
  );
  r.get(
    '/api/library/topics/:id',
    { schema: { tags, summary: '话题详情', params: s.idParams, operationId: 'libraryGetTopic', response: { 200: contract.getTopicResponse } } },
    async (req) => lib.getTopic(actorOf(req), req.params.id),
  );
  r.post(
    '/api/library/topics/:id/replies',
    {
      schema: { tags, summary: '回复', params: s.idParams, body: s.replyBody, operationId: 'libraryReply', response: { 200: contract.requestAccessResponse } },
    },
    async (req) => lib.reply(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/library/topics/:id/moderate',
    {
      schema: {
        tags,
        summary: '版务管理',
        params: s.idParams,
        body: s.moderateBody,
        operationId: 'libraryModerate',
        response: { 200: contract.updateItemResponse },
      },
    },
    async (req) => lib.moderate(actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/library/stats',
    {
      schema: { tags, summary: '成果使用统计与计分', querystring: s.statsQuery, operationId: 'libraryUseStats', response: { 200: contract.useStatsResponse } },
    },
    async (req) => lib.useStats(actorOf(req), req.query),
  );
  r.put(
    '/api/library/weights',
    { schema: { tags, summary: '计分权重', body: s.weightsBody, operationId: 'libraryPutWeights', response: { 200: contract.updateItemResponse } } },
    async (req) => lib.putWeights(actorOf(req), req.body),
  );
}

/** The whole-system search (全文检索) and similar items. */
function searchRoutes(r: Router, ctx: AppContext): void {
  r.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: '全文检索（全系统）',
        querystring: s.searchQuery,
        operationId: 'search',
        response: { 200: searchContract.searchResponse },
      },
    },
    async (req) => ctx.search.query(ctx.db, actorOf(req), req.query),
  );
  r.get(
    '/api/search/similar',
    {
      schema: {
        tags: ['search'],
        summary: '相似条目（举一反三）',
        querystring: s.similarQuery,
        operationId: 'searchSimilar',
        response: { 200: searchContract.similarResponse },
      },
    },
    async (req) => ({
      items: await ctx.search.similar(ctx.db, actorOf(req), req.query.itemType, req.query.itemId, req.query.limit),
    }),
  );
}
