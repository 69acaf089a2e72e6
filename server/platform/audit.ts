/**
 * The audit trail (安全审计): an append-only, hash-chained log. Each entry's hash is an HMAC, keyed
 * outside the database, over the entry and the previous entry's hash; HMAC-SM3 where OpenSSL has
 * SM3, HMAC-SHA256 otherwise (named in each entry). On PostgreSQL a transaction-scoped advisory
 * lock (taken by `zs_audit_head()`, migration 202612081704) keeps the chain linear with several app
 * processes writing at once; a transaction's entries are chained by its commit (`append`), so the
 * lock is held from there only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { type Db, type Trx } from '../db/client.js';
import { deferred, type RunQuery } from '../db/commit-hooks.js';
import { iso, type Clock } from './clock.js';
import { redactChanges, redactValue, valueHasher } from './audit-redact.js';

/** Genesis value of `prev_hash` for the first entry. */
export const GENESIS = '0'.repeat(64);
/** The chain's lock on PostgreSQL (`zs_audit_head()` takes the same). */
const ADVISORY_LOCK_ID = 727_001;

/** What one entry records. */
export interface AuditInput {
  actor?: { id: number; name: string | null; ip?: string | null } | null;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  outcome?: 'success' | 'denied' | 'failure';
  /**
   * Changed fields as { field: [before, after] }. Stored redacted (see audit-redact.ts): field names,
   * ids, codes and dates in clear, any other value as a keyed hash — no business text in the trail.
   */
  changes?: Record<string, [unknown, unknown]> | null;
  /** Stored redacted like `changes`. */
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

/** The first entry that does not verify, and why. */
export interface BrokenEntry {
  seq: number;
  /** `anchor_mismatch`: the entry verifies with the key but differs from the hash the anchor recorded for it (rewritten with the key). */
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_entries' | 'unknown_algorithm' | 'truncated' | 'anchor_mismatch';
}

/** A verified head of the chain (seq and hash), trusted because it is kept outside the database. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** The algorithm used for new entries on this platform. */
export const AUDIT_ALGO = crypto.getHashes().includes('sm3') ? 'HMAC-SM3' : 'HMAC-SHA256';

function hmac(algo: string, key: string, text: string): string | null {
  const h = algo === 'HMAC-SM3' ? 'sm3' : algo === 'HMAC-SHA256' ? 'sha256' : null;
  return h === null ? null : crypto.createHmac(h, key).update(text, 'utf8').digest('hex');
}

/** The stored fields of one entry, `hash` aside. */
export type EntryFields = {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  changes: string | null;
  detail: string | null;
  algo: string;
  prev_hash: string;
};

/** The stored columns of an entry. */
const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'ip',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'changes',
  'detail',
  'algo',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof EntryFields | 'hash')[];
const { escapeLiteral } = pg;

/** An entry before it is chained: everything but its number and the previous entry's hash. */
type Unchained = Omit<EntryFields, 'seq' | 'prev_hash'>;

function canonical(e: EntryFields): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actor_id,
    e.actor_name,
    e.ip,
    e.action,
    e.target_type,
    e.target_id,
    e.outcome,
    e.changes,
    e.detail,
    e.algo,
    e.prev_hash,
  ]);
}

/**
 * The hash of one entry under `key` (what `append` stores in `hash`). Exported for forensic tools
 * and for tests that play an attacker holding the key.
 */
export function entryHash(key: string, e: EntryFields): string | null {
  return hmac(e.algo, key, canonical(e));
}

/** Reads the audit key from the environment value, or from `<dataDir>/audit.key` (created on first use). */
export function loadAuditKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'audit.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Appends to the chain. Call inside the transaction that makes the change being recorded. */
export class AuditTrail {
  private readonly hashValue: (v: unknown) => string;
  /** PostgreSQL: `zs_audit_head()` was found (known once seen; asked again until then). */
  private headFunction = false;

  /**
   * `anchorFile` (optional, next to the audit key): the head seen by the last full verification.
   * Deleting the newest entries leaves a chain that still links; the anchor detects it. Beside it,
   * `<anchorFile>.log` keeps 8 bytes of every verified entry's hash (entry n at offset 8(n−1)), so
   * an entry rewritten by someone holding the key is named exactly, not only the anchored head.
   */
  constructor(
    private readonly key: string,
    private readonly clock: Clock,
    private readonly anchorFile?: string,
  ) {
    this.hashValue = valueHasher(key);
  }

  /** `changes` and `detail` as the trail keeps them: ids, codes, dates and field names; other values as keyed hashes. */
  redact(changes: unknown, detail: unknown): { changes: Record<string, unknown> | null; detail: Record<string, unknown> | null } {
    const d = detail && typeof detail === 'object' && !Array.isArray(detail) ? (redactValue(detail, '', this.hashValue) as Record<string, unknown>) : null;
    return { changes: redactChanges(changes as Record<string, unknown> | null, this.hashValue), detail: d };
  }

  /** The keyed hash under which the trail keeps `value` (to check a value against an entry). */
  valueHash(value: unknown): string {
    return this.hashValue(value);
  }

  private get digestFile(): string | null {
    return this.anchorFile ? `${this.anchorFile}.log` : null;
  }

  private readDigests(): Buffer {
    const f = this.digestFile;
    return f && fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0);
  }

  /** The anchor kept outside the database, if any. */
  readAnchor(): AuditAnchor | null {
    if (!this.anchorFile || !fs.existsSync(this.anchorFile)) return null;
    try {
      const a = JSON.parse(fs.readFileSync(this.anchorFile, 'utf8')) as AuditAnchor;
      return typeof a.seq === 'number' && typeof a.hash === 'string' ? a : null;
    } catch {
      return null;
    }
  }

  /**
   * Appends one entry in `trx`. On PostgreSQL the entry is chained by the commit (`deferred`): the chain's lock
   * is taken just before COMMIT and held only for the head's read, the insert and the commit, not for the rest
   * of the transaction. Its fields (time, actor, redacted changes) are fixed now.
   */
  async append(trx: Trx, input: AuditInput): Promise<void> {
    if (!trx.isTransaction) return this.record(trx as Db, input);
    const entry = this.unchained(input);
    if (await deferred(trx, this, entry, (entries, run) => this.chainPg(entries, run))) return;
    const last = await trx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    await trx
      .insertInto('audit_event')
      .values(this.chained([entry], last))
      .execute();
  }

  /**
   * PostgreSQL, at the commit: takes the chain's lock and reads its head in one round trip (`zs_audit_head()`),
   * and answers the INSERT of `entries` after it, which goes to the server with the COMMIT. On a database not yet
   * migrated past 202612081704 (a partial migration, as a migration test makes) the lock and the read are two
   * statements, the read after the lock.
   */
  private async chainPg(entries: Unchained[], run: RunQuery): Promise<string> {
    if (!this.headFunction) {
      const r = await run(CompiledQuery.raw("SELECT to_regproc('zs_audit_head') IS NOT NULL AS present") as CompiledQuery<{ present: boolean }>);
      this.headFunction = r.rows[0]?.present === true;
      if (!this.headFunction) await run(CompiledQuery.raw(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_ID})`));
    }
    const head = await run(
      CompiledQuery.raw(
        this.headFunction ? 'SELECT seq, hash FROM zs_audit_head()' : 'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
      ) as CompiledQuery<{ seq: number; hash: string }>,
    );
    const rows = this.chained(entries, head.rows[0]);
    const value = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(Math.trunc(v)) : escapeLiteral(v));
    return `INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}) VALUES ${rows.map((r) => `(${AUDIT_COLUMNS.map((c) => value(r[c])).join(', ')})`).join(', ')}`;
  }

  /** An entry's fields but its place in the chain. */
  private unchained(input: AuditInput): Unchained {
    const kept = this.redact(input.changes, input.detail);
    return {
      at: iso(this.clock.now()),
      actor_id: input.actor?.id ?? null,
      actor_name: input.actor?.name ?? null,
      ip: input.ip ?? input.actor?.ip ?? null,
      action: input.action,
      target_type: input.targetType ?? null,
      target_id: input.targetId === undefined || input.targetId === null ? null : String(input.targetId),
      outcome: input.outcome ?? 'success',
      changes: kept.changes && Object.keys(kept.changes).length ? JSON.stringify(kept.changes) : null,
      detail: kept.detail ? JSON.stringify(kept.detail) : null,
      algo: AUDIT_ALGO,
    };
  }

  /** `entries` chained, in order, after the head `last` (none: the genesis). */
  private chained(entries: readonly Unchained[], last: { seq: number; hash: string } | undefined): (EntryFields & { hash: string })[] {
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS;
    return entries.map((e) => {
      const fields: EntryFields = { ...e, seq: ++seq, prev_hash: prev };
      prev = hmac(fields.algo, this.key, canonical(fields))!;
      return { ...fields, hash: prev };
    });
  }

  /** Appends one entry in a transaction of its own (refusals, logins: nothing else is written). */
  async record(db: Db, input: AuditInput): Promise<void> {
    await db.transaction().execute((trx) => this.append(trx, input));
  }

  /**
   * Verifies the chain in order and names the first entry that does not verify. From the genesis
   * by default, or from a trusted checkpoint `from` (the entry after it is checked first). A full
   * verification also checks, then advances, the anchor.
   */
  async verify(db: Db, opts: { from?: AuditAnchor } = {}): Promise<{ ok: boolean; checked: number; firstBroken: BrokenEntry | null; algo: string }> {
    let prevHash = opts.from?.hash ?? GENESIS;
    let expected = (opts.from?.seq ?? 0) + 1;
    let checked = 0;
    const batch = 5000;
    const digests = opts.from ? Buffer.alloc(0) : this.readDigests();
    const known = Math.floor(digests.length / 8);
    const appended: Buffer[] = [];
    let appendedCount = 0;
    for (;;) {
      const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>=', expected).orderBy('seq').limit(batch).execute();
      const chunk = Buffer.alloc(rows.length * 8);
      let used = 0;
      for (const r of rows) {
        const broken = this.check(r, expected, prevHash);
        if (broken) return { ok: false, checked, firstBroken: broken, algo: AUDIT_ALGO };
        if (r.seq <= known) {
          if (digests.toString('hex', (r.seq - 1) * 8, r.seq * 8) !== r.hash.slice(0, 16))
            return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'anchor_mismatch' }, algo: AUDIT_ALGO };
        } else if (r.seq === known + appendedCount + 1) {
          chunk.write(r.hash.slice(0, 16), used, 'hex');
          used += 8;
          appendedCount++;
        }
        prevHash = r.hash;
        expected = r.seq + 1;
        checked++;
      }
      if (used) appended.push(chunk.subarray(0, used));
      if (rows.length < batch) break;
    }
    const anchor = opts.from ? null : this.readAnchor();
    if (!opts.from && expected - 1 < known) return { ok: false, checked, firstBroken: { seq: expected, reason: 'truncated' }, algo: AUDIT_ALGO };
    if (anchor) {
      // the newest entries were deleted (the chain still links), or the anchored entry was replaced
      if (expected - 1 < anchor.seq) return { ok: false, checked, firstBroken: { seq: expected, reason: 'truncated' }, algo: AUDIT_ALGO };
      const at = await db.selectFrom('audit_event').select('hash').where('seq', '=', anchor.seq).executeTakeFirst();
      if (at?.hash !== anchor.hash) return { ok: false, checked, firstBroken: { seq: anchor.seq, reason: 'hash_mismatch' }, algo: AUDIT_ALGO };
    }
    if (!opts.from && this.anchorFile && checked > 0) {
      if (appended.length) {
        // positional writes: two processes verifying at once write the same bytes at the same place
        const fd = fs.openSync(this.digestFile!, fs.existsSync(this.digestFile!) ? 'r+' : 'w', 0o600);
        try {
          const buf = Buffer.concat(appended);
          fs.writeSync(fd, buf, 0, buf.length, known * 8);
        } finally {
          fs.closeSync(fd);
        }
      }
      const tmp = `${this.anchorFile}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ seq: expected - 1, hash: prevHash, at: iso(this.clock.now()) }), { mode: 0o600 });
      fs.renameSync(tmp, this.anchorFile);
    }
    return { ok: true, checked, firstBroken: null, algo: AUDIT_ALGO };
  }

  private check(r: EntryFields & { hash: string }, expected: number, prevHash: string): BrokenEntry | null {
    if (r.seq !== expected) return { seq: r.seq, reason: 'missing_entries' };
    const h = hmac(r.algo, this.key, canonical(r));
    if (h === null) return { seq: r.seq, reason: 'unknown_algorithm' };
    if (h !== r.hash) return { seq: r.seq, reason: 'hash_mismatch' };
    if (r.prev_hash !== prevHash) return { seq: r.seq, reason: 'prev_hash_mismatch' };
    return null;
  }
}

/** The before/after pairs of the fields of `patch` that differ from `before`. */
export function diffFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k], v];
  }
  return out;
}
