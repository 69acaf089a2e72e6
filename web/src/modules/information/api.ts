/** 信息报送与采编 API client: types of the server's answers and the queries of the pages. */
import { useQuery } from '@tanstack/react-query';
import type { InformationMeta } from '../../../../common/information.ts';
import type { Directory } from '../../../../common/org.ts';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/time.ts';

export type {
  InformationDetail,
  InformationEvents,
  InformationList,
  InformationMeta,
  InformationMyInstructions,
  InformationRequestDetail,
  InformationRequests,
  InformationRow,
  InformationStatistics,
} from '../../../../common/information.ts';

/** Module parameters (kinds, states, adoption levels), cached for the session. */
export function useInformationMeta() {
  return useQuery({ queryKey: ['information', 'meta'], queryFn: () => api<InformationMeta>('/api/information/meta'), staleTime: Infinity });
}

/** Units and people for pickers. */
export function useDirectory() {
  return useQuery({ queryKey: ['org', 'directory'], queryFn: () => api<Directory>('/api/org/directory'), staleTime: 300_000 });
}

/** 采用 level names. */
export const ADOPT_NAMES: Record<string, string> = { recorded: '录用', special: '编入专报', upper: '报送上级' };

/** 密级 names. */
export const LEVEL_NAMES = ['公开', '内部', '秘密', '机密'];

/** A stored instant as the pages show it (China time). */
export function showTime(iso: string | null | undefined): string {
  return formatDateTime(iso);
}

/** A delay in minutes as text (迟报 N 小时 M 分钟). */
export function showDelay(minutes: number | null): string {
  if (!minutes) return '';
  const h = Math.floor(minutes / 60);
  return h ? `${h}小时${minutes % 60}分钟` : `${minutes}分钟`;
}

/** What the actor may do beside the rows (from the list's answer). */
export function useCan() {
  const q = useQuery({
    queryKey: ['information', 'can'],
    queryFn: () => api<{ can: { submit: boolean; edit: boolean; viewAllStats: boolean } }>('/api/information/items?pageSize=1'),
    staleTime: 300_000,
  });
  return q.data?.can ?? { submit: false, edit: false, viewAllStats: false };
}
