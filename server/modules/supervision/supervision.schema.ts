/** 督查督办 request shapes (zod): every route's body, querystring and params. */
import { z } from 'zod';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), '日期无效（应为 2026-12-31 这样的日期）');
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.number().int().positive();
const version = z.number().int().positive();

/** :id in the path. */
export const idParam = z.object({ id: z.coerce.number().int().positive() });

/** 立项. */
export const registerBody = z.object({
  source: z.enum(['decision', 'instruction', 'assessment']),
  sourceType: z.string().trim().max(50).nullish(),
  sourceId: id.nullish(),
  sourceRef: z.string().trim().max(200).nullish(),
  instructedBy: z.string().trim().max(50).nullish(),
  instructedById: id.nullish(),
  instructedAt: z.string().trim().max(40).nullish(),
  instructionText: z.string().trim().max(2000).nullish(),
  title: text(200),
  requirement: text(5000),
  priority: z.number().int().min(1).max(3).optional(),
  level: z.number().int().min(0).max(3),
  leadUnitId: id,
  coUnitIds: z.array(id).max(50).optional(),
  responsibleLeaderId: id.nullish(),
  responsibleUserId: id.nullish(),
  deadline: date,
  cadence: z.enum(['once', 'weekly', 'monthly', 'dates']).optional(),
  cadenceDates: z.array(date).max(60).optional(),
  closingCriteria: z.string().trim().max(2000).nullish(),
});

/** 分解立项. */
export const splitBody = z.object({
  version,
  tasks: z
    .array(
      z.object({
        unitId: id,
        responsibleUserId: id,
        deadline: date,
        stages: z
          .array(z.object({ name: text(100), deadline: date }))
          .max(20)
          .optional(),
      }),
    )
    .min(1)
    .max(50)
    .refine((ts) => new Set(ts.map((t) => t.unitId)).size === ts.length, '每个单位只能分解一项任务'),
});

/** A version only (交办). */
export const versionBody = z.object({ version });

/** 情况反馈. */
export const reportBody = z.object({ version, content: text(10000), final: z.boolean().default(false) });

/** 审核把关. */
export const reviewBody = z.object({
  version,
  decision: z.enum(['accept', 'return']),
  reason: z.string().trim().max(2000).optional(),
  criteria: z
    .object({
      factsClear: z.boolean(),
      problemSolved: z.boolean(),
      instructionImplemented: z.boolean(),
      conclusionAccurate: z.boolean(),
      handlingProper: z.boolean(),
    })
    .partial()
    .optional(),
});

/** 催办. */
export const remindBody = z.object({ message: text(1000) });

/** 延期申请. */
export const extensionBody = z.object({ version, reason: text(2000), requestedDeadline: date });

/** 延期审批. */
export const decideBody = z.object({ version, approve: z.boolean(), newDeadline: date.optional(), comment: z.string().trim().max(2000).optional() });

/** 结果回访. */
export const followupBody = z.object({ version, note: text(2000), rating: z.number().int().min(1).max(5) });

/** Ledger filters (also for the export). */
export const ledgerFilter = z.object({
  source: z.enum(['decision', 'instruction', 'assessment']).optional(),
  status: z.enum(['registered', 'issued', 'concluded', 'closed', 'withdrawn']).optional(),
  // ids are int4 on PostgreSQL: out of range must be refused here, the export streams its answer
  // and cannot turn a database error into a 400 once the headers are sent
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  leaderId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  light: z.enum(['green', 'yellow', 'red', 'none']).optional(),
  deadlineFrom: date.optional(),
  deadlineTo: date.optional(),
  createdFrom: date.optional(),
  createdTo: date.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  mine: z.enum(['leader']).optional(),
});

/** Paging. */
export const paging = { page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };

/** Task list query. */
export const taskListQuery = z.object({
  scope: z.enum(['unit', 'mine', 'all']).default('unit'),
  status: z.enum(['pending', 'in_progress', 'returned', 'submitted', 'accepted', 'withdrawn']).optional(),
  open: z.enum(['0', '1']).default('1'),
  ...paging,
});

/** Statistics range. */
export const statsQuery = z.object({ from: date.optional(), to: date.optional() });

/** Summary range (both ends required). */
export const summaryQuery = z.object({ from: date, to: date });

/** Import options. */
export const importQuery = z.object({ mode: z.enum(['all', 'valid']).default('all'), dryRun: z.enum(['0', '1']).default('0') });

const approverLevel = z.enum(['staff', 'division_head', 'leader']);
/** Module settings (the approver table may be left out: it is kept as it is). */
export const settingsBody = z.object({
  version: z.number().int().min(0),
  settings: z.object({
    remindBeforeDays: z.array(z.number().int().min(0).max(60)).max(5),
    remindAfterDays: z.array(z.number().int().min(1).max(60)).max(5),
    escalateAfterDays: z.number().int().min(1).max(90),
    yellowDays: z.number().int().min(0).max(20),
    extensionApprover: z.enum(['office', 'office_or_leader']),
    approvers: z
      .object({
        decision: z.object({ extension: approverLevel, accept: approverLevel, close: approverLevel }),
        instruction: z.object({ extension: approverLevel, accept: approverLevel, close: approverLevel }),
        assessment: z.object({ extension: approverLevel, accept: approverLevel, close: approverLevel }),
      })
      .optional(),
  }),
});

/** 修改 after 立项: the fields to change (others are kept). */
export const editBody = z.object({
  version,
  title: text(200).optional(),
  requirement: text(5000).optional(),
  deadline: date.optional(),
  priority: z.number().int().min(1).max(3).optional(),
  closingCriteria: text(2000).optional(),
  responsibleLeaderId: id.nullish(),
});

/** 撤销 (an item or a task): the reason is required. */
export const withdrawBody = z.object({ version, reason: text(2000) });

/** 调整分工: a task for another unit. */
export const addTaskBody = z.object({ version, unitId: id, responsibleUserId: id, deadline: date });

/** 添加节点. */
export const addStageBody = z.object({ version, name: text(100), deadline: date });

/** 完成节点: the unit's note. */
export const completeStageBody = z.object({ version, note: text(2000) });

/** 提出建议: to the leader and/or the units holding tasks. */
export const recommendBody = z
  .object({ content: text(5000), toLeader: z.boolean().default(false), unitIds: z.array(id).max(50).default([]) })
  .refine((b) => b.toLeader || b.unitIds.length > 0, { message: '请选择建议对象（领导或责任单位）', path: ['unitIds'] });

/** 督办协调. */
export const coordinateBody = z.object({ unitIds: z.array(id).min(1).max(50), issue: text(5000), outcome: text(5000), date });
