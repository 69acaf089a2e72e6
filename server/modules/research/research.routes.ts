/** /api/research: HTTP only — validate, call the service, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as contract from '../../../common/research.js';
import { actorOf } from '../../platform/http.js';
import * as s from './research.schema.js';
import type { ResearchService } from './research.service.js';

const tags = ['research'];

/** Registers the 调研 routes: proposals and decisions here, 课题 in `registerTopicRoutes`. */
export function registerResearchRoutes(app: FastifyInstance, svc: ResearchService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/research/proposals',
    {
      schema: {
        tags,
        summary: '调研选题列表',
        querystring: s.proposalListQuery,
        operationId: 'researchProposals',
        response: { 200: contract.proposalListResponse },
      },
    },
    async (req) => svc.listProposals(actorOf(req), req.query),
  );
  r.post(
    '/api/research/proposals',
    { schema: { tags, summary: '提出调研选题', body: s.proposalBody, operationId: 'researchPropose', response: { 200: contract.proposalView } } },
    async (req) => svc.propose(actorOf(req), req.body),
  );
  r.get(
    '/api/research/proposals/:id',
    { schema: { tags, summary: '调研选题详情', params: s.idParam, operationId: 'researchProposal', response: { 200: contract.proposalView } } },
    async (req) => svc.getProposal(actorOf(req), req.params.id),
  );
  r.put(
    '/api/research/proposals/:id',
    {
      schema: {
        tags,
        summary: '修改调研选题',
        params: s.idParam,
        body: s.proposalUpdateBody,
        operationId: 'researchUpdateProposal',
        response: { 200: contract.proposalView },
      },
    },
    async (req) => svc.updateProposal(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/research/decisions',
    { schema: { tags, summary: '调研联席会议决定列表', operationId: 'researchDecisions', response: { 200: contract.decisionListResponse } } },
    async (req) => svc.listDecisions(actorOf(req)),
  );
  r.post(
    '/api/research/decisions',
    {
      schema: {
        tags,
        summary: '记录调研联席会议决定（立项、不予立项）',
        body: s.decisionBody,
        operationId: 'researchDecide',
        response: { 200: contract.decisionView },
      },
    },
    async (req) => svc.decide(actorOf(req), req.body),
  );
  registerTopicRoutes(app, svc);
}

/** The 课题 routes: list, detail, edit, milestones, 结题 and 转化. */
function registerTopicRoutes(app: FastifyInstance, svc: ResearchService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/research/topics',
    { schema: { tags, summary: '调研课题列表', querystring: s.topicListQuery, operationId: 'researchTopics', response: { 200: contract.topicListResponse } } },
    async (req) => svc.listTopics(actorOf(req), { ...req.query, mine: req.query.mine === 'true' }),
  );
  r.get(
    '/api/research/topics/:id',
    { schema: { tags, summary: '调研课题详情', params: s.idParam, operationId: 'researchTopic', response: { 200: contract.topicResponse } } },
    async (req) => svc.getTopic(actorOf(req), req.params.id),
  );
  r.put(
    '/api/research/topics/:id',
    {
      schema: {
        tags,
        summary: '修改调研课题（课题组、时限）',
        params: s.idParam,
        body: s.topicUpdateBody,
        operationId: 'researchUpdateTopic',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.updateTopic(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/research/topics/:id/milestones',
    {
      schema: {
        tags,
        summary: '添加课题节点',
        params: s.idParam,
        body: s.milestoneBody,
        operationId: 'researchAddMilestone',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.addMilestone(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/research/milestones/:id/done',
    {
      schema: {
        tags,
        summary: '课题节点完成',
        params: s.idParam,
        body: s.completeBody,
        operationId: 'researchCompleteMilestone',
        response: { 200: contract.milestoneResponse },
      },
    },
    async (req) => svc.completeMilestone(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/research/topics/:id/conclude',
    {
      schema: {
        tags,
        summary: '结题（报告入资源共享库）',
        params: s.idParam,
        body: s.concludeBody,
        operationId: 'researchConclude',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.conclude(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/research/topics/:id/conversions',
    {
      schema: {
        tags,
        summary: '记录成果转化',
        params: s.idParam,
        body: s.conversionBody,
        operationId: 'researchConvert',
        response: { 200: contract.topicResponse },
      },
    },
    async (req) => svc.convert(actorOf(req), req.params.id, req.body),
  );
}
