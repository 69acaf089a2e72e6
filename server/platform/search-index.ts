/**
 * The whole-system search index (全文检索): one table of documents that every module fills from its
 * services, inside the transaction of the change, and one query that applies 密级 and
 * need-to-know inside the full-text index itself, so no title, snippet or count of an invisible
 * item ever leaves the database, and a frequent term costs no more than a rare one.
 *
 * How Chinese is matched (the same on SQLite and PostgreSQL, so both answer the same rows):
 * - `grams`: every run of Han characters becomes its overlapping character bigrams followed by its
 *   last character; letters/digits become lower-case words. A query term of n ≥ 2 Han characters is
 *   the phrase of its bigrams (exactly "the term is a substring"); a 1-character term is a prefix
 *   query over the same tokens (a character is either followed by another in its run — a bigram
 *   starting with it — or ends the run); a Latin/digit term is a word-prefix query.
 * - access `tags`, indexed with the text: access keys `_v<clearance>_<grantee>[_<module>]` for
 *   every clearance that may read the item and every grantee (`all` for everyone, `u<unit>` and
 *   `p<user>` for need-to-know and share grants), and the filters `_o<owner unit>`, `_k<kind>`.
 *   A text token never contains `_`, so no text can pose as a tag. A query is "text AND (my
 *   clearance's key for everyone OR for my unit OR for me)", evaluated by the index; a share grant
 *   re-tags the item (`grantShare`).
 * - Order: items whose title holds every term first, then the rest; within each, the most recently
 *   indexed (created or changed) first. Both come straight from the index in rowid/id order, so a
 *   page stops reading after its last row; counts stop early too (100 per module tab, 1000 in all).
 * - 相似条目: jieba TF-IDF keywords of the item (extracted when asked), matched as an OR query over
 *   the same grams; the newest matches are scored by the keywords they hold.
 * SQLite: an FTS5 contentless table (title, body, tags; `unicode61` with `_` as a token character,
 * 1-character prefix index), rowid = doc id. PostgreSQL: `grams` (title and body), `tgrams`
 * (title) and `tags` `tsvector` columns built from the same tokens as literals (no parser in between:
 * positions are ours; `grams` and `tgrams` end with the tags too), phrase queries with `<->` and
 * prefixes with `:*`. Two plans, picked at run time from the indexes the migration made:
 * - RUM (the `rum` extension installed): `grams`/`tgrams` have RUM indexes that carry the document
 *   id (`rum_tsvector_addon_ops`, posting lists ordered by id). "text AND access keys" is one query
 *   on one index, read newest first (`ORDER BY id <=| MAX_DOC_ID`). RUM reads every match before the
 *   first row, so queries read the newest periods of ten days first and go further back only while
 *   they have found too few (`search-periods.ts`); a phrase (a term of 3+ characters) and a
 *   1-character term are checked on the rows.
 * - Fallback (managed PostgreSQL without the extension, or `ZHONGSHU_PG_RUM=off`): GIN indexes; the
 *   plan walks the primary key newest first and checks the inline `tags`, then `grams`, per row.
 *
 * The code is in four files: `search-text.ts` (tokens, queries, tags, highlighting),
 * `search-store.ts` (tables, ids, periods, grantees, writing tokens, re-tagging), `search-periods.ts`
 * (the RUM plan's reading by periods) and this one (the service).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/client.js';
import { isBusinessUser, type Actor } from './actor.js';
import { iso, type Clock } from './clock.js';
import type { SearchHit, SearchResult } from '../../common/search.js';
import { countUpTo, newestIds, periodMatch, PeriodWindows, withinDates, type Window } from './search-periods.js';
import {
  chunks,
  granteesOf,
  insertFts,
  ITEM_ID_SPAN,
  TYPE_SPAN,
  pgVectors,
  rumMatch,
  searchDocId,
  searchTypeIndexes,
  shareGrantees,
  tokensOf,
  type Handle,
  type SearchAclTable,
  type SearchDocInput,
  type SearchQuery,
  type SearchSource,
} from './search-store.js';
import {
  bigrams,
  ftsTags,
  ftsText,
  HAN,
  highlight,
  jieba,
  MAX_TOKEN_LEN,
  normalize,
  parseQuery,
  snippetOf,
  substringPhrase,
  ftsPhrase,
  tsPhrase,
  tagGroups,
  tagsOf,
  tfidf,
  tsLexeme,
  tsTags,
  tsText,
  type Piece,
} from './search-text.js';

export type { SearchHit, SearchResult };
export { gramTokens, highlight, parseQuery, snippetOf } from './search-text.js';
export { retagStored, searchDocId, searchTypeIndexes } from './search-store.js';
export { substringPhrase } from './search-text.js';
export type { SearchAclTable, SearchDocInput, SearchDocTable, SearchQuery, SearchSource, SearchTypeTable } from './search-store.js';

declare module './module.js' {
  interface AppContext {
    /** The whole-system search index (全文检索). */
    search: SearchIndex;
  }
}

/** Counts stop here: a count of `COUNT_CAP + 1` means "more than COUNT_CAP"; pages end there too. */
export const COUNT_CAP = 1000;
/** Per-module counts (the tabs) stop here: `MODULE_COUNT_CAP + 1` means "more than MODULE_COUNT_CAP". */
export const MODULE_COUNT_CAP = 100;
/** 相似条目 are ranked among this many of the newest matches. */
const SIMILAR_WINDOW = 300;

/** How long a term found frequent is taken as frequent without asking the index again (`substringMatches`). */
const FREQUENT_TTL_MS = 60_000;
/** At most this many frequent terms are remembered (the memo is emptied when full). */
const FREQUENT_MEMO_SIZE = 1000;

/**
 * The items whose text may hold a term verbatim (`SearchIndex.substringMatches`): their ids when at most
 * the limit asked for match, or else a subquery of them (column `item_id`, in index order) to drive a
 * query that stops early. Either way a superset of the items holding the term: the caller checks the text.
 */
export type SubstringMatches = { ids: number[] } | { frequent: RawBuilder<{ item_id: number }>; drive: boolean };

/** The search index service (`ctx.search`). */
export class SearchIndex {
  private readonly sources = new Map<string, SearchSource>();
  private modulesCache: { at: number; names: string[] } | null = null;
  /** PostgreSQL: whether the RUM indexes exist (asked once; the migration decides). */
  private rumPlan: Promise<boolean> | null = null;
  /** Terms found frequent by `substringMatches` (key: item type and phrase), with when. */
  private readonly frequent = new Map<string, { at: number; drive: boolean }>();
  private readonly typeIdx = new Map<string, number>();
  /** PostgreSQL, RUM plan: the windows of the index, newest first (`search-periods.ts`). */
  private readonly periodWindows = new PeriodWindows();

  constructor(private readonly clock: Clock) {}

  /** Registers a module's items for `rebuild` (the platform calls it for each entry of a module's `search`). */
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
      const shares = await shareGrantees(trx, batch);
      const prepared = batch.map((d) => {
        const s = granteesOf(shares, `${d.itemType}:${d.itemId}`);
        const ownerUnitId = d.ownerUnitId ?? d.unitIds[0] ?? null;
        const tags = tagsOf(
          { level: d.level, everyone: !!d.everyone, module: d.module, ownerUnitId, kind: d.kind ?? null },
          [...d.unitIds, ...s.units],
          [...d.userIds, ...s.users],
        );
        return { d, ownerUnitId, tokens: tokensOf(d, tags) };
      });
      const typeIdx = await searchTypeIndexes(
        trx,
        batch.map((d) => d.itemType),
      );
      const rows = prepared.map(({ d, ownerUnitId, tokens }) => {
        const id = searchDocId(d.date, typeIdx.get(d.itemType)!, d.itemId);
        return {
          id,
          module: d.module,
          item_type: d.itemType,
          item_id: d.itemId,
          title: d.title,
          body: d.body,
          level: d.level,
          everyone: d.everyone ? 1 : 0,
          owner_unit_id: ownerUnitId,
          kind: d.kind ?? null,
          date: d.date ?? null,
          link: d.link,
          updated_at: at,
          ...(pg ? pgVectors(tokens, id) : {}),
        };
      });
      await trx
        .insertInto('search_doc')
        .values(rows as never)
        .execute();
      const idOf = new Map(rows.map((r) => [`${r.item_type}:${r.item_id}`, r.id]));
      const acl: SearchAclTable[] = [];
      const fts: { rowid: number; title: string[]; body: string[]; tags: string[] }[] = [];
      for (const { d, tokens } of prepared) {
        const id = idOf.get(`${d.itemType}:${d.itemId}`)!;
        for (const u of new Set(d.unitIds)) acl.push({ doc_id: id, grantee_type: 'unit', grantee_id: u });
        for (const u of new Set(d.userIds)) acl.push({ doc_id: id, grantee_type: 'user', grantee_id: u });
        if (!pg) fts.push({ rowid: id, ...tokens });
      }
      for (const c of chunks(acl, 300)) await trx.insertInto('search_acl').values(c).execute();
      if (!pg) await insertFts(trx, fts);
      for (const d of batch) if (this.modulesCache && !this.modulesCache.names.includes(d.module)) this.modulesCache = null;
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
    const pg = dialectOf(db) === 'postgres';
    const rows =
      pg && (await this.pgPlan(db)) === 'rum'
        ? // a 1-character term on the row, as in matchIds (RUM's prefix scan collects every match first)
          await sql<{ item_id: number }>`SELECT d.item_id FROM search_doc d
            WHERE d.item_type = ${itemType} AND ${rumMatch('grams', terms, [])} LIMIT ${limit + 1}`.execute(db)
        : pg
          ? await sql<{ item_id: number }>`SELECT d.item_id FROM search_doc d
            WHERE d.item_type = ${itemType} AND d.grams @@ CAST(${tsText(terms)} AS tsquery) LIMIT ${limit + 1}`.execute(db)
          : await sql<{ item_id: number }>`SELECT d.item_id FROM search_fts f JOIN search_doc d ON d.id = f.rowid
            WHERE search_fts MATCH ${`{title body} : ${ftsText(terms)}`} AND d.item_type = ${itemType} LIMIT ${limit + 1}`.execute(db);
    return rows.rows.length > limit ? null : rows.rows.map((r) => Number(r.item_id));
  }

  /**
   * The items of `itemType` whose title or body may hold `q` verbatim (a substring, not the terms of
   * `query`): null when `q` holds a Latin letter or a digit (use `matchItemIds`), else the ids when at
   * most `limit` match, or else a subquery of every match (see `SubstringMatches`). The index phrase is
   * `substringPhrase`: every text holding `q` matches it, so a caller that checks the text gets the same
   * rows whichever it is given. A frequent term says whether its matches are worth walking (`drive`): not
   * when more than a third of the documents among its first matches (index order) hold it (a scan of the
   * caller's own table finds its matches about as fast), nor on PostgreSQL (a GIN scan builds the whole
   * bitmap and rechecks the phrase in each document's grams before the first row: measured at 100k, a
   * capped count driven by it took 28–30 ms against 17–20 ms for the scan). A frequent term is remembered for a minute (a term that became rare
   * meanwhile still gets the right rows: only the way to them differs). No visibility is applied.
   */
  async substringMatches(db: Handle, itemType: string, q: string, limit: number): Promise<SubstringMatches | null> {
    const phrase = substringPhrase(q);
    if (!phrase) return null;
    const pg = dialectOf(db) === 'postgres';
    // PostgreSQL: a last 1-character prefix is left to the caller's text test (an index prefix scan
    // collects every match of every lexeme it expands to first); a 1-character keyword goes by its terms
    const pgPhrase = phrase.prefix ? { tokens: phrase.tokens.slice(0, -1), prefix: false } : phrase;
    if (pg && !pgPhrase.tokens.length) return null;
    const typeIdx = pg ? 0 : await this.typeIndex(db, itemType);
    if (typeIdx === null) return { ids: [] };
    const source = pg
      ? sql<{ item_id: number }>`SELECT d.item_id FROM search_doc d WHERE d.item_type = ${itemType} AND d.grams @@ CAST(${tsPhrase(pgPhrase)} AS tsquery)`
      : // a document's id holds its type and item id (`searchDocId`): no lookup of search_doc per match
        sql<{ item_id: number }>`SELECT f.rowid % ${sql.lit(ITEM_ID_SPAN)} AS item_id FROM search_fts f
          WHERE search_fts MATCH ${`{title body} : ${ftsPhrase(phrase)}`} AND (f.rowid / ${sql.lit(ITEM_ID_SPAN)}) % ${sql.lit(TYPE_SPAN)} = ${sql.lit(typeIdx)}`;
    const key = `${itemType}\u0000${limit}\u0000${phrase.prefix ? '*' : ''}${phrase.tokens.join(' ')}`;
    const memo = this.frequent.get(key);
    if (memo !== undefined && Date.now() - memo.at < FREQUENT_TTL_MS) return { frequent: source, drive: memo.drive };
    const rows = await sql<{ item_id: number }>`${source} LIMIT ${limit + 1}`.execute(db);
    if (rows.rows.length <= limit) {
      this.frequent.delete(key);
      return { ids: rows.rows.map((r) => Number(r.item_id)) };
    }
    const drive = !pg && (await this.docsUpTo(db, phrase, typeIdx, limit + 1)) >= 3 * (limit + 1);
    if (this.frequent.size >= FREQUENT_MEMO_SIZE) this.frequent.clear();
    this.frequent.set(key, { at: Date.now(), drive });
    return { frequent: source, drive };
  }

  /** SQLite: the index's documents (any type) up to the `n`-th match of `phrase` in type `typeIdx`, counted to `3n` at most. */
  private async docsUpTo(db: Handle, phrase: { tokens: string[]; prefix: boolean }, typeIdx: number, n: number): Promise<number> {
    const nth = await sql<{ id: number }>`SELECT f.rowid AS id FROM search_fts f WHERE search_fts MATCH ${`{title body} : ${ftsPhrase(phrase)}`}
      AND (f.rowid / ${sql.lit(ITEM_ID_SPAN)}) % ${sql.lit(TYPE_SPAN)} = ${sql.lit(typeIdx)} LIMIT 1 OFFSET ${n - 1}`.execute(db);
    const id = nth.rows[0]?.id;
    if (id === undefined) return 0;
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_doc WHERE id <= ${id} LIMIT ${3 * n}) x`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }

  /** The type number of `itemType` in document ids (null when nothing of it was ever indexed); types never change number. */
  private async typeIndex(db: Handle, itemType: string): Promise<number | null> {
    const known = this.typeIdx.get(itemType);
    if (known !== undefined) return known;
    const row = await db.selectFrom('search_type').select('idx').where('item_type', '=', itemType).executeTakeFirst();
    if (!row) return null;
    this.typeIdx.set(itemType, Number(row.idx));
    return Number(row.idx);
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

  /** The PostgreSQL plan: RUM when the migration made its indexes, the GIN fallback otherwise. */
  private async pgPlan(db: Handle): Promise<'rum' | 'gin'> {
    this.rumPlan ??= sql<{ rum: boolean }>`SELECT to_regclass('search_doc_grams_rum') IS NOT NULL AS rum`.execute(db).then(
      (r) => r.rows[0]?.rum === true,
      (e: unknown) => {
        this.rumPlan = null;
        throw e;
      },
    );
    return (await this.rumPlan) ? 'rum' : 'gin';
  }

  /** PostgreSQL, RUM plan: the windows of the index, newest first (`search-periods.ts`). */
  private async windows(db: Handle, dates: { from?: string | undefined; to?: string | undefined }): Promise<Window[]> {
    return withinDates(await this.periodWindows.get(db, this.clock.now()), dates);
  }

  /** SQL: the actor may see the document `d` (clearance ≥ level AND need-to-know or a share). */
  private visible(actor: Actor): RawBuilder<SqlBool> {
    if (!isBusinessUser(actor)) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`(d.level <= ${actor.clearance} AND (d.everyone = 1
      OR EXISTS (SELECT 1 FROM search_acl a WHERE a.doc_id = d.id AND ((a.grantee_type = 'unit' AND a.grantee_id = ${actor.unitId}) OR (a.grantee_type = 'user' AND a.grantee_id = ${actor.id})))
      OR EXISTS (SELECT 1 FROM share_grant sg WHERE sg.item_type = d.item_type AND sg.item_id = d.item_id AND ((sg.grantee_type = 'user' AND sg.grantee_id = ${actor.id}) OR (sg.grantee_type = 'unit' AND sg.grantee_id = ${actor.unitId})))))`;
  }

  /** The module names present in the index (cached for a minute; a new module clears it). */
  private async moduleNames(db: Handle): Promise<string[]> {
    const now = Date.now();
    if (this.modulesCache && now - this.modulesCache.at < 60_000) return this.modulesCache.names;
    const rows = await sql<{ module: string }>`SELECT DISTINCT module FROM search_doc`.execute(db);
    this.modulesCache = { at: now, names: rows.rows.map((r) => r.module).sort() };
    return this.modulesCache.names;
  }

  /**
   * Ids (newest first) of the documents matching `text` (a dialect expression of the terms) and the
   * tag groups, in a tier: 'title' (every term in the title), 'rest' (not), or 'all'.
   */
  private async matchIds(
    db: Handle,
    terms: { pieces: Piece[] }[],
    groups: string[][],
    tier: 'title' | 'rest' | 'all',
    dates: { from?: string | undefined; to?: string | undefined },
    limit: number,
    offset = 0,
  ): Promise<number[]> {
    const pg = dialectOf(db) === 'postgres';
    const dateConds = dateConditions(dates);
    const dateSql = dateConds.map((c) => sql` AND ${c}`);
    if (pg && (await this.pgPlan(db)) === 'rum') {
      // one index answers text AND access keys, newest period first; the rest tier drops title hits on the row
      const m = periodMatch(tier === 'title' ? 'tgrams' : 'grams', terms, groups);
      const more = tier === 'rest' ? [sql`NOT (d.tgrams @@ CAST(${tsText(terms)} AS tsquery))`, ...dateConds] : dateConds;
      return (await newestIds(db, await this.windows(db, dates), m, more, offset + limit)).slice(offset);
    }
    if (pg) {
      const t = tsText(terms);
      // the title tier needs no body; the rest checks the inline title before the body
      const textSql =
        tier === 'title'
          ? sql`d.tgrams @@ CAST(${t} AS tsquery)`
          : tier === 'rest'
            ? sql`NOT (d.tgrams @@ CAST(${t} AS tsquery)) AND d.grams @@ CAST(${t} AS tsquery)`
            : sql`d.grams @@ CAST(${t} AS tsquery)`;
      const rows = await sql<{
        id: number;
      }>`SELECT d.id FROM search_doc d WHERE d.tags @@ CAST(${tsTags(groups)} AS tsquery) AND ${textSql}${sql.join(dateSql, sql``)}
        ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return rows.rows.map((r) => Number(r.id));
    }
    const t = ftsText(terms);
    const text = tier === 'title' ? `title : ${t}` : tier === 'rest' ? `({title body} : ${t} NOT title : ${t})` : `{title body} : ${t}`;
    const expr = `${text} AND ${ftsTags(groups)}`;
    const rows = dateSql.length
      ? await sql<{ id: number }>`SELECT f.rowid AS id FROM search_fts f JOIN search_doc d ON d.id = f.rowid
          WHERE search_fts MATCH ${expr}${sql.join(dateSql, sql``)} ORDER BY f.rowid DESC LIMIT ${limit} OFFSET ${offset}`.execute(db)
      : await sql<{
          id: number;
        }>`SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${expr} ORDER BY rowid DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return rows.rows.map((r) => Number(r.id));
  }

  /** How many documents match, counting to `cap + 1` at most. */
  private async countIds(
    db: Handle,
    terms: { pieces: Piece[] }[],
    groups: string[][],
    dates: { from?: string | undefined; to?: string | undefined },
    capAt: number,
  ): Promise<number> {
    const pg = dialectOf(db) === 'postgres';
    const dateConds = dateConditions(dates);
    const dateSql = dateConds.map((c) => sql` AND ${c}`);
    const cap = capAt + 1;
    if (pg && (await this.pgPlan(db)) === 'rum') return countUpTo(db, await this.windows(db, dates), periodMatch('grams', terms, groups), dateConds, cap);
    const rows = pg
      ? await sql<{ n: string | number }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_doc d
          WHERE d.tags @@ CAST(${tsTags(groups)} AS tsquery) AND d.grams @@ CAST(${tsText(terms)} AS tsquery)${sql.join(dateSql, sql``)} LIMIT ${cap}) x`.execute(
          db,
        )
      : dateSql.length
        ? await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts f JOIN search_doc d ON d.id = f.rowid
            WHERE search_fts MATCH ${`{title body} : ${ftsText(terms)} AND ${ftsTags(groups)}`}${sql.join(dateSql, sql``)} LIMIT ${cap})`.execute(db)
        : await sql<{
            n: number;
          }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${`{title body} : ${ftsText(terms)} AND ${ftsTags(groups)}`} LIMIT ${cap})`.execute(
            db,
          );
    return Number(rows.rows[0]?.n ?? 0);
  }

  /**
   * Searches everything the actor may see. Terms separated by spaces must all occur (AND); a Han
   * term matches as a substring, a Latin/digit term as a word prefix. Items with every term in the
   * title come first, then the rest, each newest first; `byModule` counts every module under the
   * other filters, each to `MODULE_COUNT_CAP + 1`. `total` is what can be paged through (at most
   * `COUNT_CAP`); `more` says there are more matches than that.
   */
  async query(db: Handle, actor: Actor, q: SearchQuery): Promise<SearchResult> {
    const { terms } = parseQuery(q.q);
    const caps = { countCap: COUNT_CAP, moduleCountCap: MODULE_COUNT_CAP };
    if (!terms.length || !isBusinessUser(actor)) return { total: 0, more: false, items: [], byModule: {}, ...caps };
    const dates = { from: q.from, to: q.to };
    const filters = { unitId: q.unitId, kind: q.kind };
    const byModule: Record<string, number> = {};
    for (const m of await this.moduleNames(db)) {
      const n = await this.countIds(db, terms, tagGroups(actor, { ...filters, module: m }), dates, MODULE_COUNT_CAP);
      if (n > 0) byModule[m] = n;
    }
    // the 全部 tab adds up the module counts (a capped one makes the sum a lower bound: "500+");
    // a module tab over its cap counts on, to COUNT_CAP
    let total: number;
    let more = false;
    // a module name is user input: only the counted modules (never Object.prototype's "toString")
    const countOf = (m: string) => (Object.hasOwn(byModule, m) ? byModule[m]! : 0);
    if (q.module && countOf(q.module) > MODULE_COUNT_CAP) {
      total = await this.countIds(db, terms, tagGroups(actor, { ...filters, module: q.module }), dates, COUNT_CAP);
      if (total > COUNT_CAP) [total, more] = [COUNT_CAP, true];
    } else {
      const counted = q.module ? [countOf(q.module)] : Object.values(byModule);
      total = counted.reduce((a, n) => a + Math.min(n, MODULE_COUNT_CAP), 0);
      more = counted.some((n) => n > MODULE_COUNT_CAP);
    }
    const offset = (q.page - 1) * q.pageSize;
    if (total === 0 || offset >= total) return { total, more, items: [], byModule, ...caps };
    const groups = tagGroups(actor, { ...filters, module: q.module });
    const limit = Math.min(q.pageSize, total - offset);
    // the title tier first: its ids up to the end of this page tell how many it has before the page
    const titled = await this.matchIds(db, terms, groups, 'title', dates, offset + limit);
    let ids = titled.slice(offset, offset + limit);
    if (ids.length < limit) ids = [...ids, ...(await this.matchIds(db, terms, groups, 'rest', dates, limit - ids.length, Math.max(0, offset - titled.length)))];
    if (!ids.length) return { total, more, items: [], byModule, ...caps };
    const rows = await db
      .selectFrom('search_doc')
      .select(['id', 'module', 'item_type', 'item_id', 'title', 'body', 'link', 'date', 'kind'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const needles = terms.flatMap((t) => t.pieces.map((p) => p.text));
    return {
      total,
      more,
      byModule,
      ...caps,
      items: ids
        .map((id) => byId.get(id))
        .filter((r) => r !== undefined)
        .map((r) => ({
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
   * 相似条目 (举一反三): the items most like the given one that the actor may see. The item's
   * TF-IDF keywords (jieba) are matched as an OR query; among the newest `SIMILAR_WINDOW` matches,
   * each is scored by the weights of the keywords it holds (in the title twice). No index-wide
   * statistics are needed, so the cost does not grow with the index, and both dialects rank alike.
   * Empty when the item is not indexed or not visible to the actor.
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
      .filter((k) => /^[\p{L}\p{N}]+$/u.test(k.keyword) && Array.from(k.keyword).length >= 2)
      .slice(0, 10);
    if (!keywords.length) return [];
    const pg = dialectOf(db) === 'postgres';
    const selfId = Number(doc.id);
    const groups = tagGroups(actor, {});
    const han = (k: string) => HAN.test(k[0]!);
    const words = keywords.map((k) => k.keyword);
    // indexed words are cut at MAX_TOKEN_LEN, and PostgreSQL refuses a tsquery word over 2047 bytes
    const tokens = words.map((k) => (han(k) ? k : k.slice(0, MAX_TOKEN_LEN)));
    const anyKeyword = `(${tokens.map((k) => (han(k) ? `(${bigrams(k).map(tsLexeme).join(' <-> ')})` : tsLexeme(k))).join(' | ')})`;
    const plan = pg ? await this.pgPlan(db) : 'fts5';
    const window =
      plan === 'rum'
        ? // an OR of phrases: RUM would collect, sort and recheck every match of every keyword, so walk the
          // newest documents and check each row (ts_match_vq: no index), as the fallback does
          await sql<{ id: number }>`SELECT d.id FROM search_doc d
            WHERE d.tags @@ CAST(${tsTags(groups)} AS tsquery) AND ts_match_vq(d.grams, CAST(${anyKeyword} AS tsquery))
              AND d.id <> ${selfId} ORDER BY d.id DESC LIMIT ${SIMILAR_WINDOW}`.execute(db)
        : plan === 'gin'
          ? await sql<{ id: number }>`SELECT d.id FROM search_doc d
              WHERE d.tags @@ CAST(${tsTags(groups)} AS tsquery)
                AND d.grams @@ CAST(${anyKeyword} AS tsquery)
                AND d.id <> ${selfId} ORDER BY d.id DESC LIMIT ${SIMILAR_WINDOW}`.execute(db)
          : await sql<{ id: number }>`SELECT rowid AS id FROM search_fts
              WHERE search_fts MATCH ${`{title body} : (${tokens.map((k) => (han(k) ? `"${bigrams(k).join(' ')}"` : `"${k}"`)).join(' OR ')}) AND ${ftsTags(groups)}`}
                AND rowid <> ${selfId} ORDER BY rowid DESC LIMIT ${SIMILAR_WINDOW}`.execute(db);
    const ids = window.rows.map((r) => Number(r.id));
    if (!ids.length) return [];
    const found = await db
      .selectFrom('search_doc')
      .select(['id', 'module', 'item_type', 'item_id', 'title', 'body', 'link', 'date', 'kind'])
      .where('id', 'in', ids)
      .execute();
    const score = (r: { title: string; body: string }) => {
      const title = normalize(r.title);
      const body = normalize(r.body);
      return keywords.reduce((sum, k) => sum + k.weight * ((title.includes(k.keyword) ? 2 : 0) + (body.includes(k.keyword) ? 1 : 0)), 0);
    };
    return found
      .map((r) => ({ r, score: score(r), id: Number(r.id) }))
      .sort((a, b) => b.score - a.score || b.id - a.id)
      .slice(0, limit)
      .map(({ r }) => ({
        module: r.module,
        itemType: r.item_type,
        itemId: Number(r.item_id),
        title: r.title,
        titleHtml: highlight(r.title, words),
        snippet: snippetOf(r.body, words),
        link: r.link,
        date: r.date,
        kind: r.kind,
      }));
  }

  /**
   * Empties the index and refills it from `sources` (default: every registered module source),
   * in one transaction with batched inserts, then compacts it. Returns the number of documents per
   * module.
   */
  async rebuild(db: Db, sources: ReadonlyMap<string, SearchSource> | Record<string, SearchSource> = this.sources): Promise<Record<string, number>> {
    const list = sources instanceof Map ? [...sources] : Object.entries(sources);
    const counts = await db.transaction().execute(async (trx) => {
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
    this.modulesCache = null;
    // one b-tree per term instead of many segments (SQLite), fresh planner statistics (PostgreSQL)
    if (dialectOf(db) === 'sqlite') await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    else await sql`ANALYZE search_doc`.execute(db);
    return counts;
  }
}

/** The date filter of a search as conditions on `d.date`. */
function dateConditions(dates: { from?: string | undefined; to?: string | undefined }): RawBuilder<SqlBool>[] {
  return [...(dates.from ? [sql<SqlBool>`d.date >= ${dates.from}`] : []), ...(dates.to ? [sql<SqlBool>`d.date <= ${dates.to}`] : [])];
}
