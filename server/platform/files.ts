/**
 * Attachments: streamed to a temp file while hashed, type sniffed by magic bytes and matched
 * against the name's extension, kept by content hash in the blob store (`blob-store.ts`: the data
 * directory's `files` on SQLite, the database on PostgreSQL — outside any web root), and read only
 * through the owning item's policy (each module registers its owner types).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import type { Database, Db, Trx } from '../db/client.js';
import type { Actor } from './actor.js';
import { FsBlobStore, PgBlobStore, type BlobStore } from './blob-store.js';
import { iso, systemClock, type Clock } from './clock.js';
import { BadRequestError, NotFoundError, TooLargeError, UnsupportedTypeError } from './errors.js';

export type { BlobStore };

/**
 * The blob store of a database: PostgreSQL keeps the content in the database, so every app server
 * reaches it (files an earlier version kept in the data directory are still read from there);
 * SQLite keeps it in the data directory.
 */
export function blobStoreFor(database: Database, dataDir: string, clock: Clock = systemClock): BlobStore {
  return database.dialect === 'postgres' ? new PgBlobStore(database.db, clock, new FsBlobStore(dataDir)) : new FsBlobStore(dataDir);
}

/** What a module says about the items that own attachments of one `owner_type`. */
export interface AttachmentOwner {
  /** May the actor read the owner item (and so its attachments)? */
  canRead(db: Db | Trx, actor: Actor, ownerId: number): Promise<boolean>;
  /** May the actor attach a file to the owner item? */
  canAttach(db: Db | Trx, actor: Actor, ownerId: number): Promise<boolean>;
  /** Classification of the owner (for downloads' audit entry). */
  level?(db: Db | Trx, ownerId: number): Promise<number>;
}

/** Extension → the sniffed type it must have, and the MIME type it is served as. */
const ALLOWED: Record<string, { sniff: string[] | null; mime: string }> = {
  pdf: { sniff: ['pdf'], mime: 'application/pdf' },
  ofd: { sniff: ['zip'], mime: 'application/ofd' },
  docx: { sniff: ['docx', 'zip'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { sniff: ['xlsx', 'zip'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { sniff: ['pptx', 'zip'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  doc: { sniff: ['cfb'], mime: 'application/msword' },
  xls: { sniff: ['cfb'], mime: 'application/vnd.ms-excel' },
  wps: { sniff: ['cfb'], mime: 'application/vnd.ms-works' },
  png: { sniff: ['png'], mime: 'image/png' },
  jpg: { sniff: ['jpg'], mime: 'image/jpeg' },
  jpeg: { sniff: ['jpg'], mime: 'image/jpeg' },
  gif: { sniff: ['gif'], mime: 'image/gif' },
  zip: { sniff: ['zip'], mime: 'application/zip' },
  txt: { sniff: null, mime: 'text/plain; charset=utf-8' },
  csv: { sniff: null, mime: 'text/csv; charset=utf-8' },
};

const MARKUP = /<\s*(!doctype|html|script|svg|iframe|body|head|meta|object|embed)\b/i;

/** Checks a client-supplied file name; returns it trimmed, or throws. */
export function cleanFileName(name: string): string {
  const n = name.normalize('NFC').trim();
  if (!n || n.length > 200 || /[\u0000-\u001f\u007f/\\]/.test(n) || n === '.' || n === '..' || n.startsWith('.')) {
    throw new BadRequestError('file.name_invalid');
  }
  return n;
}

/** The stored attachment as the API presents it. */
export interface AttachmentInfo {
  id: number;
  filename: string;
  size: number;
  mime: string;
  sha256: string;
  createdAt: string;
  createdBy: number;
}

/** Stores and serves attachments. */
export class FileStore {
  readonly owners = new Map<string, AttachmentOwner>();
  private readonly tmp: string;

  constructor(
    dataDir: string,
    readonly maxBytes: number,
    private readonly clock: Clock,
    /** Where the content is kept (default: the data directory's `files`). */
    readonly blobs: BlobStore = new FsBlobStore(dataDir),
  ) {
    this.tmp = path.join(dataDir, 'tmp');
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  /** The content of `sha256` as a stream; 404 `file.content_missing` when the store does not hold it. */
  async open(sha256: string): Promise<Readable> {
    const stream = await this.blobs.open(sha256);
    if (!stream) throw new NotFoundError('file.content_missing');
    return stream;
  }

  /**
   * Receives a stream into a temp file and checks it; returns what to record. The caller records
   * it in its transaction with `record` (the content is kept by hash whether or not it commits;
   * unreferenced content is harmless and reused by hash).
   */
  async receive(stream: Readable & { truncated?: boolean }, rawName: string): Promise<{ sha256: string; size: number; mime: string; filename: string }> {
    const filename = cleanFileName(rawName);
    const ext = path.extname(filename).slice(1).toLowerCase();
    const rule = ALLOWED[ext];
    if (!rule) {
      stream.resume();
      throw new UnsupportedTypeError('file.type_not_allowed');
    }
    const tmpFile = path.join(this.tmp, crypto.randomUUID());
    const hash = crypto.createHash('sha256');
    let size = 0;
    try {
      stream.on('data', (c: Buffer) => {
        hash.update(c);
        size += c.length;
      });
      await pipeline(stream, fs.createWriteStream(tmpFile, { flags: 'wx', mode: 0o600 }));
      if (stream.truncated || size > this.maxBytes) throw new TooLargeError('file.too_large', { limitMb: Math.round(this.maxBytes / 1048576) });
      if (size === 0) throw new BadRequestError('file.missing');
      const sniffed = (await fileTypeFromFile(tmpFile))?.ext ?? null;
      if (rule.sniff === null) {
        if (sniffed !== null || !(await this.isPlainText(tmpFile)))
          throw new UnsupportedTypeError('file.type_mismatch', { claimed: ext, actual: sniffed ?? 'markup/binary' });
      } else if (sniffed === null || !rule.sniff.includes(sniffed)) {
        const actual = sniffed ?? ((await this.isPlainText(tmpFile)) ? 'text/html' : 'unknown');
        throw new UnsupportedTypeError('file.type_mismatch', { claimed: ext, actual });
      }
      const sha256 = hash.digest('hex');
      await this.blobs.put(sha256, size, tmpFile);
      return { sha256, size, mime: rule.mime, filename };
    } finally {
      fs.rmSync(tmpFile, { force: true });
    }
  }

  private async isPlainText(file: string): Promise<boolean> {
    const fh = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.alloc(65536);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      const text = buf.subarray(0, bytesRead);
      if (text.includes(0)) return false;
      const s = new TextDecoder('utf-8', { fatal: false }).decode(text);
      return !MARKUP.test(s);
    } finally {
      await fh.close();
    }
  }

  /** Records an attachment of an owner item in `trx`. */
  async record(
    trx: Trx,
    f: { sha256: string; size: number; mime: string; filename: string },
    owner: { type: string; id: number },
    actor: Actor,
  ): Promise<AttachmentInfo> {
    const at = iso(this.clock.now());
    const row = await trx
      .insertInto('attachment')
      .values({
        sha256: f.sha256,
        size: f.size,
        mime: f.mime,
        filename: f.filename,
        owner_type: owner.type,
        owner_id: owner.id,
        created_by: actor.id,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, filename: f.filename, size: f.size, mime: f.mime, sha256: f.sha256, createdAt: at, createdBy: actor.id };
  }

  /** The attachments of an owner item (the caller has checked the owner's read policy). */
  async listFor(db: Db | Trx, ownerType: string, ownerId: number): Promise<AttachmentInfo[]> {
    const rows = await db.selectFrom('attachment').selectAll().where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      filename: r.filename,
      size: r.size,
      mime: r.mime,
      sha256: r.sha256,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }));
  }
}
