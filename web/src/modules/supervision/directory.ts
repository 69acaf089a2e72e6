/** The organisation directory (units and users) for pickers. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

/** Units and users of the directory. */
export interface Directory {
  units: { id: number; name: string; shortName: string; kind: string; code: string | null }[];
  users: { id: number; name: string; unitId: number; roles: string[] }[];
}

/** The directory, cached. */
export function useDirectory() {
  return useQuery({ queryKey: ['org', 'directory'], queryFn: () => api<Directory>('/api/org/directory'), staleTime: 60_000 });
}
