/**
 * 卷宗 of a closed 信访件 for 保密档案 (through `PetitionsContract.dossier`): registration, 转办, the unit's
 * reply, the answer, the follow-up and the outcome. The petitioner's personal data is masked in the
 * bundle (an archive is read by borrowers, who are neither 信访 staff nor the assigned handler).
 */
import type { Db } from '../../../db/client.js';
import type { ArchivableItem, Dossier } from '../../../platform/dossier.js';
import { maskName } from '../petitions.mask.js';
import * as repo from '../petitions.repo.js';
import { closedCases } from '../repo/petitions.dossier.js';

const day = (s: string | null) => (s ?? '').slice(0, 10);

function source(row: repo.CaseRecord, ownerUnitId: number): ArchivableItem {
  return {
    module: 'petitions',
    type: 'petition_case',
    id: row.id,
    number: row.number,
    title: row.subject,
    level: row.level,
    ownerUnitId,
    closedAt: row.closed_at ?? '',
  };
}

/** Closed cases as archivable sources (owned by the first 信访 unit). */
export async function archivable(db: Db, limit: number): Promise<ArchivableItem[]> {
  const { value } = await repo.readConfig(db);
  return (await closedCases(db, limit)).map((r) => source(r, value.staffUnitIds[0] ?? r.registered_by));
}

/** The dossier of a closed case, or null. */
export async function dossier(db: Db, id: number): Promise<Dossier | null> {
  const row = await repo.findCase(db, id);
  if (!row || row.status !== 'closed') return null;
  const { value } = await repo.readConfig(db);
  const units = await repo.unitNames(db, [row.unit_id]);
  const entry = (heading: string, at: string | null, text: string | null) => ({ heading, meta: at ? `时间：${day(at)}` : null, text: text ?? '' });
  return {
    ...source(row, value.staffUnitIds[0] ?? 0),
    sections: [
      {
        title: '信访事项',
        entries: [
          {
            heading: `${row.number} ${row.subject}`,
            meta: `信访人：${maskName(row.petitioner_name)}　类别：${row.category}　属地：${row.place}　登记：${day(row.created_at)}`,
            text: row.content,
          },
        ],
      },
      {
        title: '办理过程',
        entries: [
          entry(`转办：${row.unit_id !== null ? (units.get(row.unit_id) ?? '') : '（未转办）'}`, row.transferred_at, ''),
          entry('责任单位办复', row.replied_at, row.unit_reply),
          entry('答复信访人', row.answered_at, row.answer),
          entry('回访', row.followed_up_at, row.follow_up),
        ],
      },
      { title: '办结', entries: [entry('办理结果', row.closed_at, row.outcome)] },
    ],
  };
}
