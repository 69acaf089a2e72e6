/** 保密档案 API client: answer types and the texts of the module. */
import type { CandidatesResponse, ListRecordsResponse, LoanView, RecordResponse, RecordView, ReviewView } from '../../../../common/archives.ts';

export type { CandidatesResponse, ListRecordsResponse, LoanView, RecordResponse, RecordView, ReviewView };

/** The module's texts: [zh, en]. */
export const dict = {
  catalogue: ['案卷目录', 'Catalogue'],
  loans: ['借阅登记', 'Loans'],
  reviews: ['解密/延期审查', 'Secrecy reviews'],
  archiveNo: ['档号', 'Archive no.'],
  title: ['题名', 'Title'],
  kind: ['类别', 'Kind'],
  ownerUnit: ['立卷单位', 'Filing unit'],
  retention: ['保管期限', 'Retention'],
  level: ['密级', 'Level'],
  secrecyUntil: ['保密期限至', 'Secret until'],
  archivedAt: ['归档日期', 'Archived'],
  archivedBy: ['归档人', 'Archived by'],
  sourceNumber: ['原编号', 'Source no.'],
  export: ['导出案卷目录', 'Export catalogue'],
  archive: ['归档', 'Archive'],
  archiveTitle: ['归档已办结事项', 'Archive a closed item'],
  item: ['待归档事项', 'Item to archive'],
  keyword: ['题名或档号', 'Title or number'],
  bundle: ['下载卷宗（PDF）', 'Download bundle (PDF)'],
  borrow: ['借阅申请', 'Borrow'],
  reason: ['借阅理由', 'Reason'],
  returnDue: ['归还日期', 'Return by'],
  borrower: ['借阅人', 'Borrower'],
  status: ['状态', 'Status'],
  approve: ['同意', 'Approve'],
  refuse: ['不同意', 'Refuse'],
  return: ['归还', 'Return'],
  overdue: ['逾期未还', 'Overdue'],
  notReadable: ['仅目录（未借阅）', 'Catalogue only'],
  back: ['返回目录', 'Back'],
  dueDate: ['保密期限届满日', 'Period ended'],
  decision: ['决定', 'Decision'],
  decide: ['作出决定', 'Decide'],
  decisionReason: ['决定理由', 'Reason'],
  newLevel: ['新密级', 'New level'],
  newUntil: ['新的保密期限', 'New end date'],
  declassify: ['解密', 'Declassify'],
  extend: ['延期', 'Extend'],
  downgrade: ['降密', 'Downgrade'],
  pending: ['待审查', 'Pending'],
  decided: ['已决定', 'Decided'],
  done: ['已保存', 'Saved'],
  empty: ['暂无', 'None'],
  submit: ['提交', 'Submit'],
} as const;

/** Levels as the forms offer them. */
export const LEVEL_OPTIONS = [
  { value: 0, label: '公开' },
  { value: 1, label: '内部' },
  { value: 2, label: '秘密' },
  { value: 3, label: '机密' },
];
