/** Deployment facts from `/api/meta`: enabled classification levels, roles, modules, demo mode. */
import { useQuery } from '@tanstack/react-query';
import type { Level } from '../../../common/enums.ts';
import { api } from './api.ts';

/** Answer of `GET /api/meta`. */
export interface Meta {
  levels: { value: Level; zh: string; en: string }[];
  roles: unknown[];
  modules: unknown[];
  demo: boolean;
  /** The deployment's time zone (IANA name): every time is shown in it (web/src/app/time.ts). */
  timeZone: string;
}

/** The deployment's meta data; fetched once per session. */
export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: () => api<Meta>('/api/meta'), staleTime: Infinity });
}
