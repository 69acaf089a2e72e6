/**
 * The workflow engine: state machines declared as data, one engine for every module. A transition
 * is one transaction that checks the version, the state, the actor's permission and the required
 * fields, writes the new state, its audit entry and its notifications; a stale version gets 409
 * and changes nothing.
 */
import type { Trx } from '../db/client.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './audit.js';
import { iso, type Clock } from './clock.js';
import { ConflictError, ForbiddenError, RuleError, StaleVersionError } from './errors.js';
import type { Notifier, OutgoingNotification } from './notifications.js';
import { updateVersioned } from './versioned.js';

/** A row the engine can move: it has an id, a status and a version. */
export interface WorkflowRow {
  id: number;
  status: string;
  version: number;
}

/** One transition, declared as data. */
export interface TransitionDef<R extends WorkflowRow, I = Record<string, unknown>> {
  /** Display name, e.g. { zh: '退回', en: 'Return' }. */
  label: { zh: string; en: string };
  from: readonly string[];
  to: string | ((row: R, input: I) => string);
  /** Who may take it (policy predicate over the loaded row). */
  allowed: (actor: Actor, row: R) => boolean;
  /** Input fields that must be present and non-empty. */
  required?: readonly (keyof I & string)[];
  /** Working days allowed in the target state, if it has a time limit. */
  timeLimitDays?: number;
}

/** A state machine over one table. */
export interface WorkflowDef<R extends WorkflowRow, I = Record<string, unknown>> {
  /** Audit action prefix, e.g. 'supervision.task'. */
  name: string;
  table: string;
  states: Record<string, { zh: string; en: string; terminal?: boolean }>;
  transitions: Record<string, TransitionDef<R, I>>;
}

/** Declares a workflow (checks that every state named exists). */
export function defineWorkflow<R extends WorkflowRow, I = Record<string, unknown>>(def: WorkflowDef<R, I>): WorkflowDef<R, I> {
  for (const [name, t] of Object.entries(def.transitions)) {
    for (const s of t.from) if (!(s in def.states)) throw new Error(`${def.name}.${name}: unknown state ${s}`);
    if (typeof t.to === 'string' && !(t.to in def.states)) throw new Error(`${def.name}.${name}: unknown state ${t.to}`);
  }
  return def;
}

/** The transitions the actor may take on a row now (for the web's buttons). */
export function allowedTransitions<R extends WorkflowRow, I>(wf: WorkflowDef<R, I>, actor: Actor, row: R): string[] {
  return Object.entries(wf.transitions)
    .filter(([, t]) => t.from.includes(row.status) && t.allowed(actor, row))
    .map(([k]) => k);
}

/** The engine: needs the audit trail, the notifier and the clock of the app. */
export class WorkflowEngine {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies `action` to `row` (already loaded in `trx` and checked readable by the caller).
   * `set` adds column updates; `notify` the messages to send. Returns the new status and version.
   */
  async apply<R extends WorkflowRow, I extends Record<string, unknown>>(
    trx: Trx,
    wf: WorkflowDef<R, I>,
    args: {
      row: R;
      action: string;
      actor: Actor;
      version: number;
      input: I;
      set?: Record<string, unknown>;
      detail?: Record<string, unknown>;
      notify?: { userIds: readonly number[]; message: Omit<OutgoingNotification, 'userId'> }[];
    },
  ): Promise<{ status: string; version: number; from: string }> {
    const { row, action, actor, input } = args;
    const t = wf.transitions[action];
    if (!t) throw new RuleError('workflow.invalid_transition', { state: wf.states[row.status]?.zh ?? row.status, action });
    if (args.version !== row.version) throw new StaleVersionError({ current: row.version });
    if (!t.from.includes(row.status))
      throw new ConflictError('workflow.invalid_transition', { state: wf.states[row.status]?.zh ?? row.status, action: t.label.zh });
    if (!t.allowed(actor, row)) throw new ForbiddenError();
    const missing = (t.required ?? []).filter((f) => {
      const v = input[f];
      return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    });
    if (missing.length) throw new RuleError('workflow.missing_fields', { fields: missing.join(', ') }, { fields: missing });
    const to = typeof t.to === 'function' ? t.to(row, input) : t.to;
    const version = await updateVersioned(trx, wf.table as keyof DB & string, row, { ...(args.set ?? {}), status: to, updated_at: iso(this.clock.now()) });
    const changes: Record<string, [unknown, unknown]> = { status: [row.status, to] };
    for (const [k, v] of Object.entries(args.set ?? {})) changes[k] = [(row as unknown as Record<string, unknown>)[k] ?? null, v];
    await this.audit.append(trx, { actor, action: `${wf.name}.${action}`, targetType: wf.table, targetId: row.id, changes, detail: args.detail ?? null });
    for (const n of args.notify ?? []) await this.notifier.send(trx, n.userIds, n.message);
    return { status: to, version, from: row.status };
  }
}
