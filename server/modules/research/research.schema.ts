/** Request shapes of /api/research (zod; they also make the OpenAPI description). */
import { z } from 'zod';
import { CONVERSION_KINDS } from '../../../common/research.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const dbId = z.number().int().positive().max(2_147_483_647);
const version = z.number().int().positive().max(2_147_483_647);
const line = (max: number) => z.string().trim().min(1).max(max);
const text = (max: number) => z.string().trim().max(max).default('');
const date = z.iso.date();
const level = z.number().int().min(0).max(3);
const year = z.number().int().min(2000).max(2100);
const page = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const idParam = z.object({ id });

export const proposalBody = z.object({
  title: line(200),
  background: z.string().trim().min(1).max(5000),
  /** 建议牵头单位. */
  leadUnitId: dbId,
  level: level.optional(),
  year: year.optional(),
});
export const proposalUpdateBody = proposalBody.extend({ version });

export const proposalListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['proposed', 'accepted', 'declined']).optional(),
  ...page,
});

export const decisionBody = z.object({
  year: year.optional(),
  heldOn: date,
  attendees: line(2000),
  /** A meeting of the meetings module (e.g. '会议 #12') or a free reference. */
  meetingRef: text(200),
  accepted: z
    .array(
      z.object({
        proposalId: dbId,
        leadUnitId: dbId.optional(),
        leaderId: dbId.nullish(),
        startDate: date.optional(),
        endDate: date,
        memberIds: z.array(dbId).max(100).default([]),
      }),
    )
    .max(200)
    .default([]),
  declined: z
    .array(z.object({ proposalId: dbId, reason: line(2000) }))
    .max(200)
    .default([]),
});

export const topicListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['in_progress', 'concluded']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...page,
});

export const topicUpdateBody = z.object({
  version,
  title: line(200),
  background: z.string().trim().min(1).max(5000),
  level,
  leadUnitId: dbId,
  leaderId: dbId.nullable(),
  startDate: date,
  endDate: date,
  memberIds: z.array(dbId).max(100),
});

export const milestoneBody = z.object({ title: line(200), dueDate: date });
export const completeBody = z.object({ version, note: text(2000) });

export const concludeBody = z.object({
  version,
  /** 报告摘要 (filed into 资源共享 as the item's summary). */
  summary: z.string().trim().min(1).max(5000),
  keywords: z.array(line(20)).max(10).default([]),
  /** File the report as a 查阅条目 (title and summary findable by everyone cleared). */
  catalog: z.boolean().default(false),
});

export const conversionBody = z.object({
  kind: z.enum(CONVERSION_KINDS),
  /** 批示领导与日期、文件文号、会议名称与决定事项… */
  reference: line(500),
  note: text(2000),
  /** 转为督办: the 督办 时限 (and the requirement; the reference when omitted). */
  deadline: date.optional(),
  requirement: z.string().trim().max(2000).optional(),
});
