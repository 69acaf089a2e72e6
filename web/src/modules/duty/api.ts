/** 政务值班 API client: answer types and display names. */
import type { z } from 'zod';
import { formatDateTime } from '../../app/time.ts';
import type { entryListResponse, entryView, handoverPageResponse, handoverView, rosterResponse, shiftView, swapView } from '../../../../common/duty.ts';

export type Entry = z.infer<typeof entryView>;
export type EntryList = z.infer<typeof entryListResponse>;
export type Roster = z.infer<typeof rosterResponse>;
export type Shift = z.infer<typeof shiftView>;
export type Swap = z.infer<typeof swapView>;
export type Handover = z.infer<typeof handoverView>;
export type HandoverPageData = z.infer<typeof handoverPageResponse>;

export const CHANNEL: Record<Entry['channel'], string> = { phone: '电话', fax: '传真', telegram: '电报', email: '电子邮件' };
export const URGENCY: Record<Entry['urgency'], string> = { normal: '一般', urgent: '紧急', very_urgent: '特急' };
export const URGENCY_COLOR: Record<Entry['urgency'], string> = { normal: 'default', urgent: 'orange', very_urgent: 'red' };
export const STATUS: Record<Entry['status'], string> = { open: '待办理', awaiting_instruction: '待领导批示', handled: '已办结', transferred: '已转办' };
export const STATUS_COLOR: Record<Entry['status'], string> = { open: 'processing', awaiting_instruction: 'warning', handled: 'success', transferred: 'cyan' };
export const OUTCOME: Record<NonNullable<Entry['outcomeKind']>, string> = {
  on_spot: '当场办结',
  to_unit: '转处室/单位办理',
  to_supervision: '转督查督办',
  to_leader: '报带班领导批示',
};
export const SHIFT: Record<Shift['shift'], string> = { day: '白班', night: '夜班' };

/** "YYYY-MM-DD HH:mm" of an ISO instant in the deployment's zone (China time by default). */
export function chinaTime(isoText: string): string {
  return formatDateTime(isoText);
}

/** The duty settings as the server answers them. */
export interface DutySettings {
  reportLimitMinutes: number;
  escalateAfterMinutes: number;
  version: number;
  canEdit: boolean;
}
