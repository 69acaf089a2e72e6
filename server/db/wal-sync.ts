/**
 * SQLite's commit sync off the event loop, shared by the commits that wait together (group commit; #17, W5).
 *
 * With `synchronous = FULL` every COMMIT fsyncs the WAL inside better-sqlite3's synchronous call: 230–320 µs on this
 * kind of machine during which the process serves nobody, and the write lock stays held meanwhile (another process's
 * writer sleeps in its busy handler). Here the connection runs `synchronous = NORMAL` (SQLite does not sync at
 * commit; the WAL stays consistent, and is synced before every checkpoint) and the driver (client.ts) makes each
 * writer wait for `sync()` before it answers: an fdatasync of the WAL file on libuv's thread pool, started after that
 * writer's COMMIT returned. Commits arriving while one sync runs share the next one.
 *
 * What a writer is told is what FULL promised: when its transaction answers, its WAL frames are on disk (and with
 * them every frame written before, so everything it read and built on). The difference: between a COMMIT and its
 * sync, other requests of this process and others may read the committed rows; a power cut in that window loses
 * them although a reader saw them (no writer was told they were saved, and nothing committed later survives
 * without them: the WAL is replayed in order up to the last synced commit).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Waits for the WAL file of one database to be on disk. */
export class WalSync {
  private fd: number | null = null;
  private ino = 0;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** fdatasync calls made (tests and benchmarks). */
  syncs = 0;

  constructor(private readonly walFile: string) {}

  /**
   * Resolves when everything written to the WAL before this call is on disk; rejects when the sync fails. A sync
   * already running may have started before the caller's frames were written: the caller waits for the next one.
   */
  sync(): Promise<void> {
    if (!this.running) return (this.running = this.flush());
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return (this.running = this.flush());
      });
    return this.queued;
  }

  /** Closes the file descriptor (the database is closing). */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private async flush(): Promise<void> {
    try {
      const fd = this.handle();
      this.syncs++;
      await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
    } finally {
      this.running = null;
    }
  }

  /**
   * The WAL's descriptor, opened at the first sync (the file exists once a commit wrote to it). SQLite deletes and
   * recreates the file only when the last connection closes, not while ours is open; a different inode reopens
   * anyway, so a sync never goes to a file SQLite no longer writes. Opening also syncs the directory once, so the
   * file's own entry is on disk.
   */
  private handle(): number {
    const ino = fs.statSync(this.walFile).ino;
    if (this.fd !== null && ino === this.ino) return this.fd;
    this.close();
    this.fd = fs.openSync(this.walFile, 'r');
    this.ino = fs.fstatSync(this.fd).ino;
    const dir = fs.openSync(path.dirname(this.walFile), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
    return this.fd;
  }
}
