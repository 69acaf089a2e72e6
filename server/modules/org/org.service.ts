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
import { accessOf, GrantService } from './org.grants.js';
import { orgPolicy } from './org.policy.js';

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
    const rows = await db.selectFrom('unit').selectAll().orderBy('sort').orderBy('id').execute();
    return rows.map(presentUnit);
  }

  /** Creates a unit. */
  async createUnit(
    actor: Actor,
    input: { parentId: number | null; name: string; shortName?: string; kind: string; code?: string | null; sort?: number },
  ): Promise<UnitView> {
    this.manage(actor);
    return this.ctx.db.transaction().execute(async (trx) => {
      if (input.parentId !== null && !(await trx.selectFrom('unit').select('id').where('id', '=', input.parentId).executeTakeFirst()))
        throw new RuleError('org.unit_not_found');
      if (input.code && (await trx.selectFrom('unit').select('id').where('code', '=', input.code).executeTakeFirst()))
        throw new ConflictError('validation_error', {}, { fields: [{ path: 'body.code', message: 'taken' }] });
      const at = iso(this.ctx.clock.now());
      const row = await trx
        .insertInto('unit')
        .values({
          parent_id: input.parentId,
          name: input.name,
          short_name: input.shortName || input.name,
          kind: input.kind,
          code: input.code || null,
          sort: input.sort ?? 0,
          active: 1,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
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
      const before = await trx.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new NotFoundError();
      if (before.version !== input.version) throw new StaleVersionError();
      if (input.parentId !== undefined && input.parentId !== null) {
        // walk up from the new parent: the unit itself must not be on the way
        let p: number | null = input.parentId;
        while (p !== null) {
          if (p === id) throw new RuleError('org.unit_cycle');
          const up: { parent_id: number | null } | undefined = await trx.selectFrom('unit').select('parent_id').where('id', '=', p).executeTakeFirst();
          if (!up) throw new RuleError('org.unit_not_found');
          p = up.parent_id;
        }
      }
      if (input.active === false) {
        const child = await trx.selectFrom('unit').select('id').where('parent_id', '=', id).where('active', '=', 1).executeTakeFirst();
        const member = await trx.selectFrom('user').select('id').where('unit_id', '=', id).where('disabled', '=', 0).executeTakeFirst();
        if (child || member) throw new RuleError('org.unit_has_children');
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
      const res = await trx
        .updateTable('unit')
        .set({ ...patch, version: before.version + 1, updated_at: iso(this.ctx.clock.now()) })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      await this.ctx.audit.append(trx, { actor, action: 'org.unit_update', targetType: 'unit', targetId: id, changes });
      return presentUnit(await trx.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  /** Users, with search and paging, each with its pending grant request (系统管理员, 安全保密管理员). */
  async listUsers(actor: Actor, q: { q?: string; unitId?: number; page: number; pageSize: number }) {
    if (!orgPolicy.listUsers(actor)) throw new ForbiddenError();
    let base = this.ctx.db.selectFrom('user').innerJoin('unit', 'unit.id', 'user.unit_id');
    if (q.q) {
      const like = `%${q.q.replace(/[%_\\]/g, '')}%`;
      base = base.where((eb) => eb.or([eb('user.username', 'like', like), eb('user.name', 'like', like)]));
    }
    if (q.unitId) base = base.where('user.unit_id', '=', q.unitId);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select(['user.id', 'user.username', 'user.name', 'user.unit_id', 'unit.name as unit_name', 'user.clearance', 'user.disabled', 'user.version'])
      .orderBy('user.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const roles = rows.length
      ? await this.ctx.db
          .selectFrom('user_role')
          .selectAll()
          .where(
            'user_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const locks = rows.length
      ? await this.ctx.db
          .selectFrom('login_throttle')
          .select(['username', 'locked_until'])
          .where(
            'username',
            'in',
            rows.map((r) => r.username),
          )
          .execute()
      : [];
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
      if (await trx.selectFrom('user').select('id').where('username', '=', username).executeTakeFirst()) throw new ConflictError('org.username_taken');
      if (!(await trx.selectFrom('unit').select('id').where('id', '=', input.unitId).executeTakeFirst())) throw new RuleError('org.unit_not_found');
      const at = iso(this.ctx.clock.now());
      const row = await trx
        .insertInto('user')
        .values({
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'org.user_create',
        targetType: 'user',
        targetId: row.id,
        detail: { username, unitId: input.unitId },
      });
      const grantId = await this.grants.file(trx, actor, { userId: row.id, kind: 'create', roles: input.roles, clearance: input.clearance });
      return { id: row.id, grantId };
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
      const before = await trx.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new NotFoundError();
      if (before.version !== input.version) throw new StaleVersionError();
      const access = (await accessOf(trx, id))!;
      const wanted = { roles: input.roles ?? (access.roles as Role[]), clearance: input.clearance ?? access.clearance };
      if (input.roles !== undefined || input.clearance !== undefined) await this.grants.checkRequest(trx, wanted.roles, wanted.clearance);
      if (input.unitId !== undefined && !(await trx.selectFrom('unit').select('id').where('id', '=', input.unitId).executeTakeFirst()))
        throw new RuleError('org.unit_not_found');
      const patch = {
        name: input.name,
        unit_id: input.unitId,
        disabled: input.disabled === undefined ? undefined : input.disabled ? 1 : 0,
      };
      const changes: Record<string, [unknown, unknown]> = diffFields(before, patch);
      const res = await trx
        .updateTable('user')
        .set({ ...patch, version: before.version + 1, updated_at: iso(this.ctx.clock.now()) })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      // a change of what the user may see or do ends the user's sessions
      if (changes.unit_id || changes.disabled) await trx.deleteFrom('session').where('user_id', '=', id).execute();
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
      const access = await accessOf(trx, id);
      if (!access) throw new NotFoundError();
      const at = iso(this.ctx.clock.now());
      await trx
        .updateTable('user')
        .set((eb) => ({
          password_hash: hashed,
          password_changed_at: at,
          must_change_password: 1,
          clearance: 0,
          version: eb('version', '+', 1),
          updated_at: at,
        }))
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('user_role').where('user_id', '=', id).execute();
      const sessions = await trx.deleteFrom('session').where('user_id', '=', id).executeTakeFirst();
      const tokens = await trx.updateTable('api_token').set({ revoked_at: at }).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
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
        detail: { sessionsEnded: Number(sessions.numDeletedRows), tokensRevoked: Number(tokens.numUpdatedRows), suspended: access },
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
      const u = await trx.selectFrom('user').select('username').where('id', '=', id).executeTakeFirst();
      if (!u) throw new NotFoundError();
      await trx.deleteFrom('login_throttle').where('username', '=', u.username).execute();
      await this.ctx.audit.append(trx, { actor, action: 'org.user_unlock', targetType: 'user', targetId: id });
    });
  }

  /** The directory for pickers: active units and active users' names and units (no business content). */
  async directory() {
    const units = await this.ctx.db
      .selectFrom('unit')
      .select(['id', 'parent_id', 'name', 'short_name', 'kind', 'code'])
      .where('active', '=', 1)
      .orderBy('sort')
      .orderBy('id')
      .execute();
    const users = await this.ctx.db.selectFrom('user').select(['id', 'name', 'unit_id']).where('disabled', '=', 0).orderBy('id').execute();
    const roles = await this.ctx.db.selectFrom('user_role').selectAll().execute();
    return {
      units: units.map((u) => ({ id: u.id, parentId: u.parent_id, name: u.name, shortName: u.short_name, kind: u.kind, code: u.code })),
      users: users.map((u) => ({ id: u.id, name: u.name, unitId: u.unit_id, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) })),
    };
  }
}
