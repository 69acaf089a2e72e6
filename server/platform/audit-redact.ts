/**
 * What the audit trail may keep in clear (安全审计 without business content). An entry records who
 * did what to which item: ids, counts, flags, codes (statuses, kinds, roles), dates and the names
 * of the changed fields. Any other value — a title, a reason, a note, a file name, a search text —
 * is replaced by a keyed hash (`hmac:` + 32 hex digits of HMAC-SHA256 under a key derived from the
 * audit key): whoever holds the key can check a value they are shown elsewhere, nobody reads it
 * from the trail. Applied when an entry is written, and again when entries are read (entries
 * written before this rule existed).
 */
import crypto from 'node:crypto';

/** A value the trail kept as a keyed hash. */
export const HASHED = /^hmac:[0-9a-f]{32}$/;
/** A code: lower-case ASCII, no spaces (statuses, kinds, roles, gates, methods, usernames). */
const CODE = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const HEX = /^[0-9a-f]{64}$/;
const PATH = /^\/[A-Za-z0-9/_.-]{0,199}$/;

/**
 * Keys whose string values are codes or dates and stay in clear when they look like one. Every
 * other string is hashed, whatever it looks like.
 */
export const CODE_KEYS: ReadonlySet<string> = new Set([
  'status',
  'state',
  'kind',
  'kinds',
  'type',
  'docType',
  'gate',
  'mode',
  'scope',
  'category',
  'source',
  'sourceType',
  'ownerType',
  'targetType',
  'role',
  'roles',
  'via',
  'method',
  'outcome',
  'reason',
  'username',
  'algo',
  'sha256',
  'mime',
  'number',
  'from',
  'to',
  'deadline',
  'dueDate',
  'due_date',
  'startsAt',
  'starts_at',
  'date',
  'year',
  'priority',
  'light',
  'stage',
]);

function codeLike(key: string, v: string): boolean {
  if (key === 'reason' || key === 'status' || key === 'state') return CODE.test(v) && !v.includes(':');
  return CODE.test(v) || DATE.test(v) || HEX.test(v);
}

/** Redacts `value` (found under `key`) with `hash` for anything that is not an id, a count, a flag, a code or a date. */
export function redactValue(value: unknown, key: string, hash: (v: unknown) => string): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : hash(value);
  if (typeof value === 'string') {
    if (HASHED.test(value)) return value;
    if (key === 'url') {
      const p = value.split('?')[0]!;
      return PATH.test(p) ? (p === value ? p : `${p}?${hash(value)}`) : hash(value);
    }
    if (CODE_KEYS.has(key) && codeLike(key, value)) return value;
    return hash(value);
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, key, hash));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, k, hash);
    return out;
  }
  return hash(String(value));
}

/** Redacts `{ field: [before, after] }`: the field names stay, each value as `redactValue`. */
export function redactChanges(changes: Record<string, unknown> | null | undefined, hash: (v: unknown) => string): Record<string, unknown> | null {
  if (!changes || typeof changes !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [field, pair] of Object.entries(changes)) {
    // `gate.expert.3`: the values of a dotted field are codes when one of its parts is a code key
    const parts = field.split('.');
    const leaf = parts.find((p) => CODE_KEYS.has(p)) ?? parts[parts.length - 1]!;
    out[field] = Array.isArray(pair) ? pair.map((v) => redactValue(v, leaf, hash)) : redactValue(pair, leaf, hash);
  }
  return out;
}

/** The keyed hash of one value (under a key derived from the audit key, never the audit key itself). */
export function valueHasher(auditKey: string): (v: unknown) => string {
  const k = crypto.createHmac('sha256', auditKey).update('zhongshu-audit-value-1', 'utf8').digest();
  return (v) =>
    `hmac:${crypto
      .createHmac('sha256', k)
      .update(JSON.stringify(v) ?? 'undefined', 'utf8')
      .digest('hex')
      .slice(0, 32)}`;
}
