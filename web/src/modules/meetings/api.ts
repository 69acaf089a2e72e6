/** 会议 API client: answer types and helpers. */
import type { Light } from '../../../../common/enums.ts';
import { api, ApiError } from '../../app/api.ts';
import { getLang } from '../../app/i18n.ts';

type Named = { zh: string; en: string };

/** A gate's recorded confirmation. */
export interface GateEntry {
  id: number;
  status: 'confirmed' | 'dissent';
  evidenceAttachmentId: number | null;
  evidenceFilename: string | null;
  evidenceText: string | null;
  confirmedByName: string;
  confirmedAt: string;
  version: number;
}

/** One gate of a topic. */
export interface GateView {
  key: string;
  zh: string;
  en: string;
  perUnit: boolean;
  state: 'passed' | 'pending' | 'dissent' | 'not_required';
  entry: GateEntry | null;
  canConfirm: boolean;
  units: { unitId: number; unitName: string; state: 'passed' | 'pending' | 'dissent'; entry: GateEntry | null; canConfirm: boolean }[];
}

/** A topic (议题). */
export interface TopicView {
  id: number;
  title: string;
  background?: string;
  kind: string;
  kindName: Named | null;
  level: number;
  needsExpert: boolean;
  status: string;
  statusName: Named | null;
  proposingUnit: { id: number; name: string };
  leader: { id: number; name: string } | null;
  proposedBy: { id: number; name: string };
  concernedUnits: { id: number; name: string }[];
  meeting: { id: number; title: string; startsAt: string } | null;
  agendaOrder: number | null;
  gates: GateView[];
  gatesPassed: boolean;
  failedGates: string[];
  version: number;
  actions: string[];
  attachments?: FileInfo[];
}

/** A file attached to a topic or material. */
export interface FileInfo {
  id: number;
  filename: string;
  size: number;
}

/** A meeting row of the calendar. */
export interface MeetingRow {
  id: number;
  title: string;
  kind: string;
  kindName: Named | null;
  startsAt: string;
  endsAt: string | null;
  place: string;
  chair: { id: number; name: string };
  level: number;
  status: string;
  statusName: Named | null;
  topicCount: number;
  version: number;
}

/** The meeting page's answer. */
export interface MeetingDetail extends Omit<MeetingRow, 'topicCount'> {
  decisionKind: boolean;
  minutesSummary: string | null;
  minutesNo: number | null;
  attendees: {
    userId: number;
    name: string;
    unitName: string;
    attendance: string;
    excuseReason: string | null;
    notifiedAt: string | null;
    signedInAt: string | null;
  }[];
  agenda: TopicView[];
  materials: { id: number; topicId: number | null; kind: string; kindName: Named | null; title: string; level: number; attachments: FileInfo[] }[];
  decisions: {
    id: number;
    topicId: number;
    seq: number;
    text: string;
    leadUnit: { id: number; name: string };
    coUnits: { id: number; name: string }[];
    dueDate: string;
    level: number;
    supervisionItemId: number | null;
    supervisionNumber: string | null;
    progress: { itemId: number; number: string; status: string; light: Light }[];
    version: number;
  }[];
  actions: string[];
}

/** `/api/meetings/config`. */
export interface MeetingsConfig {
  kinds: { key: string; zh: string; en: string; decision: boolean }[];
  gates: { key: string; zh: string; en: string; perUnit: boolean }[];
  materialKinds: { key: string; zh: string; en: string }[];
  topicStates: { key: string; zh: string; en: string }[];
  checklists: Record<string, { key: string; when: string }[]>;
  me: { handler: boolean; manager: boolean; configure: boolean; propose: boolean };
}

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

/** China-time "YYYY-MM-DD HH:mm" of an ISO instant. */
export function chinaTime(isoText: string): string {
  return new Date(new Date(isoText).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Colours of gate states. */
export const GATE_COLORS: Record<GateView['state'], string> = { passed: 'success', pending: 'default', dissent: 'error', not_required: 'default' };
/** Names of gate states. */
export const GATE_STATE_NAMES: Record<GateView['state'], string> = { passed: '已通过', pending: '待确认', dissent: '有不同意见', not_required: '不适用' };
