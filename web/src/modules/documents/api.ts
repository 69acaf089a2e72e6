/** 公文 API client: types of the server's answers and the queries of the pages. */
import { useQuery } from '@tanstack/react-query';
import type { Light } from '../../../../common/enums.ts';
import { api, qs } from '../../app/api.ts';

/** Parameters of the module (文种, 紧急程度, states and step names). */
export interface DocumentsMeta {
  docTypes: string[];
  urgencies: { key: string; zh: string }[];
  flows: { key: string; zh: string }[];
  retentions: { key: string; zh: string }[];
  levels: { value: number; zh: string }[];
  states: { in: Record<string, { zh: string; en: string }>; out: Record<string, { zh: string; en: string }> };
  actions: { in: Record<string, { zh: string; en: string }>; out: Record<string, { zh: string; en: string }> };
}

/** A row of the document list. */
export interface DocumentRow {
  id: number;
  direction: 'in' | 'out';
  status: string;
  statusName: string;
  docType: string;
  title: string;
  level: number;
  urgency: string;
  docNo: string | null;
  receiveNo: string | null;
  originalNo: string | null;
  sourceOrgan: string | null;
  ownerUnitName: string | null;
  leadUnitName: string | null;
  deadline: string | null;
  light: Light;
  overdue: boolean;
  circulating: boolean;
  archiveNo: string | null;
  retention: string | null;
  archivedAt: string | null;
  createdAt: string;
}

/** The detail answer. */
export interface DocumentDetail {
  document: Record<string, unknown> & {
    id: number;
    direction: 'in' | 'out';
    status: string;
    version: number;
    title: string;
    docType: string;
    level: number;
    urgency: string;
    bodyHtml: string;
    docNo: string | null;
    receiveNo: string | null;
    deadline: string | null;
    supervisionItemId: number | null;
  };
  statusName: { zh: string; en: string };
  steps: { action: string; actionName: string; from: string; to: string; actorName: string; comment: string | null; at: string }[];
  handlers: { unitId: number; unitName: string; role: 'lead' | 'co'; reply: string | null; repliedAt: string | null }[];
  circulations: { userId: number; name: string; purpose: string | null; readAt: string | null; sentAt: string }[];
  reviews: {
    id: number;
    kind: string;
    reviewerName: string | null;
    unitName: string | null;
    round: number;
    decision: string;
    comment: string | null;
    decidedAt: string | null;
  }[];
  attachments: { id: number; filename: string; size: number }[];
  supervision: { itemId: number; number: string; status: string; light: Light }[] | null;
  actions: string[];
  can: { edit: boolean; attach: boolean; markRead: boolean; render: boolean };
  warnings: { code: string; chars: number; limit: number }[];
}

/** The organisation directory (pickers). */
export interface Directory {
  units: { id: number; parentId: number | null; name: string; shortName: string; kind: string; code: string | null }[];
  users: { id: number; name: string; unitId: number; roles: string[] }[];
}

/** Module parameters, cached for the session. */
export function useDocumentsMeta() {
  return useQuery({ queryKey: ['documents', 'meta'], queryFn: () => api<DocumentsMeta>('/api/documents/meta'), staleTime: Infinity });
}

/** Units and people for pickers. */
export function useDirectory() {
  return useQuery({ queryKey: ['org', 'directory'], queryFn: () => api<Directory>('/api/org/directory'), staleTime: 300_000 });
}

/** The filtered list. */
export function useDocumentList(filters: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: ['documents', 'list', filters], queryFn: () => api<{ total: number; items: DocumentRow[] }>(`/api/documents${qs(filters)}`) });
}

/** One document's detail. */
export function useDocument(id: number) {
  return useQuery({ queryKey: ['documents', 'detail', id], queryFn: () => api<DocumentDetail>(`/api/documents/${id}`) });
}
