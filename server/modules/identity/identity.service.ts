/**
 * Identity (身份鉴别): login with lockout and rate limits, server-side sessions with idle timeout,
 * password change, personal API tokens. Every outcome, refused ones included, is audited.
 */
import crypto from 'node:crypto';
import type { Level, Role } from '../../../common/enums.js';
import type { Db, Trx } from '../../db/client.js';
import { adminRoleOf, type Actor } from '../../platform/actor.js';
import { iso } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RateLimitError, RuleError, UnauthenticatedError } from '../../platform/errors.js';
import type { Authenticator, RequestInfo } from '../../platform/http.js';
import type { AppContext } from '../../platform/module.js';
import type { SecuritySettings } from '../../platform/settings.js';
import { observeStamps } from '../../platform/stamps.js';
import { assertPasswordPolicy, dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { ActorCache, type CachedActor } from './identity.actor-cache.js';
import * as repo from './identity.repo.js';

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
  /** This process's actors, each valid at its user's `auth_version`. */
  private readonly actors = new ActorCache();

  constructor(private readonly ctx: AppContext) {}

  private get db(): Db {
    return this.ctx.db;
  }

  /** Loads the actor of a user id (roles, unit, clearance). */
  async loadActor(db: Db | Trx, userId: number, req: RequestInfo): Promise<Actor | null> {
    const e = await this.buildActor(db, userId);
    if (!e) return null;
    return this.present(e, req, await this.passwordChangeDue(db, { must_change_password: e.mustChangePassword, password_changed_at: e.passwordChangedAt }));
  }

  /** What an actor is built from, in one query (roles folded in), stamped with its `auth_version`; null for a disabled or unknown user. */
  private async buildActor(db: Db | Trx, userId: number): Promise<CachedActor | null> {
    const u = await repo.loadActorRow(db, userId);
    if (!u || u.disabled) return null;
    const roleList = Object.freeze((u.roles ? u.roles.split(',') : []).sort() as Role[]);
    return {
      authVersion: u.auth_version,
      actor: Object.freeze({
        id: u.id,
        username: u.username,
        name: u.name,
        unitId: u.unit_id,
        unitName: u.unit_name,
        unitCode: u.unit_code,
        roles: roleList,
        clearance: u.clearance as Level,
        adminRole: adminRoleOf(roleList),
      }),
      mustChangePassword: u.must_change_password,
      passwordChangedAt: u.password_changed_at,
    };
  }

  /** A request's own actor from a (possibly cached) entry: its own roles array, the request's facts. */
  private present(e: CachedActor, req: RequestInfo, mustChangePassword: boolean): Actor {
    return { ...e.actor, roles: [...e.actor.roles], ip: req.ip, locale: req.locale, mustChangePassword };
  }

  private async passwordChangeDue(db: Db | Trx, u: { must_change_password: number; password_changed_at: string }): Promise<boolean> {
    if (u.must_change_password) return true;
    return this.passwordExpired((await this.ctx.settings.get(db)).value, u.password_changed_at);
  }

  private passwordExpired(settings: SecuritySettings, passwordChangedAt: string): boolean {
    if (settings.passwordExpiryDays === 0) return false;
    return new Date(passwordChangedAt).getTime() + settings.passwordExpiryDays * 86_400_000 < this.ctx.clock.now().getTime();
  }

  /** Whether the user must change the password before doing anything else. */
  async mustChangePassword(db: Db | Trx, userId: number): Promise<boolean> {
    const u = await repo.passwordStateOf(db, userId);
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
    const count = await repo.countAttempt(this.db, key, window);
    if (count === 1) await repo.pruneAttempts(this.db, key, window);
    if (count > limit) throw new RateLimitError('rate_limited');
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
    const throttle = await repo.findThrottle(this.db, username);
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
    const user = await repo.findLoginUser(this.db, username);
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || user.disabled) {
      await this.db.transaction().execute(async (trx) => {
        const failures = throttle && !throttle.locked_until ? throttle.failures + 1 : 1;
        const lock = failures >= policy.lockoutThreshold;
        await repo.saveThrottle(trx, username, {
          failures: lock ? 0 : failures,
          locked_until: lock ? iso(new Date(now.getTime() + policy.lockoutMinutes * 60_000)) : null,
          updated_at: iso(now),
        });
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
      await repo.clearThrottle(trx, username);
      const actor = (await this.loadActor(trx, user.id, req))!;
      const sessionId = crypto.randomBytes(32).toString('base64url');
      const csrfToken = crypto.randomBytes(24).toString('base64url');
      await repo.insertSession(trx, {
        id: digest(sessionId),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: iso(now),
        last_seen_at: iso(now),
        ip: req.ip,
        user_agent: req.userAgent?.slice(0, 300) ?? null,
      });
      await this.ctx.audit.append(trx, { actor, action: 'auth.login', targetType: 'user', targetId: user.id });
      return { sessionId, csrfToken, actor };
    });
  }

  /**
   * Resolves a session cookie to its actor, enforcing the idle timeout. One query (session, its user's
   * `auth_version`, the settings' version); the actor and the settings come from this process's caches
   * while their versions are current, so a change made by any process counts from the next request.
   */
  async authenticateSession(sessionId: string, req: RequestInfo): Promise<{ actor: Actor; csrfToken: string } | null> {
    const id = digest(sessionId);
    const s = await repo.findSessionStamp(this.db, id);
    if (!s) return null;
    observeStamps(this.db, s);
    const now = this.ctx.clock.now();
    const { value } = await this.ctx.settings.atVersion(this.db, s.settings_version ?? 0);
    if (now.getTime() - new Date(s.last_seen_at).getTime() > value.idleTimeoutMinutes * 60_000) {
      await this.db.transaction().execute(async (trx) => {
        await repo.deleteSession(trx, id);
        await this.ctx.audit.append(trx, {
          actor: { id: s.user_id, name: null, ip: req.ip },
          action: 'auth.session_expired',
          targetType: 'user',
          targetId: s.user_id,
        });
      });
      throw new UnauthenticatedError('auth.session_expired');
    }
    const actor = await this.cachedActor(s, req, value);
    if (!actor) return null;
    if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await repo.touchSession(this.db, id, iso(now));
    }
    return { actor: { ...actor, sessionId: id }, csrfToken: s.csrf_token };
  }

  /** Resolves a personal API token to its actor (one query and the caches, as `authenticateSession`). */
  async authenticateToken(token: string, req: RequestInfo): Promise<Actor> {
    const t = await repo.findActiveTokenStamp(this.db, digest(token));
    if (t) observeStamps(this.db, t);
    const actor = t ? await this.cachedActor(t, req) : null;
    if (!t || !actor) {
      // token guessing is limited like login attempts (only failures count)
      await this.rateLimit(`token:${req.ip ?? '?'}`, this.ctx.config.loginRatePerMinute);
      await this.ctx.audit.record(this.db, { action: 'auth.token', outcome: 'denied', ip: req.ip });
      throw new UnauthenticatedError('auth.token_invalid');
    }
    const now = this.ctx.clock.now();
    if (!t.last_used_at || now.getTime() - new Date(t.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await repo.touchToken(this.db, t.id, iso(now));
    }
    return actor;
  }

  /**
   * The actor of `stamp.user_id` from this process's cache while it was built at `stamp.auth_version`, else
   * built again and kept; null for a user who is gone or disabled. `settings` decides the password expiry.
   */
  private async cachedActor(
    stamp: { user_id: number; auth_version: number | null; settings_version: number | null },
    req: RequestInfo,
    settings?: SecuritySettings,
  ): Promise<Actor | null> {
    if (stamp.auth_version === null) return null;
    // a disabled user's stamp moved when it was disabled: the entry is built again, and is null
    let e = this.actors.get(stamp.user_id, stamp.auth_version);
    if (!e) {
      const built = await this.buildActor(this.db, stamp.user_id);
      if (!built) return null;
      this.actors.set(stamp.user_id, built);
      e = built;
    }
    const value = settings ?? (await this.ctx.settings.atVersion(this.db, stamp.settings_version ?? 0)).value;
    return this.present(e, req, e.mustChangePassword === 1 || this.passwordExpired(value, e.passwordChangedAt));
  }

  /** 退出登录: ends this session. */
  async logout(actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (actor.sessionId) await repo.deleteSession(trx, actor.sessionId);
      await this.ctx.audit.append(trx, { actor, action: 'auth.logout', targetType: 'user', targetId: actor.id });
    });
  }

  /** 修改密码: checks the old one and the policy; ends every session of the user. */
  async changePassword(actor: Actor, oldPassword: string, newPassword: string): Promise<void> {
    // the old password is a secret that can be guessed through a stolen session: limit attempts
    await this.rateLimit(`password:${actor.id}`, PASSWORD_CHANGE_PER_MINUTE);
    if (!(await verifyPassword(await repo.passwordHashOf(this.db, actor.id), oldPassword))) {
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
      await repo.setPassword(trx, actor.id, hashed, iso(this.ctx.clock.now()));
      await repo.deleteUserSessions(trx, actor.id);
      await this.ctx.audit.append(trx, { actor, action: 'auth.change_password', targetType: 'user', targetId: actor.id });
    });
  }

  /** The actor's API tokens. */
  async listTokens(actor: Actor) {
    const rows = await repo.listTokenRows(this.db, actor.id);
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  /** Creates a personal API token; its secret is returned once and stored only as a hash. */
  async createToken(actor: Actor, name: string): Promise<{ id: number; name: string; token: string }> {
    if (actor.sessionId === undefined) throw new ForbiddenError();
    const token = `zs_${crypto.randomBytes(32).toString('base64url')}`;
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertToken(trx, { user_id: actor.id, name, token_hash: digest(token), created_at: iso(this.ctx.clock.now()) });
      await this.ctx.audit.append(trx, { actor, action: 'auth.token_create', targetType: 'api_token', targetId: id, detail: { name } });
      return { id, name, token };
    });
  }

  /** Revokes one of the actor's tokens. */
  async revokeToken(actor: Actor, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.revokeTokenRow(trx, actor.id, id, iso(this.ctx.clock.now())))) throw new NotFoundError();
      await this.ctx.audit.append(trx, { actor, action: 'auth.token_revoke', targetType: 'api_token', targetId: id });
    });
  }
}
