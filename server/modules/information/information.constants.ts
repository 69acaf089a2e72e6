/** The fixed vocabularies of 信息报送与采编. */

/** 信息类别: 工作动态 / 经验做法 / 问题建议 / 社情民意 / 紧急信息 (突发事件). */
export const INFO_KINDS = ['工作动态', '经验做法', '问题建议', '社情民意', '紧急信息'] as const;
export type InfoKind = (typeof INFO_KINDS)[number];

/** 采用 levels: 录用 (internal bulletin), 编入专报, 报送上级. */
export const ADOPT_LEVELS = ['recorded', 'special', 'upper'] as const;
export type AdoptLevel = (typeof ADOPT_LEVELS)[number];
export const ADOPT_LEVEL_NAMES: Record<AdoptLevel, { zh: string; en: string }> = {
  recorded: { zh: '录用', en: 'Recorded in bulletin' },
  special: { zh: '编入专报', en: 'In a special report' },
  upper: { zh: '报送上级', en: 'Sent to the upper office' },
};

/** Item states: 已报送 → 采编中 → 已采用; 已退回 and 已合并 end a report. */
export const ITEM_STATES = {
  submitted: { zh: '已报送', en: 'Submitted' },
  taken: { zh: '采编中', en: 'Being edited' },
  adopted: { zh: '已采用', en: 'Adopted' },
  returned: { zh: '已退回', en: 'Returned' },
  merged: { zh: '已合并', en: 'Merged' },
} as const;
export type ItemState = keyof typeof ITEM_STATES;

/** Event states: 待报 → 已报 | 漏报. */
export const EVENT_STATES = {
  open: { zh: '待报', en: 'Awaiting report' },
  reported: { zh: '已报', en: 'Reported' },
  missed: { zh: '漏报', en: 'Missed' },
} as const;

/** The unit code of 信息处 (the editors) in the org tree. */
export const INFO_DESK_UNIT_CODE = 'information';
/** The unit code of 督查室 (turns 批示 into 批示件). */
export const SUPERVISION_DESK_UNIT_CODE = 'supervision';

/** The scheduler job that records 漏报 when an event's time limit passes without a report. */
export const OMISSION_JOB = 'information.omission';
