/**
 * Backup and restore. SQLite: the online backup API (consistent while the app writes) plus the
 * attachment files the database references, and a manifest of hashes; PostgreSQL: pg_dump /
 * pg_restore (attachment content is in the database, so in the dump; files an earlier version kept
 * in the data directory are copied as on SQLite). A restore checks every hash first and refuses a corrupt or incomplete backup.
 */
import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from '../db/client.js';
import { BadRequestError } from './errors.js';

const FORMAT = 'zhongshu-backup-1';

/** What a backup directory holds. */
export interface BackupManifest {
  format: typeof FORMAT;
  dialect: 'sqlite' | 'postgres';
  createdAt: string;
  database: { file: string; sha256: string; size: number };
  files: { sha256: string; size: number }[];
  tables: Record<string, { rows: number; hash: string }>;
  /** The audit key travels with the backup only when asked (`--include-audit-key`); by default it stays with its custodian. */
  auditKey: boolean;
  /** The audit anchor (`audit.anchor` and `audit.anchor.log`: the verified head and a digest of every verified entry) is in the backup. */
  auditAnchor?: boolean;
}

/** The files of the audit anchor, kept in the data directory next to the database. */
export const ANCHOR_FILES = ['audit.anchor', 'audit.anchor.log'] as const;

/** Options of a backup. */
export interface BackupOptions {
  /**
   * Copy `<dataDir>/audit.key` into the backup. Off by default: whoever holds a backup and the key
   * can rewrite entries and recompute every hash; the key belongs to its custodian (SECURITY.md).
   */
  includeAuditKey?: boolean;
}

function sha256File(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

/** Per-table row counts and content hashes of a SQLite file (rows in primary-key order). */
export function sqliteTableHashes(file: string): Record<string, { rows: number; hash: string }> {
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")
      .all() as { name: string }[];
    const out: Record<string, { rows: number; hash: string }> = {};
    for (const { name } of tables) {
      const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; pk: number }[];
      const order = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => `"${c.name}"`);
      const h = crypto.createHash('sha256');
      let rows = 0;
      for (const r of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order.length ? order.join(', ') : 'rowid'}`).iterate()) {
        h.update(JSON.stringify(r));
        rows++;
      }
      out[name] = { rows, hash: h.digest('hex') };
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * Per-table row counts and content hashes of a PostgreSQL database, read through `client` (inside
 * its transaction's snapshot): each row's text form hashed in primary-key order, computed by the server.
 */
export async function pgTableHashes(client: pg.ClientBase): Promise<Record<string, { rows: number; hash: string }>> {
  const tables = await client.query<{ name: string; pk: string | null }>(`
    SELECT c.relname AS name,
           (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey, a.attnum))
              FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
             WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = current_schema()
     ORDER BY c.relname`);
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const { name, pk } of tables.rows) {
    const t = `"${name.replace(/"/g, '""')}"`;
    const r = await client.query<{ rows: string; hash: string }>(
      `SELECT count(*) AS rows, encode(sha256(convert_to(coalesce(string_agg(md5(t::text), '' ORDER BY ${pk ?? 't::text'}), ''), 'UTF8')), 'hex') AS hash FROM ${t} t`,
    );
    out[name] = { rows: Number(r.rows[0]!.rows), hash: r.rows[0]!.hash };
  }
  return out;
}

/** Writes a backup of the running database and its attachments into `outDir` (must not exist or be empty). */
export async function backup(database: Database, dataDir: string, outDir: string, pgUrl?: string, opts: BackupOptions = {}): Promise<BackupManifest> {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new BadRequestError('backup.target_not_empty');
  fs.mkdirSync(path.join(outDir, 'files'), { recursive: true });
  let dbFile: string;
  let shas: { sha256: string }[];
  let pgTables: BackupManifest['tables'] = {};
  if (database.dialect === 'sqlite') {
    dbFile = 'zhongshu.db';
    await database.sqlite!.backup(path.join(outDir, dbFile));
    // the attachments referenced at the backup point (content-addressed: later uploads never change them)
    const copy = new SQLite(path.join(outDir, dbFile), { readonly: true });
    shas = copy.prepare('SELECT DISTINCT sha256 FROM attachment').all() as { sha256: string }[];
    copy.close();
  } else {
    dbFile = 'zhongshu.pgdump';
    // one snapshot for the dump, the table hashes and the attachment list: pg_dump imports the
    // snapshot this transaction exports (it must stay open until pg_dump has started reading)
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
      const dump = promisify(execFile)('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${path.join(outDir, dbFile)}`, pgUrl!]);
      pgTables = await pgTableHashes(client);
      // attachment content kept in the database (file_content/file_chunk) is in the dump; only what
      // an earlier version kept in the data directory is copied beside it
      shas = (
        await client.query<{ sha256: string }>(
          'SELECT DISTINCT a.sha256 FROM attachment a WHERE NOT EXISTS (SELECT 1 FROM file_content c WHERE c.sha256 = a.sha256)',
        )
      ).rows;
      await dump;
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }
  const files: BackupManifest['files'] = [];
  for (const { sha256 } of shas) {
    const src = path.join(dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    fs.copyFileSync(src, path.join(outDir, 'files', sha256));
    files.push({ sha256, size: fs.statSync(src).size });
  }
  const keyFile = path.join(dataDir, 'audit.key');
  const auditKey = opts.includeAuditKey === true && fs.existsSync(keyFile);
  if (auditKey) fs.copyFileSync(keyFile, path.join(outDir, 'audit.key'));
  let auditAnchor = false;
  for (const f of ANCHOR_FILES) {
    const src = path.join(dataDir, f);
    if (!fs.existsSync(src)) continue;
    fs.copyFileSync(src, path.join(outDir, f));
    auditAnchor = true;
  }
  const manifest: BackupManifest = {
    format: FORMAT,
    dialect: database.dialect,
    createdAt: new Date().toISOString(),
    database: { file: dbFile, sha256: sha256File(path.join(outDir, dbFile)), size: fs.statSync(path.join(outDir, dbFile)).size },
    files,
    tables: database.dialect === 'sqlite' ? sqliteTableHashes(path.join(outDir, dbFile)) : pgTables,
    auditKey,
    auditAnchor,
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Checks a backup directory completely; throws `backup.corrupt` naming the first problem. */
export function verifyBackup(dir: string): BackupManifest {
  const corrupt = (reason: string) => new BadRequestError('backup.corrupt', { reason });
  const mf = path.join(dir, 'manifest.json');
  if (!fs.existsSync(mf)) throw corrupt('manifest.json missing');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(mf, 'utf8')) as BackupManifest;
  } catch {
    throw corrupt('manifest.json unreadable');
  }
  if (manifest.format !== FORMAT) throw corrupt('unknown format');
  const dbPath = path.join(dir, manifest.database.file);
  if (!fs.existsSync(dbPath) || sha256File(dbPath) !== manifest.database.sha256) throw corrupt(`${manifest.database.file} hash mismatch`);
  for (const f of manifest.files) {
    const p = path.join(dir, 'files', f.sha256);
    if (!fs.existsSync(p) || sha256File(p) !== f.sha256) throw corrupt(`attachment ${f.sha256.slice(0, 12)} missing or altered`);
  }
  return manifest;
}

/** Restores a verified backup into an empty data directory (SQLite) or an empty database (PostgreSQL). */
export function restore(fromDir: string, toDataDir: string, pgUrl?: string): BackupManifest {
  const manifest = verifyBackup(fromDir);
  if (fs.existsSync(toDataDir) && fs.readdirSync(toDataDir).length > 0) throw new BadRequestError('backup.target_not_empty');
  fs.mkdirSync(toDataDir, { recursive: true });
  if (manifest.dialect === 'sqlite') fs.copyFileSync(path.join(fromDir, manifest.database.file), path.join(toDataDir, 'zhongshu.db'));
  else execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${pgUrl!}`, path.join(fromDir, manifest.database.file)], { stdio: 'pipe' });
  for (const f of manifest.files) {
    const dest = path.join(toDataDir, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(fromDir, 'files', f.sha256), dest);
  }
  if (manifest.auditKey) fs.copyFileSync(path.join(fromDir, 'audit.key'), path.join(toDataDir, 'audit.key'));
  for (const f of ANCHOR_FILES) if (fs.existsSync(path.join(fromDir, f))) fs.copyFileSync(path.join(fromDir, f), path.join(toDataDir, f));
  return manifest;
}
