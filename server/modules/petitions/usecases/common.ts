/** What every 信访 use case shares: the configuration, load-then-authorize, facts, the presenter and time limits. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { personal } from '../petitions.mask.js';
import { caseActions, isOverseer, isStaff, type CaseFacts, type PetitionUnits } from '../petitions.policy.js';
import * as repo from '../petitions.repo.js';
import { CASE_STATES } from '../petitions.workflow.js';
import { caseSearchDoc } from '../repo/petitions.search.js';
import type { Light } from '../../../../common/enums.js';

export type H = Db | Trx;

/** The configuration and its version. */
export async function config(db: H): Promise<{ cfg: repo.PetitionsConfig; cfgVersion: number }> {
  const { value, version } = await repo.readConfig(db);
  return { cfg: value, cfgVersion: version };
}

/** The actor as the lists' SQL filter sees them. */
export function viewer(actor: Actor, cfg: PetitionUnits): repo.Viewer {
  return { actor, all: isStaff(actor, cfg) || isOverseer(actor, cfg) };
}

/** A case row as the policy needs it. */
export function facts(cfg: PetitionUnits, row: Pick<repo.CaseRecord, 'level' | 'status' | 'unit_id' | 'handler_id'>): CaseFacts {
  return {
    staffUnitIds: cfg.staffUnitIds,
    overseerUnitIds: cfg.overseerUnitIds,
    level: row.level,
    status: row.status,
    unitId: row.unit_id,
    handlerId: row.handler_id,
  };
}

/** Loads a case the actor may read (404, audited as denied under `action`, otherwise). */
export async function loadCase(db: H, actor: Actor, cfg: repo.PetitionsConfig, id: number, action: string) {
  const row = await repo.findCase(db, id);
  const f = row ? facts(cfg, row) : undefined;
  authorize(actor, caseActions.read, f, { action, targetType: 'petition_case', targetId: id, mode: 'read' });
  return { row: row!, facts: f };
}

/** The date `days` after `from` (working days through the calendar when configured). */
export function dueDate(ctx: AppContext, cfg: repo.PetitionsConfig, now: Date, days: number): string {
  const today = chinaDate(now);
  if (cfg.workingDays) return ctx.calendar.addWorkingDays(today, days);
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a due date has passed (China midnight after it). */
export function afterDue(day: string): Date {
  return new Date(`${day}T16:00:00Z`);
}

/** The running time limit of a case and its light. */
export function limitOf(ctx: AppContext, row: repo.CaseRecord, now: Date): { due: string | null; light: Light } {
  const due = row.status === 'transferred' ? row.accept_due : row.status === 'accepted' ? row.handle_due : null;
  return { due, light: ctx.calendar.light(due, now) };
}

/** A case as a list shows it, personal data masked unless the viewer may see it. */
export function presentListItem(ctx: AppContext, actor: Actor, cfg: PetitionUnits, row: repo.CaseRecord, units: Map<number, string>) {
  const f = facts(cfg, row);
  return {
    id: row.id,
    number: row.number,
    channel: row.channel as 'letter',
    petitioner: personal(row, caseActions.seePersonal(actor, f)),
    subject: row.subject,
    category: row.category,
    place: row.place,
    status: row.status,
    statusName: CASE_STATES[row.status as keyof typeof CASE_STATES] ?? { zh: row.status, en: row.status },
    unit: row.unit_id !== null ? { id: row.unit_id, name: units.get(row.unit_id) ?? '' } : null,
    acceptDue: row.accept_due,
    handleDue: row.handle_due,
    light: limitOf(ctx, row, ctx.clock.now()).light,
    repeatOf: row.repeat_of,
    supervisedCount: row.supervised_count,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** A case with its course, the linked repeats the viewer may see, and the viewer's actions. */
export async function presentCase(ctx: AppContext, db: H, actor: Actor, cfg: repo.PetitionsConfig, row: repo.CaseRecord) {
  const units = await repo.unitNames(db, row.unit_id !== null ? [row.unit_id] : []);
  const users = await repo.userNames(db, [row.registered_by, ...(row.handler_id !== null ? [row.handler_id] : [])]);
  const chain = await repo.repeatChain(db, row.repeat_of ?? row.id);
  const f = facts(cfg, row);
  return {
    ...presentListItem(ctx, actor, cfg, row, units),
    content: row.content,
    handler: row.handler_id !== null ? { id: row.handler_id, name: users.get(row.handler_id) ?? '' } : null,
    transferredAt: row.transferred_at,
    acceptedAt: row.accepted_at,
    unitReply: row.unit_reply,
    repliedAt: row.replied_at,
    answer: row.answer,
    answeredAt: row.answered_at,
    satisfaction: row.satisfaction as 'satisfied' | null,
    followUp: row.follow_up,
    followedUpAt: row.followed_up_at,
    outcome: row.outcome,
    closedAt: row.closed_at,
    lastSupervisedAt: row.last_supervised_at,
    supervision: row.supervision_item_id !== null ? { id: row.supervision_item_id, number: row.supervision_number ?? '' } : null,
    registeredBy: { id: row.registered_by, name: users.get(row.registered_by) ?? '' },
    repeats: chain
      .filter((c) => c.id !== row.id && caseActions.read(actor, facts(cfg, c)))
      .map((c) => ({ id: c.id, number: c.number, subject: c.subject, status: c.status, createdAt: c.created_at })),
    actions: presentActions(actor, caseActions, f),
  };
}

/** Re-indexes a case for 全文检索 (its need-to-know changes with 转办 and 受理). */
export async function reindex(ctx: AppContext, trx: Trx, cfg: PetitionUnits, row: repo.CaseRecord): Promise<void> {
  await ctx.search.index(trx, caseSearchDoc(row, cfg));
}
