/** What every 保密档案 use case shares: today, load-then-authorize, facts and presenters, the secrecy job. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { LEVELS } from '../../../../common/enums.js';
import { isArchivist, isSecrecyOfficer, loanActions, recordActions, type ArchiveScope, type RecordFacts } from '../archives.policy.js';
import * as repo from '../archives.repo.js';
import { LOAN_STATES, RETENTION_NAMES, SECRECY_JOB, SOURCES, type Retention } from '../archives.constants.js';

export type H = repo.H;

/** Today in China by the injected clock. */
export function today(ctx: AppContext): string {
  return chinaDate(ctx.clock.now());
}

/** The instant a day has passed in China (midnight after it). */
export function afterDay(day: string): Date {
  return new Date(`${day}T16:00:00Z`);
}

/** The policy's facts of a record for the actor (their open loans looked up). */
export async function recordFacts(db: H, actor: Actor, scope: ArchiveScope, row: repo.RecordRow, day: string): Promise<RecordFacts> {
  const loans = await repo.openLoansOf(db, actor.id, [row.id], day);
  return {
    ...scope,
    level: row.level,
    ownerUnitId: row.owner_unit_id,
    onLoan: loans.some((l) => l.status === 'approved'),
    loanOpen: loans.length > 0,
  };
}

/** Loads a record the actor may read (`ability` 'read' or 'browse'); 404, audited as denied under `action`, otherwise. */
export async function loadRecord(ctx: AppContext, db: H, actor: Actor, id: number, action: string, ability: 'read' | 'browse' = 'read') {
  const scope = await repo.scopeOf(db, actor);
  const row = await repo.findRecord(db, id);
  const facts = row ? await recordFacts(db, actor, scope, row, today(ctx)) : undefined;
  authorize(actor, recordActions[ability], facts, { action, targetType: 'archive_record', targetId: id, mode: 'read' });
  return { row: row!, facts: facts!, scope };
}

const levelName = (l: number) => LEVELS[l]?.zh ?? String(l);

/** A record as lists show it. */
export function presentListItem(actor: Actor, row: repo.RecordRow, facts: RecordFacts, units: Map<number, string>, users: Map<number, string>) {
  const source = SOURCES[row.source_type as keyof typeof SOURCES];
  return {
    id: row.id,
    archiveNo: row.archive_no,
    year: row.year,
    sourceModule: row.source_module,
    sourceType: row.source_type,
    sourceName: source ? { zh: source.zh, en: source.en } : { zh: row.source_type, en: row.source_type },
    sourceId: row.source_id,
    sourceNumber: row.source_number,
    title: row.title,
    retention: row.retention,
    retentionName: RETENTION_NAMES[row.retention as Retention]?.zh ?? row.retention,
    level: row.level,
    levelName: levelName(row.level),
    secrecyUntil: row.secrecy_until,
    ownerUnit: { id: row.owner_unit_id, name: units.get(row.owner_unit_id) ?? '' },
    archivedBy: { id: row.archived_by, name: users.get(row.archived_by) ?? '' },
    archivedAt: row.archived_at,
    hasBundle: row.attachment_id !== null,
    readable: recordActions.read(actor, facts),
    version: row.version,
    actions: presentActions(actor, recordActions, facts).filter((a) => a !== 'browse'),
  };
}

/** A loan as the API shows it. */
export function presentLoan(
  actor: Actor,
  scope: ArchiveScope,
  l: NonNullable<Awaited<ReturnType<typeof repo.findLoan>>>,
  users: Map<number, string>,
  day: string,
) {
  const facts = { ...scope, status: l.status, borrowerId: l.borrower_id, level: l.level };
  return {
    id: l.id,
    recordId: l.record_id,
    archiveNo: l.archive_no,
    title: l.title,
    level: l.level,
    borrower: { id: l.borrower_id, name: users.get(l.borrower_id) ?? '' },
    reason: l.reason,
    returnDue: l.return_due,
    status: l.status,
    statusName: LOAN_STATES[l.status] ?? { zh: l.status, en: l.status },
    overdue: l.status === 'approved' && l.return_due < day,
    decidedBy: l.decided_by !== null ? { id: l.decided_by, name: users.get(l.decided_by) ?? '' } : null,
    decidedAt: l.decided_at,
    decisionComment: l.decision_comment,
    returnedAt: l.returned_at,
    createdAt: l.created_at,
    version: l.version,
    actions: presentActions(actor, loanActions, facts).filter((a) => a !== 'read'),
  };
}

/** Whether the actor is 档案处 or 机要保密处 (sees a record's loans and reviews). */
export function isStaff(actor: Actor, scope: ArchiveScope): boolean {
  return isArchivist(actor, scope) || isSecrecyOfficer(actor, scope);
}

/** Schedules the 保密期限 review of a record: due the midnight after its end date (now when already past). */
export async function scheduleSecrecy(ctx: AppContext, trx: Trx, recordId: number, until: string | null): Promise<void> {
  if (!until) return;
  const at = afterDay(until);
  const now = ctx.clock.now();
  await ctx.scheduler.schedule(trx, { kind: SECRECY_JOB, targetType: 'archive_record', targetId: recordId, dueAt: at < now ? now : at, payload: { until } });
}
