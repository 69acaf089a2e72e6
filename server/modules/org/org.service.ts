/** The organisation: the unit tree (incl. upper/lower offices and 责任单位), users, roles, clearances. */
import type { Role } from '../../../common/enums.js';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { diffFields } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, StaleVersionError } from '../../platform/errors.js';
import type { AppContext } from '../../platform/module.js';
import { assertPasswordPolicy, hashPassword } from '../../platform/passwords.js';
import type { OrgContract } from './org.contract.js';
import { GrantService } from './org.grants.js';
import { orgPolicy } from './org.policy.js';
import * as repo from './org.repo.js';

/** A unit as the API presents it. */
export interface UnitView {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string;
  kind: string;
  code: string | null;
  sort: number;
  active: boolean;
  version: number;
}

function presentUnit(u: {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string;
  kind: string;
  code: string | null;
  sort: number;
  active: number;
  version: number;
}): UnitView {
  return {
    id: u.id,
    parentId: u.parent_id,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    code: u.code,
    sort: u.sort,
    active: Boolean(u.active),
    version: u.version,
  };
}

/** Organisation use cases. */
export class OrgService implements OrgContract {
  /** 授权申请: roles and clearances take effect through these. */
  readonly grants: GrantService;

  constructor(private readonly ctx: AppContext) {
    this.grants = new GrantService(ctx);
  }

  private manage(actor: Actor): void {
    if (!orgPolicy.manage(actor)) throw new ForbiddenError();
  }

  /** All units (flat, sorted); the web builds the tree. */
  async listUnits(db: Db | Trx = this.ctx.db): Promise<UnitView[]> {
    return (await repo.listUnitRows(db)).map(presentUnit);
  }

  /** Creates a unit. */
  async createUnit(
    actor: Actor,
    input: { parentId: number | null; name: string; shortName?: string; kind: string; code?: string | null; sort?: number },
  ): Promise<UnitView> {
    this.manage(actor);
    return this.ctx.db.transaction().execute(async (trx) => {
      if (input.parentId !== null && !(await repo.unitExists(trx, input.parentId))) throw new RuleError('org.unit_not_found');
      if (input.code && (await repo.unitCodeTaken(trx, input.code)))
        throw new ConflictError('validation_error', {}, { fields: [{ path: 'body.code', message: 'taken' }] });
      const at = iso(this.ctx.clock.now());
      const row = await repo.insertUnit(trx, {
        parent_id: input.parentId,
        name: input.name,
        short_name: input.shortName || input.name,
        kind: input.kind,
        code: input.code || null,
        sort: input.sort ?? 0,
        active: 1,
        created_at: at,
        updated_at: at,
      });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'org.unit_create',
        targetType: 'unit',
        targetId: row.id,
        detail: { name: input.name, kind: input.kind },
      });
      return presentUnit(row);
    });
  }

  /** Updates a unit (optimistic lock on `version`). */
  async updateUnit(
    actor: Actor,
    id: number,
    input: { version: number; name?: string; shortName?: string; parentId?: number | null; kind?: string; sort?: number; active?: boolean },
  ): Promise<UnitView> {
    this.manage(actor);
    return this.ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findUnit(trx, id);
      if (!before) throw new NotFoundError();
      if (before.version !== input.version) throw new StaleVersionError();
      if (input.parentId !== undefined && input.parentId !== null) {
        // walk up from the new parent: the unit itself must not be on the way
        let p: number | null = input.parentId;
        while (p !== null) {
          if (p === id) throw new RuleError('org.unit_cycle');
          const up = await repo.unitParentOf(trx, p);
          if (!up) throw new RuleError('org.unit_not_found');
          p = up.parent_id;
        }
      }
      if (input.active === false) {
        if (await repo.unitInUse(trx, id)) throw new RuleError('org.unit_has_children');
      }
      const patch = {
        name: input.name,
        short_name: input.shortName,
        parent_id: input.parentId,
        kind: input.kind,
        sort: input.sort,
        active: input.active === undefined ? undefined : input.active ? 1 : 0,
      };
      const changes = diffFields(before, patch);
      if (!(await repo.updateUnitRow(trx, id, input.version, { ...patch, version: before.version + 1, updated_at: iso(this.ctx.clock.now()) })))
        throw new StaleVersionError();
      await this.ctx.audit.append(trx, { actor, action: 'org.unit_update', targetType: 'unit', targetId: id, changes });
      return presentUnit((await repo.findUnit(trx, id))!);
    });
  }

  /** Users, with search and paging, each with its pending grant request (系统管理员, 安全保密管理员). */
  async listUsers(actor: Actor, q: { q?: string; unitId?: number; page: number; pageSize: number }) {
    if (!orgPolicy.listUsers(actor)) throw new ForbiddenError();
    const { total, rows } = await repo.listUserRows(this.ctx.db, q);
    const roles = await repo.rolesOfUsers(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const locks = await repo.locksOf(
      this.ctx.db,
      rows.map((r) => r.username),
    );
    const pending = await this.grants.pendingOf(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const now = this.ctx.clock.now();
    return {
      total,
      items: rows.map((r) => {
        const lock = locks.find((l) => l.username === r.username)?.locked_until ?? null;
        const p = pending.find((g) => g.user_id === r.id);
        return {
          id: r.id,
          username: r.username,
          name: r.name,
          unitId: r.unit_id,
          unitName: r.unit_name,
          roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
          clearance: r.clearance,
          disabled: Boolean(r.disabled),
          lockedUntil: lock && new Date(lock) > now ? lock : null,
          pendingGrant: p ? { id: p.id, kind: p.kind, roles: JSON.parse(p.roles) as string[], clearance: p.clearance, version: p.version } : null,
          version: r.version,
        };
      }),
    };
  }

  /**
   * Creates a user (must change the password at first login) with no role and 公开 clearance; the
   * roles and clearance asked for become a grant request the 安全保密管理员 decides.
   */
  async createUser(
    actor: Actor,
    input: { username: string; name: string; unitId: number; roles: Role[]; clearance: number; password: string },
  ): Promise<{ id: number; grantId: number | null }> {
    this.manage(actor);
    assertPasswordPolicy(input.password, (await this.ctx.settings.get(this.ctx.db)).value);
    const hashed = await hashPassword(input.password);
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.grants.checkRequest(trx, input.roles, input.clearance);
      const username = input.username.trim().toLowerCase();
      if (await repo.usernameTaken(trx, username)) throw new ConflictError('org.username_taken');
      if (!(await repo.unitExists(trx, input.unitId))) throw new RuleError('org.unit_not_found');
      const at = iso(this.ctx.clock.now());
      const userId = await repo.insertUser(trx, {
        username,
        name: input.name,
        unit_id: input.unitId,
        clearance: 0,
        password_hash: hashed,
        password_changed_at: at,
        must_change_password: 1,
        disabled: 0,
        created_at: at,
        updated_at: at,
      });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'org.user_create',
        targetType: 'user',
        targetId: userId,
        detail: { username, unitId: input.unitId },
      });
      const grantId = await this.grants.file(trx, actor, { userId, kind: 'create', roles: input.roles, clearance: input.clearance });
      return { id: userId, grantId };
    });
  }

  /**
   * Updates a user's name, unit or disabled flag; a different set of roles or clearance becomes a grant
   * request (effective once the 安全保密管理员 approves it).
   */
  async updateUser(
    actor: Actor,
    id: number,
    input: { version: number; name?: string; unitId?: number; roles?: Role[]; clearance?: number; disabled?: boolean },
  ): Promise<{ version: number; grantId: number | null }> {
    this.manage(actor);
    if (id === actor.id && (input.roles !== undefined || input.clearance !== undefined || input.disabled === true))
      throw new RuleError('org.self_admin_change');
    return this.ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findUser(trx, id);
      if (!before) throw new NotFoundError();
      if (before.version !== input.version) throw new StaleVersionError();
      const access = (await repo.accessOf(trx, id))!;
      const wanted = { roles: input.roles ?? (access.roles as Role[]), clearance: input.clearance ?? access.clearance };
      if (input.roles !== undefined || input.clearance !== undefined) await this.grants.checkRequest(trx, wanted.roles, wanted.clearance);
      if (input.unitId !== undefined && !(await repo.unitExists(trx, input.unitId))) throw new RuleError('org.unit_not_found');
      const patch = {
        name: input.name,
        unit_id: input.unitId,
        disabled: input.disabled === undefined ? undefined : input.disabled ? 1 : 0,
      };
      const changes: Record<string, [unknown, unknown]> = diffFields(before, patch);
      if (!(await repo.updateUserRow(trx, id, input.version, { ...patch, version: before.version + 1, updated_at: iso(this.ctx.clock.now()) })))
        throw new StaleVersionError();
      // a change of what the user may see or do ends the user's sessions
      if (changes.unit_id || changes.disabled) await repo.endSessions(trx, id);
      await this.ctx.audit.append(trx, { actor, action: 'org.user_update', targetType: 'user', targetId: id, changes });
      const grantId =
        input.roles !== undefined || input.clearance !== undefined ? await this.grants.file(trx, actor, { userId: id, kind: 'change', ...wanted }) : null;
      return { version: before.version + 1, grantId };
    });
  }

  /**
   * 重置密码: the new password is a one-time secret, to be changed at the next login (until then the
   * account can do nothing else). Every session ends, API tokens are revoked, the user is notified, and
   * the roles and clearance the account held are suspended into a grant request: whoever learnt the
   * one-time secret gets no business access until the 安全保密管理员 reinstates it.
   */
  async resetPassword(actor: Actor, id: number, password: string): Promise<{ grantId: number | null }> {
    this.manage(actor);
    if (id === actor.id) throw new RuleError('org.self_reset');
    assertPasswordPolicy(password, (await this.ctx.settings.get(this.ctx.db)).value);
    const hashed = await hashPassword(password);
    return this.ctx.db.transaction().execute(async (trx) => {
      const access = await repo.accessOf(trx, id);
      if (!access) throw new NotFoundError();
      const at = iso(this.ctx.clock.now());
      await repo.setOneTimePassword(trx, id, hashed, at);
      await repo.deleteRoles(trx, id);
      const sessionsEnded = await repo.endSessions(trx, id);
      const tokensRevoked = await repo.revokeTokens(trx, id, at);
      await this.ctx.notifier.send(trx, [id], {
        kind: 'org.password_reset',
        title: '您的密码已被系统管理员重置 / Your password was reset by the system administrator',
        body: '所有会话已结束，请用一次性密码登录并立即修改；角色和涉密等级待安全保密管理员确认后恢复。如非本人申请，请立即联系安全保密管理员。/ Every session ended; log in with the one-time password and change it. Your roles and clearance return once the security administrator confirms them. If you did not ask for this, contact the security administrator now.',
        link: '/password',
      });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'org.user_reset_password',
        targetType: 'user',
        targetId: id,
        detail: { sessionsEnded, tokensRevoked, suspended: access },
      });
      // the access held is suspended (file() compares with what the account holds now: nothing)
      const grantId = await this.grants.file(trx, actor, { userId: id, kind: 'reset', roles: access.roles, clearance: access.clearance });
      return { grantId };
    });
  }

  /** Lifts a login lockout. */
  async unlock(actor: Actor, id: number): Promise<void> {
    this.manage(actor);
    await this.ctx.db.transaction().execute(async (trx) => {
      const username = await repo.usernameOf(trx, id);
      if (username === undefined) throw new NotFoundError();
      await repo.clearThrottle(trx, username);
      await this.ctx.audit.append(trx, { actor, action: 'org.user_unlock', targetType: 'user', targetId: id });
    });
  }

  /** The directory for pickers: active units and active users' names and units (no business content). */
  async directory() {
    const { units, users, roles } = await repo.directoryRows(this.ctx.db);
    return {
      units: units.map((u) => ({ id: u.id, parentId: u.parent_id, name: u.name, shortName: u.short_name, kind: u.kind, code: u.code })),
      users: users.map((u) => ({ id: u.id, name: u.name, unitId: u.unit_id, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) })),
    };
  }
}
