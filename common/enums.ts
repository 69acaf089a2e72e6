/** Shared enums of Zhongshu: used by the server and the web. */

/** 密级: classification levels, ordered. 绝密 is never handled by this system. */
export const LEVELS = [
  { value: 0, key: 'public', zh: '公开', en: 'Public' },
  { value: 1, key: 'internal', zh: '内部', en: 'Internal' },
  { value: 2, key: 'secret', zh: '秘密', en: 'Secret' },
  { value: 3, key: 'confidential', zh: '机密', en: 'Confidential' },
] as const;

/** A classification level, 0 (公开) … 3 (机密). */
export type Level = 0 | 1 | 2 | 3;

/** Business roles a user may hold (several at once). */
export const BUSINESS_ROLES = ['leader', 'director', 'division_head', 'staff', 'liaison', 'rater'] as const;
/** 三员分立: the three separated administrators; a user holds at most one, and no business role with it. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const ROLES = [...BUSINESS_ROLES, ...ADMIN_ROLES] as const;
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Display names of roles. */
export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  leader: { zh: '领导', en: 'Leader' },
  director: { zh: '办公厅主任/副主任', en: 'Office director' },
  division_head: { zh: '处长', en: 'Division head' },
  staff: { zh: '工作人员', en: 'Staff' },
  liaison: { zh: '责任单位联络员', en: 'Unit liaison' },
  rater: { zh: '评议人', en: 'Rater' },
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全保密管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Security auditor' },
};

/** Kinds of units in the organisation tree. */
export const UNIT_KINDS = ['committee', 'office', 'division', 'department', 'district', 'upper', 'lower'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_NAMES: Record<UnitKind, { zh: string; en: string }> = {
  committee: { zh: '党委', en: 'Committee' },
  office: { zh: '办公厅', en: 'General office' },
  division: { zh: '内设处室', en: 'Division' },
  department: { zh: '责任单位', en: 'Responsible unit' },
  district: { zh: '区县党委办公室', en: 'District office' },
  upper: { zh: '上级党委办公部门', en: 'Upper-level office' },
  lower: { zh: '下级党委办公部门', en: 'Lower-level office' },
};

/** Traffic lights of a time limit: green on track, yellow near the limit, red overdue, grey done. */
export const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
export type Light = (typeof LIGHTS)[number];

/** Languages of the UI and of error messages. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
