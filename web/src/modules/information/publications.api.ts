/** 信息刊物 API client: the publications (cached) and the answers' types. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicationsResponse } from '../../../../common/information-publications.ts';
import { api } from '../../app/api.ts';

export type Publications = z.infer<typeof publicationsResponse>;

/** The publications, whether the user may manage them or start an issue, and the issue states. */
export function usePublications() {
  return useQuery({ queryKey: ['information', 'publications'], queryFn: () => api<Publications>('/api/information/publications'), staleTime: 60_000 });
}
