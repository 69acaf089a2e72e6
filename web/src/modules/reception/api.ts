/** 政务接待 API client: answer types, names and time helpers. */
import type { z } from 'zod';
import type { checklistResponse, planListResponse, planResponse, ItemView } from '../../../../common/reception.ts';

export { ITEM_KIND_NAMES, ITEM_KINDS, PLAN_STATES } from '../../../../common/reception.ts';
export type Plan = z.infer<typeof planResponse>;
export type PlanList = z.infer<typeof planListResponse>;
export type Checklist = z.infer<typeof checklistResponse>;
export type Item = ItemView;

/** The module's texts: Chinese first. */
export const messages = {
  plans: ['接待方案', 'Reception plans'],
  checklist: ['当日清单', 'Day-of checklist'],
  draft: ['拟订方案', 'Draft a plan'],
  status: ['状态', 'Status'],
  title: ['方案名称', 'Plan'],
  delegation: ['来访单位', 'Delegation'],
  dates: ['来访时间', 'Dates'],
  guests: ['来宾', 'Guests'],
  purpose: ['来访事由', 'Purpose'],
  level: ['密级', 'Level'],
  revision: ['版本', 'Revision'],
  budget: ['预算（元）', 'Budget (yuan)'],
  actual: ['实际费用（元）', 'Actual cost (yuan)'],
  itinerary: ['日程安排', 'Itinerary'],
  changes: ['变更记录', 'Change log'],
  open: ['待办', 'Open'],
  done: ['完成', 'Done'],
  cancel: ['取消', 'Cancel'],
  back: ['返回列表', 'Back to the list'],
  noItems: ['当日没有日程安排', 'Nothing scheduled for the day'],
  date: ['日期', 'Date'],
} as const;

/** China-time "YYYY-MM-DD HH:mm" of an ISO instant. */
export function chinaTime(isoText: string | null | undefined): string {
  if (!isoText) return '—';
  return new Date(new Date(isoText).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** China-time "HH:mm" of an ISO instant. */
export function chinaClock(isoText: string | null | undefined): string {
  return isoText ? chinaTime(isoText).slice(11) : '待定';
}

/** China-time value of a `datetime-local` input for an ISO instant. */
export function toLocalInput(isoText: string | null | undefined): string {
  return isoText ? chinaTime(isoText).replace(' ', 'T') : '';
}

/** An ISO instant (China time) of a `datetime-local` value. */
export function fromLocalInput(value: string | undefined): string | null {
  return value ? `${value}:00+08:00` : null;
}

/** Today in China time. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
