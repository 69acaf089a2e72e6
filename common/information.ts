/** 信息报送与采编 (information): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { sourceProgress } from './supervision.js';
import { namedRef } from './views.js';

/** 信息类别. */
export const infoKind = z.enum(['工作动态', '经验做法', '问题建议', '社情民意', '紧急信息']);
/** 采用 level: 录用, 编入专报, 报送上级. */
export const adoptLevel = z.enum(['recorded', 'special', 'upper']);
const zhEn = z.object({ zh: z.string(), en: z.string() });

/** One kind's reporting time limit: minutes after the event (紧急信息) or working days. */
export const kindLimit = z.union([z.object({ minutes: z.number().int().min(1).max(1440) }), z.object({ workingDays: z.number().int().min(0).max(30) })]);

/** The module's settings: the reporting time limit of each kind. */
export const informationSettings = z.object({ limits: z.record(infoKind, kindLimit) });
export type InformationSettings = z.infer<typeof informationSettings>;

/** Answer of `GET /api/information/meta`. */
export const metaResponse = z.object({
  kinds: z.array(infoKind),
  adoptLevels: z.array(z.object({ key: adoptLevel, zh: z.string(), en: z.string() })),
  states: z.record(z.string(), zhEn),
  eventStates: z.record(z.string(), zhEn),
  actions: z.record(z.string(), zhEn),
});

/** An item as lists show it. */
export const itemSummary = z.object({
  id: z.number(),
  origin: z.enum(['report', 'merge']),
  kind: z.string(),
  title: z.string(),
  level: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  reporterName: z.string(),
  eventAt: z.string(),
  reportedAt: z.string(),
  dueAt: z.string().nullable(),
  late: z.boolean(),
  delayMinutes: z.number().nullable(),
  firstId: z.number().nullable(),
  mergedIntoId: z.number().nullable(),
  status: z.string(),
  statusName: z.string(),
  adoptLevel: adoptLevel.nullable(),
  version: z.number(),
});

/** Answer of `GET /api/information/items`. */
export const listResponse = z.object({
  total: z.number(),
  items: z.array(itemSummary),
  /** What the actor may do beside the rows: 报送, 采编 (信息处: intake, merge, events), every unit's statistics. */
  can: z.object({ submit: z.boolean(), edit: z.boolean(), viewAllStats: z.boolean() }),
});

/** Answer of a write on an item: its id, new version and status. */
export const writeResponse = z.object({ id: z.number(), version: z.number(), status: z.string() });

/** Answer of `POST /api/information/items` (报送): the new item, and whether it was late (迟报). */
export const submitResponse = z.object({
  id: z.number(),
  version: z.number(),
  status: z.string(),
  dueAt: z.string().nullable(),
  late: z.boolean(),
  delayMinutes: z.number().nullable(),
  eventId: z.number().nullable(),
});

const relatedItem = z.object({ id: z.number(), title: z.string(), status: z.string(), reportedAt: z.string(), late: z.boolean(), unitName: z.string() });

/** Answer of `GET /api/information/items/:id`: the item, its texts, related items, 批示 with their 督办 progress, and the actor's actions. */
export const detailResponse = z.object({
  item: itemSummary.extend({
    body: z.string(),
    eventId: z.number().nullable(),
    returnReason: z.string().nullable(),
    editorName: z.string().nullable(),
    adoptedAt: z.string().nullable(),
  }),
  revisions: z.array(
    z.object({ seq: z.number(), title: z.string(), body: z.string(), note: z.string().nullable(), editorName: z.string(), editedAt: z.string() }),
  ),
  sources: z.array(relatedItem),
  chain: z.array(relatedItem),
  instructions: z.array(
    z.object({
      id: z.number(),
      leaderId: z.number(),
      leaderName: z.string(),
      text: z.string(),
      /** The 批示 carries handwriting (`GET /api/information/instructions/:id/handwriting`). */
      handwriting: z.boolean(),
      createdAt: z.string(),
      version: z.number(),
      supervisionItemId: z.number().nullable(),
      supervision: sourceProgress.nullable(),
    }),
  ),
  actions: z.array(z.string()),
});

/** Answer of `POST /api/information/items/:id/instructions` (批示). */
export const instructResponse = z.object({ id: z.number(), itemId: z.number(), version: z.number() });

/** Answer of `GET /api/information/instructions`: the actor's own 批示, newest first, with the state of their 督办. */
export const myInstructionsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      itemId: z.number(),
      itemTitle: z.string(),
      text: z.string(),
      handwriting: z.boolean(),
      createdAt: z.string(),
      supervisionItemId: z.number().nullable(),
      supervision: sourceProgress.nullable(),
    }),
  ),
});

/** Answer of `POST /api/information/instructions/:id/supervision` (转督办). */
export const convertResponse = z.object({ id: z.number(), version: z.number(), supervisionItemId: z.number(), number: z.string() });

/** An event known to the office. */
export const eventView = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  level: z.number(),
  unit: namedRef,
  occurredAt: z.string(),
  dueAt: z.string(),
  status: z.enum(['open', 'reported', 'missed']),
  reportId: z.number().nullable(),
  missedAt: z.string().nullable(),
  version: z.number(),
});

/** Answer of `GET /api/information/events`. */
export const eventsResponse = z.object({ items: z.array(eventView) });

/** Answer of `POST /api/information/events`. */
export const registerEventResponse = z.object({ id: z.number(), dueAt: z.string() });

/** One unit's figures for a period. */
export const unitStatistics = z.object({
  unitId: z.number(),
  unitName: z.string(),
  reported: z.number(),
  adopted: z.object({ total: z.number(), recorded: z.number(), special: z.number(), upper: z.number() }),
  instructions: z.number(),
  late: z.number(),
  missed: z.number(),
  /** 约稿 of the period asking the unit, and how many of them it answered. */
  requestsAsked: z.number(),
  requestsAnswered: z.number(),
});

/** Answer of `GET /api/information/statistics`. */
export const statisticsResponse = z.object({ from: z.string(), to: z.string(), units: z.array(unitStatistics) });

/** Answer of `GET|PUT /api/information/settings`. */
export const settingsResponse = z.object({ value: informationSettings, version: z.number() });

/** Types of the answers, for the web. */
export type InformationMeta = z.infer<typeof metaResponse>;
export type InformationList = z.infer<typeof listResponse>;
export type InformationRow = InformationList['items'][number];
export type InformationDetail = z.infer<typeof detailResponse>;
export type InformationEvents = z.infer<typeof eventsResponse>;
export type InformationStatistics = z.infer<typeof statisticsResponse>;
export type InformationMyInstructions = z.infer<typeof myInstructionsResponse>;

/** A 约稿 as lists show it. */
export const requestSummary = z.object({
  id: z.number(),
  topic: z.string(),
  level: z.number(),
  deadline: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  asked: z.number(),
  answered: z.number(),
  /** The actor's unit is asked and has not answered yet. */
  owed: z.boolean(),
  version: z.number(),
});

/** Answer of `GET /api/information/requests`. */
export const requestListResponse = z.object({ items: z.array(requestSummary), can: z.object({ create: z.boolean() }) });

/** Answer of `GET /api/information/requests/:id`: the request, each asked unit with its answers (titles only where readable), the actor's actions. */
export const requestDetailResponse = z.object({
  request: requestSummary.extend({ description: z.string(), createdByName: z.string(), closedAt: z.string().nullable(), closedByName: z.string().nullable() }),
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      answered: z.boolean(),
      remindedAt: z.string().nullable(),
      answers: z.array(z.object({ itemId: z.number(), answeredAt: z.string(), title: z.string().nullable(), status: z.string().nullable() })),
    }),
  ),
  actions: z.array(z.string()),
});

/** Answer of a write on a 约稿. */
export const requestWriteResponse = z.object({ id: z.number(), version: z.number(), status: z.string() });

export type InformationRequests = z.infer<typeof requestListResponse>;
export type InformationRequestDetail = z.infer<typeof requestDetailResponse>;
