/**
 * Identity (身份鉴别): login with lockout and rate limits, server-side sessions with idle timeout,
 * password change, personal API tokens. Every outcome, refused ones included, is audited.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Level, Role } from '../../../common/enums.js';
import { dialectOf, type Db, type Trx } from '../../db/client.js';
import { adminRoleOf, type Actor } from '../../platform/actor.js';
import { iso } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RateLimitError, RuleError, UnauthenticatedError } from '../../platform/errors.js';
import type { Authenticator, RequestInfo } from '../../platform/http.js';
import type { AppContext } from '../../platform/module.js';
import { assertPasswordPolicy, dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.js';

/** The logged-in user as the web sees it. */
export interface Me {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitName: string;
  roles: Role[];
  clearance: number;
  adminRole: string | null;
  mustChangePassword: boolean;
}

/** sha256 of a secret, the only form in which session ids and tokens are stored. */
export function digest(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

const TOUCH_EVERY_MS = 60_000;
/** Password-change attempts per user and minute (the old password can be guessed through a stolen session). */
const PASSWORD_CHANGE_PER_MINUTE = 5;

export type { RequestInfo };

/** Identity use cases. */
export class IdentityService implements Authenticator {
  constructor(private readonly ctx: AppContext) {}

  private get db(): Db {
    return this.ctx.db;
  }

  /** Loads the actor of a user id (roles, unit, clearance). */
  async loadActor(db: Db | Trx, userId: number, req: RequestInfo): Promise<Actor | null> {
    // one query per request: roles folded in, and what decides a forced password change
    const roles =
      dialectOf(db) === 'postgres'
        ? sql<string | null>`(SELECT string_agg(role, ',') FROM user_role WHERE user_role.user_id = "user".id)`
        : sql<string | null>`(SELECT group_concat(role, ',') FROM user_role WHERE user_role.user_id = "user".id)`;
    const u = await db
      .selectFrom('user')
      .innerJoin('unit', 'unit.id', 'user.unit_id')
      .select([
        'user.id',
        'user.username',
        'user.name',
        'user.unit_id',
        'user.clearance',
        'user.disabled',
        'user.must_change_password',
        'user.password_changed_at',
        'unit.name as unit_name',
        'unit.code as unit_code',
        roles.as('roles'),
      ])
      .where('user.id', '=', userId)
      .executeTakeFirst();
    if (!u || u.disabled) return null;
    const roleList = (u.roles ? u.roles.split(',') : []).sort() as Role[];
    return {
      id: u.id,
      username: u.username,
      name: u.name,
      unitId: u.unit_id,
      unitName: u.unit_name,
      unitCode: u.unit_code,
      roles: roleList,
      clearance: u.clearance as Level,
      adminRole: adminRoleOf(roleList),
      ip: req.ip,
      locale: req.locale,
      mustChangePassword: await this.passwordChangeDue(db, u),
    };
  }

  private async passwordChangeDue(db: Db | Trx, u: { must_change_password: number; password_changed_at: string }): Promise<boolean> {
    if (u.must_change_password) return true;
    const { value } = await this.ctx.settings.get(db);
    if (value.passwordExpiryDays === 0) return false;
    return new Date(u.password_changed_at).getTime() + value.passwordExpiryDays * 86_400_000 < this.ctx.clock.now().getTime();
  }

  /** Whether the user must change the password before doing anything else. */
  async mustChangePassword(db: Db | Trx, userId: number): Promise<boolean> {
    const u = await db.selectFrom('user').select(['must_change_password', 'password_changed_at']).where('id', '=', userId).executeTakeFirst();
    return u ? this.passwordChangeDue(db, u) : false;
  }

  /** The web's view of an actor. */
  async me(actor: Actor): Promise<Me> {
    return {
      id: actor.id,
      username: actor.username,
      name: actor.name,
      unitId: actor.unitId,
      unitName: actor.unitName,
      roles: actor.roles,
      clearance: actor.clearance,
      adminRole: actor.adminRole,
      mustChangePassword: actor.mustChangePassword ?? (await this.mustChangePassword(this.db, actor.id)),
    };
  }

  /** Counts one attempt of `key` in the current minute; throws 429 past `limit`. */
  async rateLimit(key: string, limit: number): Promise<void> {
    const now = this.ctx.clock.now();
    const window = iso(new Date(Math.floor(now.getTime() / 60_000) * 60_000));
    const res = await sql<{ count: number }>`
      INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${window}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1 RETURNING count`.execute(this.db);
    if (Number(res.rows[0]!.count) === 1) {
      await this.db.deleteFrom('rate_limit').where('key', '=', key).where('window_start', '<', window).execute();
    }
    if (Number(res.rows[0]!.count) > limit) throw new RateLimitError('rate_limited');
  }

  /**
   * 登录. Same answer and similar latency whether or not the user exists; lockout per username after
   * `lockoutThreshold` failures. Returns the new session's secret id and CSRF token.
   */
  async login(usernameRaw: string, password: string, req: RequestInfo): Promise<{ sessionId: string; csrfToken: string; actor: Actor }> {
    await this.rateLimit(`login:${req.ip ?? '?'}`, this.ctx.config.loginRatePerMinute);
    const username = usernameRaw.trim().toLowerCase();
    const now = this.ctx.clock.now();
    const { value: policy } = await this.ctx.settings.get(this.db);
    const throttle = await this.db.selectFrom('login_throttle').selectAll().where('username', '=', username).executeTakeFirst();
    if (throttle?.locked_until && new Date(throttle.locked_until) > now) {
      await this.ctx.audit.record(this.db, {
        action: 'auth.login',
        outcome: 'denied',
        ip: req.ip,
        targetType: 'user',
        targetId: username,
        detail: { reason: 'locked' },
      });
      throw new RateLimitError('auth.locked', { minutes: policy.lockoutMinutes });
    }
    const user = await this.db.selectFrom('user').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || user.disabled) {
      await this.db.transaction().execute(async (trx) => {
        const failures = throttle && !throttle.locked_until ? throttle.failures + 1 : 1;
        const lock = failures >= policy.lockoutThreshold;
        await trx
          .insertInto('login_throttle')
          .values({
            username,
            failures: lock ? 0 : failures,
            locked_until: lock ? iso(new Date(now.getTime() + policy.lockoutMinutes * 60_000)) : null,
            updated_at: iso(now),
          })
          .onConflict((oc) =>
            oc.column('username').doUpdateSet({
              failures: lock ? 0 : failures,
              locked_until: lock ? iso(new Date(now.getTime() + policy.lockoutMinutes * 60_000)) : null,
              updated_at: iso(now),
            }),
          )
          .execute();
        await this.ctx.audit.append(trx, {
          action: 'auth.login',
          outcome: 'denied',
          ip: req.ip,
          targetType: 'user',
          targetId: username,
          detail: { reason: user ? (user.disabled ? 'disabled' : 'bad_password') : 'unknown_user', failures, locked: lock },
        });
      });
      throw new UnauthenticatedError('auth.invalid_credentials');
    }
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_throttle').where('username', '=', username).execute();
      const actor = (await this.loadActor(trx, user.id, req))!;
      const sessionId = crypto.randomBytes(32).toString('base64url');
      const csrfToken = crypto.randomBytes(24).toString('base64url');
      await trx
        .insertInto('session')
        .values({
          id: digest(sessionId),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: iso(now),
          last_seen_at: iso(now),
          ip: req.ip,
          user_agent: req.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      await this.ctx.audit.append(trx, { actor, action: 'auth.login', targetType: 'user', targetId: user.id });
      return { sessionId, csrfToken, actor };
    });
  }

  /** Resolves a session cookie to its actor, enforcing the idle timeout. */
  async authenticateSession(sessionId: string, req: RequestInfo): Promise<{ actor: Actor; csrfToken: string } | null> {
    const id = digest(sessionId);
    const s = await this.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s) return null;
    const now = this.ctx.clock.now();
    const { value } = await this.ctx.settings.get(this.db);
    if (now.getTime() - new Date(s.last_seen_at).getTime() > value.idleTimeoutMinutes * 60_000) {
      await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('session').where('id', '=', id).execute();
        await this.ctx.audit.append(trx, {
          actor: { id: s.user_id, name: null, ip: req.ip },
          action: 'auth.session_expired',
          targetType: 'user',
          targetId: s.user_id,
        });
      });
      throw new UnauthenticatedError('auth.session_expired');
    }
    const actor = await this.loadActor(this.db, s.user_id, req);
    if (!actor) return null;
    if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await this.db
        .updateTable('session')
        .set({ last_seen_at: iso(now) })
        .where('id', '=', id)
        .execute();
    }
    return { actor: { ...actor, sessionId: id }, csrfToken: s.csrf_token };
  }

  /** Resolves a personal API token to its actor. */
  async authenticateToken(token: string, req: RequestInfo): Promise<Actor> {
    const t = await this.db.selectFrom('api_token').selectAll().where('token_hash', '=', digest(token)).where('revoked_at', 'is', null).executeTakeFirst();
    const actor = t ? await this.loadActor(this.db, t.user_id, req) : null;
    if (!t || !actor) {
      // token guessing is limited like login attempts (only failures count)
      await this.rateLimit(`token:${req.ip ?? '?'}`, this.ctx.config.loginRatePerMinute);
      await this.ctx.audit.record(this.db, { action: 'auth.token', outcome: 'denied', ip: req.ip });
      throw new UnauthenticatedError('auth.token_invalid');
    }
    const now = this.ctx.clock.now();
    if (!t.last_used_at || now.getTime() - new Date(t.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await this.db
        .updateTable('api_token')
        .set({ last_used_at: iso(now) })
        .where('id', '=', t.id)
        .execute();
    }
    return actor;
  }

  /** 退出登录: ends this session. */
  async logout(actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (actor.sessionId) await trx.deleteFrom('session').where('id', '=', actor.sessionId).execute();
      await this.ctx.audit.append(trx, { actor, action: 'auth.logout', targetType: 'user', targetId: actor.id });
    });
  }

  /** 修改密码: checks the old one and the policy; ends every session of the user. */
  async changePassword(actor: Actor, oldPassword: string, newPassword: string): Promise<void> {
    // the old password is a secret that can be guessed through a stolen session: limit attempts
    await this.rateLimit(`password:${actor.id}`, PASSWORD_CHANGE_PER_MINUTE);
    const u = await this.db.selectFrom('user').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(u.password_hash, oldPassword))) {
      await this.ctx.audit.record(this.db, {
        actor,
        action: 'auth.change_password',
        outcome: 'denied',
        targetType: 'user',
        targetId: actor.id,
        detail: { reason: 'wrong_old_password' },
      });
      throw new RuleError('auth.wrong_old_password');
    }
    if (oldPassword === newPassword) throw new RuleError('auth.password_reused');
    assertPasswordPolicy(newPassword, (await this.ctx.settings.get(this.db)).value);
    const hashed = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('user')
        .set((eb) => ({
          password_hash: hashed,
          password_changed_at: iso(this.ctx.clock.now()),
          must_change_password: 0,
          version: eb('version', '+', 1),
          updated_at: iso(this.ctx.clock.now()),
        }))
        .where('id', '=', actor.id)
        .execute();
      await trx.deleteFrom('session').where('user_id', '=', actor.id).execute();
      await this.ctx.audit.append(trx, { actor, action: 'auth.change_password', targetType: 'user', targetId: actor.id });
    });
  }

  /** The actor's API tokens. */
  async listTokens(actor: Actor) {
    const rows = await this.db
      .selectFrom('api_token')
      .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', actor.id)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  /** Creates a personal API token; its secret is returned once and stored only as a hash. */
  async createToken(actor: Actor, name: string): Promise<{ id: number; name: string; token: string }> {
    if (actor.sessionId === undefined) throw new ForbiddenError();
    const token = `zs_${crypto.randomBytes(32).toString('base64url')}`;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_token')
        .values({ user_id: actor.id, name, token_hash: digest(token), created_at: iso(this.ctx.clock.now()), last_used_at: null, revoked_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.ctx.audit.append(trx, { actor, action: 'auth.token_create', targetType: 'api_token', targetId: row.id, detail: { name } });
      return { id: row.id, name, token };
    });
  }

  /** Revokes one of the actor's tokens. */
  async revokeToken(actor: Actor, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('api_token')
        .set({ revoked_at: iso(this.ctx.clock.now()) })
        .where('id', '=', id)
        .where('user_id', '=', actor.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError();
      await this.ctx.audit.append(trx, { actor, action: 'auth.token_revoke', targetType: 'api_token', targetId: id });
    });
  }
}
