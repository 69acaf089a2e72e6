/**
 * Business-item providers of the authorization matrix (权限矩阵): each module with classified
 * items contributes one — how to create a matrix of items (level × owner unit × share) through
 * its own API, and how to observe, per item, whether an actor sees it on each read path
 * (detail, list, search, export, counts, attachments). The expected answer comes from
 * `oracleSees`, an independent restatement of DOMAIN.md's rule, not the platform's `canSee`.
 */
import type { TestClient, TestEnv } from '../harness.js';

/** An actor as the oracle knows it. */
export interface OracleActor {
  key: string;
  username: string;
  id: number;
  unitId: number;
  clearance: number;
  roles: string[];
}

/** An item of the matrix with the facts the oracle decides on. */
export interface MatrixItem {
  id: number;
  label: string;
  level: number;
  /** Units owning or assigned the item. */
  unitIds: number[];
  /** Users assigned to the item. */
  userIds: number[];
  /** Units and users an explicit share grant names. */
  sharedUnitIds: number[];
  sharedUserIds: number[];
}

const BUSINESS = ['leader', 'director', 'division_head', 'staff', 'liaison', 'rater'];
const ADMIN = ['sysadmin', 'secadmin', 'auditor'];

/**
 * DOMAIN.md: "A user sees an item only with clearance ≥ level and need-to-know (own unit,
 * assigned, or explicitly shared)"; the 三员 "none of whom can read business content".
 */
export function oracleSees(a: OracleActor, item: MatrixItem): boolean {
  if (a.roles.some((r) => ADMIN.includes(r)) || !a.roles.some((r) => BUSINESS.includes(r))) return false;
  if (a.clearance < item.level) return false;
  return item.unitIds.includes(a.unitId) || item.userIds.includes(a.id) || item.sharedUnitIds.includes(a.unitId) || item.sharedUserIds.includes(a.id);
}

/** One module's contribution to the matrix. */
export interface ItemProvider {
  type: string;
  /** Creates the items of the matrix (through the module's API where it has one). */
  createMatrix(env: TestEnv): Promise<MatrixItem[]>;
  /** For each item: read path → whether `client` saw it. */
  observe(env: TestEnv, client: TestClient, items: MatrixItem[]): Promise<Map<number, Record<string, boolean>>>;
}

/** The providers; each business module adds one as it lands. */
export const ITEM_PROVIDERS: ItemProvider[] = [];
