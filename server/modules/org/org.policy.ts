/** Who may do what with the organisation: only the 系统管理员 manages units and users. */
import { ADMIN_ROLES, BUSINESS_ROLES } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';

export const orgPolicy = {
  /** Manage units, users, roles and clearances. */
  manage: (a: Actor) => a.adminRole === 'sysadmin',
  /** See the directory of units and names (pickers): any logged-in user. */
  readDirectory: (_a: Actor) => true,
};

/** 三员分立: at most one admin role, and none together with a business role. */
export function rolesAreSeparated(roles: readonly string[]): boolean {
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r)).length;
  const business = roles.filter((r) => (BUSINESS_ROLES as readonly string[]).includes(r)).length;
  return admin === 0 || (admin === 1 && business === 0);
}
