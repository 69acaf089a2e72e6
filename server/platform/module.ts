/**
 * How a module plugs into the platform without touching its internals: `defineModule({...})` in the
 * module's `<m>.module.ts`, listed once in `server/modules/index.ts`.
 */
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
import type { Authenticator } from './http.js';
import type { JobHandler, Scheduler } from './scheduler.js';
import type { SearchSource } from './search-index.js';
import type { SettingsStore } from './settings.js';
import type { WorkflowEngine } from './workflow.js';

/**
 * The services modules offer one another, by module name. Each module's `<m>.contract.ts` adds its
 * entry (the interface other modules may call):
 * `declare module '../../platform/module.js' { interface ModuleServices { supervision: SupervisionContract } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules' contracts
export interface ModuleServices {}

/** The contracts of the modules present in one app (tests and benches build apps with a few modules: any may be absent). */
export type ServiceRegistry = { [K in keyof ModuleServices]?: ModuleServices[K] };

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
  /** Other modules' public services, typed by their contracts (a module reaches another only through these). */
  services: Readonly<ServiceRegistry>;
  /** The modules of this app, started, in list order. */
  modules: readonly RunningModule[];
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

/**
 * 件件有着落, office-wide: one open item of a module on the 办公厅's loose-ends board
 * (`GET /api/loose-ends`), already filtered by the module's own policy for the asking actor.
 */
export interface OpenItem {
  module: string;
  /** The module's item type ('task', 'reception_item', 'archive_loan', …). */
  type: string;
  id: number;
  /** What the item is called on its own page (only items the actor may read are returned). */
  title: string;
  ownerUnitId: number | null;
  ownerUserId: number | null;
  /** `YYYY-MM-DD` (an ISO time is cut to its date); null = no time limit (a loose end). */
  deadline: string | null;
  status: string;
  /** The web path of the item. */
  link: string;
}

/** What the checker finds wrong with one item (ids and codes only: the check runs without an actor and prints no business text). */
export type LooseEndProblem = 'no_owner_unit' | 'no_responsible_person' | 'no_time_limit' | 'no_outcome' | 'orphaned';

export interface LooseEnd {
  module: string;
  type: string;
  id: number;
  /** The item's registration number (督字〔2026〕12号), when it has one. */
  number?: string | null;
  problem: LooseEndProblem;
}

/** A module's registration on the loose-ends board and in `npm run cli -- check-loose-ends`. */
export interface LooseEndsProvider {
  /** The open items `actor` may see (the module's policy WHERE), most urgent first (deadline ascending, none first), at most `limit`. */
  open(db: Db, actor: Actor, opts: { limit: number }): Promise<OpenItem[]>;
  /**
   * Every open item without an active owner unit, an active responsible person or a time limit, and
   * every ended item without a recorded outcome. Sees all rows (no actor).
   */
  check(db: Db): Promise<LooseEnd[]>;
}

/** A CLI command of a module (`npm run cli -- <name> [--flag value]`); returns an exit code. */
export interface ModuleCommand {
  summary: string;
  run(ctx: AppContext, args: Record<string, string>): Promise<number>;
}

/**
 * What a module declares. `service` is created once per app, before any module's routes; every other
 * hook receives it, so a module never looks its own service up. `S` must implement the module's contract.
 */
export interface ModuleDefinition<N extends keyof ModuleServices, S extends ModuleServices[N]> {
  name: N;
  /** A module of the platform itself (identity, org, system): not listed among the business modules in /api/meta. */
  core?: boolean;
  /** Migrations named `YYYYMMDDHHMM_<module>_<what>`; merged with the platform's in name order. Frozen: they import no live code. */
  migrations?: Record<string, Migration>;
  /** Creates the module's service (exposed to other modules as `ctx.services[name]`, typed by the contract). */
  service(ctx: AppContext): S;
  /** Adds the module's routes under /api/<module>. */
  routes?(app: FastifyInstance, service: S, ctx: AppContext): void | Promise<void>;
  /** Item sources for the whole-system search index (`ctx.search.rebuild`), by source name. */
  search?: Record<string, SearchSource>;
  /** Who may read and attach files to the module's item types, by item type. */
  attachmentOwners?(service: S, ctx: AppContext): Record<string, AttachmentOwner>;
  /** Scheduled-job handlers, by job kind. */
  jobs?(service: S, ctx: AppContext): Record<string, JobHandler>;
  /** The actor's pending items for the 工作台. */
  workbench?(service: S, db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]>;
  /** The module's open items on the office-wide 件件有着落 board and in the loose-ends checker. */
  looseEnds?(service: S, ctx: AppContext): LooseEndsProvider;
  /** The one module that authenticates requests (identity) provides the platform's `Authenticator`. */
  authenticator?(service: S): Authenticator;
  commands?: Record<string, ModuleCommand>;
  /** Seeds the module's demo data inside the demo-seeding transaction (idempotent: runs once per database). */
  seedDemo?(trx: Trx, service: S, ctx: AppContext, demo: DemoDirectory): Promise<void>;
}

/** A module as listed in `server/modules/index.ts` (made by `defineModule`). */
export interface ZhongshuModule {
  readonly name: string;
  readonly core: boolean;
  readonly migrations: Record<string, Migration>;
  readonly commands: Record<string, ModuleCommand>;
  /** Creates the module's service in `registry`, registers its search sources, attachment owners and jobs in `ctx`. */
  start(ctx: AppContext, registry: ServiceRegistry): RunningModule;
}

/** A module started in one app: its hooks bound to its service. */
export interface RunningModule {
  readonly name: string;
  readonly core: boolean;
  routes(app: FastifyInstance): Promise<void>;
  readonly workbench: WorkbenchProvider | null;
  readonly authenticator: Authenticator | null;
  readonly looseEnds: LooseEndsProvider | null;
  readonly seedDemo: ((trx: Trx, demo: DemoDirectory) => Promise<void>) | null;
}

/** Declares a module: its name ties its service to the contract registered under that name. */
export function defineModule<N extends keyof ModuleServices, S extends ModuleServices[N]>(def: ModuleDefinition<N, S>): ZhongshuModule {
  return {
    name: def.name,
    core: def.core ?? false,
    migrations: def.migrations ?? {},
    commands: def.commands ?? {},
    start(ctx, registry) {
      const service = def.service(ctx);
      registry[def.name] = service;
      for (const [name, source] of Object.entries(def.search ?? {})) ctx.search.registerSource(name, source);
      for (const [type, owner] of Object.entries(def.attachmentOwners?.(service, ctx) ?? {})) ctx.files.owners.set(type, owner);
      for (const [kind, handler] of Object.entries(def.jobs?.(service, ctx) ?? {})) ctx.scheduler.handle(kind, handler);
      const { workbench, authenticator, seedDemo, routes, looseEnds } = def;
      return {
        name: def.name,
        core: def.core ?? false,
        routes: async (app) => void (await routes?.(app, service, ctx)),
        workbench: workbench ? (db, actor, now) => workbench(service, db, actor, now) : null,
        authenticator: authenticator ? authenticator(service) : null,
        looseEnds: looseEnds ? looseEnds(service, ctx) : null,
        seedDemo: seedDemo ? (trx, demo) => seedDemo(trx, service, ctx, demo) : null,
      };
    },
  };
}

/** What the demo seed created, for modules to seed their own demo data against. */
export interface DemoDirectory {
  unitByCode: Record<string, number>;
  userByName: Record<string, number>;
}
