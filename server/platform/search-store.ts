/**
 * The stored side of the search index (see `search-index.ts`): its tables, what a module indexes,
 * document ids in index order, item type numbers, the grantees of documents (need-to-know and
 * share grants) and the writing of their tokens (FTS5 rows on SQLite, tsvector columns on
 * PostgreSQL), including the re-tagging of stored documents.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/client.js';
import { gramTokens, tagsOf, tsLexeme, tsTags, tsText, tsVectorText, type Piece } from './search-text.js';

declare module '../db/schema.js' {
  interface DB {
    search_doc: SearchDocTable;
    search_acl: SearchAclTable;
    search_type: SearchTypeTable;
  }
}

/** The stable small number of each indexed item type (part of a document's id). */
export interface SearchTypeTable {
  idx: import('kysely').Generated<number>;
  item_type: string;
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

/** A module's items for a rebuild, in batches. */
export type SearchSource = (db: Db | Trx) => AsyncIterable<SearchDocInput[]>;

export type Handle = Db | Trx;

/** What the stored row of a document holds for re-tagging it. */
type StoredDoc = Pick<
  import('kysely').Selectable<SearchDocTable>,
  'id' | 'module' | 'item_type' | 'item_id' | 'title' | 'body' | 'level' | 'everyone' | 'owner_unit_id' | 'kind'
>;

/** Grantees of documents (need-to-know and share grants), keyed by doc id or item key. */
type Grantees = Map<string | number, { units: number[]; users: number[] }>;

export function granteesOf(map: Grantees, key: string | number): { units: number[]; users: number[] } {
  let g = map.get(key);
  if (!g) map.set(key, (g = { units: [], users: [] }));
  return g;
}

/** Share grants (`share_grant`) of the given items, keyed `type:id`. */
export async function shareGrantees(db: Handle, items: readonly { itemType: string; itemId: number }[]): Promise<Grantees> {
  const out: Grantees = new Map();
  const byType = new Map<string, number[]>();
  for (const i of items) byType.set(i.itemType, [...(byType.get(i.itemType) ?? []), i.itemId]);
  for (const [type, ids] of byType) {
    for (const chunk of chunks(ids, 500)) {
      const rows = await db
        .selectFrom('share_grant')
        .select(['item_id', 'grantee_type', 'grantee_id'])
        .where('item_type', '=', type)
        .where('item_id', 'in', chunk)
        .execute();
      for (const r of rows) granteesOf(out, `${type}:${r.item_id}`)[r.grantee_type === 'unit' ? 'units' : 'users'].push(r.grantee_id);
    }
  }
  return out;
}

/** The index tokens of a document. */
export function tokensOf(d: { title: string; body: string }, tags: string[]): { title: string[]; body: string[]; tags: string[] } {
  return { title: gramTokens(d.title), body: gramTokens(d.body), tags };
}

/** SQLite: writes FTS rows. PostgreSQL: the tsvector columns as SQL values. */
export async function insertFts(trx: Handle, rows: readonly { rowid: number; title: string[]; body: string[]; tags: string[] }[]): Promise<void> {
  for (const c of chunks(rows, 100)) {
    await sql`INSERT INTO search_fts (rowid, title, body, tags) VALUES ${sql.join(c.map((r) => sql`(${r.rowid}, ${r.title.join(' ')}, ${r.body.join(' ')}, ${r.tags.join(' ')})`))}`.execute(
      trx,
    );
  }
}

/**
 * PostgreSQL columns: the small `tags` and `tgrams` stay inline in the row, so access and the title
 * tier are checked without reading the large (TOASTed) `grams`. `grams` and `tgrams` also carry the
 * access tags after the text (no text token contains `_`, so no text query meets them), so one
 * index (RUM, when installed) answers "text AND access keys" in the order of the results.
 */
export function pgVectors(
  t: { title: string[]; body: string[]; tags: string[] },
  id: number,
): {
  grams: RawBuilder<unknown>;
  tgrams: RawBuilder<unknown>;
  tags: RawBuilder<unknown>;
} {
  const tags = t.tags.map(tsLexeme).join(' ');
  const keys = [tags, ...periodTags(periodOf(id)).map(tsLexeme)].join(' ');
  return {
    grams: sql`(${tsVectorText([...t.title, ...t.body])}::tsvector || ${keys}::tsvector)`,
    tgrams: sql`(${tsVectorText(t.title)}::tsvector || ${keys}::tsvector)`,
    tags: sql`${tags}::tsvector`,
  };
}

/**
 * Recomputes the index tokens of stored documents (their text, need-to-know and share grants):
 * after a share grant, and by the migration that introduced access tags. `where` selects the docs.
 */
export async function retagStored(trx: Handle, itemType?: string, itemId?: number): Promise<number> {
  const pg = dialectOf(trx) === 'postgres';
  let after = 0;
  let n = 0;
  for (;;) {
    let qb = trx
      .selectFrom('search_doc')
      .select(['id', 'module', 'item_type', 'item_id', 'title', 'body', 'level', 'everyone', 'owner_unit_id', 'kind'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500);
    if (itemType !== undefined) qb = qb.where('item_type', '=', itemType);
    if (itemId !== undefined) qb = qb.where('item_id', '=', itemId);
    const docs = (await qb.execute()) as StoredDoc[];
    if (!docs.length) return n;
    const ids = docs.map((d) => Number(d.id));
    const acl: Grantees = new Map();
    for (const r of await trx.selectFrom('search_acl').selectAll().where('doc_id', 'in', ids).execute()) {
      granteesOf(acl, Number(r.doc_id))[r.grantee_type === 'unit' ? 'units' : 'users'].push(r.grantee_id);
    }
    const shares = await shareGrantees(
      trx,
      docs.map((d) => ({ itemType: d.item_type, itemId: Number(d.item_id) })),
    );
    const rows = docs.map((d) => {
      const a = granteesOf(acl, Number(d.id));
      const s = granteesOf(shares, `${d.item_type}:${d.item_id}`);
      const tags = tagsOf(
        { level: d.level, everyone: d.everyone === 1, module: d.module, ownerUnitId: d.owner_unit_id, kind: d.kind },
        [...a.units, ...s.units],
        [...a.users, ...s.users],
      );
      return { rowid: Number(d.id), ...tokensOf(d, tags) };
    });
    if (pg) {
      for (const r of rows) {
        const v = pgVectors(r, r.rowid);
        await sql`UPDATE search_doc SET grams = ${v.grams}, tgrams = ${v.tgrams}, tags = ${v.tags} WHERE id = ${r.rowid}`.execute(trx);
      }
    } else {
      await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(ids)})`.execute(trx);
      await insertFts(trx, rows);
    }
    n += rows.length;
    after = ids.at(-1)!;
  }
}

/** A document id is ((day × TYPE_SPAN) + type) × ITEM_ID_SPAN + item id (`searchDocId`). */
export const ITEM_ID_SPAN = 2 ** 31;
export const TYPE_SPAN = 64;

/**
 * A document's id, which is its place in the index order: the item's date (day number), then its
 * type, then its id. Newest first is simply "highest id first", the same whatever the history of
 * the index (a rebuild gives every document the id incremental indexing gave it).
 */
export function searchDocId(date: string | null | undefined, typeIdx: number, itemId: number): number {
  const ms = date ? Date.parse(`${date.slice(0, 10)}T00:00:00Z`) : NaN;
  const day = Number.isFinite(ms) ? Math.min(65_535, Math.max(0, Math.floor(ms / 86_400_000))) : 0;
  if (!Number.isInteger(itemId) || itemId < 0 || itemId >= ITEM_ID_SPAN) throw new Error(`search: item id out of range: ${itemId}`);
  return (day * TYPE_SPAN + typeIdx) * ITEM_ID_SPAN + itemId;
}

/**
 * PostgreSQL, RUM plan: documents fall into periods of `PERIOD_DAYS` days of their date (the day in their id), and
 * `grams`/`tgrams` carry the keys of the period's aligned blocks of 1, 2, 4 … 2^(PERIOD_LEVELS − 1) periods
 * (`_c<k>_<n>`: block n of 2^k periods), so that any stretch of periods is named by a few keys (`periodRangeTags`).
 * RUM reads an ordered scan's every match before the first row; a query restricted to the newest periods reads
 * the matches of those periods only (`search-periods.ts`).
 */
export const PERIOD_DAYS = 10;
export const PERIOD_LEVELS = 10;
/** Ids of one day span this much (`searchDocId`). */
export const DAY_SPAN = TYPE_SPAN * ITEM_ID_SPAN;

/** The period of a document id. */
export function periodOf(id: number): number {
  return Math.floor(Math.floor(id / DAY_SPAN) / PERIOD_DAYS);
}

/** The smallest document id of period `p`. */
export function periodStart(p: number): number {
  return p * PERIOD_DAYS * DAY_SPAN;
}

/** The index keys of period `p`: one per block size. */
export function periodTags(p: number): string[] {
  return Array.from({ length: PERIOD_LEVELS }, (_, k) => `_c${k}_${Math.floor(p / 2 ** k)}`);
}

/** The keys naming periods `lo` … `hi` (inclusive): the fewest aligned blocks, at most 2 × PERIOD_LEVELS for a span within the largest block. */
export function periodRangeTags(lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let p = lo; p <= hi;) {
    let k = PERIOD_LEVELS - 1;
    while (k > 0 && (p % 2 ** k !== 0 || p + 2 ** k - 1 > hi)) k--;
    out.push(`_c${k}_${p / 2 ** k}`);
    p += 2 ** k;
  }
  return out;
}

/** The type numbers of `itemTypes`, registering new types (1…63). */
export async function searchTypeIndexes(trx: Handle, itemTypes: Iterable<string>): Promise<Map<string, number>> {
  const want = [...new Set(itemTypes)];
  if (!want.length) return new Map();
  const read = async () =>
    new Map((await trx.selectFrom('search_type').selectAll().where('item_type', 'in', want).execute()).map((r) => [r.item_type, Number(r.idx)]));
  let map = await read();
  const missing = want.filter((t) => !map.has(t));
  if (missing.length) {
    await trx
      .insertInto('search_type')
      .values(missing.map((t) => ({ item_type: t })))
      .onConflict((oc) => oc.column('item_type').doNothing())
      .execute();
    map = await read();
  }
  for (const [t, i] of map) if (i >= TYPE_SPAN) throw new Error(`search: too many item types (${t} would be ${i})`);
  return map;
}

export function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * RUM plan: `d.<col>` holds the terms and the access keys. The index answers the access keys and
 * every term of 2+ characters; a 1-character Han term (a prefix over the bigrams, `安:*`) is checked
 * on the row with `ts_match_vq`, which no index serves: RUM answers a prefix by collecting and
 * sorting every item of every lexeme it expands to (tens of thousands for a common character,
 * spilled to disk), whereas the rows the index returns newest first mostly hold the character.
 */
export function rumMatch(col: 'grams' | 'tgrams', terms: { pieces: Piece[] }[], groups: string[][]): RawBuilder<SqlBool> {
  const oneChar = (p: Piece) => p.han && Array.from(p.text).length < 2;
  const indexed = terms.map((t) => ({ pieces: t.pieces.filter((p) => !oneChar(p)) })).filter((t) => t.pieces.length);
  const onRow = terms.map((t) => ({ pieces: t.pieces.filter(oneChar) })).filter((t) => t.pieces.length);
  const c = sql.ref(`d.${col}`);
  const idx = [...(groups.length ? [tsTags(groups)] : []), ...(indexed.length ? [tsText(indexed)] : [])].join(' & ');
  const parts = [
    ...(idx ? [sql<SqlBool>`${c} @@ CAST(${idx} AS tsquery)`] : []),
    ...(onRow.length ? [sql<SqlBool>`ts_match_vq(${c}, CAST(${tsText(onRow)} AS tsquery))`] : []),
  ];
  return sql.join(parts, sql` AND `) as RawBuilder<SqlBool>;
}
