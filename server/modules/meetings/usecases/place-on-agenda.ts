/**
 * 上会: places a topic of the 调度 layer on a meeting's agenda. For every gate of the meeting
 * kind's checklist the topic must have passed; otherwise 422 `meetings.gates_failed` naming them,
 * and the refusal is audited after the transaction rolled back (never on the db inside it).
 */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { evaluateGates, failedGates, GATE_INFO, type GateEvaluation, type MeetingKind } from '../meetings.gates.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { TOPIC_STATES, topicWorkflow } from '../meetings.workflow.js';
import { closed, loadManaged, loadTopic, reindex, type LoadedMeeting, type LoadedTopic } from './common.js';
import { getMeeting } from './read-meetings.js';

/** Places a topic on the agenda (audited by the engine as `meetings.topic.schedule`; a refusal for gates as `meetings.agenda_place` denied). */
export async function placeOnAgenda(ctx: AppContext, actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
  try {
    return await placeOnAgendaTx(ctx, actor, meetingId, topicId, topicVersion);
  } catch (e) {
    if (e instanceof RuleError && e.code === 'meetings.gates_failed') {
      const failed = (e.details as { failed: { key: string }[] }).failed.map((g) => g.key);
      await ctx.audit.record(ctx.db, {
        actor,
        action: 'meetings.agenda_place',
        targetType: 'meeting_topic',
        targetId: topicId,
        outcome: 'denied',
        detail: { meetingId, failed },
      });
    }
    throw e;
  }
}

/** 422 `meetings.gates_failed` unless the topic passed every gate of the meeting kind's checklist. */
async function assertGatesPassed(trx: Trx, cfg: repo.MeetingsConfig, m: LoadedMeeting, t: LoadedTopic): Promise<void> {
  const entries = await repo.gateEntries(trx, [t.row.id]);
  const evals = evaluateGates(
    cfg.checklists[m.row.kind as MeetingKind] ?? [],
    { needsExpert: Boolean(t.row.needs_expert), concernedUnitIds: t.facts.concernedUnitIds },
    entries.map((e) => ({ gateKey: e.gate_key, unitId: e.unit_id, status: e.status })),
  );
  const failed = failedGates(evals);
  if (!failed.length) return;
  const units = await repo.unitNames(
    trx,
    failed.flatMap((g) => (g.units ?? []).map((u) => u.unitId)),
  );
  const describe = (g: GateEvaluation) => {
    const bad = (g.units ?? [])
      .filter((u) => u.state !== 'passed')
      .map((u) => `${units.get(u.unitId) ?? u.unitId}${u.state === 'dissent' ? '有不同意见' : '未确认'}`);
    return `${GATE_INFO[g.key].zh}${bad.length ? `（${bad.join('，')}）` : ''}`;
  };
  throw new RuleError(
    'meetings.gates_failed',
    { gates: failed.map(describe).join('；') },
    {
      failed: failed.map((g) => ({
        key: g.key,
        zh: GATE_INFO[g.key].zh,
        en: GATE_INFO[g.key].en,
        state: g.state,
        units: (g.units ?? []).filter((u) => u.state !== 'passed').map((u) => ({ unitId: u.unitId, unitName: units.get(u.unitId) ?? '', state: u.state })),
      })),
    },
  );
}

async function placeOnAgendaTx(ctx: AppContext, actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.agenda_place');
    if (!meetingsPolicy.editAgenda(actor, m.facts)) throw closed(m.row);
    const t = await loadTopic(trx, actor, m.cfg, topicId, 'meetings.agenda_place');
    if (t.row.status !== 'preparing')
      throw new RuleError('meetings.topic_not_ready', { state: TOPIC_STATES[t.row.status as keyof typeof TOPIC_STATES]?.zh ?? t.row.status });
    assertVersion(t.row, topicVersion);
    if (t.row.level > m.row.level) throw new RuleError('meetings.topic_level_above_meeting');
    await assertGatesPassed(trx, m.cfg, m, t);
    await ctx.workflow.apply(
      trx,
      topicWorkflow(() => true),
      {
        row: t.row,
        action: 'schedule',
        actor,
        version: topicVersion,
        input: {},
        set: { meeting_id: meetingId, agenda_order: await repo.nextAgendaOrder(trx, meetingId) },
        detail: { meetingId, meetingTitle: m.row.title },
        notify: [
          {
            userIds: [t.row.proposed_by].filter((u) => u !== actor.id),
            message: {
              kind: 'meetings.topic_scheduled',
              title: `议题“${t.row.title}”已列入会议议程`,
              // not the meeting's title: the proposer may have no need-to-know of the meeting (or its 密级)
              body: `会议日期：${chinaDate(new Date(m.row.starts_at))}`,
              link: `/meetings/topics/${topicId}`,
              level: t.row.level,
            },
          },
        ],
      },
    );
    await reindex(ctx, trx, { topics: [topicId] });
    return getMeeting(ctx, actor, meetingId, trx);
  });
}
