/**
 * 授权申请 (access grants), 三员分立: an account's roles and clearance change only when the 安全保密管理员
 * approves a request. The 系统管理员 files requests (a new account, an edit, the roles a password reset
 * held back); the 安全保密管理员 approves or rejects them, never for their own account; the 安全审计员
 * sees every request and every administrator action on accounts.
 */
import type { Role } from '../../../common/enums.js';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { iso } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, StaleVersionError } from '../../platform/errors.js';
import type { AppContext } from '../../platform/module.js';
import { orgPolicy, rolesAreSeparated } from './org.policy.js';
import * as repo from './org.repo.js';
import type { GrantRow } from './org.repo.js';

/** Why a request was filed. */
export type GrantKind = 'create' | 'change' | 'reset' | 'request';

/** A request as the API presents it. */
export interface GrantView {
  id: number;
  userId: number;
  username: string;
  userName: string;
  unitName: string;
  kind: string;
  roles: string[];
  clearance: number;
  prevRoles: string[];
  prevClearance: number;
  status: string;
  requestedBy: { id: number; name: string | null };
  requestedAt: string;
  decidedBy: { id: number; name: string | null } | null;
  decidedAt: string | null;
  note: string | null;
  version: number;
}

/** Actions on accounts the administrators' report lists (the refusals of account routes too). */
const REPORT_ACTIONS = [
  'org.user_create',
  'org.user_update',
  'org.user_reset_password',
  'org.user_unlock',
  'org.grant_request',
  'org.grant_approve',
  'org.grant_reject',
  'org.grant_cancel',
] as const;

function parseRoles(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

function sameAccess(a: { roles: readonly string[]; clearance: number }, b: { roles: readonly string[]; clearance: number }): boolean {
  return a.clearance === b.clearance && JSON.stringify([...new Set(a.roles)].sort()) === JSON.stringify([...new Set(b.roles)].sort());
}

/** Access-grant use cases. */
export class GrantService {
  constructor(private readonly ctx: AppContext) {}

  /** Checks what a request asks for: separated roles, an enabled level. */
  async checkRequest(trx: Db | Trx, roles: readonly string[], clearance: number): Promise<void> {
    if (!rolesAreSeparated(roles)) throw new RuleError('org.admin_roles_separated');
    const { value } = await this.ctx.settings.get(trx);
    if (!value.enabledLevels.includes(clearance)) throw new RuleError('org.clearance_not_enabled');
  }

  /**
   * Files a request inside the caller's transaction (a pending one of the same account is superseded)
   * and audits it. Returns null when the account already holds exactly that.
   */
  async file(
    trx: Trx,
    actor: Actor,
    input: { userId: number; kind: GrantKind; roles: readonly Role[] | readonly string[]; clearance: number },
  ): Promise<number | null> {
    const now = await repo.accessOf(trx, input.userId);
    if (!now) throw new NotFoundError();
    const roles = [...new Set(input.roles)].sort();
    if (sameAccess(now, { roles, clearance: input.clearance })) return null;
    // the same request already waiting: keep it (an edit that saves the form again files nothing new)
    const waiting = await repo.pendingGrantsOfUser(trx, input.userId);
    const same = waiting.find((w) => sameAccess({ roles: parseRoles(w.roles), clearance: w.clearance }, { roles, clearance: input.clearance }));
    if (same && input.kind !== 'reset') return same.id;
    const at = iso(this.ctx.clock.now());
    const superseded = await repo.supersedePending(trx, input.userId, at);
    const id = await repo.insertGrant(trx, {
      user_id: input.userId,
      kind: input.kind,
      roles: JSON.stringify(roles),
      clearance: input.clearance,
      prev_roles: JSON.stringify(now.roles),
      prev_clearance: now.clearance,
      status: 'pending',
      requested_by: actor.id,
      decided_by: null,
      decided_at: null,
      note: null,
      created_at: at,
      updated_at: at,
    });
    await this.ctx.audit.append(trx, {
      actor,
      action: 'org.grant_request',
      targetType: 'user',
      targetId: input.userId,
      detail: {
        grantId: id,
        kind: input.kind,
        roles,
        clearance: input.clearance,
        from: now,
        ...(superseded.length ? { superseded } : {}),
      },
    });
    return id;
  }

  /** 申请授权: files a request for an account's roles and clearance (系统管理员 or 安全保密管理员). */
  async request(actor: Actor, input: { userId: number; roles: Role[]; clearance: number }): Promise<{ id: number }> {
    if (!orgPolicy.requestGrant(actor)) throw new ForbiddenError();
    if (input.userId === actor.id) throw new RuleError('org.grant_self');
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.checkRequest(trx, input.roles, input.clearance);
      const id = await this.file(trx, actor, { ...input, kind: 'request' });
      if (id === null) throw new RuleError('org.grant_unchanged');
      return { id };
    });
  }

  private async loadPending(trx: Trx, id: number, version: number) {
    const g = await repo.findGrant(trx, id);
    if (!g) throw new NotFoundError();
    if (g.status !== 'pending') throw new ConflictError('org.grant_decided');
    if (g.version !== version) throw new StaleVersionError();
    return g;
  }

  /** Marks a pending request decided; a concurrent decision loses with 409. */
  private async close(trx: Trx, id: number, version: number, actor: Actor, status: string, note: string | null): Promise<void> {
    const at = iso(this.ctx.clock.now());
    if (!(await repo.closeGrant(trx, id, version, { status, decided_by: actor.id, decided_at: at, note }))) throw new StaleVersionError();
  }

  /** 批准: the account gets the requested roles and clearance; its sessions end; it is notified. */
  async approve(actor: Actor, id: number, version: number): Promise<GrantView> {
    if (!orgPolicy.decideGrant(actor)) throw new ForbiddenError();
    await this.ctx.db.transaction().execute(async (trx) => {
      const g = await this.loadPending(trx, id, version);
      if (g.user_id === actor.id) throw new RuleError('org.grant_self');
      const roles = parseRoles(g.roles);
      await this.checkRequest(trx, roles, g.clearance);
      await this.close(trx, id, version, actor, 'approved', null);
      const before = (await repo.accessOf(trx, g.user_id))!;
      const at = iso(this.ctx.clock.now());
      await repo.setClearance(trx, g.user_id, g.clearance, at);
      await repo.deleteRoles(trx, g.user_id);
      await repo.insertRoles(trx, g.user_id, roles);
      // what the account may see changed: its sessions end (a token's next request loads the new access)
      await repo.endSessions(trx, g.user_id);
      await this.ctx.notifier.send(trx, [g.user_id], {
        kind: 'org.grant_approved',
        title: '您的角色和涉密等级已变更 / Your roles and clearance changed',
        body: '安全保密管理员已批准授权申请，请重新登录。/ The security administrator approved a grant; log in again.',
        link: null,
      });
      const changes: Record<string, [unknown, unknown]> = {};
      if (JSON.stringify(before.roles) !== JSON.stringify(roles)) changes.roles = [before.roles, roles];
      if (before.clearance !== g.clearance) changes.clearance = [before.clearance, g.clearance];
      await this.ctx.audit.append(trx, {
        actor,
        action: 'org.grant_approve',
        targetType: 'user',
        targetId: g.user_id,
        changes,
        detail: { grantId: id, kind: g.kind },
      });
    });
    return this.get(actor, id);
  }

  /** 驳回: the request closes; nothing changes. */
  async reject(actor: Actor, id: number, version: number, note: string | null): Promise<GrantView> {
    if (!orgPolicy.decideGrant(actor)) throw new ForbiddenError();
    await this.ctx.db.transaction().execute(async (trx) => {
      const g = await this.loadPending(trx, id, version);
      if (g.user_id === actor.id) throw new RuleError('org.grant_self');
      await this.close(trx, id, version, actor, 'rejected', note);
      await this.ctx.audit.append(trx, { actor, action: 'org.grant_reject', targetType: 'user', targetId: g.user_id, detail: { grantId: id, note } });
    });
    return this.get(actor, id);
  }

  /** 撤回: the one who may file a request withdraws a pending one. */
  async cancel(actor: Actor, id: number, version: number): Promise<GrantView> {
    if (!orgPolicy.requestGrant(actor)) throw new ForbiddenError();
    await this.ctx.db.transaction().execute(async (trx) => {
      const g = await this.loadPending(trx, id, version);
      await this.close(trx, id, version, actor, 'cancelled', null);
      await this.ctx.audit.append(trx, { actor, action: 'org.grant_cancel', targetType: 'user', targetId: g.user_id, detail: { grantId: id } });
    });
    return this.get(actor, id);
  }

  private present(g: GrantRow): GrantView {
    return {
      id: g.id,
      userId: g.user_id,
      username: g.username,
      userName: g.user_name,
      unitName: g.unit_name,
      kind: g.kind,
      roles: parseRoles(g.roles),
      clearance: g.clearance,
      prevRoles: parseRoles(g.prev_roles),
      prevClearance: g.prev_clearance,
      status: g.status,
      requestedBy: { id: g.requested_by, name: g.requested_by_name },
      requestedAt: g.created_at,
      decidedBy: g.decided_by === null ? null : { id: g.decided_by, name: g.decided_by_name },
      decidedAt: g.decided_at,
      note: g.note,
      version: g.version,
    };
  }

  /** One request. */
  async get(actor: Actor, id: number): Promise<GrantView> {
    if (!orgPolicy.readGrants(actor)) throw new ForbiddenError();
    const g = await repo.grantRow(this.ctx.db, id);
    if (!g) throw new NotFoundError();
    return this.present(g);
  }

  /** Requests, newest first; `status` pending by default, `all` for every one. */
  async list(actor: Actor, q: { status: string; userId?: number; page: number; pageSize: number }): Promise<{ total: number; items: GrantView[] }> {
    if (!orgPolicy.readGrants(actor)) throw new ForbiddenError();
    const { total, rows } = await repo.grantPage(this.ctx.db, q);
    return { total, items: rows.map((g) => this.present(g)) };
  }

  /** The pending request of each of `userIds`, if any. */
  async pendingOf(db: Db | Trx, userIds: readonly number[]) {
    return repo.pendingGrantsOf(db, userIds);
  }

  /**
   * 管理操作报告 for the 安全审计员: every administrator action on accounts (creation, edits, password
   * resets, unlocks, grant requests and decisions) and every refused attempt at an account route,
   * newest first, with the account it concerned.
   */
  async adminReport(actor: Actor, q: { userId?: number; page: number; pageSize: number }) {
    if (!orgPolicy.readAdminReport(actor)) throw new ForbiddenError();
    const { total, rows } = await repo.adminReportPage(this.ctx.db, REPORT_ACTIONS, q);
    return {
      total,
      items: rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        ip: r.ip,
        action: r.action,
        outcome: r.outcome,
        userId: r.username === null ? null : Number(r.target_id),
        username: r.username,
        userName: r.name,
        changes: r.changes === null ? null : (JSON.parse(r.changes) as unknown),
        detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
      })),
    };
  }
}
