/** Reading meetings: the calendar, and one meeting with attendees, agenda, materials, minutes and decisions with progress lights. */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { presentActions } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import type { SourceProgress } from '../../supervision/supervision.contract.js';
import { MEETING_KIND_INFO, type MeetingKind } from '../meetings.gates.js';
import { meetingActions, meetingsPolicy, type MeetingFacts } from '../meetings.policy.js';
import { presentTopics } from '../meetings.presenter.js';
import * as repo from '../meetings.repo.js';
import { MATERIAL_KIND_INFO } from '../meetings.schema.js';
import { MEETING_STATES } from '../meetings.workflow.js';
import { config, listedTopicFacts, loadMeeting, viewer, type H } from './common.js';

/** Meetings the actor may see in a date range (the calendar). */
export async function listMeetings(ctx: AppContext, actor: Actor, q: { from?: string; to?: string; status?: string; page: number; pageSize: number }) {
  const db = ctx.db;
  const { cfg } = await config(db);
  const { total, rows } = await repo.listMeetings(db, viewer(actor, cfg), q);
  const chairs = await repo.userNames(
    db,
    rows.map((r) => r.chair_id),
  );
  return {
    total,
    items: rows.map((m) => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      kindName: MEETING_KIND_INFO[m.kind as MeetingKind] ?? null,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      place: m.place,
      chair: { id: m.chair_id, name: chairs.get(m.chair_id) ?? '' },
      level: m.level,
      status: m.status,
      statusName: MEETING_STATES[m.status as keyof typeof MEETING_STATES] ?? null,
      topicCount: Number(m.topic_count ?? 0),
      version: m.version,
    })),
  };
}

/** The materials of a meeting the actor may read, with their files. */
async function materialsView(ctx: AppContext, db: H, actor: Actor, meetingId: number, facts: MeetingFacts) {
  const rows = (await repo.materials(db, meetingId)).filter((mat) => meetingsPolicy.readMaterial(actor, { ...facts, material: mat }));
  const out = [];
  for (const mat of rows)
    out.push({
      id: mat.id,
      topicId: mat.topic_id,
      kind: mat.kind,
      kindName: MATERIAL_KIND_INFO[mat.kind as keyof typeof MATERIAL_KIND_INFO] ?? null,
      title: mat.title,
      level: mat.level,
      createdAt: mat.created_at,
      version: mat.version,
      attachments: await ctx.files.listFor(db, 'meeting_material', mat.id),
    });
  return out;
}

/** The decisions (议定事项) the actor may read, with the progress of the supervision items made of them. */
async function decisionsView(ctx: AppContext, db: H, actor: Actor, meetingId: number) {
  const rows = (await repo.decisions(db, meetingId)).filter((d) => meetingsPolicy.readDecision(actor, d));
  const supervision = ctx.services.supervision;
  let progress: Record<number, SourceProgress[]> = {};
  if (supervision && rows.some((d) => d.supervision_item_id !== null)) {
    progress = await supervision.progressBySource(
      db as Db,
      actor,
      'meeting_decision',
      rows.map((d) => d.id),
    );
  }
  const names = await repo.unitNames(
    db,
    rows.flatMap((d) => [d.lead_unit_id, ...(JSON.parse(d.co_unit_ids) as number[])]),
  );
  return rows.map((d) => ({
    id: d.id,
    topicId: d.topic_id,
    seq: d.seq,
    text: d.text,
    leadUnit: { id: d.lead_unit_id, name: names.get(d.lead_unit_id) ?? '' },
    coUnits: (JSON.parse(d.co_unit_ids) as number[]).map((u) => ({ id: u, name: names.get(u) ?? '' })),
    dueDate: d.due_date,
    level: d.level,
    supervisionItemId: d.supervision_item_id,
    supervisionNumber: d.supervision_number,
    progress: progress[d.id] ?? [],
    version: d.version,
  }));
}

/** One meeting: attendees, agenda with gates, materials the actor may read, minutes, decisions with progress lights. */
export async function getMeeting(ctx: AppContext, actor: Actor, id: number, db: H = ctx.db) {
  const { cfg } = await config(db);
  const m = await loadMeeting(db, actor, cfg, id, 'meetings.meeting_read');
  const att = await repo.attendees(db, id);
  const agendaRows = await repo.agenda(db, id);
  const concerned = await repo.concernedUnits(
    db,
    agendaRows.map((r) => r.id),
  );
  const meetingUserIds = [m.row.chair_id, ...att.map((a) => a.user_id)];
  const topics = agendaRows
    .map((row) => ({ row, facts: listedTopicFacts(cfg, row, concerned.get(row.id) ?? [], meetingUserIds) }))
    .filter((t) => meetingsPolicy.readTopic(actor, t.facts));
  const agendaViews = await presentTopics(db, actor, cfg, topics, { kindOverride: m.row.kind as MeetingKind });
  const chair = await repo.userNames(db, [m.row.chair_id]);
  const page = { ...m.facts, attendee: att.find((a) => a.user_id === actor.id), supervisionAvailable: ctx.services.supervision !== undefined };
  return {
    id: m.row.id,
    title: m.row.title,
    kind: m.row.kind,
    kindName: MEETING_KIND_INFO[m.row.kind as MeetingKind] ?? null,
    decisionKind: MEETING_KIND_INFO[m.row.kind as MeetingKind]?.decision ?? false,
    startsAt: m.row.starts_at,
    endsAt: m.row.ends_at,
    place: m.row.place,
    chair: { id: m.row.chair_id, name: chair.get(m.row.chair_id) ?? '' },
    level: m.row.level,
    status: m.row.status,
    statusName: MEETING_STATES[m.row.status as keyof typeof MEETING_STATES] ?? null,
    minutesSummary: m.row.minutes_summary,
    minutesNo: m.row.minutes_no,
    checklist: cfg.checklists[m.row.kind as MeetingKind] ?? [],
    attendees: att.map((a) => ({
      userId: a.user_id,
      name: a.name,
      unitName: a.unit_name,
      attendance: a.attendance,
      excuseReason: a.excuse_reason,
      notifiedAt: a.notified_at,
      signedInAt: a.signed_in_at,
    })),
    agenda: agendaViews,
    materials: await materialsView(ctx, db, actor, id, m.facts),
    decisions: await decisionsView(ctx, db, actor, id),
    createdAt: m.row.created_at,
    version: m.row.version,
    actions: presentActions(actor, meetingActions, page) as string[],
  };
}
