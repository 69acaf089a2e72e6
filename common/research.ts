/** 调研 (research work): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';

/** 调研选题: 已提出 → 已立项 (a 课题) | 未采纳 (with a reason). */
export const PROPOSAL_STATES = {
  proposed: { zh: '待定', en: 'Proposed' },
  accepted: { zh: '已立项', en: 'Accepted' },
  declined: { zh: '未采纳', en: 'Declined' },
} as const;
export type ProposalState = keyof typeof PROPOSAL_STATES;

/** 课题: 进行中 → 已结题. */
export const TOPIC_STATES = {
  in_progress: { zh: '进行中', en: 'In progress' },
  concluded: { zh: '已结题', en: 'Concluded' },
} as const;
export type TopicState = keyof typeof TOPIC_STATES;

/** 成果转化: 领导批示、转化为文件、转化为会议决策、转为督办. */
export const CONVERSION_KINDS = ['instruction', 'document', 'meeting_decision', 'supervision'] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
export const CONVERSION_KIND_NAMES: Record<ConversionKind, { zh: string; en: string }> = {
  instruction: { zh: '领导批示', en: 'Leader instruction' },
  document: { zh: '转化为文件', en: 'Adopted into a document' },
  meeting_decision: { zh: '转化为会议决策', en: 'Adopted into a meeting decision' },
  supervision: { zh: '转为督办', en: 'Turned into supervision' },
};

export const PROPOSAL_ACTIONS = ['read', 'edit'] as const;
export const TOPIC_ACTIONS = ['read', 'edit', 'addMilestone', 'conclude', 'convert', 'attach'] as const;
export const MILESTONE_ACTIONS = ['complete'] as const;

const ref = z.object({ id: z.number(), name: z.string() });
const name = z.object({ zh: z.string(), en: z.string() });
const light = z.enum(['green', 'yellow', 'red', 'none']);

/** A 调研选题. */
export const proposalView = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  background: z.string(),
  level: z.number(),
  unit: ref,
  proposedBy: ref,
  proposedLead: ref,
  status: z.enum(['proposed', 'accepted', 'declined']),
  statusName: name,
  declineReason: z.string().nullable(),
  decisionId: z.number().nullable(),
  topicId: z.number().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(PROPOSAL_ACTIONS)),
  version: z.number(),
});
export type ProposalView = z.infer<typeof proposalView>;

/** GET /api/research/proposals */
export const proposalListResponse = z.object({
  items: z.array(proposalView),
  can: z.object({ propose: z.boolean(), decide: z.boolean() }),
});

/** A 调研联席会议 decision. */
export const decisionView = z.object({
  id: z.number(),
  year: z.number(),
  heldOn: z.string(),
  attendees: z.string(),
  meetingRef: z.string(),
  recordedBy: ref,
  createdAt: z.string(),
  accepted: z.number(),
  declined: z.number(),
  /** The 课题 it created, in the order given. */
  topicIds: z.array(z.number()),
});
export type DecisionView = z.infer<typeof decisionView>;

/** GET /api/research/decisions */
export const decisionListResponse = z.object({ items: z.array(decisionView) });

/** One milestone of a 课题. */
export const milestoneView = z.object({
  id: z.number(),
  topicId: z.number(),
  title: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  doneBy: ref.nullable(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  light,
  actions: z.array(z.enum(MILESTONE_ACTIONS)),
  version: z.number(),
});
export type MilestoneView = z.infer<typeof milestoneView>;

/** One 转化 link of a 课题's report. */
export const conversionView = z.object({
  id: z.number(),
  kind: z.enum(CONVERSION_KINDS),
  kindName: name,
  reference: z.string(),
  note: z.string(),
  /** The 督办 item registered through 督查督办, when the kind is supervision and the module ran. */
  supervisionItemId: z.number().nullable(),
  supervisionNumber: z.string().nullable(),
  recordedBy: ref,
  recordedAt: z.string(),
});

const topicBase = {
  id: z.number(),
  number: z.string(),
  year: z.number(),
  title: z.string(),
  level: z.number(),
  leadUnit: ref,
  leader: ref.nullable(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['in_progress', 'concluded']),
  statusName: name,
  light,
  concludedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  version: z.number(),
};

/** A 课题 as lists show it. */
export const topicListItem = z.object({ ...topicBase, milestones: z.number(), milestonesDone: z.number(), conversions: z.number() });

/** GET /api/research/topics */
export const topicListResponse = z.object({ items: z.array(topicListItem) });

/** A 课题 with its team, milestones, report and 转化. */
export const topicResponse = z.object({
  ...topicBase,
  background: z.string(),
  proposalId: z.number().nullable(),
  decisionId: z.number().nullable(),
  members: z.array(z.object({ user: ref, unit: ref })),
  milestones: z.array(milestoneView),
  reportSummary: z.string().nullable(),
  libraryItemId: z.number().nullable(),
  /** The report's files (uploaded to the 课题 while in progress; the first is filed with the report). */
  attachments: z.array(z.object({ id: z.number(), filename: z.string(), size: z.number() })),
  conversions: z.array(conversionView),
  actions: z.array(z.enum(TOPIC_ACTIONS)),
});
export type TopicView = z.infer<typeof topicResponse>;

/** A milestone's answer after 完成. */
export const milestoneResponse = milestoneView;
