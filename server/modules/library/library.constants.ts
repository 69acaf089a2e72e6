/** Enumerations of the library module (资源共享). */

/** Kinds of library items. */
export const LIBRARY_KINDS = {
  upper_doc: { zh: '上级文件', en: 'Document from above' },
  publication: { zh: '刊物', en: 'Publication' },
  info_carrier: { zh: '信息载体', en: 'Information carrier' },
  research_report: { zh: '调研报告', en: 'Research report' },
  speech: { zh: '讲话稿', en: 'Speech' },
  material: { zh: '材料', en: 'Material' },
  practice: { zh: '经验做法', en: 'Good practice' },
  notice: { zh: '议政会通知', en: 'Council notice' },
} as const;
export type LibraryKind = keyof typeof LIBRARY_KINDS;
export const LIBRARY_KIND_KEYS = Object.keys(LIBRARY_KINDS) as [LibraryKind, ...LibraryKind[]];
/** Kinds a division files directly (notices go through the 议政会 flow). */
export const FILEABLE_KINDS = LIBRARY_KIND_KEYS.filter((k) => k !== 'notice') as [LibraryKind, ...LibraryKind[]];

/** Kinds of use counted for assessment: 提供、查阅、下载、应用、转化. */
export const USE_KINDS = ['provided', 'viewed', 'downloaded', 'applied', 'converted'] as const;
export type UseKind = (typeof USE_KINDS)[number];
export const USE_KIND_NAMES: Record<UseKind, { zh: string; en: string }> = {
  provided: { zh: '提供', en: 'Provided' },
  viewed: { zh: '查阅', en: 'Viewed' },
  downloaded: { zh: '下载', en: 'Downloaded' },
  applied: { zh: '应用', en: 'Applied' },
  converted: { zh: '转化', en: 'Converted' },
};

/** Default weights of the use score (configurable by the office director). */
export const DEFAULT_USE_WEIGHTS: Record<UseKind, number> = { provided: 2, viewed: 0.2, downloaded: 0.5, applied: 3, converted: 5 };

/** Categories of 议政会 notices. */
export const NOTICE_CATEGORIES = {
  meeting: { zh: '重要会议', en: 'Important meeting' },
  decision: { zh: '重要决策', en: 'Decision' },
  arrangement: { zh: '工作部署', en: 'Work arrangement' },
} as const;
export type NoticeCategory = keyof typeof NOTICE_CATEGORIES;

/** Module display name. */
export const LIBRARY_NAME = { zh: '资源共享', en: 'Resource sharing' };
