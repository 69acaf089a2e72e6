/**
 * Where attachment content lives (附件存储), by sha256: content-addressed and write-once, so every
 * app server may put and read the same content without coordination. Two stores:
 * - `FsBlobStore`: files under `<dataDir>/files/ab/cd/<sha256>` (SQLite: one host, one data dir);
 * - `PgBlobStore`: rows in PostgreSQL (`file_content` + 1 MB `file_chunk` bytea rows), so several
 *   app servers with their own data directories reach every attachment through the database, and
 *   `pg_dump` backs the content up with the rows that reference it. Written and read one chunk at a
 *   time: memory stays flat whatever the file size.
 * An S3-compatible object store would be a third implementation of `BlobStore`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { iso, type Clock } from './clock.js';

declare module '../db/schema.js' {
  interface DB {
    file_content: FileContentTable;
    file_chunk: FileChunkTable;
  }
}

/** One stored content (PostgreSQL store): present only once all its chunks are (same transaction). */
export interface FileContentTable {
  sha256: string;
  size: number;
  chunks: number;
  created_at: string;
}

/** One piece of a stored content (PostgreSQL store), `seq` from 0. */
export interface FileChunkTable {
  sha256: string;
  seq: number;
  data: Buffer;
}

/** Attachment content by sha256. */
export interface BlobStore {
  /** 'fs' or 'postgres' (for the figures and the backup). */
  readonly kind: 'fs' | 'postgres';
  /** Keeps the (checked) content of `tmpFile` as `sha256` (nothing when it is already kept); may move `tmpFile` away, the caller removes what is left. */
  put(sha256: string, size: number, tmpFile: string): Promise<void>;
  /** The content of `sha256` as a stream, or null when it is not stored. */
  open(sha256: string): Promise<Readable | null>;
  /** Whether `sha256` is stored. */
  has(sha256: string): Promise<boolean>;
}

/** The content files under `<dataDir>/files`. */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    fs.mkdirSync(this.root, { recursive: true });
  }

  /** Where the content of `sha256` lives. */
  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, _size: number, tmpFile: string): Promise<void> {
    const dest = this.pathOf(sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) return;
    const fd = fs.openSync(tmpFile, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmpFile, dest);
  }

  async open(sha256: string): Promise<Readable | null> {
    try {
      const fh = await fs.promises.open(this.pathOf(sha256), 'r');
      return fh.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256));
  }
}

/** Bytes per `file_chunk` row. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Content in PostgreSQL. Content stored on disk by an earlier version (`legacy`, the data
 * directory's files) is still served from there, and backed up from there.
 */
export class PgBlobStore implements BlobStore {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly legacy: FsBlobStore | null = null,
  ) {}

  async put(sha256: string, size: number, tmpFile: string): Promise<void> {
    const fh = await fs.promises.open(tmpFile, 'r');
    try {
      await this.db.transaction().execute(async (trx) => {
        // the head first: a concurrent put of the same content waits on its key, then finds it kept
        const head = await trx
          .insertInto('file_content')
          .values({ sha256, size, chunks: Math.ceil(size / CHUNK_BYTES), created_at: iso(this.clock.now()) })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .returning('sha256')
          .executeTakeFirst();
        if (!head) return;
        const buf = Buffer.alloc(CHUNK_BYTES);
        for (let seq = 0, at = 0; at < size; seq++) {
          let n = 0;
          while (n < CHUNK_BYTES && at + n < size) {
            const r = await fh.read(buf, n, CHUNK_BYTES - n, at + n);
            if (r.bytesRead === 0) break;
            n += r.bytesRead;
          }
          if (n === 0) throw new Error(`blob ${sha256}: the temp file is shorter than ${size} bytes`);
          await trx
            .insertInto('file_chunk')
            .values({ sha256, seq, data: Buffer.from(buf.subarray(0, n)) })
            .execute();
          at += n;
        }
      });
    } finally {
      await fh.close();
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    const head = await this.db.selectFrom('file_content').select('chunks').where('sha256', '=', sha256).executeTakeFirst();
    if (!head) return this.legacy ? this.legacy.open(sha256) : null;
    const db = this.db;
    const chunks = Number(head.chunks);
    // one chunk per read: the consumer's pace (the HTTP response) pulls the next one
    return Readable.from(
      (async function* () {
        for (let seq = 0; seq < chunks; seq++) {
          const row = await sql<{ data: Buffer }>`SELECT data FROM file_chunk WHERE sha256 = ${sha256} AND seq = ${seq}`.execute(db);
          const data = row.rows[0]?.data;
          if (!data) throw new Error(`blob ${sha256}: chunk ${seq} missing`);
          yield data;
        }
      })(),
      { objectMode: false },
    );
  }

  async has(sha256: string): Promise<boolean> {
    if (await this.db.selectFrom('file_content').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) return true;
    return this.legacy ? this.legacy.has(sha256) : false;
  }
}
