/**
 * SQLite's WAL checkpoints off the request path (#17, W5).
 *
 * By default SQLite checkpoints inside the COMMIT that takes the WAL past 1,000 pages: that request's event-loop turn
 * copies the pages into the database file and fsyncs it, while every other request waits. A profile of W5 (progress
 * reports at 1m) had 35% of the main thread in COMMIT. Here a worker thread with its own connection runs a PASSIVE
 * checkpoint every `intervalMs`: it copies what the WAL holds without waiting for, or blocking, readers and the writer,
 * and its fsync of the database file happens on the worker's thread. The writer's own automatic checkpoint stays as a
 * backstop at `WAL_BACKSTOP_PAGES` (client.ts; the WAL cannot grow without bound if the worker falls behind or stops).
 *
 * Durability is unchanged: a commit is durable when its WAL frames are synced (before it answers: wal-sync.ts, or inside
 * the COMMIT with `ZHONGSHU_SQLITE_SYNC=full`), before any checkpoint; a checkpoint syncs the WAL before it copies (SQLite
 * does under `synchronous = NORMAL`, the worker connection's setting, as under FULL); a crash between commit and checkpoint is
 * recovered from the WAL at the next open.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the worker runs (CommonJS, so it needs no TypeScript loader). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
db.pragma('busy_timeout = 0');
let pages = 0;
let runs = 0;
const checkpoint = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    runs++;
    pages += r ? r.checkpointed : 0;
  } catch {
    // busy (another process's checkpoint) or the file is closing: the next turn tries again
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stats') parentPort.postMessage({ runs, pages });
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.postMessage('stopped');
  }
});
`;

/** A running checkpointer. */
export interface WalCheckpointer {
  /** Checkpoints run and pages copied so far (for tests and benchmarks). */
  stats(): Promise<{ runs: number; pages: number }>;
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

/** Starts checkpointing `file`'s WAL every `intervalMs` from a worker thread. */
export function startWalCheckpointer(file: string, intervalMs: number): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver } });
  // the worker never keeps the process alive, and a failure in it leaves the writer's own checkpoints in charge
  worker.unref();
  let failed = false;
  worker.on('error', (e) => {
    failed = true;
    console.warn(`WAL checkpointer stopped: ${e.message}`);
  });
  const ask = <T>(message: string, answer: (m: unknown) => boolean): Promise<T | null> =>
    failed || worker.threadId < 0
      ? Promise.resolve(null)
      : new Promise((resolve) => {
          const onMessage = (m: unknown) => {
            if (!answer(m)) return;
            worker.off('message', onMessage);
            worker.off('exit', onExit);
            resolve(m as T);
          };
          const onExit = () => {
            worker.off('message', onMessage);
            resolve(null);
          };
          worker.on('message', onMessage);
          worker.once('exit', onExit);
          worker.postMessage(message);
        });
  return {
    async stats() {
      return (await ask<{ runs: number; pages: number }>('stats', (m) => typeof m === 'object' && m !== null)) ?? { runs: 0, pages: 0 };
    },
    async stop() {
      await ask('stop', (m) => m === 'stopped');
      await worker.terminate();
    },
  };
}
