/** How a business module plugs into the platform without touching its internals. */
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Light } from '../../common/enums.js';
import type { Config } from '../config.js';
import type { Database, Db, Trx } from '../db/client.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './audit.js';
import type { Clock } from './clock.js';
import type { WorkCalendar } from './deadlines.js';
import type { AttachmentOwner, FileStore } from './files.js';
import type { Notifier } from './notifications.js';
import type { JobHandler, Scheduler } from './scheduler.js';
import type { SettingsStore } from './settings.js';
import type { WorkflowEngine } from './workflow.js';

/** Everything a module's services get: the database and the platform's services. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  settings: SettingsStore;
  calendar: WorkCalendar;
  notifier: Notifier;
  scheduler: Scheduler;
  files: FileStore;
  workflow: WorkflowEngine;
  /** Other modules' public services, by module name (a module reaches another only through these). */
  services: Record<string, unknown>;
}

/** One row of the 工作台's loose-ends view (未办结事项). */
export interface WorkbenchItem {
  module: string;
  moduleName: { zh: string; en: string };
  id: number;
  title: string;
  ownerUnit: string;
  deadline: string | null;
  light: Light;
  status: string;
  link: string;
}

/** A module's contribution to the 工作台: the actor's own pending items, already filtered by policy. */
export type WorkbenchProvider = (db: Db, actor: Actor, now: Date) => Promise<WorkbenchItem[]>;

/** A business module. Listed once in `server/modules/index.ts`. */
export interface ZhongshuModule {
  name: string;
  /** Migrations named `YYYYMMDDHHMM_<module>_<what>`; merged with the platform's in name order. */
  migrations?: Record<string, Migration>;
  /** Creates the module's services (called before `register` of any module). */
  services?(ctx: AppContext): unknown;
  /** Adds routes under /api/<module>. */
  register?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  workbench?: WorkbenchProvider;
  attachmentOwners?(ctx: AppContext): Record<string, AttachmentOwner>;
  jobs?(ctx: AppContext): Record<string, JobHandler>;
  /** CLI commands of the module (`npm run cli -- <name> [--flag value]`); each returns an exit code. */
  commands?: Record<string, { summary: string; run(ctx: AppContext, args: Record<string, string>): Promise<number> }>;
  /** Seeds the module's demo data inside the demo-seeding transaction (idempotent: runs once per database). */
  seedDemo?(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void>;
}

/** What the demo seed created, for modules to seed their own demo data against. */
export interface DemoDirectory {
  unitByCode: Record<string, number>;
  userByName: Record<string, number>;
}
