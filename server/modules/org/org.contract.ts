/** 组织机构 — what other modules may call through `ctx.services.org`. */
import type { Db, Trx } from '../../db/client.js';
import type { UnitView } from './org.service.js';

export type { UnitView };

/** The org module's public services. */
export interface OrgContract {
  /** Every unit (active or not), in tree order, read through `db` (pass the caller's `trx` inside a transaction). */
  listUnits(db?: Db | Trx): Promise<UnitView[]>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    org: OrgContract;
  }
}
