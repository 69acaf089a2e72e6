/** /api/meetings: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http.js';
import { downloadHeaders } from '../../platform/download.js';
import * as s from './meetings.schema.js';
import type { MeetingsService } from './meetings.service.js';
import * as contract from '../../../common/meetings.js';
import { binaryFile, DOCX } from '../../../common/http.js';

const tags = ['meetings'];

/** Registers the 会议 routes. */
export function registerMeetingsRoutes(app: FastifyInstance, svc: MeetingsService): void {
  registerTopicRoutes(app, svc);
  registerMeetingRoutes(app, svc);
  registerMeetingWorkRoutes(app, svc);
}

/** The configuration and the topics (议题库, gates). */
function registerTopicRoutes(app: FastifyInstance, svc: MeetingsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/meetings/config',
    { schema: { tags, summary: '会议类型、把关清单与会务处室', operationId: 'meetingsGetConfig', response: { 200: contract.getConfigResponse } } },
    async (req) => svc.getConfig(actorOf(req)),
  );
  r.put(
    '/api/meetings/config',
    {
      schema: { tags, summary: '修改把关清单与会务处室', body: s.configBody, operationId: 'meetingsPutConfig', response: { 200: contract.putConfigResponse } },
    },
    async (req) => svc.putConfig(actorOf(req), req.body),
  );

  r.get(
    '/api/meeting-topics',
    {
      schema: {
        tags,
        summary: '议题库（储存/调度/上会）',
        querystring: s.topicListQuery,
        operationId: 'meetingsListTopics',
        response: { 200: contract.listTopicsResponse },
      },
    },
    async (req) => svc.listTopics(actorOf(req), req.query),
  );
  r.post(
    '/api/meeting-topics',
    { schema: { tags, summary: '提出议题', body: s.topicCreateBody, operationId: 'meetingsProposeTopic', response: { 200: contract.topicResponse } } },
    async (req) => svc.proposeTopic(actorOf(req), req.body),
  );
  r.get(
    '/api/meeting-topics/:id',
    {
      schema: { tags, summary: '议题详情（含把关情况）', params: s.idParam, operationId: 'meetingsGetTopic', response: { 200: contract.topicResponse } },
    },
    async (req) => svc.getTopic(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/meeting-topics/:id',
    {
      schema: {
        tags,
        summary: '修改议题',
        params: s.idParam,
        body: s.topicUpdateBody,
        operationId: 'meetingsUpdateTopic',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.updateTopic(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/meeting-topics/:id/transitions/:action',
    {
      schema: {
        tags,
        summary: '议题转入调度/转回储存/撤回',
        params: s.topicTransitionParams,
        body: s.versionBody,
        operationId: 'meetingsTransitionTopic',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.transitionTopic(actorOf(req), req.params.id, req.params.action, req.body.version),
  );
  r.post(
    '/api/meeting-topics/:id/gates/:gate',
    {
      schema: {
        tags,
        summary: '确认把关事项（附佐证）或记录不同意见',
        params: s.gateParams,
        body: s.gateBody,
        operationId: 'meetingsConfirmGate',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.confirmGate(actorOf(req), req.params.id, req.params.gate, req.body),
  );
}

/** The meetings: calendar, detail, edits, steps and the agenda. */
function registerMeetingRoutes(app: FastifyInstance, svc: MeetingsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '会议日历/列表',
        querystring: s.meetingListQuery,
        operationId: 'meetingsListMeetings',
        response: { 200: contract.listMeetingsResponse },
      },
    },
    async (req) => svc.listMeetings(actorOf(req), req.query),
  );
  r.post(
    '/api/meetings',
    {
      schema: { tags, summary: '新建会议', body: s.meetingCreateBody, operationId: 'meetingsCreateMeeting', response: { 200: contract.meetingResponse } },
    },
    async (req) => svc.createMeeting(actorOf(req), req.body),
  );
  r.get(
    '/api/meetings/:id',
    { schema: { tags, summary: '会议详情', params: s.idParam, operationId: 'meetingsGetMeeting', response: { 200: contract.meetingResponse } } },
    async (req) => svc.getMeeting(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: '修改会议（时间、地点、主持、出席与请假）',
        params: s.idParam,
        body: s.meetingUpdateBody,
        operationId: 'meetingsUpdateMeeting',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.updateMeeting(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/meetings/:id/transitions/:action',
    {
      schema: {
        tags,
        summary: '发出通知/召开/印发纪要/取消',
        params: s.meetingTransitionParams,
        body: s.versionBody,
        operationId: 'meetingsTransitionMeeting',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.transitionMeeting(actorOf(req), req.params.id, req.params.action, req.body.version),
  );
  r.post(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: '议题上会（列入议程，须通过把关）',
        params: s.idParam,
        body: s.agendaPlaceBody,
        operationId: 'meetingsPlaceOnAgenda',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.placeOnAgenda(actorOf(req), req.params.id, req.body.topicId, req.body.topicVersion),
  );
  r.post(
    '/api/meetings/:id/agenda/:topicId/remove',
    {
      schema: {
        tags,
        summary: '撤出议程',
        params: s.agendaTopicParams,
        body: s.agendaRemoveBody,
        operationId: 'meetingsRemoveFromAgenda',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.removeFromAgenda(actorOf(req), req.params.id, req.params.topicId, req.body.topicVersion),
  );
  r.put(
    '/api/meetings/:id/agenda/order',
    {
      schema: {
        tags,
        summary: '议程排序',
        params: s.idParam,
        body: s.agendaOrderBody,
        operationId: 'meetingsOrderAgenda',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.orderAgenda(actorOf(req), req.params.id, req.body.version, req.body.topicIds),
  );
}

/** The work of a meeting: sign-in, materials, minutes, decisions and 会后督办. */
function registerMeetingWorkRoutes(app: FastifyInstance, svc: MeetingsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/meetings/:id/sign-in',
    {
      schema: {
        tags,
        summary: '签到',
        params: s.idParam,
        body: s.signInBody,
        operationId: 'meetingsSignIn',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.signIn(actorOf(req), req.params.id, req.body.userId),
  );
  r.post(
    '/api/meetings/:id/materials',
    {
      schema: {
        tags,
        summary: '登记会议材料（传达提纲、发言材料、领导讲话）',
        params: s.idParam,
        body: s.materialBody,
        operationId: 'meetingsAddMaterial',
        response: { 200: contract.addMaterialResponse },
      },
    },
    async (req) => svc.addMaterial(actorOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags,
        summary: '填写会议纪要',
        params: s.idParam,
        body: s.minutesBody,
        operationId: 'meetingsSaveMinutes',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.saveMinutes(actorOf(req), req.params.id, req.body.version, req.body.summary),
  );
  r.get(
    '/api/meetings/:id/minutes.docx',
    { schema: { tags, summary: '导出纪要（DOCX）', params: s.idParam, operationId: 'meetingsMinutesDocx', response: { 200: binaryFile(DOCX) } } },
    async (req, reply) => {
      const { filename, buffer } = await svc.minutesDocx(actorOf(req), req.params.id);
      return reply
        .type(DOCX)
        .headers(downloadHeaders(filename, `minutes-${req.params.id}`))
        .send(buffer);
    },
  );
  r.post(
    '/api/meetings/:id/decisions',
    {
      schema: {
        tags,
        summary: '记录议定事项',
        params: s.idParam,
        body: s.decisionCreateBody,
        operationId: 'meetingsAddDecision',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.addDecision(actorOf(req), req.params.id, req.body),
  );
  r.patch(
    '/api/meetings/:id/decisions/:decisionId',
    {
      schema: {
        tags,
        summary: '修改议定事项',
        params: s.decisionParams,
        body: s.decisionUpdateBody,
        operationId: 'meetingsUpdateDecision',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.updateDecision(actorOf(req), req.params.id, req.params.decisionId, req.body),
  );
  r.post(
    '/api/meetings/:id/supervise',
    {
      schema: {
        tags,
        summary: '会后督办：议定事项转督办（一步立项）',
        params: s.idParam,
        body: z.object({
          decisions: z
            .array(z.object({ id: z.number().int().positive(), version: z.number().int().positive() }))
            .min(1)
            .max(100)
            .optional(),
        }),
        operationId: 'meetingsSupervise',
        response: { 200: contract.meetingResponse },
      },
    },
    async (req) => svc.supervise(actorOf(req), req.params.id, req.body.decisions),
  );
}
