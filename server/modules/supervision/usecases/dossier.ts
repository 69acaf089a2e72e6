/**
 * 卷宗 of a closed 督查事项 for 保密档案 (through `SupervisionContract.dossier`): the item, every task,
 * every report with its review, every extension with its decision, and the final result (回访).
 */
import type { Db } from '../../../db/client.js';
import type { ArchivableItem, Dossier, DossierEntry } from '../../../platform/dossier.js';
import * as repo from '../supervision.repo.js';
import { closedItems } from '../repo/supervision.dossier.js';

const REVIEW = { none: '', pending: '待审核', accepted: '审核通过（办结）', returned: '退回' } as Record<string, string>;
const EXTENSION = { pending: '待审批', approved: '同意延期', rejected: '不同意延期' } as Record<string, string>;

/** Closed items as archivable sources. */
export async function archivable(db: Db, limit: number): Promise<ArchivableItem[]> {
  const rows = await closedItems(db, limit);
  return rows.map((r) => ({
    module: 'supervision',
    type: 'supervision_item',
    id: r.id,
    number: r.number,
    title: r.title,
    level: r.level,
    ownerUnitId: r.owner_unit_id,
    closedAt: r.closed_at ?? '',
  }));
}

/** The dossier of a closed item, or null. */
export async function dossier(db: Db, id: number): Promise<Dossier | null> {
  const item = await repo.findItem(db, id);
  if (!item || item.status !== 'closed') return null;
  const tasks = await repo.tasksOfItem(db, id);
  const taskIds = tasks.map((t) => t.id);
  const reports = await repo.reportsOf(db, taskIds);
  const extensions = await repo.extensionsOf(db, taskIds);
  const users = await repo.userNames(db, [
    item.responsible_user_id,
    ...tasks.map((t) => t.responsible_user_id),
    ...reports.flatMap((r) => [r.submitted_by, r.reviewed_by]),
    ...extensions.flatMap((e) => [e.requested_by, e.decided_by]),
  ]);
  const units = await repo.unitNames(db, [item.lead_unit_id, ...tasks.map((t) => t.unit_id)]);
  const unitOfTask = new Map(tasks.map((t) => [t.id, units.get(t.unit_id) ?? '']));
  const who = (id: number | null) => (id ? (users.get(id) ?? '') : '');
  const reportEntries: DossierEntry[] = reports.map((r) => ({
    heading: `${unitOfTask.get(r.task_id) ?? ''} ${r.review_status === 'none' ? '进展报告' : '办结报告'}${r.late ? '（逾期报送）' : ''}`,
    meta: `报送人：${who(r.submitted_by)}　报送时间：${r.submitted_at.slice(0, 16).replace('T', ' ')}`,
    text: r.content,
  }));
  const reviewEntries: DossierEntry[] = reports
    .filter((r) => r.reviewed_at)
    .map((r) => ({
      heading: `${unitOfTask.get(r.task_id) ?? ''} 审核：${REVIEW[r.review_status] ?? r.review_status}`,
      meta: `审核人：${who(r.reviewed_by)}　审核时间：${(r.reviewed_at ?? '').slice(0, 16).replace('T', ' ')}`,
      text: r.review_comment ?? '（无审核意见）',
    }));
  const extensionEntries: DossierEntry[] = extensions.map((e) => ({
    heading: `${unitOfTask.get(e.task_id) ?? ''} 延期申请：${EXTENSION[e.status] ?? e.status}`,
    meta: `申请人：${who(e.requested_by)}　原时限：${e.old_deadline}　申请延至：${e.requested_deadline}${e.new_deadline ? `　批准延至：${e.new_deadline}` : ''}`,
    text: `理由：${e.reason}${e.decision_comment ? `\n审批意见（${who(e.decided_by)}）：${e.decision_comment}` : ''}`,
  }));
  return {
    module: 'supervision',
    type: 'supervision_item',
    id: item.id,
    number: item.number,
    title: item.title,
    level: item.level,
    ownerUnitId: item.owner_unit_id,
    closedAt: item.closed_at ?? '',
    sections: [
      {
        title: '督查事项',
        entries: [
          {
            heading: `${item.number} ${item.title}`,
            meta: `牵头单位：${units.get(item.lead_unit_id) ?? ''}　时限：${item.deadline}　立项：${item.created_at.slice(0, 10)}`,
            text: `督办要求：${item.requirement}${item.instruction_text ? `\n批示：${item.instruction_text}` : ''}\n办结标准：${item.closing_criteria}`,
          },
          ...tasks.map((t) => ({
            heading: `任务：${units.get(t.unit_id) ?? ''}${t.is_lead ? '（牵头）' : '（协办）'}`,
            meta: `责任人：${who(t.responsible_user_id)}　时限：${t.deadline}　状态：${t.status}`,
            text: t.accepted_at ? `办结时间：${t.accepted_at.slice(0, 10)}` : '',
          })),
        ],
      },
      { title: '办理报告', entries: reportEntries },
      { title: '审核意见', entries: reviewEntries },
      { title: '延期申请与审批', entries: extensionEntries },
      {
        title: '办结与回访',
        entries: [
          {
            heading: '结果回访、销号',
            meta: `办结：${(item.concluded_at ?? '').slice(0, 10)}　销号：${(item.closed_at ?? '').slice(0, 10)}${item.rating ? `　评价：${item.rating}分` : ''}`,
            text: item.followup_note ?? '',
          },
        ],
      },
    ],
  };
}
