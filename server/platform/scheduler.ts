/**
 * Scheduled jobs (催办 reminders, escalations): rows in `job`, each run exactly once even with
 * several app processes — a run claims its row with a conditional update inside the same
 * transaction as the job's own writes, so a rollback leaves it pending and a second claimer finds
 * it done.
 */
import os from 'node:os';
import type { Db, Trx } from '../db/client.js';
import { iso, type Clock } from './clock.js';

/** A job row as handlers see it. */
export interface Job {
  id: number;
  kind: string;
  targetType: string;
  targetId: number;
  dueAt: string;
  payload: unknown;
}

/** Runs a job's work inside the claiming transaction. */
export type JobHandler = (trx: Trx, job: Job) => Promise<void>;

const WORKER = `${os.hostname()}:${process.pid}`;

/** The job queue and its runner. */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: { error(obj: unknown, msg: string): void } = console,
  ) {}

  /** Registers the handler of a job kind. */
  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Schedules a job (idempotent per kind, target and due time). */
  async schedule(trx: Trx, job: { kind: string; targetType: string; targetId: number; dueAt: Date; payload?: unknown }): Promise<void> {
    await trx
      .insertInto('job')
      .values({
        kind: job.kind,
        target_type: job.targetType,
        target_id: job.targetId,
        due_at: iso(job.dueAt),
        payload: job.payload === undefined ? null : JSON.stringify(job.payload),
        status: 'pending',
        done_at: null,
        done_by: null,
        created_at: iso(this.clock.now()),
      })
      .onConflict((oc) => oc.columns(['kind', 'target_type', 'target_id', 'due_at']).doNothing())
      .execute();
  }

  /** Cancels the pending jobs of a target (all kinds, or one). */
  async cancel(trx: Trx, targetType: string, targetId: number, kind?: string): Promise<void> {
    let q = trx
      .updateTable('job')
      .set({ status: 'cancelled', done_at: iso(this.clock.now()) })
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .where('status', '=', 'pending');
    if (kind) q = q.where('kind', '=', kind);
    await q.execute();
  }

  /** Runs every job due by now, each in its own transaction; returns how many this process ran. */
  async runDue(limit = 500): Promise<number> {
    const now = iso(this.clock.now());
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return 0;
    const due = await this.db
      .selectFrom('job')
      .select('id')
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      // only kinds this process can run: a job is never marked done without its handler
      .where('kind', 'in', kinds)
      .orderBy('due_at')
      .limit(limit)
      .execute();
    let ran = 0;
    for (const { id } of due) {
      try {
        const claimed = await this.db.transaction().execute(async (trx) => {
          const res = await trx
            .updateTable('job')
            .set({ status: 'done', done_at: now, done_by: WORKER })
            .where('id', '=', id)
            .where('status', '=', 'pending')
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) return false;
          const row = await trx.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          await this.handlers.get(row.kind)!(trx, {
            id: row.id,
            kind: row.kind,
            targetType: row.target_type,
            targetId: row.target_id,
            dueAt: row.due_at,
            payload: row.payload ? JSON.parse(row.payload) : null,
          });
          return true;
        });
        if (claimed) ran++;
      } catch (err) {
        this.log.error({ err, jobId: id }, 'job failed');
        await this.db
          .updateTable('job')
          .set({ status: 'failed', done_at: now, done_by: WORKER })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .execute();
      }
    }
    return ran;
  }

  /** Polls every `intervalMs` (0 = never). */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.runDue()
        .catch((err: unknown) => this.log.error({ err }, 'scheduler pass failed'))
        .finally(() => (this.running = false));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
