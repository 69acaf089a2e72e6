/** /api/information: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as contract from '../../../common/information.js';
import { actorOf } from '../../platform/http.js';
import { ADOPT_LEVELS, ADOPT_LEVEL_NAMES, EVENT_STATES, INFO_KINDS, ITEM_STATES } from './information.constants.js';
import {
  adoptBody,
  convertBody,
  editBody,
  eventBody,
  idParam,
  instructBody,
  listQuery,
  mergeBody,
  returnBody,
  settingsBody,
  statisticsQuery,
  submitBody,
  versionBody,
} from './information.schema.js';
import { registerInformationRequestRoutes } from './information.requests.routes.js';
import { registerPublicationRoutes } from './information.publications.routes.js';
import type { InformationService } from './information.service.js';
import { itemWorkflow } from './information.workflow.js';

/** Registers the 信息 routes. */
export function registerInformationRoutes(app: FastifyInstance, svc: InformationService): void {
  const r = withZod(app);
  registerItemRoutes(r, svc);
  registerEditingRoutes(r, svc);
  registerOfficeRoutes(r, svc);
  registerInformationRequestRoutes(app, svc);
  registerPublicationRoutes(app, svc.publications);
}

/** The app with zod request and response schemas. */
type ZodRouter = ReturnType<typeof withZod>;
const withZod = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
const tags = ['information'];

/** Parameters, the list, 报送 and the item page. */
function registerItemRoutes(r: ZodRouter, svc: InformationService): void {
  r.get(
    '/api/information/meta',
    { schema: { tags, summary: '信息参数（类别、状态、采用层级）', operationId: 'informationMeta', response: { 200: contract.metaResponse } } },
    async () => ({
      kinds: [...INFO_KINDS],
      adoptLevels: ADOPT_LEVELS.map((k) => ({ key: k, ...ADOPT_LEVEL_NAMES[k] })),
      states: ITEM_STATES,
      eventStates: EVENT_STATES,
      actions: {
        ...Object.fromEntries(Object.entries(itemWorkflow.transitions).map(([k, t]) => [k, t.label])),
        edit: { zh: '编辑', en: 'Edit' },
        followUp: { zh: '续报', en: 'Follow up' },
        instruct: { zh: '批示', en: 'Instruct' },
        convert: { zh: '转督办', en: 'To supervision' },
      },
    }),
  );

  r.get(
    '/api/information/items',
    {
      schema: {
        tags,
        summary: '信息列表（本单位报送、待采编、已采用）',
        querystring: listQuery,
        operationId: 'informationList',
        response: { 200: contract.listResponse },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return svc.list(actorOf(req), filter, { page, pageSize });
    },
  );
  r.post(
    '/api/information/items',
    { schema: { tags, summary: '报送信息（含续报）', body: submitBody, operationId: 'informationSubmit', response: { 201: contract.submitResponse } } },
    async (req, reply) => reply.code(201).send(await svc.submit(actorOf(req), req.body)),
  );
  r.get(
    '/api/information/items/:id',
    {
      schema: {
        tags,
        summary: '信息详情（原稿与修改记录、批示、督办进展）',
        params: idParam,
        operationId: 'informationDetail',
        response: { 200: contract.detailResponse },
      },
    },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );
}

/** 采编 (take, return, edit, adopt, merge), 批示 and 转督办. */
function registerEditingRoutes(r: ZodRouter, svc: InformationService): void {
  r.post(
    '/api/information/items/:id/take',
    {
      schema: {
        tags,
        summary: '采编（接收编辑）',
        params: idParam,
        body: versionBody,
        operationId: 'informationTake',
        response: { 200: contract.writeResponse },
      },
    },
    async (req) => svc.take(actorOf(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/information/items/:id/return',
    {
      schema: {
        tags,
        summary: '退回（附理由）',
        params: idParam,
        body: returnBody,
        operationId: 'informationReturn',
        response: { 200: contract.writeResponse },
      },
    },
    async (req) => svc.return(actorOf(req), req.params.id, req.body.version, req.body.reason),
  );
  r.post(
    '/api/information/items/:id/edit',
    {
      schema: {
        tags,
        summary: '编辑（保留原稿与每次修改）',
        params: idParam,
        body: editBody,
        operationId: 'informationEdit',
        response: { 200: contract.writeResponse },
      },
    },
    async (req) => svc.edit(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/information/items/:id/adopt',
    {
      schema: {
        tags,
        summary: '采用（录用、编入专报、报送上级）',
        params: idParam,
        body: adoptBody,
        operationId: 'informationAdopt',
        response: { 200: contract.writeResponse },
      },
    },
    async (req) => svc.adopt(actorOf(req), req.params.id, req.body.version, req.body.level),
  );
  r.post(
    '/api/information/merge',
    { schema: { tags, summary: '合并多条信息', body: mergeBody, operationId: 'informationMerge', response: { 201: contract.writeResponse } } },
    async (req, reply) => reply.code(201).send(await svc.merge(actorOf(req), req.body)),
  );
  r.post(
    '/api/information/items/:id/instructions',
    {
      schema: {
        tags,
        summary: '领导批示',
        params: idParam,
        body: instructBody,
        operationId: 'informationInstruct',
        response: { 201: contract.instructResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.instruct(actorOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/information/instructions',
    { schema: { tags, summary: '我的批示（及督办进展）', operationId: 'informationMyInstructions', response: { 200: contract.myInstructionsResponse } } },
    async (req) => svc.myInstructions(actorOf(req)),
  );
  r.post(
    '/api/information/instructions/:id/supervision',
    {
      schema: {
        tags,
        summary: '批示转督办（批示件）',
        params: idParam,
        body: convertBody,
        operationId: 'informationConvert',
        response: { 201: contract.convertResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.convert(actorOf(req), req.params.id, req.body)),
  );
}

/** Events known to the office, statistics and settings. */
function registerOfficeRoutes(r: ZodRouter, svc: InformationService): void {
  r.get(
    '/api/information/events',
    { schema: { tags, summary: '掌握的突发事件（漏报核查）', operationId: 'informationEvents', response: { 200: contract.eventsResponse } } },
    async (req) => svc.events(actorOf(req)),
  );
  r.post(
    '/api/information/events',
    {
      schema: { tags, summary: '登记掌握的事件', body: eventBody, operationId: 'informationRegisterEvent', response: { 201: contract.registerEventResponse } },
    },
    async (req, reply) => reply.code(201).send(await svc.registerEvent(actorOf(req), req.body)),
  );

  r.get(
    '/api/information/statistics',
    {
      schema: {
        tags,
        summary: '信息工作统计（报送、采用、批示、迟报、漏报）',
        querystring: statisticsQuery,
        operationId: 'informationStatistics',
        response: { 200: contract.statisticsResponse },
      },
    },
    async (req) => svc.statisticsFor(actorOf(req), req.query),
  );

  r.get(
    '/api/information/settings',
    { schema: { tags, summary: '报送时限设置', operationId: 'informationSettings', response: { 200: contract.settingsResponse } } },
    async (req) => svc.settings(actorOf(req)),
  );
  r.put(
    '/api/information/settings',
    { schema: { tags, summary: '修改报送时限', body: settingsBody, operationId: 'informationPutSettings', response: { 200: contract.settingsResponse } } },
    async (req) => svc.putSettings(actorOf(req), req.body.version, req.body.value),
  );
}
