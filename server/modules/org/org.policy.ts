/**
 * Who may do what with the organisation (三员分立): the 系统管理员 manages units and accounts and may
 * request roles and clearances; only the 安全保密管理员 grants them; the 安全审计员 audits both.
 */
import { ADMIN_ROLES, BUSINESS_ROLES } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';

export const orgPolicy = {
  /** Manage units and accounts (create, edit name/unit/disabled, reset passwords, unlock). */
  manage: (a: Actor) => a.adminRole === 'sysadmin',
  /** List accounts (the 安全保密管理员 needs them to decide grants). */
  listUsers: (a: Actor) => a.adminRole === 'sysadmin' || a.adminRole === 'secadmin',
  /** File (or withdraw) a request for roles and clearance. */
  requestGrant: (a: Actor) => a.adminRole === 'sysadmin' || a.adminRole === 'secadmin',
  /** Approve or reject a request: the 安全保密管理员 alone. */
  decideGrant: (a: Actor) => a.adminRole === 'secadmin',
  /** See the requests: all three administrators. */
  readGrants: (a: Actor) => a.adminRole !== null,
  /** The report of every administrator action on accounts: the 安全审计员. */
  readAdminReport: (a: Actor) => a.adminRole === 'auditor',
  /** See the directory of units and names (pickers): any logged-in user. */
  readDirectory: (_a: Actor) => true,
};

/** 三员分立: at most one admin role, and none together with a business role. */
export function rolesAreSeparated(roles: readonly string[]): boolean {
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r)).length;
  const business = roles.filter((r) => (BUSINESS_ROLES as readonly string[]).includes(r)).length;
  return admin === 0 || (admin === 1 && business === 0);
}
