/** 资源共享 and search API client: answer types and query hooks. */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, qs } from '../../app/api.ts';
import { getLang } from '../../app/i18n.ts';
import type { DistributionLists, ItemDetail, ItemList, DistributionList } from '../../../../common/library.ts';
import type { Directory } from '../../../../common/org.ts';
import type { SearchResult, SimilarResult } from '../../../../common/search.ts';

export type {
  AccessRequestList,
  Circulation,
  CirculationList,
  DistributionList,
  DistributionLists,
  ForumTopicList,
  ItemDetail,
  ItemList,
  ItemRow,
} from '../../../../common/library.ts';
export type { Directory } from '../../../../common/org.ts';

/** Fetches the directory once per session. */
export function useDirectory() {
  return useQuery({ queryKey: ['org', 'directory'], queryFn: () => api<Directory>('/api/org/directory'), staleTime: 300_000 });
}

/** The item list. */
export function useItems(params: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: ['library', 'items', params], queryFn: () => api<ItemList>(`/api/library/items${qs(params)}`) });
}

/** One item. */
export function useItem(id: number) {
  return useQuery({ queryKey: ['library', 'item', id], queryFn: () => api<ItemDetail>(`/api/library/items/${id}`) });
}

/** The 定期分送 lists the user manages or receives. */
export function useDistributions() {
  return useQuery({ queryKey: ['library', 'distributions'], queryFn: () => api<DistributionLists>('/api/library/distributions') });
}

/** One 定期分送 list. */
export function useDistribution(id: number) {
  return useQuery({ queryKey: ['library', 'distributions', id], queryFn: () => api<DistributionList>(`/api/library/distributions/${id}`) });
}

/** Whole-system search. */
export function useSearch(params: Record<string, string | number | undefined>, enabled: boolean) {
  return useQuery({ queryKey: ['search', params], queryFn: () => api<SearchResult>(`/api/search${qs(params)}`), enabled });
}

/** Similar items of any indexed item. */
export function useSimilar(itemType: string, itemId: number, enabled = true) {
  return useQuery({
    queryKey: ['search', 'similar', itemType, itemId],
    queryFn: () => api<SimilarResult>(`/api/search/similar${qs({ itemType, itemId })}`),
    enabled,
  });
}

/** Uploads one file as an attachment of a library item (the item's editors only). */
export async function uploadItemFile(itemId: number, file: File): Promise<void> {
  const { csrfToken } = await api<{ csrfToken: string }>('/api/auth/me');
  const fd = new FormData();
  fd.append('file', file, file.name);
  const res = await fetch(`/api/files?ownerType=library_item&ownerId=${itemId}`, {
    method: 'POST',
    body: fd,
    headers: { 'X-CSRF-Token': csrfToken, 'Accept-Language': getLang() },
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? 'http_error', data.message ?? `HTTP ${res.status}`);
}
