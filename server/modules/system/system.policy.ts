/** 三员 policies of the system pages: settings by 安全保密管理员, the audit trail by 安全审计员. */
import type { Actor } from '../../platform/actor.js';

export const systemPolicy = {
  /** Read and change security settings. */
  manageSettings: (a: Actor) => a.adminRole === 'secadmin',
  /** Maintain the working-day calendar (holidays and 调休 workdays). */
  manageCalendar: (a: Actor) => a.adminRole === 'sysadmin',
  /** Browse and verify the audit trail. */
  readAudit: (a: Actor) => a.adminRole === 'auditor',
};
