/**
 * The whole-system search index (全文检索): one table of documents that every module fills from its
 * services, inside the transaction of the change, and one query that applies 密级 and
 * need-to-know inside SQL, so no title, snippet or count of an invisible item ever leaves the
 * database.
 *
 * How Chinese is matched (the same on SQLite and PostgreSQL, so both answer the same rows):
 * - `grams`: every run of Han characters becomes its overlapping character bigrams followed by its
 *   last character; letters/digits become lower-case words. A query term of n ≥ 2 Han characters is
 *   the phrase of its bigrams (exactly "the term is a substring"); a 1-character term is a prefix
 *   query over the same tokens (a character is either followed by another in its run — a bigram
 *   starting with it — or ends the run); a Latin/digit term is a word-prefix query.
 * - `words`: jieba (`cutForSearch`, default dictionary) tokens, used for "相似条目" (TF-IDF keywords
 *   of an item, matched as an OR query).
 * SQLite: an FTS5 contentless table (`unicode61` over our space-separated tokens), rowid = doc id.
 * PostgreSQL: `tsvector` columns built from the same tokens as literals (no parser in between:
 * positions are ours), GIN indexes, phrase queries with `<->` and prefixes with `:*`.
 */
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/client.js';
import { isBusinessUser, type Actor } from './actor.js';
import { iso, type Clock } from './clock.js';

declare module './module.js' {
  interface AppContext {
    /** The whole-system search index (全文检索). */
    search: SearchIndex;
  }
}

declare module '../db/schema.js' {
  interface DB {
    search_doc: SearchDocTable;
    search_acl: SearchAclTable;
  }
}

/** One indexed document (derived data: rebuilt from the modules' sources at will). */
export interface SearchDocTable {
  id: import('kysely').Generated<number>;
  module: string;
  item_type: string;
  item_id: number;
  title: string;
  body: string;
  level: number;
  everyone: number;
  owner_unit_id: number | null;
  kind: string | null;
  date: string | null;
  link: string;
  updated_at: string;
}

/** Need-to-know of an indexed document: the units and users it is assigned to. */
export interface SearchAclTable {
  doc_id: number;
  grantee_type: string;
  grantee_id: number;
}

/** What a module indexes for one of its items. */
export interface SearchDocInput {
  /** Module name, e.g. 'library' (the grouping of results). */
  module: string;
  /** The item's type, as used for share grants and attachments, e.g. 'library_item'. */
  itemType: string;
  itemId: number;
  title: string;
  /** Searchable text (summary, body, keywords…); only what every reader of the item may see. */
  body: string;
  /** Units with need-to-know (owner first: it is the result's "unit" for the unit filter). */
  unitIds: readonly number[];
  /** Users with need-to-know (assigned, recipients…). */
  userIds: readonly number[];
  /** 密级 of the item: a reader needs clearance ≥ level. */
  level: number;
  /** Visible to every business user with the clearance (scope "everyone", 查阅条目). */
  everyone?: boolean;
  /** Filterable kind, e.g. '调研报告', '督办事项'. */
  kind?: string | null;
  /** The item's date (YYYY-MM-DD), for the date filter and ordering. */
  date?: string | null;
  /** Where the web opens the item, e.g. '/library/items/12'. */
  link: string;
  /** Owner unit for the unit filter when not `unitIds[0]`. */
  ownerUnitId?: number | null;
}

/** Query of the search page. */
export interface SearchQuery {
  q: string;
  module?: string;
  unitId?: number;
  kind?: string;
  /** Date range (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** One hit as the API presents it. */
export interface SearchHit {
  module: string;
  itemType: string;
  itemId: number;
  title: string;
  /** The title, HTML-escaped, with `<mark>` around matches. */
  titleHtml: string;
  /** A window of the body, HTML-escaped, with `<mark>` around matches. */
  snippet: string;
  link: string;
  date: string | null;
  kind: string | null;
}

/** A page of results with per-module counts (of what the actor may see). */
export interface SearchResult {
  total: number;
  items: SearchHit[];
  byModule: Record<string, number>;
}

/** A module's items for a rebuild, in batches. */
export type SearchSource = (db: Db | Trx) => AsyncIterable<SearchDocInput[]>;

const MAX_TOKENS = 16_000; // PostgreSQL keeps positions up to 16383
const MAX_TOKEN_LEN = 64;
const MAX_TERMS = 8;
const HAN = /\p{Script=Han}/u;
const RUN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;

let jiebaInstance: Jieba | null = null;
let tfidfInstance: TfIdf | null = null;
function jieba(): Jieba {
  jiebaInstance ??= Jieba.withDict(dict);
  return jiebaInstance;
}
function tfidf(): TfIdf {
  tfidfInstance ??= TfIdf.withDict(idf);
  return tfidfInstance;
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The `grams` tokens of a text (see the module comment). */
export function gramTokens(text: string, into: string[] = []): string[] {
  for (const m of normalize(text).matchAll(RUN)) {
    const run = m[0];
    if (HAN.test(run[0]!)) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) into.push(chars[i]! + chars[i + 1]!);
      into.push(chars[chars.length - 1]!);
    } else {
      into.push(run.slice(0, MAX_TOKEN_LEN));
    }
    if (into.length >= MAX_TOKENS) break;
  }
  if (into.length > MAX_TOKENS) into.length = MAX_TOKENS;
  return into;
}

/** The jieba `words` tokens of a text (search mode, letters and digits only, lower case). */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of jieba().cutForSearch(normalize(text), true)) {
    if (/^[\p{L}\p{N}]+$/u.test(w)) out.push(w.slice(0, MAX_TOKEN_LEN));
  }
  return out;
}

/** One piece of a query term: Han characters or a Latin/digit word. */
interface Piece {
  text: string;
  han: boolean;
}

/** A parsed query: terms (AND), each of pieces (AND). */
export function parseQuery(q: string): { terms: { raw: string; pieces: Piece[] }[] } {
  const terms: { raw: string; pieces: Piece[] }[] = [];
  for (const raw of q.normalize('NFKC').split(/\s+/u)) {
    const pieces: Piece[] = [];
    for (const m of raw.toLowerCase().matchAll(RUN)) pieces.push({ text: HAN.test(m[0][0]!) ? m[0] : m[0].slice(0, MAX_TOKEN_LEN), han: HAN.test(m[0][0]!) });
    if (pieces.length) terms.push({ raw, pieces });
    if (terms.length >= MAX_TERMS) break;
  }
  return { terms };
}

function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** FTS5 expression over the `grams` column. */
function ftsExpression(terms: { pieces: Piece[] }[]): string {
  const parts: string[] = [];
  for (const t of terms) {
    for (const p of t.pieces) {
      if (p.han && Array.from(p.text).length >= 2) parts.push(`"${bigrams(p.text).join(' ')}"`);
      else parts.push(`"${p.text}" *`);
    }
  }
  return `grams : (${parts.join(' AND ')})`;
}

function tsLexeme(t: string): string {
  return `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** PostgreSQL tsquery text over the `grams` column. */
function tsQueryText(terms: { pieces: Piece[] }[]): string {
  const parts: string[] = [];
  for (const t of terms) {
    for (const p of t.pieces) {
      if (p.han && Array.from(p.text).length >= 2) parts.push(`(${bigrams(p.text).map(tsLexeme).join(' <-> ')})`);
      else parts.push(`${tsLexeme(p.text)}:*`);
    }
  }
  return parts.join(' & ');
}

/** A tsvector literal with our own positions (1-based, capped). */
function tsVectorText(tokens: readonly string[], positions: boolean): string {
  const map = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    let a = map.get(t);
    if (!a) map.set(t, (a = []));
    if (a.length < 256) a.push(i + 1);
  });
  const out: string[] = [];
  for (const [t, ps] of map) out.push(positions ? `${tsLexeme(t)}:${ps.join(',')}` : tsLexeme(t));
  return out.join(' ');
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

type Handle = Db | Trx;

/** The search index service (`ctx.search`). */
export class SearchIndex {
  private readonly sources = new Map<string, SearchSource>();

  constructor(private readonly clock: Clock) {}

  /** Registers a module's items for `rebuild` (call from the module's `services(ctx)`). */
  registerSource(module: string, source: SearchSource): void {
    this.sources.set(module, source);
  }

  /**
   * Indexes (or re-indexes) one item inside the caller's transaction. Call it from the service
   * that changes the item, after the write, with what a reader of the item may see.
   */
  async index(trx: Trx, doc: SearchDocInput): Promise<void> {
    await this.indexMany(trx, [doc]);
  }

  /** Indexes many items at once (batched inserts); used by `rebuild` and bulk imports. */
  async indexMany(trx: Trx, docs: readonly SearchDocInput[], opts: { fresh?: boolean } = {}): Promise<void> {
    if (!docs.length) return;
    if (!opts.fresh) {
      const byType = new Map<string, number[]>();
      for (const d of docs) byType.set(d.itemType, [...(byType.get(d.itemType) ?? []), d.itemId]);
      for (const [type, ids] of byType) for (const chunk of chunks(ids, 500)) await this.removeWhere(trx, type, chunk);
    }
    const pg = dialectOf(trx) === 'postgres';
    const at = iso(this.clock.now());
    for (const batch of chunks(docs, 200)) {
      const prepared = batch.map((d) => {
        // the title's last character ends its run, so no bigram phrase spans title and body
        const grams = gramTokens(d.body, gramTokens(d.title));
        return { d, grams, words: wordTokens(`${d.title} ${d.body}`) };
      });
      const rows = prepared.map(({ d, grams, words }) => ({
        module: d.module,
        item_type: d.itemType,
        item_id: d.itemId,
        title: d.title,
        body: d.body,
        level: d.level,
        everyone: d.everyone ? 1 : 0,
        owner_unit_id: d.ownerUnitId ?? d.unitIds[0] ?? null,
        kind: d.kind ?? null,
        date: d.date ?? null,
        link: d.link,
        updated_at: at,
        ...(pg ? { grams: sql`${tsVectorText(grams, true)}::tsvector`, words: sql`${tsVectorText(words, false)}::tsvector` } : {}),
      }));
      const inserted = await trx
        .insertInto('search_doc')
        .values(rows as never)
        .returning(['id', 'item_type', 'item_id'])
        .execute();
      const idOf = new Map(inserted.map((r) => [`${r.item_type}:${r.item_id}`, r.id]));
      const acl: SearchAclTable[] = [];
      const fts: { rowid: number; words: string; grams: string }[] = [];
      for (const { d, grams, words } of prepared) {
        const id = idOf.get(`${d.itemType}:${d.itemId}`)!;
        for (const u of new Set(d.unitIds)) acl.push({ doc_id: id, grantee_type: 'unit', grantee_id: u });
        for (const u of new Set(d.userIds)) acl.push({ doc_id: id, grantee_type: 'user', grantee_id: u });
        if (!pg) fts.push({ rowid: id, words: words.join(' '), grams: grams.join(' ') });
      }
      for (const c of chunks(acl, 300)) await trx.insertInto('search_acl').values(c).execute();
      for (const c of chunks(fts, 200)) {
        await sql`INSERT INTO search_fts (rowid, words, grams) VALUES ${sql.join(c.map((r) => sql`(${r.rowid}, ${r.words}, ${r.grams})`))}`.execute(trx);
      }
    }
  }

  /**
   * Ids of the items of `itemType` whose indexed text contains every term of `q`, when at most
   * `limit` match; `null` when more do (a frequent term: the caller is better served by scanning its
   * own table in its own order and stopping early). No visibility is applied: the caller's module
   * filters the ids with its own SQL policy.
   */
  async matchItemIds(db: Handle, itemType: string, q: string, limit: number): Promise<number[] | null> {
    const { terms } = parseQuery(q);
    if (!terms.length) return [];
    const rows =
      dialectOf(db) === 'postgres'
        ? await sql<{ item_id: number }>`SELECT d.item_id FROM search_doc d
            WHERE d.item_type = ${itemType} AND d.grams @@ CAST(${tsQueryText(terms)} AS tsquery) LIMIT ${limit + 1}`.execute(db)
        : await sql<{ item_id: number }>`SELECT d.item_id FROM search_fts f JOIN search_doc d ON d.id = f.rowid
            WHERE search_fts MATCH ${ftsExpression(terms)} AND d.item_type = ${itemType} LIMIT ${limit + 1}`.execute(db);
    return rows.rows.length > limit ? null : rows.rows.map((r) => r.item_id);
  }

  /** Removes an item from the index (inside the caller's transaction). */
  async remove(trx: Trx, itemType: string, itemId: number): Promise<void> {
    await this.removeWhere(trx, itemType, [itemId]);
  }

  private async removeWhere(trx: Trx, itemType: string, itemIds: readonly number[]): Promise<void> {
    const ids = (await trx.selectFrom('search_doc').select('id').where('item_type', '=', itemType).where('item_id', 'in', itemIds).execute()).map((r) => r.id);
    if (!ids.length) return;
    await trx.deleteFrom('search_acl').where('doc_id', 'in', ids).execute();
    if (dialectOf(trx) === 'sqlite') await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(ids)})`.execute(trx);
    await trx.deleteFrom('search_doc').where('id', 'in', ids).execute();
  }

  /** SQL: the actor may see the document `d` (clearance ≥ level AND need-to-know). */
  private visible(actor: Actor): RawBuilder<SqlBool> {
    if (!isBusinessUser(actor)) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`(d.level <= ${actor.clearance} AND (d.everyone = 1
      OR EXISTS (SELECT 1 FROM search_acl a WHERE a.doc_id = d.id AND ((a.grantee_type = 'unit' AND a.grantee_id = ${actor.unitId}) OR (a.grantee_type = 'user' AND a.grantee_id = ${actor.id})))
      OR EXISTS (SELECT 1 FROM share_grant sg WHERE sg.item_type = d.item_type AND sg.item_id = d.item_id AND ((sg.grantee_type = 'user' AND sg.grantee_id = ${actor.id}) OR (sg.grantee_type = 'unit' AND sg.grantee_id = ${actor.unitId})))))`;
  }

  /**
   * Searches everything the actor may see. Terms separated by spaces must all occur (AND); a Han
   * term matches as a substring, a Latin/digit term as a word prefix. Ordered by the number of
   * terms in the title, then date, then newest; `byModule` counts every module under the other
   * filters.
   */
  async query(db: Handle, actor: Actor, q: SearchQuery): Promise<SearchResult> {
    const { terms } = parseQuery(q.q);
    if (!terms.length || !isBusinessUser(actor)) return { total: 0, items: [], byModule: {} };
    const pg = dialectOf(db) === 'postgres';
    const match = pg
      ? sql<SqlBool>`d.grams @@ CAST(${tsQueryText(terms)} AS tsquery)`
      : sql<SqlBool>`d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${ftsExpression(terms)})`;
    const filters: RawBuilder<SqlBool>[] = [match, this.visible(actor)];
    if (q.unitId !== undefined) filters.push(sql<SqlBool>`d.owner_unit_id = ${q.unitId}`);
    if (q.kind) filters.push(sql<SqlBool>`d.kind = ${q.kind}`);
    if (q.from) filters.push(sql<SqlBool>`d.date >= ${q.from}`);
    if (q.to) filters.push(sql<SqlBool>`d.date <= ${q.to}`);
    const where = sql.join(filters, sql` AND `);
    const counts = await sql<{
      module: string;
      n: number | string;
    }>`SELECT d.module AS module, COUNT(*) AS n FROM search_doc d WHERE ${where} GROUP BY d.module`.execute(db);
    const byModule: Record<string, number> = {};
    for (const r of counts.rows) byModule[r.module] = Number(r.n);
    const total = q.module ? (byModule[q.module] ?? 0) : Object.values(byModule).reduce((a, b) => a + b, 0);
    if (total === 0) return { total, items: [], byModule };
    const withModule = q.module ? sql.join([where, sql<SqlBool>`d.module = ${q.module}`], sql` AND `) : where;
    const titleTerms = terms.map((t) => t.raw.toLowerCase());
    const score = sql.join(
      titleTerms.map((t) => (pg ? sql`(CASE WHEN strpos(d.title, ${t}) > 0 THEN 1 ELSE 0 END)` : sql`(CASE WHEN instr(d.title, ${t}) > 0 THEN 1 ELSE 0 END)`)),
      sql` + `,
    );
    const rows = await sql<{
      module: string;
      item_type: string;
      item_id: number;
      title: string;
      body: string;
      link: string;
      date: string | null;
      kind: string | null;
    }>`
      SELECT d.module, d.item_type, d.item_id, d.title, d.body, d.link, d.date, d.kind
      FROM search_doc d WHERE ${withModule}
      ORDER BY (${score}) DESC, COALESCE(d.date, '') DESC, d.item_type, d.item_id DESC
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db);
    const needles = terms.flatMap((t) => t.pieces.map((p) => p.text));
    return {
      total,
      byModule,
      items: rows.rows.map((r) => ({
        module: r.module,
        itemType: r.item_type,
        itemId: Number(r.item_id),
        title: r.title,
        titleHtml: highlight(r.title, needles),
        snippet: snippetOf(r.body, needles),
        link: r.link,
        date: r.date,
        kind: r.kind,
      })),
    };
  }

  /**
   * 相似条目 (举一反三): the items most like the given one that the actor may see — its TF-IDF
   * keywords (jieba) matched against every document's words. Empty when the item is not indexed
   * or not visible to the actor.
   */
  async similar(db: Handle, actor: Actor, itemType: string, itemId: number, limit = 5): Promise<SearchHit[]> {
    if (!isBusinessUser(actor)) return [];
    const self = await sql<{
      id: number;
      title: string;
      body: string;
    }>`SELECT d.id, d.title, d.body FROM search_doc d WHERE d.item_type = ${itemType} AND d.item_id = ${itemId} AND ${this.visible(actor)}`.execute(db);
    const doc = self.rows[0];
    if (!doc) return [];
    const text = normalize(`${doc.title} ${doc.title} ${doc.body}`);
    const keywords = tfidf()
      .extractKeywords(jieba(), text, 12, [])
      .map((k) => k.keyword)
      .filter((k) => /^[\p{L}\p{N}]+$/u.test(k) && Array.from(k).length >= 2)
      .slice(0, 10);
    if (!keywords.length) return [];
    const pg = dialectOf(db) === 'postgres';
    const selfId = Number(doc.id);
    const rows = pg
      ? await sql<{ module: string; item_type: string; item_id: number; title: string; body: string; link: string; date: string | null; kind: string | null }>`
          SELECT d.module, d.item_type, d.item_id, d.title, d.body, d.link, d.date, d.kind FROM search_doc d
          WHERE d.words @@ CAST(${keywords.map(tsLexeme).join(' | ')} AS tsquery) AND d.id <> ${selfId} AND ${this.visible(actor)}
          ORDER BY ts_rank(d.words, CAST(${keywords.map(tsLexeme).join(' | ')} AS tsquery)) DESC, d.id DESC LIMIT ${limit}`.execute(db)
      : await sql<{ module: string; item_type: string; item_id: number; title: string; body: string; link: string; date: string | null; kind: string | null }>`
          SELECT d.module, d.item_type, d.item_id, d.title, d.body, d.link, d.date, d.kind FROM search_fts f JOIN search_doc d ON d.id = f.rowid
          WHERE search_fts MATCH ${`words : (${keywords.map((k) => `"${k}"`).join(' OR ')})`} AND d.id <> ${selfId} AND ${this.visible(actor)}
          ORDER BY bm25(search_fts) ASC, d.id DESC LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({
      module: r.module,
      itemType: r.item_type,
      itemId: Number(r.item_id),
      title: r.title,
      titleHtml: highlight(r.title, keywords),
      snippet: snippetOf(r.body, keywords),
      link: r.link,
      date: r.date,
      kind: r.kind,
    }));
  }

  /**
   * Empties the index and refills it from `sources` (default: every registered module source),
   * in one transaction with batched inserts. Returns the number of documents per module.
   */
  async rebuild(db: Db, sources: ReadonlyMap<string, SearchSource> | Record<string, SearchSource> = this.sources): Promise<Record<string, number>> {
    const list = sources instanceof Map ? [...sources] : Object.entries(sources);
    return db.transaction().execute(async (trx) => {
      await trx.deleteFrom('search_acl').execute();
      if (dialectOf(trx) === 'sqlite') await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(trx);
      await trx.deleteFrom('search_doc').execute();
      const counts: Record<string, number> = {};
      for (const [module, source] of list) {
        counts[module] = 0;
        for await (const batch of source(trx)) {
          await this.indexMany(trx, batch, { fresh: true });
          counts[module] += batch.length;
        }
      }
      return counts;
    });
  }
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
