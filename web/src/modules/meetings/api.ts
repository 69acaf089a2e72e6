/** 会议 API client: answer types and helpers. */
import type { FileInfo, GateView } from '../../../../common/meetings.ts';
import { api, ApiError } from '../../app/api.ts';
import { getLang } from '../../app/i18n.ts';
import { formatDateTime } from '../../app/time.ts';

export type {
  FileInfo,
  GateEntry,
  GateView,
  MeetingDetail,
  MeetingList,
  MeetingRow,
  MeetingsConfig,
  TopicDetail,
  TopicList,
  TopicView,
} from '../../../../common/meetings.ts';

/** Uploads one file as an attachment of an owner. */
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

/** "YYYY-MM-DD HH:mm" of an ISO instant in the deployment's zone (China time by default). */
export function chinaTime(isoText: string): string {
  return formatDateTime(isoText);
}

/** Colours of gate states. */
export const GATE_COLORS: Record<GateView['state'], string> = { passed: 'success', pending: 'default', dissent: 'error', not_required: 'default' };
/** Names of gate states. */
export const GATE_STATE_NAMES: Record<GateView['state'], string> = { passed: '已通过', pending: '待确认', dissent: '有不同意见', not_required: '不适用' };
