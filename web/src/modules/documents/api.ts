/** 公文 API client: types of the server's answers and the queries of the pages. */
import { useQuery } from '@tanstack/react-query';
import type { DocumentDetail, DocumentList, DocumentsMeta } from '../../../../common/documents.ts';
import type { Directory } from '../../../../common/org.ts';
import { api, qs } from '../../app/api.ts';

export type { DocumentDetail, DocumentList, DocumentRow, DocumentsMeta } from '../../../../common/documents.ts';
export type { Directory } from '../../../../common/org.ts';

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
  return useQuery({ queryKey: ['documents', 'list', filters], queryFn: () => api<DocumentList>(`/api/documents${qs(filters)}`) });
}

/** One document's detail. */
export function useDocument(id: number) {
  return useQuery({ queryKey: ['documents', 'detail', id], queryFn: () => api<DocumentDetail>(`/api/documents/${id}`) });
}
