/** 督查督办 (supervision): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { attachmentView, lightView, namedRef } from './views.js';

/** One supervision item's progress, as a source module (公文, 会议) shows it beside its own row. */
export const sourceProgress = z.object({ itemId: z.number(), number: z.string(), status: z.string(), light: lightView });

/** An item's state name (立项 … 已销号). */
export const itemStatusName = z.enum(['立项', '办理中', '已办结待回访', '已销号', '已撤销']);

/** A task's state name (待交办 … 已办结). */
export const taskStatusName = z.enum(['已办结', '办理中', '待交办', '退回重办', '待审核', '已撤销']);

/** A supervision item (督办事项) as the ledger and the item page show it. */
export const itemView = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  requirement: z.string(),
  source: z.string(),
  sourceName: z.string(),
  sourceType: z.string().nullable(),
  sourceId: z.number().nullable(),
  sourceRef: z.string().nullable(),
  instructedBy: z.string().nullable(),
  instructedById: z.number().nullable(),
  instructedAt: z.string().nullable(),
  instructionText: z.string().nullable(),
  priority: z.number(),
  level: z.number(),
  leadUnitId: z.number(),
  leadUnitName: z.string(),
  coUnits: z.array(namedRef),
  responsibleLeaderId: z.number().nullable(),
  responsibleLeaderName: z.string().nullable(),
  responsibleUserId: z.number(),
  responsibleUserName: z.string(),
  deadline: z.string(),
  cadence: z.string(),
  cadenceDates: z.array(z.string()),
  closingCriteria: z.string(),
  status: z.string(),
  statusName: itemStatusName,
  light: lightView,
  /** The light a finished item kept (按期/逾期办结); null while open. */
  finishedLight: z.enum(['on_time', 'overdue']).nullable(),
  progress: z.object({ tasks: z.number(), accepted: z.number(), submitted: z.number() }),
  issuedAt: z.string().nullable(),
  concludedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  followupNote: z.string().nullable(),
  rating: z.number().nullable(),
  noticeAttachmentId: z.number().nullable(),
  /** 撤销: when and why (null unless withdrawn). */
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** Open stages (节点) past their own time limit: the ledger's light turns red. */
  lateStages: z.number(),
  version: z.number(),
  createdAt: z.string(),
});

/** A task (任务) of an item, assigned to one unit: the fields every task answer carries. */
export const taskFields = z.object({
  id: z.number(),
  itemId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  isLead: z.boolean(),
  responsibleUserId: z.number(),
  responsibleUserName: z.string(),
  deadline: z.string(),
  status: z.string(),
  statusName: taskStatusName,
  light: lightView,
  /** The light a finished task kept (按期/逾期办结); null while open. */
  finishedLight: z.enum(['on_time', 'overdue']).nullable(),
  level: z.number(),
  lastReportAt: z.string().nullable(),
  nextReportDue: z.string().nullable(),
  reportOverdue: z.boolean(),
  returnCount: z.number(),
  extensionCount: z.number(),
  escalatedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  version: z.number(),
});

/** Answer of `GET /api/supervision/items` (督办台账). */
export const ledgerResponse = z.object({
  total: z.number(),
  totalCapped: z.boolean(),
  items: z.array(itemView),
  canRegister: z.boolean(),
});

/** An item with its tasks, reports, extensions and timeline: the answer of `GET /api/supervision/items/:id` and of every write on an item (立项, 分解, 交办, 回访). */
export const itemDetailResponse = z.object({
  item: itemView,
  actions: z.array(z.string()),
  tasks: z.array(
    z.object({
      stages: z.array(
        z.object({
          id: z.number(),
          seq: z.number(),
          name: z.string(),
          deadline: z.string(),
          doneAt: z.string().nullable(),
          /** The unit's note on completing it. */
          note: z.string().nullable(),
          doneByName: z.string().nullable(),
          light: lightView,
          version: z.number(),
        }),
      ),
      canReadReports: z.boolean(),
      actions: z.array(z.string()),
      ...taskFields.shape,
    }),
  ),
  reports: z.array(
    z.object({
      id: z.number(),
      taskId: z.number(),
      kind: z.string(),
      content: z.string(),
      submittedBy: z.string(),
      submittedById: z.number(),
      submittedAt: z.string(),
      late: z.boolean(),
      reviewStatus: z.string(),
      reviewComment: z.string().nullable(),
      criteria: z.record(z.string(), z.boolean()).nullable(),
      reviewedBy: z.string().nullable(),
      reviewedAt: z.string().nullable(),
      attachments: z.array(attachmentView),
    }),
  ),
  extensions: z.array(
    z.object({
      id: z.number(),
      taskId: z.number(),
      reason: z.string(),
      oldDeadline: z.string(),
      requestedDeadline: z.string(),
      status: z.string(),
      requestedBy: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      comment: z.string().nullable(),
      newDeadline: z.string().nullable(),
      version: z.number(),
      createdAt: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.number(),
      taskId: z.number().nullable(),
      kind: z.string(),
      actorName: z.string().nullable(),
      at: z.string(),
      message: z.string().nullable(),
      /** The event's facts as recorded (JSON object). */
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  attachments: z.array(attachmentView),
  /** The meeting a meeting-born item came from, only when the viewer may read that meeting. */
  meeting: z.object({ id: z.number(), title: z.string(), link: z.string() }).nullable(),
});

/** Answer of `POST /api/supervision/items/:id/recommendations` and `…/coordinations` (提出建议, 督办协调). */
export const recordResponse = z.object({ eventId: z.number() });

/** Answer of `POST /api/supervision/stages/:id/complete` and `POST /api/supervision/tasks/:id/stages`. */
export const stageResponse = z.object({ stageId: z.number(), version: z.number() });

/** Answer of `GET /api/supervision/tasks` (本单位任务 / 我负责的任务). */
export const listTasksResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      itemNumber: z.string(),
      itemTitle: z.string(),
      ...taskFields.shape,
    }),
  ),
});

/** Answer of `GET /api/supervision/tasks/:id` (任务详情). */
export const getTaskResponse = z.object({
  task: z.object({
    itemNumber: z.string(),
    itemTitle: z.string(),
    itemStatus: z.string(),
    ...taskFields.shape,
  }),
  actions: z.array(z.string()),
});

/** Answer of `POST /api/supervision/tasks/:id/reports` (情况反馈 / 申请办结). */
export const reportResponse = z.object({ reportId: z.number(), taskVersion: z.number() });

/** Answer of `POST /api/supervision/tasks/:id/review` (审核把关（通过 / 退回）). */
export const reviewResponse = z.object({ status: z.string(), taskVersion: z.number() });

/** Answer of `POST /api/supervision/tasks/:id/remind` (催办). */
export const remindResponse = z.object({ ok: z.boolean() });

/** Answer of `POST /api/supervision/tasks/:id/extensions` (延期申请). */
export const requestExtensionResponse = z.object({ extensionId: z.number(), taskVersion: z.number() });

/** Answer of `POST /api/supervision/extensions/:id/decision` (延期审批). */
export const decideExtensionResponse = z.object({ status: z.string(), newDeadline: z.string().nullable() });

/** Answer of `GET /api/supervision/stats/overdue` (当前超期任务（按单位）). */
export const overdueByUnitResponse = z.object({
  today: z.string(),
  total: z.number(),
  items: z.array(z.object({ unitId: z.number(), unitName: z.string(), overdue: z.number() })),
});

/** Answer of `GET /api/supervision/stats` (统计分析). */
export const statsResponse = z.object({
  range: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  totals: z.object({
    items: z.number(),
    itemsClosed: z.number(),
    tasks: z.number(),
    tasksClosed: z.number(),
    onTimeRate: z.number().nullable(),
    overdue: z.number(),
    yellow: z.number(),
    returns: z.number(),
    extensions: z.number(),
    extensionsApproved: z.number(),
    extensionsRefused: z.number(),
  }),
  byUnit: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      assigned: z.number(),
      closed: z.number(),
      onTime: z.number(),
      onTimeRate: z.number().nullable(),
      overdue: z.number(),
      yellow: z.number(),
      returns: z.number(),
      extensions: z.number(),
    }),
  ),
  bySource: z.array(z.object({ source: z.string(), sourceName: z.string(), count: z.number(), closed: z.number() })),
  byMonth: z.array(z.object({ month: z.string(), registered: z.number(), closed: z.number() })),
  byStatus: z.array(z.object({ status: z.string(), statusName: itemStatusName, count: z.number() })),
});

/** Answer of `POST /api/supervision/import` (导入督办事项（multipart 字段 file）). */
export const importLedgerResponse = z.object({
  imported: z.number(),
  invalid: z.number(),
  total: z.number(),
  rows: z.array(z.object({ row: z.number(), ok: z.boolean(), errors: z.array(z.string()), title: z.string(), number: z.string().optional() })),
  committed: z.boolean(),
});

/** Who approves 延期, 办结 and 销号: 督查室工作人员, 督查室处长 (or 办公厅主任), 批示领导 (or 办公厅主任). */
const approverLevel = z.enum(['staff', 'division_head', 'leader']);

/** Answer of `GET /api/supervision/settings` (督查督办设置). */
export const getSettingsResponse = z.object({
  settings: z.object({
    remindBeforeDays: z.array(z.number()),
    remindAfterDays: z.array(z.number()),
    escalateAfterDays: z.number(),
    yellowDays: z.number(),
    extensionApprover: z.enum(['office', 'office_or_leader']),
    approvers: z.object({
      decision: z.object({ extension: approverLevel, accept: approverLevel, close: approverLevel }),
      instruction: z.object({ extension: approverLevel, accept: approverLevel, close: approverLevel }),
      assessment: z.object({ extension: approverLevel, accept: approverLevel, close: approverLevel }),
    }),
  }),
  version: z.number(),
  /** The actor may change the settings (督查室's 处长 or 主任): the settings page's save button. */
  canManage: z.boolean(),
});

/** A page of the ledger (督办台账). */
export type Ledger = z.infer<typeof ledgerResponse>;
/** The item page's answer. */
export type ItemDetail = z.infer<typeof itemDetailResponse>;
/** An item as the ledger and the item page show it. */
export type ItemView = z.infer<typeof itemView>;
/** A task of the item page. */
export type TaskView = ItemDetail['tasks'][number];
/** A page of tasks (本单位任务 / 我负责的任务). */
export type TaskList = z.infer<typeof listTasksResponse>;
/** A row of the task list. */
export type TaskRow = TaskList['items'][number];
/** A file attached to a report or an item. */
export type FileInfo = z.infer<typeof attachmentView>;
/** The import's row-by-row report. */
export type ImportReport = z.infer<typeof importLedgerResponse>;
/** 统计分析. */
export type SupervisionStats = z.infer<typeof statsResponse>;
