/** Request shapes of /api/meetings (zod; they also make the OpenAPI description). */
import { z } from 'zod';
import { GATE_KEYS, MEETING_KINDS } from './meetings.gates.js';

const id = z.coerce.number().int().positive();
const version = z.number().int().positive();
const title = z.string().trim().min(1).max(200);
const level = z.number().int().min(0).max(3);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true });
const unitIds = z.array(z.number().int().positive()).max(50);
const paging = { page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) };

export const idParam = z.object({ id });
export const TOPIC_LAYERS = ['stored', 'preparing', 'scheduled', 'decided', 'withdrawn'] as const;
export const MATERIAL_KINDS = ['outline', 'speech', 'leader_speech', 'other'] as const;
/** 传达提纲, 发言材料, 领导讲话, 其他 */
export const MATERIAL_KIND_INFO: Record<(typeof MATERIAL_KINDS)[number], { zh: string; en: string }> = {
  outline: { zh: '传达提纲', en: 'Briefing outline' },
  speech: { zh: '发言材料', en: 'Speech material' },
  leader_speech: { zh: '领导讲话', en: "Leader's speech" },
  other: { zh: '其他材料', en: 'Other' },
};

export const topicListQuery = z.object({
  layer: z.enum(TOPIC_LAYERS).optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  q: z.string().trim().max(50).optional(),
  ...paging,
});
export const topicCreateBody = z.object({
  title,
  background: z.string().trim().max(5000).default(''),
  proposingUnitId: z.number().int().positive().optional(),
  leaderId: z.number().int().positive().nullable().optional(),
  kind: z.enum(MEETING_KINDS),
  level: level.default(0),
  needsExpert: z.boolean().default(false),
  concernedUnitIds: unitIds.default([]),
});
export const topicUpdateBody = z.object({
  version,
  title: title.optional(),
  background: z.string().trim().max(5000).optional(),
  leaderId: z.number().int().positive().nullable().optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  level: level.optional(),
  needsExpert: z.boolean().optional(),
  concernedUnitIds: unitIds.optional(),
});
export const topicTransitionParams = z.object({ id, action: z.enum(['prepare', 'store', 'withdraw']) });
export const versionBody = z.object({ version });
export const gateParams = z.object({ id, gate: z.enum(GATE_KEYS) });
export const gateBody = z.object({
  /** 0 for a first entry, else the entry's current version. */
  version: z.number().int().min(0),
  unitId: z.number().int().positive().optional(),
  status: z.enum(['confirmed', 'dissent']).default('confirmed'),
  attachmentId: z.number().int().positive().nullable().optional(),
  text: z.string().trim().max(2000).optional(),
});

export const meetingListQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  status: z.enum(['planned', 'notified', 'held', 'minuted', 'cancelled']).optional(),
  ...paging,
  pageSize: z.coerce.number().int().min(1).max(500).default(200),
});
const excused = z.array(z.object({ userId: z.number().int().positive(), reason: z.string().trim().max(200).default('') })).max(200);
export const meetingCreateBody = z.object({
  title,
  kind: z.enum(MEETING_KINDS),
  startsAt: instant,
  endsAt: instant.nullable().optional(),
  place: z.string().trim().min(1).max(200),
  chairId: z.number().int().positive(),
  level: level.default(0),
  attendeeIds: z.array(z.number().int().positive()).max(300).default([]),
  excused: excused.default([]),
});
export const meetingUpdateBody = z.object({
  version,
  title: title.optional(),
  startsAt: instant.optional(),
  endsAt: instant.nullable().optional(),
  place: z.string().trim().min(1).max(200).optional(),
  chairId: z.number().int().positive().optional(),
  level: level.optional(),
  attendeeIds: z.array(z.number().int().positive()).max(300).optional(),
  excused: excused.optional(),
});
export const meetingTransitionParams = z.object({ id, action: z.enum(['notify', 'hold', 'finalize', 'cancel']) });
export const agendaPlaceBody = z.object({ topicId: z.number().int().positive(), topicVersion: version });
export const agendaTopicParams = z.object({ id, topicId: id });
export const agendaRemoveBody = z.object({ topicVersion: version });
export const agendaOrderBody = z.object({ version, topicIds: z.array(z.number().int().positive()).min(1).max(100) });
export const signInBody = z.object({ userId: z.number().int().positive().optional() });
export const materialBody = z.object({
  title,
  kind: z.enum(MATERIAL_KINDS),
  topicId: z.number().int().positive().nullable().optional(),
  level: level.default(0),
});
export const minutesBody = z.object({ version, summary: z.string().trim().max(20000) });
export const decisionCreateBody = z.object({
  topicId: z.number().int().positive(),
  text: z.string().trim().min(1).max(4000),
  leadUnitId: z.number().int().positive(),
  coUnitIds: unitIds.default([]),
  dueDate: date,
});
export const decisionParams = z.object({ id, decisionId: id });
export const decisionUpdateBody = z.object({
  version,
  text: z.string().trim().min(1).max(4000).optional(),
  leadUnitId: z.number().int().positive().optional(),
  coUnitIds: unitIds.optional(),
  dueDate: date.optional(),
});
export const configBody = z.object({
  version: z.number().int().min(0),
  checklists: z.record(z.enum(MEETING_KINDS), z.array(z.object({ key: z.enum(GATE_KEYS), when: z.enum(['always', 'expert_needed']) })).max(GATE_KEYS.length)),
  handlerUnitIds: z.array(z.number().int().positive()).min(1).max(20),
});
