/** The authenticated user on whose behalf a request runs. */
import { ADMIN_ROLES, BUSINESS_ROLES, type AdminRole, type Level, type Locale, type Role } from '../../common/enums.js';

/** Who is acting, with what they hold. Built once per request by the auth layer. */
export interface Actor {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitName: string;
  unitCode: string | null;
  roles: Role[];
  clearance: Level;
  /** The 三员 role the user holds, if any (then no business role). */
  adminRole: AdminRole | null;
  ip: string | null;
  locale: Locale;
  /** The password must be changed before anything else (forced reset or expiry). */
  mustChangePassword?: boolean;
  /** The session the request came with (absent for API tokens and system actors). */
  sessionId?: string;
}

/** True when the actor holds any of `roles`. */
export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** True when the actor may see business content at all (not a 三员 administrator). */
export function isBusinessUser(actor: Actor): boolean {
  return actor.adminRole === null && actor.roles.some((r) => (BUSINESS_ROLES as readonly string[]).includes(r));
}

/** The 三员 role among `roles`, if any. */
export function adminRoleOf(roles: readonly string[]): AdminRole | null {
  return (roles.find((r) => (ADMIN_ROLES as readonly string[]).includes(r)) as AdminRole | undefined) ?? null;
}

/** The actor used by the system itself (scheduler, CLI, seeding). */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  id: 0,
  username: 'system',
  name: '系统',
  unitId: 0,
  unitName: '',
  unitCode: null,
  roles: [],
  clearance: 0,
  adminRole: null,
  ip: null,
  locale: 'zh-CN',
}) as Actor;
