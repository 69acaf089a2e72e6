/**
 * 借阅: a user asks to borrow a record with a reason and a return date; the 档案处 approves or refuses;
 * while approved and not past the return date the borrower reads the record and its bundle; on return,
 * or after the return date, access ends. Never above the borrower's clearance: a record above it is not
 * even in their catalogue (404), and approval re-checks the borrower's current clearance (422).
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { loanActions, recordActions } from '../archives.policy.js';
import * as repo from '../archives.repo.js';
import { loadRecord, presentLoan, today } from './common.js';

const ARCHIVIST_ROLES = ['staff', 'division_head', 'director'] as const;

async function presentOne(ctx: AppContext, db: repo.H, actor: Actor, id: number) {
  const l = (await repo.findLoan(db, id))!;
  const scope = await repo.scopeOf(db, actor);
  const users = await repo.userNames(db, [l.borrower_id, l.decided_by]);
  return presentLoan(actor, scope, l, users, today(ctx));
}

/** 借阅申请. */
export async function requestLoan(ctx: AppContext, actor: Actor, recordId: number, input: { reason: string; returnDue: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, facts, scope } = await loadRecord(ctx, trx, actor, recordId, 'archives.loan_request', 'browse');
    authorize(actor, recordActions.borrow, facts, { action: 'archives.loan_request', targetType: 'archive_record', targetId: recordId });
    const day = today(ctx);
    if (input.returnDue < day) throw new RuleError('archives.return_date_past');
    const at = iso(ctx.clock.now());
    const id = await repo.insertLoan(trx, {
      record_id: recordId,
      borrower_id: actor.id,
      borrower_unit_id: actor.unitId,
      reason: input.reason.trim(),
      return_due: input.returnDue,
      status: 'requested',
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      returned_at: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'archives.loan_request',
      targetType: 'archive_loan',
      targetId: id,
      changes: { status: [null, 'requested'], return_due: [null, input.returnDue], reason: [null, input.reason] },
      detail: { recordId },
    });
    const archivists = await repo.usersOfUnit(trx, scope.archivesUnitId, ARCHIVIST_ROLES);
    await ctx.notifier.send(trx, archivists, {
      kind: 'archives.loan_request',
      title: `借阅申请：${row.archive_no}`,
      body: `${actor.name} 申请借阅，归还日期 ${input.returnDue}`,
      link: `/archives/${recordId}`,
      level: row.level,
    });
    return presentOne(ctx, trx, actor, id);
  });
}

/** 审批借阅: approve or refuse (档案处). */
export async function decideLoan(ctx: AppContext, actor: Actor, id: number, approve: boolean, input: { version: number; comment?: string | null }) {
  const action = approve ? 'archives.loan_approve' : 'archives.loan_refuse';
  return ctx.db.transaction().execute(async (trx) => {
    const l = await repo.findLoan(trx, id);
    const scope = await repo.scopeOf(trx, actor);
    const facts = l ? { ...scope, status: l.status, borrowerId: l.borrower_id, level: l.level } : undefined;
    authorize(actor, loanActions.read, facts, { action, targetType: 'archive_loan', targetId: id, mode: 'read' });
    authorize(actor, approve ? loanActions.approve : loanActions.refuse, facts!, { action, targetType: 'archive_loan', targetId: id });
    assertVersion(l!, input.version);
    if (approve) {
      const clearance = await repo.clearanceOf(trx, l!.borrower_id);
      if (clearance === null || clearance < l!.level) throw new RuleError('archives.above_clearance');
    }
    const status = approve ? 'approved' : 'refused';
    const at = iso(ctx.clock.now());
    await updateVersioned(
      trx,
      'archive_loan',
      l!,
      { status, decided_by: actor.id, decided_at: at, decision_comment: input.comment?.trim() || null, updated_at: at },
      {
        trail: ctx.audit,
        entry: { actor, action, targetType: 'archive_loan', targetId: id, changes: { status: [l!.status, status] }, detail: { recordId: l!.record_id } },
      },
    );
    await ctx.notifier.send(trx, [l!.borrower_id], {
      kind: action,
      title: `${approve ? '借阅已同意' : '借阅未同意'}：${l!.archive_no}`,
      body: approve ? `可查阅至 ${l!.return_due}` : (input.comment ?? ''),
      link: `/archives/${l!.record_id}`,
      level: l!.level,
    });
    return presentOne(ctx, trx, actor, id);
  });
}

/** 归还: the borrower or the 档案处 ends a loan; the borrower's access ends with it. */
export async function returnLoan(ctx: AppContext, actor: Actor, id: number, input: { version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await repo.findLoan(trx, id);
    const scope = await repo.scopeOf(trx, actor);
    const facts = l ? { ...scope, status: l.status, borrowerId: l.borrower_id, level: l.level } : undefined;
    authorize(actor, loanActions.read, facts, { action: 'archives.loan_return', targetType: 'archive_loan', targetId: id, mode: 'read' });
    authorize(actor, loanActions.return, facts!, { action: 'archives.loan_return', targetType: 'archive_loan', targetId: id });
    assertVersion(l!, input.version);
    const at = iso(ctx.clock.now());
    await updateVersioned(
      trx,
      'archive_loan',
      l!,
      { status: 'returned', returned_at: at, updated_at: at },
      {
        trail: ctx.audit,
        entry: {
          actor,
          action: 'archives.loan_return',
          targetType: 'archive_loan',
          targetId: id,
          changes: { status: [l!.status, 'returned'] },
          detail: { recordId: l!.record_id },
        },
      },
    );
    return presentOne(ctx, trx, actor, id);
  });
}

/** Loans: the 档案处 sees every loan (up to its clearance), others their own. */
export async function listLoans(ctx: AppContext, actor: Actor, status?: string) {
  const scope = await repo.scopeOf(ctx.db, actor);
  const all = loanActions.approve(actor, { ...scope, status: 'requested', borrowerId: 0, level: 0 });
  const rows = await repo.listLoans(ctx.db, actor, all, status);
  const users = await repo.userNames(
    ctx.db,
    rows.flatMap((l) => [l.borrower_id, l.decided_by]),
  );
  const day = today(ctx);
  return { items: rows.map((l) => presentLoan(actor, scope, l, users, day)) };
}
