/**
 * Table types of the platform. Modules add their tables by augmenting `DB`:
 * `declare module '../../db/schema.js' { interface DB { my_table: MyTable } }`.
 */
import type { Generated } from 'kysely';

export interface UnitTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  short_name: string;
  kind: string;
  code: string | null;
  sort: number;
  active: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  name: string;
  unit_id: number;
  clearance: number;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  disabled: number;
  version: Generated<number>;
  /** Bumped by the database on every change an actor is built from (identity's actor cache checks it). */
  auth_version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

export interface AuditEventTable {
  seq: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  changes: string | null;
  detail: string | null;
  algo: string;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  version: Generated<number>;
  updated_at: string;
}

export interface SerialCounterTable {
  prefix: string;
  year: number;
  last_value: number;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  level: number;
  created_at: string;
  read_at: string | null;
}

export interface AttachmentTable {
  id: Generated<number>;
  sha256: string;
  size: number;
  mime: string;
  filename: string;
  owner_type: string;
  owner_id: number;
  created_by: number;
  created_at: string;
}

export interface HolidayTable {
  date: string;
  workday: number;
  name: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  target_type: string;
  target_id: number;
  due_at: string;
  payload: string | null;
  status: string;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
}

export interface ShareGrantTable {
  id: Generated<number>;
  item_type: string;
  item_id: number;
  grantee_type: string;
  grantee_id: number;
  granted_by: number;
  created_at: string;
}

/** 授权申请: a requested role/clearance change; effective only once the 安全保密管理员 approves it. */
export interface AccessGrantTable {
  id: Generated<number>;
  user_id: number;
  /** create (a new account), change (an edit), reset (roles held back by a password reset), request (filed on its own). */
  kind: string;
  /** JSON array of the roles the account is to hold. */
  roles: string;
  clearance: number;
  /** JSON array of the roles held when the request was filed. */
  prev_roles: string;
  prev_clearance: number;
  /** pending, approved, rejected, cancelled, superseded. */
  status: string;
  requested_by: number;
  decided_by: number | null;
  decided_at: string | null;
  note: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Every table the platform owns. */
export interface DB {
  unit: UnitTable;
  user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  rate_limit: RateLimitTable;
  audit_event: AuditEventTable;
  setting: SettingTable;
  serial_counter: SerialCounterTable;
  notification: NotificationTable;
  attachment: AttachmentTable;
  holiday: HolidayTable;
  job: JobTable;
  share_grant: ShareGrantTable;
  access_grant: AccessGrantTable;
}
