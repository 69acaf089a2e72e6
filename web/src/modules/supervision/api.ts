/** 督查督办 API client: answer types, queries, and the upload helper. */
import type { Light } from '../../../../common/enums.ts';
import { api, ApiError } from '../../app/api.ts';
import { getLang } from '../../app/i18n.ts';

/** A ledger row / the item of the item page. */
export interface ItemView {
  id: number;
  number: string;
  title: string;
  requirement: string;
  source: string;
  sourceName: string;
  sourceRef: string | null;
  instructedBy: string | null;
  instructedAt: string | null;
  instructionText: string | null;
  level: number;
  leadUnitId: number;
  leadUnitName: string;
  coUnits: { id: number; name: string }[];
  responsibleLeaderName: string | null;
  responsibleUserName: string;
  deadline: string;
  cadence: string;
  closingCriteria: string;
  status: string;
  statusName: string;
  light: Light;
  progress: { tasks: number; accepted: number; submitted: number };
  noticeAttachmentId: number | null;
  rating: number | null;
  followupNote: string | null;
  version: number;
  createdAt: string;
}

/** A task as the pages show it. */
export interface TaskView {
  id: number;
  itemId: number;
  unitId: number;
  unitName: string;
  isLead: boolean;
  responsibleUserName: string;
  deadline: string;
  status: string;
  statusName: string;
  light: Light;
  nextReportDue: string | null;
  reportOverdue: boolean;
  returnCount: number;
  extensionCount: number;
  version: number;
  itemNumber?: string;
  itemTitle?: string;
  stages?: { id: number; seq: number; name: string; deadline: string }[];
  actions?: string[];
}

/** A file attached to a report or item. */
export interface FileInfo {
  id: number;
  filename: string;
  size: number;
}

/** The item page's answer. */
export interface ItemDetail {
  item: ItemView;
  actions: string[];
  tasks: TaskView[];
  reports: {
    id: number;
    taskId: number;
    kind: string;
    content: string;
    submittedBy: string;
    submittedAt: string;
    late: boolean;
    reviewStatus: string;
    reviewComment: string | null;
    attachments: FileInfo[];
  }[];
  extensions: {
    id: number;
    taskId: number;
    reason: string;
    oldDeadline: string;
    requestedDeadline: string;
    status: string;
    requestedBy: string;
    decidedBy: string | null;
    comment: string | null;
    newDeadline: string | null;
    version: number;
  }[];
  timeline: { id: number; taskId: number | null; kind: string; actorName: string | null; at: string; message: string | null }[];
  attachments: FileInfo[];
}

/** Source names. */
export const SOURCES = [
  { value: 'decision', label: '决策督查' },
  { value: 'instruction', label: '专项督查（批示件）' },
  { value: 'assessment', label: '考核督查' },
];
/** Item status names. */
export const ITEM_STATUS = [
  { value: 'registered', label: '立项' },
  { value: 'issued', label: '办理中' },
  { value: 'concluded', label: '已办结待回访' },
  { value: 'closed', label: '已销号' },
];

/** Uploads one file as an attachment of an owner (report or item). */
export async function uploadFile(ownerType: string, ownerId: number, file: File): Promise<FileInfo> {
  const { csrfToken } = await api<{ csrfToken: string }>('/api/auth/me');
  const fd = new FormData();
  fd.append('file', file, file.name);
  const res = await fetch(`/api/files?ownerType=${ownerType}&ownerId=${ownerId}`, {
    method: 'POST',
    body: fd,
    headers: { 'X-CSRF-Token': csrfToken, 'Accept-Language': getLang() },
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? 'http_error', data.message ?? `HTTP ${res.status}`);
  return data as unknown as FileInfo;
}

/** Uploads the import workbook; returns the row-by-row report. */
export async function uploadImport(file: File, mode: 'all' | 'valid', dryRun: boolean) {
  const { csrfToken } = await api<{ csrfToken: string }>('/api/auth/me');
  const fd = new FormData();
  fd.append('file', file, file.name);
  const res = await fetch(`/api/supervision/import?mode=${mode}&dryRun=${dryRun ? 1 : 0}`, {
    method: 'POST',
    body: fd,
    headers: { 'X-CSRF-Token': csrfToken, 'Accept-Language': getLang() },
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? 'http_error', data.message ?? `HTTP ${res.status}`);
  return data as unknown as {
    imported: number;
    invalid: number;
    total: number;
    committed: boolean;
    rows: { row: number; ok: boolean; errors: string[]; title: string; number?: string }[];
  };
}
