/**
 * 卷宗 of a closed 接待方案 for 保密档案 (through `ReceptionContract.dossier`): the plan (delegation, dates,
 * guests, purpose), the itinerary with each item's outcome (done by whom and when, or cancelled with the
 * reason), the approvals, the change log (every revision with its reason), the actual costs and the summary.
 */
import { ITEM_KIND_NAMES, type ItemKind } from '../../../../common/reception.js';
import type { Db } from '../../../db/client.js';
import type { ArchivableItem, Dossier, DossierEntry } from '../../../platform/dossier.js';
import * as repo from '../reception.repo.js';
import { closedPlans } from '../repo/reception.dossier.js';

/** China-time "YYYY-MM-DD HH:mm" of an ISO instant. */
function when(isoText: string | null): string {
  if (!isoText) return '时间待定';
  const d = new Date(new Date(isoText).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

function source(row: repo.PlanRecord): ArchivableItem {
  return {
    module: 'reception',
    type: 'reception_plan',
    id: row.id,
    number: row.number,
    title: `${row.title}接待方案`,
    level: row.level,
    ownerUnitId: row.unit_id,
    closedAt: row.closed_at ?? '',
  };
}

/** Closed plans as archivable sources (owned by their 接待处). */
export async function archivable(db: Db, limit: number): Promise<ArchivableItem[]> {
  return (await closedPlans(db, limit)).map(source);
}

function itemEntry(i: repo.ItemRecord, users: Map<number, string>, units: Map<number, string>): DossierEntry {
  const name = (id: number | null, m: Map<number, string>) => (id !== null ? (m.get(id) ?? '') : '');
  const outcome =
    i.status === 'done'
      ? `已完成（${name(i.done_by, users)}，${when(i.done_at)}）`
      : i.status === 'cancelled'
        ? `已取消（原因：${i.cancel_reason ?? ''}）`
        : '未办';
  const kind = ITEM_KIND_NAMES[i.kind as ItemKind]?.zh ?? i.kind;
  const parts = [
    `地点：${i.place || '—'}`,
    `责任处室：${name(i.unit_id, units) || '—'}`,
    `责任人：${name(i.person_id, users) || '—'}`,
    ...(i.vehicles ? [`车辆：${i.vehicles}`] : []),
    ...(i.standard ? [`标准：${i.standard}`] : []),
    `预算：${i.budget}元`,
    `实际费用：${i.actual_cost ?? '—'}${i.actual_cost !== null ? '元' : ''}`,
  ];
  return { heading: `${when(i.starts_at)}　${kind}：${i.title}`, meta: parts.join('　'), text: outcome };
}

/** The dossier of a closed plan, or null. */
export async function dossier(db: Db, id: number): Promise<Dossier | null> {
  const row = await repo.findPlan(db, id);
  if (!row || row.status !== 'closed') return null;
  const items = await repo.itemsOfPlans(db, [id]);
  const changes = await repo.changesOf(db, id);
  const users = await repo.userNames(db, [
    row.drafted_by,
    row.head_approved_by,
    row.approved_by,
    ...items.flatMap((i) => [i.person_id, i.done_by]),
    ...changes.map((c) => c.changed_by),
  ]);
  const units = await repo.unitNames(
    db,
    items.map((i) => i.unit_id),
  );
  const user = (uid: number | null) => (uid !== null ? (users.get(uid) ?? '') : '');
  const guests = (JSON.parse(row.guests) as { name: string; title: string }[]).map((g) => (g.title ? `${g.name}（${g.title}）` : g.name)).join('、');
  const budget = items.filter((i) => i.status !== 'cancelled').reduce((s, i) => s + i.budget, 0);
  const actual = items.reduce((s, i) => s + (i.actual_cost ?? 0), 0);
  return {
    ...source(row),
    sections: [
      {
        title: '接待方案',
        entries: [
          {
            heading: `${row.number} ${row.title}`,
            meta: `来访单位：${row.delegation}　来访时间：${row.arrive_date} 至 ${row.leave_date}　拟稿：${user(row.drafted_by)}`,
            text: `来宾：${guests || '—'}（共${row.guest_count}人）\n来访事由：${row.purpose}`,
          },
        ],
      },
      { title: '日程安排及落实情况', entries: items.map((i) => itemEntry(i, users, units)) },
      {
        title: '审批',
        entries: [
          { heading: '处长审核', meta: null, text: `${user(row.head_approved_by) || '—'}　${row.head_approved_at ? when(row.head_approved_at) : ''}` },
          { heading: '主任审批', meta: null, text: `${user(row.approved_by) || '—'}　${row.approved_at ? when(row.approved_at) : ''}` },
        ],
      },
      {
        title: '变更记录',
        entries: changes.length
          ? [...changes].reverse().map((c) => ({
              heading: `第${c.revision}版`,
              meta: `变更人：${user(c.changed_by)}　时间：${when(c.changed_at)}`,
              text: `变更原因：${c.note}\n变更内容：${(JSON.parse(c.fields) as string[]).join('；')}`,
            }))
          : [{ heading: '无变更', meta: null, text: '方案批准后未作变更。' }],
      },
      {
        title: '办结',
        entries: [
          { heading: '费用', meta: null, text: `预算合计：${budget}元；实际费用合计：${actual}元` },
          { heading: '接待工作小结', meta: `办结时间：${when(row.closed_at)}`, text: row.summary ?? '' },
        ],
      },
    ],
  };
}
