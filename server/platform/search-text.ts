/**
 * The text side of the search index (see `search-index.ts`): tokenising Chinese and Latin text into
 * `grams`, parsing a query into terms, the FTS5 and tsquery expressions of terms and access tags,
 * and highlighting matches in titles and snippets. No database access.
 */
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import type { Actor } from './actor.js';

const MAX_TOKENS = 16_000; // PostgreSQL keeps positions up to 16383
export const MAX_TOKEN_LEN = 64;
const MAX_TERMS = 8;
export const HAN = /\p{Script=Han}/u;

let jiebaInstance: Jieba | null = null;
let tfidfInstance: TfIdf | null = null;
export function jieba(): Jieba {
  jiebaInstance ??= Jieba.withDict(dict);
  return jiebaInstance;
}
export function tfidf(): TfIdf {
  tfidfInstance ??= TfIdf.withDict(idf);
  return tfidfInstance;
}

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Character classes: 1 Han, 2 other letter or digit, 3 anything else; cached for the BMP. */
const CLASS = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function classOf(cp: number, ch: string): number {
  if (cp < 0x10000) {
    let c = CLASS[cp]!;
    if (!c) CLASS[cp] = c = HAN.test(ch) ? 1 : LETTER_OR_DIGIT.test(ch) ? 2 : 3;
    return c;
  }
  return HAN.test(ch) ? 1 : LETTER_OR_DIGIT.test(ch) ? 2 : 3;
}

/**
 * Splits normalized text into runs of Han characters and runs of other letters/digits (a Han
 * character always ends a Latin run and vice versa: "2026年" is "2026" and "年"). Han runs come
 * as arrays of characters.
 */
function forEachRun(s: string, onHan: (chars: string[]) => boolean | void, onWord: (word: string) => boolean | void): void {
  let han: string[] = [];
  let wordFrom = -1;
  const n = s.length;
  for (let i = 0; i <= n;) {
    const cp = i < n ? s.codePointAt(i)! : 0;
    const len = cp > 0xffff ? 2 : 1;
    const c = i < n ? classOf(cp, len === 1 ? s[i]! : s.slice(i, i + 2)) : 3;
    if (c !== 1 && han.length) {
      if (onHan(han) === false) return;
      han = [];
    }
    if (c !== 2 && wordFrom >= 0) {
      if (onWord(s.slice(wordFrom, i)) === false) return;
      wordFrom = -1;
    }
    if (c === 1) han.push(len === 1 ? s[i]! : s.slice(i, i + 2));
    else if (c === 2 && wordFrom < 0) wordFrom = i;
    i += len;
  }
}

/** The `grams` tokens of a text (see the module comment). */
export function gramTokens(text: string, into: string[] = []): string[] {
  const limit = into.length + MAX_TOKENS;
  forEachRun(
    normalize(text),
    (chars) => {
      for (let i = 0; i + 1 < chars.length; i++) into.push(chars[i]! + chars[i + 1]!);
      into.push(chars[chars.length - 1]!);
      return into.length < limit;
    },
    (word) => {
      into.push(word.slice(0, MAX_TOKEN_LEN));
      return into.length < limit;
    },
  );
  if (into.length > limit) into.length = limit;
  return into;
}

/** One piece of a query term: Han characters or a Latin/digit word. */
export interface Piece {
  text: string;
  han: boolean;
}

/** A parsed query: terms (AND), each of pieces (AND). */
export function parseQuery(q: string): { terms: { raw: string; pieces: Piece[] }[] } {
  const terms: { raw: string; pieces: Piece[] }[] = [];
  for (const raw of q.normalize('NFKC').split(/\s+/u)) {
    const pieces: Piece[] = [];
    forEachRun(
      raw.toLowerCase(),
      (chars) => void pieces.push({ text: chars.join(''), han: true }),
      (word) => void pieces.push({ text: word.slice(0, MAX_TOKEN_LEN), han: false }),
    );
    if (pieces.length) terms.push({ raw, pieces });
    if (terms.length >= MAX_TERMS) break;
  }
  return { terms };
}

export function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** FTS5 expression of the text terms (AND of pieces), to be put under a column filter. */
export function ftsText(terms: { pieces: Piece[] }[]): string {
  const parts: string[] = [];
  for (const t of terms) {
    for (const p of t.pieces) {
      if (p.han && Array.from(p.text).length >= 2) parts.push(`"${bigrams(p.text).join(' ')}"`);
      else parts.push(`"${p.text}" *`);
    }
  }
  return `(${parts.join(' AND ')})`;
}

/**
 * The index's tokens that every text holding `q` verbatim as a substring must hold, in a row, when `q` is
 * Han characters (and anything that is neither a letter nor a digit: spaces, punctuation) only; null
 * when it holds a Latin letter or a digit (a word-prefix token cannot promise a mid-word substring). A
 * Han run of `q` gives its bigrams, and its last character as well when something other than a Han
 * character follows it in `q` (the text's run ends there too); the text's token after the previous
 * run's is this run's first (separators give no token). A last run of one character is a prefix
 * (the text's run may go on). So the phrase is necessary, not sufficient: the caller checks the text.
 */
export function substringPhrase(q: string): { tokens: string[]; prefix: boolean } | null {
  const s = normalize(q);
  const runs: { chars: string[]; closed: boolean }[] = [];
  let safe = true;
  let han: string[] = [];
  for (const ch of s) {
    const c = classOf(ch.codePointAt(0)!, ch);
    if (c === 2 || (c === 1 && !LETTER_OR_DIGIT.test(ch))) safe = false;
    if (c === 1) han.push(ch);
    else if (han.length) {
      runs.push({ chars: han, closed: true });
      han = [];
    }
  }
  if (han.length) runs.push({ chars: han, closed: false });
  if (!safe || !runs.length) return null;
  const tokens: string[] = [];
  for (const r of runs) {
    for (let i = 0; i + 1 < r.chars.length; i++) tokens.push(r.chars[i]! + r.chars[i + 1]!);
    if (r.closed || r.chars.length === 1) tokens.push(r.chars[r.chars.length - 1]!);
  }
  const last = runs[runs.length - 1]!;
  return { tokens, prefix: !last.closed && last.chars.length === 1 };
}

/** FTS5 expression of a `substringPhrase` (under a column filter). */
export function ftsPhrase(p: { tokens: string[]; prefix: boolean }): string {
  return `("${p.tokens.join(' ')}"${p.prefix ? ' *' : ''})`;
}

/** PostgreSQL tsquery text of a `substringPhrase`. */
export function tsPhrase(p: { tokens: string[]; prefix: boolean }): string {
  return tsAdjacent(p.tokens.map((t, i) => (p.prefix && i === p.tokens.length - 1 ? `${tsLexeme(t)}:*` : tsLexeme(t))));
}

/**
 * PostgreSQL tsquery text of operands in a row: `(a & b & c) & (a <-> b <-> c)`, the same matches as the phrase
 * alone. The conjunction in front lets the RUM index narrow the documents by the rarest operand first; it evaluates a
 * bare phrase by walking every operand's whole posting list (issue #17: the 督办台账's "河长制 督办" read 13 ms of
 * postings at 100k documents to find none, 0.3 ms with the conjunction; frequent phrases cost the same either way).
 */
function tsAdjacent(operands: string[]): string {
  return operands.length < 2 ? `(${operands.join('')})` : `((${operands.join(' & ')}) & (${operands.join(' <-> ')}))`;
}

export function tsLexeme(t: string): string {
  return `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** PostgreSQL tsquery text of the text terms. */
export function tsText(terms: { pieces: Piece[] }[]): string {
  const parts: string[] = [];
  for (const t of terms) {
    for (const p of t.pieces) {
      // the bare phrase: in the search's ordered RUM scan a conjunction in front (`tsAdjacent`) made frequent terms
      // 3–4× slower at 100k documents (基层治理 40 → 10 req/s) while an absent one went 4× faster
      if (p.han && Array.from(p.text).length >= 2) parts.push(`(${bigrams(p.text).map(tsLexeme).join(' <-> ')})`);
      else parts.push(`${tsLexeme(p.text)}:*`);
    }
  }
  return `(${parts.join(' & ')})`;
}

/** A tsvector literal with our own positions (1-based; PostgreSQL caps them at 16383). */
export function tsVectorText(tokens: readonly string[]): string {
  const map = new Map<string, { n: number; ps: string }>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const pos = i < 16_383 ? i + 1 : 16_383;
    const a = map.get(t);
    if (!a) map.set(t, { n: 1, ps: String(pos) });
    else if (a.n < 256 && pos <= 16_382) {
      a.n++;
      a.ps += `,${pos}`;
    }
  }
  let out = '';
  for (const [t, a] of map) out += `${out ? ' ' : ''}${tsLexeme(t)}:${a.ps}`;
  return out;
}

/** The highest 密级: access keys exist for every clearance from an item's level up to it. */
const TOP_LEVEL = 3;

/**
 * Access and filter tags of a document (see the module comment). Access is one token per
 * (clearance that may read it, grantee): `_v<c>_all`, `_v<c>_u<unit>`, `_v<c>_p<user>` for every
 * clearance c ≥ the level, and the same again suffixed with the module (`_v1_u6_library`), so a
 * reader's query is a single OR of three tokens (module tab: of three sparser ones) instead of an
 * AND of a level group, a grantee group and a module tag: the index iterates the reader's visible
 * documents directly.
 */
export function tagsOf(
  d: { level: number; everyone: boolean; module: string; ownerUnitId: number | null; kind: string | null },
  units: Iterable<number>,
  users: Iterable<number>,
): string[] {
  const m = tagText(d.module);
  const tags: string[] = [];
  if (d.ownerUnitId !== null) tags.push(`_o${d.ownerUnitId}`);
  if (d.kind) tags.push(`_k${tagText(d.kind)}`);
  const grantees = [...(d.everyone ? ['all'] : []), ...[...new Set(units)].map((u) => `u${u}`), ...[...new Set(users)].map((u) => `p${u}`)];
  for (let c = Math.max(0, d.level); c <= TOP_LEVEL; c++) {
    for (const g of grantees) tags.push(`_v${c}_${g}`, `_v${c}_${g}_${m}`);
  }
  return tags;
}

/** A module or kind name as the letters and digits of one token. */
function tagText(s: string): string {
  return (normalize(s).match(/[\p{L}\p{N}]+/gu) ?? []).join('').slice(0, MAX_TOKEN_LEN) || 'x';
}

/**
 * The tags a reader's query requires, as OR-groups to AND: one group of the reader's access keys
 * (level ≤ clearance AND (everyone OR my unit OR me), within the module when one is asked), then
 * the unit and kind filters.
 */
export function tagGroups(actor: Actor, f: { module?: string | undefined; unitId?: number | undefined; kind?: string | undefined }): string[][] {
  const c = Math.min(Math.max(0, actor.clearance), TOP_LEVEL);
  const m = f.module ? `_${tagText(f.module)}` : '';
  const groups = [[`_v${c}_all${m}`, `_v${c}_u${actor.unitId}${m}`, `_v${c}_p${actor.id}${m}`]];
  if (f.unitId !== undefined) groups.push([`_o${f.unitId}`]);
  if (f.kind) groups.push([`_k${tagText(f.kind)}`]);
  return groups;
}

export function ftsTags(groups: string[][]): string {
  return groups.map((g) => `tags : (${g.map((t) => `"${t}"`).join(' OR ')})`).join(' AND ');
}

export function tsTags(groups: string[][]): string {
  return groups.map((g) => `(${g.map(tsLexeme).join(' | ')})`).join(' & ');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Marks every occurrence of `needles` in `text` (case-insensitive), escaping everything else. */
export function highlight(text: string, needles: readonly string[]): string {
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  const ns = [...new Set(needles.filter(Boolean))].sort((a, b) => b.length - a.length);
  let out = '';
  let i = 0;
  let plainFrom = 0;
  while (sameLength && i < text.length) {
    const n = ns.find((x) => lower.startsWith(x, i));
    if (n) {
      out += `${escapeHtml(text.slice(plainFrom, i))}<mark>${escapeHtml(text.slice(i, i + n.length))}</mark>`;
      i += n.length;
      plainFrom = i;
    } else i++;
  }
  return out + escapeHtml(text.slice(plainFrom));
}

/** A window of `body` around the first match, highlighted. */
export function snippetOf(body: string, needles: readonly string[], width = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let first = -1;
  for (const n of needles) {
    const at = lower.indexOf(n);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(flat.length, start + width);
  return (start > 0 ? '…' : '') + highlight(flat.slice(start, end), needles) + (end < flat.length ? '…' : '');
}
