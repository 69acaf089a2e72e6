/**
 * Confirms one gate of a topic with evidence (an attachment of the topic, or a written record),
 * or records a department's dissent for 会前协商一致; a dissent is told to the office and the proposer.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError, StaleVersionError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { GATE_INFO, type GateKey, type MeetingKind } from '../meetings.gates.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { config, loadTopic, type LoadedTopic } from './common.js';
import { getTopic } from './read-topics.js';

/** Input of a gate confirmation; `version` is 0 for a first entry. */
export interface GateInput {
  version: number;
  unitId?: number;
  status: 'confirmed' | 'dissent';
  attachmentId?: number | null;
  text?: string;
}

/** The department the entry speaks for: 0 for a gate of the whole topic; for a per-department gate the one given or the actor's own. */
function entryUnit(actor: Actor, t: LoadedTopic, gate: GateKey, input: GateInput): number {
  if (GATE_INFO[gate].perUnit !== true) {
    if (input.status === 'dissent') throw new RuleError('meetings.dissent_only_consensus');
    return 0;
  }
  const unitId = input.unitId ?? (t.facts.concernedUnitIds.includes(actor.unitId) ? actor.unitId : 0);
  if (!unitId) throw new RuleError('meetings.unit_required');
  if (!t.facts.concernedUnitIds.includes(unitId)) throw new RuleError('meetings.unit_not_concerned');
  return unitId;
}

/** Confirms a gate (audited as `meetings.gate_confirm` or `meetings.gate_dissent`). */
export async function confirmGate(ctx: AppContext, actor: Actor, topicId: number, gate: GateKey, input: GateInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const t = await loadTopic(trx, actor, cfg, topicId, 'meetings.gate_confirm');
    if (!(cfg.checklists[t.row.kind as MeetingKind] ?? []).some((c) => c.key === gate))
      throw new RuleError('meetings.gate_not_in_checklist', { gate: GATE_INFO[gate].zh });
    const unitId = entryUnit(actor, t, gate, input);
    authorize(
      actor,
      meetingsPolicy.confirmGate,
      { ...t.facts, gate, unitId },
      { action: 'meetings.gate_confirm', targetType: 'meeting_topic', targetId: topicId },
    );
    const text = input.text?.trim() || null;
    const attachmentId = input.attachmentId ?? null;
    if (input.status === 'confirmed' ? !text && !attachmentId : !text) throw new RuleError('meetings.evidence_required');
    if (attachmentId) {
      const a = await repo.attachmentOwner(trx, attachmentId);
      if (!a || a.owner_type !== 'meeting_topic' || a.owner_id !== topicId) throw new RuleError('meetings.evidence_invalid');
    }
    const before = await repo.findGateEntry(trx, topicId, gate, unitId);
    if ((before?.version ?? 0) !== input.version) throw new StaleVersionError({ current: before?.version ?? 0 });
    const at = iso(ctx.clock.now());
    const values = {
      status: input.status,
      evidence_attachment_id: attachmentId,
      evidence_text: text,
      confirmed_by: actor.id,
      confirmed_at: at,
      updated_at: at,
    };
    if (before) await repo.updateGateEntry(trx, before, values);
    else await repo.insertGateEntry(trx, { topic_id: topicId, gate_key: gate, unit_id: unitId, ...values, created_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: input.status === 'dissent' ? 'meetings.gate_dissent' : 'meetings.gate_confirm',
      targetType: 'meeting_topic',
      targetId: topicId,
      changes: { [`gate.${gate}${unitId ? `.${unitId}` : ''}`]: [before?.status ?? null, input.status] },
      detail: { gate, unitId: unitId || null, attachmentId, text },
    });
    if (input.status === 'dissent') {
      const managers = await repo.usersWithRole(trx, cfg.handlerUnitIds, ['staff', 'division_head'], t.row.level);
      await ctx.notifier.send(
        trx,
        [...managers, t.row.proposed_by].filter((id) => id !== actor.id),
        {
          kind: 'meetings.gate_dissent',
          title: `议题“${t.row.title}”会前协商有不同意见`,
          body: `${actor.unitName}：${text ?? ''}`.slice(0, 500),
          link: `/meetings/topics/${topicId}`,
          level: t.row.level,
        },
      );
    }
    return getTopic(ctx, actor, topicId, trx);
  });
}
