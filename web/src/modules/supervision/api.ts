/** 督查督办 API client: answer types, queries, and the upload helper. */
import type { FileInfo, ImportReport } from '../../../../common/supervision.ts';
import { api, ApiError } from '../../app/api.ts';
import { getLang } from '../../app/i18n.ts';

export type { FileInfo, ImportReport, ItemDetail, ItemView, Ledger, SupervisionStats, TaskList, TaskRow, TaskView } from '../../../../common/supervision.ts';

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
  { value: 'withdrawn', label: '已撤销' },
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
  return data as unknown as ImportReport;
}
