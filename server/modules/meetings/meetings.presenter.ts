/** The API shapes of 会议: topics with their gates and the actor's buttons (`actions`, from `topicActions`). */
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { evaluateGates, failedGates, GATE_INFO, MEETING_KIND_INFO, type GateEvaluation, type MeetingKind } from './meetings.gates.js';
import { meetingsPolicy, topicActions } from './meetings.policy.js';
import * as repo from './meetings.repo.js';
import { TOPIC_STATES } from './meetings.workflow.js';
import { meetingFacts, type H, type LoadedTopic } from './usecases/common.js';

interface Names {
  units: Map<number, string>;
  users: Map<number, string>;
  files: Map<number, string>;
}

function entryView(e: repo.GateEntryRecord | undefined, names: Names) {
  return e
    ? {
        id: e.id,
        status: e.status,
        evidenceAttachmentId: e.evidence_attachment_id,
        evidenceFilename: e.evidence_attachment_id ? (names.files.get(e.evidence_attachment_id) ?? null) : null,
        evidenceText: e.evidence_text,
        confirmedBy: e.confirmed_by,
        confirmedByName: names.users.get(e.confirmed_by) ?? '',
        confirmedAt: e.confirmed_at,
        version: e.version,
      }
    : null;
}

/** The gates of a topic: state, entries and whether the actor may confirm each. */
function gateViews(actor: Actor, topic: LoadedTopic, evals: GateEvaluation[], entries: repo.GateEntryRecord[], names: Names) {
  const entryOf = (key: string, unitId: number) =>
    entryView(
      entries.find((e) => e.topic_id === topic.row.id && e.gate_key === key && e.unit_id === unitId),
      names,
    );
  return evals.map((g) => ({
    key: g.key,
    zh: GATE_INFO[g.key].zh,
    en: GATE_INFO[g.key].en,
    perUnit: GATE_INFO[g.key].perUnit === true,
    state: g.state,
    entry: GATE_INFO[g.key].perUnit ? null : entryOf(g.key, 0),
    canConfirm: !GATE_INFO[g.key].perUnit && g.state !== 'not_required' && meetingsPolicy.confirmGate(actor, { ...topic.facts, gate: g.key, unitId: 0 }),
    units: (g.units ?? []).map((u) => ({
      unitId: u.unitId,
      unitName: names.units.get(u.unitId) ?? '',
      state: u.state,
      entry: entryOf(g.key, u.unitId),
      canConfirm: meetingsPolicy.confirmGate(actor, { ...topic.facts, gate: g.key, unitId: u.unitId }),
    })),
  }));
}

/** The meetings topics are on, and which of them the actor may read (their titles only to their readers). */
async function meetingsOf(db: H, actor: Actor, cfg: repo.MeetingsConfig, topics: LoadedTopic[]) {
  const meetingIds = [...new Set(topics.map((t) => t.row.meeting_id).filter((x): x is number => x !== null))];
  const meetings = await repo.meetingsByIds(db, meetingIds);
  const readable = new Set<number>();
  for (const m of meetings) if (meetingsPolicy.readMeeting(actor, await meetingFacts(db, actor, cfg, m))) readable.add(m.id);
  return { meetings, readable };
}

/** Presents topics with their gates (against their own kind's checklist, or `kindOverride`'s). */
export async function presentTopics(
  db: H,
  actor: Actor,
  cfg: repo.MeetingsConfig,
  topics: LoadedTopic[],
  opts: { kindOverride?: MeetingKind; full?: boolean } = {},
) {
  const entries = await repo.gateEntries(
    db,
    topics.map((t) => t.row.id),
  );
  // a topic's reader (e.g. its proposer) may not know the meeting it is on: its title only to the meeting's readers
  const { meetings, readable } = await meetingsOf(db, actor, cfg, topics);
  const units = await repo.unitNames(db, [...topics.flatMap((t) => [t.row.proposing_unit_id, ...t.facts.concernedUnitIds])]);
  const users = await repo.userNames(db, [...topics.flatMap((t) => [t.row.proposed_by, t.row.leader_id ?? 0]), ...entries.map((e) => e.confirmed_by)]);
  const files = await repo.attachmentNames(
    db,
    entries.map((e) => e.evidence_attachment_id).filter((x): x is number => x !== null),
  );
  return topics.map((t) => {
    const kind = opts.kindOverride ?? (t.row.kind as MeetingKind);
    const evals = evaluateGates(
      cfg.checklists[kind] ?? [],
      { needsExpert: Boolean(t.row.needs_expert), concernedUnitIds: t.facts.concernedUnitIds },
      entries.filter((e) => e.topic_id === t.row.id).map((e) => ({ gateKey: e.gate_key, unitId: e.unit_id, status: e.status })),
    );
    const failed = failedGates(evals);
    const m = meetings.find((x) => x.id === t.row.meeting_id);
    return {
      id: t.row.id,
      title: t.row.title,
      background: opts.full ? t.row.background : undefined,
      kind,
      kindName: MEETING_KIND_INFO[t.row.kind as MeetingKind] ?? null,
      level: t.row.level,
      needsExpert: Boolean(t.row.needs_expert),
      status: t.row.status,
      statusName: TOPIC_STATES[t.row.status as keyof typeof TOPIC_STATES] ?? null,
      proposingUnit: { id: t.row.proposing_unit_id, name: units.get(t.row.proposing_unit_id) ?? '' },
      leader: t.row.leader_id ? { id: t.row.leader_id, name: users.get(t.row.leader_id) ?? '' } : null,
      proposedBy: { id: t.row.proposed_by, name: users.get(t.row.proposed_by) ?? '' },
      concernedUnits: t.facts.concernedUnitIds.map((id) => ({ id, name: units.get(id) ?? '' })),
      meeting: m ? { id: m.id, title: readable.has(m.id) ? m.title : null, startsAt: m.starts_at } : null,
      agendaOrder: t.row.agenda_order,
      gates: gateViews(actor, t, evals, entries, { units, users, files }),
      gatesPassed: failed.length === 0,
      failedGates: failed.map((g) => g.key),
      createdAt: t.row.created_at,
      updatedAt: t.row.updated_at,
      version: t.row.version,
      actions: presentActions(actor, topicActions, t.facts) as string[],
    };
  });
}
