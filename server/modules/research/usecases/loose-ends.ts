/**
 * 件件有着落: the open items of 调研 on the office-wide board — open milestones of running 课题 (late
 * ones first by their deadline), running 课题 (due by their end date) and undecided proposals (due 60 days
 * after they were made: "undecided for long") — and the checker's findings (a running 课题 whose lead unit
 * is inactive or with neither an enabled 负责人 nor a member; a concluded 课题 without its report).
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import * as repo from '../research.repo.js';

/** How long a proposal may wait for the 调研联席会议 before it is a loose end. */
export const UNDECIDED_DAYS = 60;

const deadlineOfProposal = (createdAt: string) => chinaDate(new Date(new Date(createdAt).getTime() + UNDECIDED_DAYS * 86_400_000));

/** The open items `actor` may see, most urgent first. */
export async function open(db: Db, actor: Actor, opts: { limit: number }): Promise<OpenItem[]> {
  const d = await repo.desk(db);
  const milestones = await repo.openMilestonesVisible(db, actor, d, opts.limit);
  const topics = await repo.runningTopicsVisible(db, actor, d, opts.limit);
  const proposals = await repo.undecidedProposalsVisible(db, actor, d, opts.limit);
  const out: OpenItem[] = [
    ...milestones.map((m) => ({
      module: 'research',
      type: 'research_milestone',
      id: m.id,
      title: `调研节点：${m.topic_title} — ${m.title}`,
      ownerUnitId: m.lead_unit_id,
      ownerUserId: m.leader_id,
      deadline: m.due_date,
      status: 'open',
      link: `/research/topics/${m.topic_id}`,
    })),
    ...topics.map((t) => ({
      module: 'research',
      type: 'research_topic',
      id: t.id,
      title: `调研课题：${t.title}`,
      ownerUnitId: t.lead_unit_id,
      ownerUserId: t.leader_id,
      deadline: t.end_date,
      status: t.status,
      link: `/research/topics/${t.id}`,
    })),
    ...proposals.map((p) => ({
      module: 'research',
      type: 'research_proposal',
      id: p.id,
      title: `调研选题：${p.title}`,
      ownerUnitId: d.researchUnitIds[0] ?? p.unit_id,
      ownerUserId: p.proposed_by,
      deadline: deadlineOfProposal(p.created_at),
      status: p.status,
      link: '/research/proposals',
    })),
  ];
  out.sort((a, b) => (a.deadline === b.deadline ? 0 : a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1));
  return out.slice(0, opts.limit);
}

/** Every loose end of the module (no actor: ids and codes only). */
export async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  for (const t of await repo.runningTopicsForCheck(db)) {
    const base = { module: 'research', type: 'research_topic', id: t.id, number: t.number };
    if (t.unit_active !== 1) out.push({ ...base, problem: 'no_owner_unit' });
    const leaderOk = t.leader_disabled !== null && t.leader_disabled === 0;
    if (!leaderOk && Number(t.members ?? 0) === 0) out.push({ ...base, problem: 'no_responsible_person' });
  }
  for (const t of await repo.concludedWithoutOutcome(db))
    out.push({ module: 'research', type: 'research_topic', id: t.id, number: t.number, problem: 'no_outcome' });
  return out;
}

/** The module's registration on the board. */
export function provider(): LooseEndsProvider {
  return { open, check };
}
