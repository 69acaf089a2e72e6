/** 信访 API client: answer types and names. */
import type { z } from 'zod';
import { formatDateTime } from '../../app/time.ts';
import type { caseDetail, caseListItem, listCasesResponse, petitionsConfigResponse, statsResponse } from '../../../../common/petitions.ts';

export { CHANNEL_NAMES, PETITION_CHANNELS, SATISFACTION_NAMES, SATISFACTIONS } from '../../../../common/petitions.ts';
export type CaseDetail = z.infer<typeof caseDetail>;
export type CaseListItem = z.infer<typeof caseListItem>;
export type CaseList = z.infer<typeof listCasesResponse>;
export type PetitionsConfig = z.infer<typeof petitionsConfigResponse>;
export type Stats = z.infer<typeof statsResponse>;
export type Units = { items: { id: number; name: string; kind: string }[] };

/** Case states, in order. */
export const CASE_STATUS: { key: string; zh: string }[] = [
  { key: 'registered', zh: '已登记' },
  { key: 'transferred', zh: '已转办' },
  { key: 'accepted', zh: '已受理' },
  { key: 'replied', zh: '单位已办复' },
  { key: 'answered', zh: '已答复' },
  { key: 'closed', zh: '已办结' },
];

/** China-time "YYYY-MM-DD HH:mm" of an ISO instant. */
export function chinaTime(isoText: string | null): string {
  return formatDateTime(isoText);
}
