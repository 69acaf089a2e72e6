/** 会议 (meetings): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { sourceProgress } from './supervision.js';
import { attachmentView, namedRef } from './views.js';

/** A gate (把关事项) key of a meeting kind's checklist. */
export const gateKey = z.enum(['situation_clear', 'legal_review', 'expert_review', 'democratic', 'consensus', 'materials_ready', 'research_done']);

/** One line of a meeting kind's checklist: the gate and when it applies. */
export const checklistLine = z.object({ key: gateKey, when: z.enum(['always', 'expert_needed']) });

/** A meeting kind's name, and whether its meetings decide (议定) topics. */
export const meetingKindName = z.object({ zh: z.string(), en: z.string(), decision: z.boolean() });

/** A gate's recorded confirmation (把关记录), with its evidence. */
export const gateEntry = z.object({
  id: z.number(),
  status: z.string(),
  evidenceAttachmentId: z.number().nullable(),
  evidenceFilename: z.string().nullable(),
  evidenceText: z.string().nullable(),
  confirmedBy: z.number(),
  confirmedByName: z.string(),
  confirmedAt: z.string(),
  version: z.number(),
});

/** One gate of a topic, with its per-unit confirmations where the gate is confirmed unit by unit. */
export const gateView = z.object({
  key: gateKey,
  zh: z.string(),
  en: z.string(),
  perUnit: z.boolean(),
  state: z.enum(['pending', 'passed', 'dissent', 'not_required']),
  entry: gateEntry.nullable(),
  canConfirm: z.boolean(),
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      state: z.enum(['pending', 'passed', 'dissent']),
      entry: gateEntry.nullable(),
      canConfirm: z.boolean(),
    }),
  ),
});

/** A topic (议题) as the pool and a meeting's agenda show it. */
export const topicView = z.object({
  id: z.number(),
  title: z.string(),
  background: z.string().optional(),
  kind: z.enum(['standing_committee', 'plenary', 'deployment', 'special', 'onsite']),
  kindName: meetingKindName,
  level: z.number(),
  needsExpert: z.boolean(),
  status: z.string(),
  statusName: z.union([
    z.object({ zh: z.literal('储存'), en: z.literal('Stored') }),
    z.object({ zh: z.literal('调度'), en: z.literal('Preparing') }),
    z.object({ zh: z.literal('上会'), en: z.literal('On agenda') }),
    z.object({ zh: z.literal('已议定'), en: z.literal('Decided'), terminal: z.literal(true) }),
    z.object({ zh: z.literal('已撤回'), en: z.literal('Withdrawn'), terminal: z.literal(true) }),
  ]),
  proposingUnit: namedRef,
  leader: namedRef.nullable(),
  proposedBy: namedRef,
  concernedUnits: z.array(namedRef),
  meeting: z.object({ id: z.number(), title: z.string().nullable(), startsAt: z.string() }).nullable(),
  agendaOrder: z.number().nullable(),
  gates: z.array(gateView),
  gatesPassed: z.boolean(),
  failedGates: z.array(gateKey),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  actions: z.array(z.string()),
});

/** A meeting's state name (筹备中 … 已取消); the last two are terminal. */
export const meetingStatusName = z.union([
  z.object({ zh: z.literal('筹备中'), en: z.literal('Planned') }),
  z.object({ zh: z.literal('已通知'), en: z.literal('Notified') }),
  z.object({ zh: z.literal('已召开'), en: z.literal('Held') }),
  z.object({ zh: z.literal('纪要已印发'), en: z.literal('Minutes issued'), terminal: z.literal(true) }),
  z.object({ zh: z.literal('已取消'), en: z.literal('Cancelled'), terminal: z.literal(true) }),
]);

/** Answer of `GET /api/meetings/config` (会议类型、把关清单与会务处室). */
export const getConfigResponse = z.object({
  kinds: z.array(z.object({ zh: z.string(), en: z.string(), decision: z.boolean(), key: z.string() })),
  gates: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), perUnit: z.boolean() })),
  materialKinds: z.array(z.object({ zh: z.string(), en: z.string(), key: z.string() })),
  topicStates: z.array(
    z.object({
      key: z.string(),
      zh: z.enum(['储存', '调度', '上会', '已议定', '已撤回']),
      en: z.enum(['Stored', 'Preparing', 'On agenda', 'Decided', 'Withdrawn']),
    }),
  ),
  meetingStates: z.array(
    z.object({
      key: z.string(),
      zh: z.enum(['筹备中', '已通知', '已召开', '纪要已印发', '已取消']),
      en: z.enum(['Planned', 'Notified', 'Held', 'Minutes issued', 'Cancelled']),
    }),
  ),
  checklists: z.object({
    standing_committee: z.array(checklistLine),
    plenary: z.array(checklistLine),
    deployment: z.array(checklistLine),
    special: z.array(checklistLine),
    onsite: z.array(checklistLine),
  }),
  handlerUnitIds: z.array(z.number()),
  version: z.number(),
  me: z.object({ handler: z.boolean(), manager: z.boolean(), configure: z.boolean(), propose: z.boolean() }),
});

/** Answer of `PUT /api/meetings/config` (修改把关清单与会务处室). */
export const putConfigResponse = z.object({ version: z.number() });

/** Answer of `GET /api/meeting-topics` (议题库（储存/调度/上会）). */
export const listTopicsResponse = z.object({
  total: z.number(),
  counts: z.record(z.string(), z.number()),
  items: z.array(topicView),
});

/** A topic (议题) with its gates and files: the answer of `GET /api/meeting-topics/:id` and of every write on a topic. */
export const topicResponse = z.object({
  attachments: z.array(attachmentView),
  ...topicView.shape,
});

/** Answer of `GET /api/meetings` (会议日历/列表). */
export const listMeetingsResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      kind: z.string(),
      kindName: meetingKindName,
      startsAt: z.string(),
      endsAt: z.string().nullable(),
      place: z.string(),
      chair: namedRef,
      level: z.number(),
      status: z.string(),
      statusName: meetingStatusName,
      topicCount: z.number(),
      version: z.number(),
    }),
  ),
});

/** A meeting with its agenda, attendees, materials and decisions: the answer of `GET /api/meetings/:id` and of every write on a meeting. */
export const meetingResponse = z.object({
  id: z.number(),
  title: z.string(),
  kind: z.string(),
  kindName: meetingKindName,
  decisionKind: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  chair: namedRef,
  level: z.number(),
  status: z.string(),
  statusName: meetingStatusName,
  minutesSummary: z.string().nullable(),
  minutesNo: z.number().nullable(),
  checklist: z.array(checklistLine),
  attendees: z.array(
    z.object({
      userId: z.number(),
      name: z.string(),
      unitName: z.string(),
      attendance: z.string(),
      excuseReason: z.string().nullable(),
      notifiedAt: z.string().nullable(),
      signedInAt: z.string().nullable(),
    }),
  ),
  agenda: z.array(topicView),
  materials: z.array(
    z.object({
      id: z.number(),
      topicId: z.number().nullable(),
      kind: z.string(),
      kindName: z.object({ zh: z.string(), en: z.string() }),
      title: z.string(),
      level: z.number(),
      createdAt: z.string(),
      version: z.number(),
      attachments: z.array(attachmentView),
    }),
  ),
  decisions: z.array(
    z.object({
      id: z.number(),
      topicId: z.number(),
      seq: z.number(),
      text: z.string(),
      leadUnit: namedRef,
      coUnits: z.array(namedRef),
      dueDate: z.string(),
      level: z.number(),
      supervisionItemId: z.number().nullable(),
      supervisionNumber: z.string().nullable(),
      progress: z.array(sourceProgress),
      version: z.number(),
    }),
  ),
  createdAt: z.string(),
  version: z.number(),
  actions: z.array(z.string()),
});

/** Answer of `POST /api/meetings/:id/materials` (登记会议材料（传达提纲、发言材料、领导讲话）). */
export const addMaterialResponse = z.object({
  id: z.number(),
  meetingId: z.number(),
  title: z.string(),
  kind: z.string(),
  topicId: z.number().nullable(),
  level: z.number(),
  version: z.number(),
});

/** `/api/meetings/config`. */
export type MeetingsConfig = z.infer<typeof getConfigResponse>;
/** A page of the topic pool. */
export type TopicList = z.infer<typeof listTopicsResponse>;
/** A topic of the pool. */
export type TopicView = TopicList['items'][number];
/** A topic's page. */
export type TopicDetail = z.infer<typeof topicResponse>;
/** One gate of a topic. */
export type GateView = z.infer<typeof gateView>;
/** A gate's recorded confirmation. */
export type GateEntry = z.infer<typeof gateEntry>;
/** A page of the meeting calendar. */
export type MeetingList = z.infer<typeof listMeetingsResponse>;
/** A meeting row of the calendar. */
export type MeetingRow = MeetingList['items'][number];
/** The meeting page's answer. */
export type MeetingDetail = z.infer<typeof meetingResponse>;
/** A file attached to a topic or a material. */
export type FileInfo = z.infer<typeof attachmentView>;
