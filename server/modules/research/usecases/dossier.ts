/**
 * 卷宗 of a concluded 课题 for 保密档案 (through `ResearchContract.dossier`): the 课题 (number, lead unit,
 * 负责人, dates, background), the team, the milestones with their completion, the 调研联席会议's decision
 * it came from, the report (summary and file names), the 转化 links and the 结题 date.
 */
import { CONVERSION_KIND_NAMES, type ConversionKind } from '../../../../common/research.js';
import type { Db } from '../../../db/client.js';
import type { ArchivableItem, Dossier, DossierEntry, DossierSection } from '../../../platform/dossier.js';
import * as repo from '../research.repo.js';

/** China-time "YYYY-MM-DD HH:mm" of an ISO instant. */
function when(isoText: string | null): string {
  if (!isoText) return '—';
  const d = new Date(new Date(isoText).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

function source(row: repo.TopicRecord): ArchivableItem {
  return {
    module: 'research',
    type: 'research_topic',
    id: row.id,
    number: row.number,
    title: row.title,
    level: row.level,
    ownerUnitId: row.lead_unit_id,
    closedAt: row.concluded_at ?? '',
  };
}

/** Concluded 课题 as archivable sources (owned by their lead unit), newest concluded first. */
export async function archivable(db: Db, limit: number): Promise<ArchivableItem[]> {
  return (await repo.concludedTopics(db, limit)).map(source);
}

function decisionSection(d: repo.DecisionRecord | undefined, users: Map<number, string>): DossierSection {
  const entries: DossierEntry[] = d
    ? [
        {
          heading: `调研联席会议（${d.held_on}）`,
          meta: `会议：${d.meeting_ref || '—'}　记录人：${users.get(d.recorded_by) ?? ''}`,
          text: `出席：${d.attendees || '—'}`,
        },
      ]
    : [{ heading: '无', meta: null, text: '该课题未经调研联席会议决定立项。' }];
  return { title: '立项决定', entries };
}

/** The dossier of a concluded 课题, or null. */
export async function dossier(db: Db, id: number): Promise<Dossier | null> {
  const t = await repo.findTopic(db, id);
  if (!t || t.status !== 'concluded') return null;
  const [members, milestones, conversions, files] = await Promise.all([
    repo.membersOf(db, [id]),
    repo.milestonesOf(db, [id]),
    repo.conversionsOf(db, [id]),
    repo.attachmentsOf(db, id),
  ]);
  const decision = t.decision_id !== null ? await repo.findDecision(db, t.decision_id) : undefined;
  const users = await repo.userNames(db, [
    t.leader_id,
    t.concluded_by,
    t.created_by,
    decision?.recorded_by,
    ...members.map((m) => m.user_id),
    ...milestones.map((m) => m.done_by),
    ...conversions.map((c) => c.recorded_by),
  ]);
  const units = await repo.unitNames(db, [t.lead_unit_id, t.proposer_unit_id, ...members.map((m) => m.unit_id)]);
  const user = (uid: number | null | undefined) => (uid !== null && uid !== undefined ? (users.get(uid) ?? '') : '');
  const unit = (uid: number | null) => (uid !== null ? (units.get(uid) ?? '') : '');
  return {
    ...source(t),
    sections: [
      {
        title: '调研课题',
        entries: [
          {
            heading: `${t.number} ${t.title}`,
            meta: `牵头单位：${unit(t.lead_unit_id)}　提出单位：${unit(t.proposer_unit_id) || '—'}　负责人：${user(t.leader_id) || '—'}　起止：${t.start_date} 至 ${t.end_date}`,
            text: `背景：${t.background}`,
          },
        ],
      },
      {
        title: '课题组',
        entries: members.length
          ? members.map((m) => ({ heading: user(m.user_id), meta: null, text: unit(m.unit_id) }))
          : [{ heading: '无', meta: null, text: '未组建课题组。' }],
      },
      {
        title: '进度节点',
        entries: milestones.length
          ? milestones.map((m) => ({
              heading: `${m.due_date}　${m.title}`,
              meta: null,
              text: m.status === 'done' ? `已完成（${user(m.done_by)}，${when(m.done_at)}）${m.note ? `：${m.note}` : ''}` : '未完成',
            }))
          : [{ heading: '无', meta: null, text: '未设进度节点。' }],
      },
      decisionSection(decision, users),
      {
        title: '调研报告',
        entries: [
          {
            heading: '报告摘要',
            meta: `报告文件：${files.map((f) => f.filename).join('、') || '—'}`,
            text: t.report_summary ?? '',
          },
        ],
      },
      {
        title: '成果转化',
        entries: conversions.length
          ? conversions.map((c) => ({
              heading: CONVERSION_KIND_NAMES[c.kind as ConversionKind]?.zh ?? c.kind,
              meta: `记录人：${user(c.recorded_by)}　时间：${when(c.recorded_at)}${c.supervision_number ? `　督办编号：${c.supervision_number}` : ''}`,
              text: [c.reference, c.note].filter(Boolean).join('\n'),
            }))
          : [{ heading: '无', meta: null, text: '尚未记录成果转化。' }],
      },
      {
        title: '结题',
        entries: [
          {
            heading: `结题日期：${when(t.concluded_at).slice(0, 10)}`,
            meta: `结题人：${user(t.concluded_by) || '—'}`,
            text: t.on_time === 1 ? '按期结题' : '逾期结题',
          },
        ],
      },
    ],
  };
}
