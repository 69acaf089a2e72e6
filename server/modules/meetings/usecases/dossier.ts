/**
 * 卷宗 of a minuted 会议 for 保密档案 (through `MeetingsContract.dossier`): the meeting, its 纪要 (summary and every
 * 议定事项), its materials with the names of their files, and the attendance.
 */
import type { Db } from '../../../db/client.js';
import type { ArchivableItem, Dossier } from '../../../platform/dossier.js';
import { attendeesOf, decisionsOf, materialsOf, meetingById, minutedMeetings } from '../repo/meetings.dossier.js';

type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingById>>>;

function source(m: MeetingRow): ArchivableItem {
  return {
    module: 'meetings',
    type: 'meeting',
    id: m.id,
    number: m.minutes_no !== null ? `〔${m.starts_at.slice(0, 4)}〕第${m.minutes_no}期` : null,
    title: `${m.title}纪要`,
    level: m.level,
    ownerUnitId: m.handler_unit_id,
    closedAt: m.updated_at,
  };
}

/** Minuted meetings as archivable sources. */
export async function archivable(db: Db, limit: number): Promise<ArchivableItem[]> {
  return (await minutedMeetings(db, limit)).map(source);
}

/** The dossier of a minuted meeting, or null. */
export async function dossier(db: Db, id: number): Promise<Dossier | null> {
  const m = await meetingById(db, id);
  if (!m || m.status !== 'minuted') return null;
  const decisions = await decisionsOf(db, id);
  const materials = await materialsOf(db, id);
  const attendees = await attendeesOf(db, id);
  const present = attendees.filter((a) => a.attendance !== 'excused');
  const excused = attendees.filter((a) => a.attendance === 'excused');
  return {
    ...source(m),
    sections: [
      {
        title: '会议纪要',
        entries: [
          { heading: m.title, meta: `时间：${m.starts_at.slice(0, 16).replace('T', ' ')}　地点：${m.place}`, text: m.minutes_summary ?? '' },
          ...decisions.map((d) => ({
            heading: `议定事项${d.seq}`,
            meta: `牵头单位：${d.unit_name ?? ''}　时限：${d.due_date}${d.supervision_number ? `　督办：${d.supervision_number}` : ''}`,
            text: d.text,
          })),
        ],
      },
      {
        title: '会议材料',
        entries: materials.map((x) => ({ heading: x.title, meta: x.kind, text: x.filename ? `文件：${x.filename}` : '' })),
      },
      {
        title: '出席与请假',
        entries: [
          { heading: '出席', text: present.map((a) => `${a.name}（${a.unit_name}）`).join('、') },
          { heading: '请假', text: excused.map((a) => `${a.name}（${a.unit_name}）${a.excuse_reason ? `：${a.excuse_reason}` : ''}`).join('\n') },
        ],
      },
    ],
  };
}
