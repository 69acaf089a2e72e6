/**
 * A frozen copy of the search-index code the search migrations 202611270001 and 202612010001 run
 * (tokens, access tags, document ids, re-tagging stored documents), as of December 2026. Migrations
 * import no live code: whatever `server/platform/search-index.ts` becomes, these migrations keep
 * doing what they did. Do not edit; a later change of the index format gets its own migration.
 */
import { PostgresAdapter, sql, type Generated, type Kysely, type RawBuilder } from 'kysely';

/** The tables these migrations read and write, as they were then. */
export interface FrozenSearchTables {
  search_doc: {
    id: Generated<number>;
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
  };
  search_acl: { doc_id: number; grantee_type: string; grantee_id: number };
  search_type: { idx: Generated<number>; item_type: string };
  share_grant: { item_type: string; item_id: number; grantee_type: string; grantee_id: number };
}

type Handle = Kysely<FrozenSearchTables>;

/** Whether the handle speaks to PostgreSQL. */
export function isPostgres(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const MAX_TOKENS = 16_000;
const MAX_TOKEN_LEN = 64;
const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function classOf(ch: string): number {
  return HAN.test(ch) ? 1 : LETTER_OR_DIGIT.test(ch) ? 2 : 3;
}

function forEachRun(s: string, onHan: (chars: string[]) => boolean | void, onWord: (word: string) => boolean | void): void {
  let han: string[] = [];
  let wordFrom = -1;
  const n = s.length;
  for (let i = 0; i <= n;) {
    const cp = i < n ? s.codePointAt(i)! : 0;
    const len = cp > 0xffff ? 2 : 1;
    const c = i < n ? classOf(len === 1 ? s[i]! : s.slice(i, i + 2)) : 3;
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

function gramTokens(text: string): string[] {
  const into: string[] = [];
  forEachRun(
    normalize(text),
    (chars) => {
      for (let i = 0; i + 1 < chars.length; i++) into.push(chars[i]! + chars[i + 1]!);
      into.push(chars[chars.length - 1]!);
      return into.length < MAX_TOKENS;
    },
    (word) => {
      into.push(word.slice(0, MAX_TOKEN_LEN));
      return into.length < MAX_TOKENS;
    },
  );
  if (into.length > MAX_TOKENS) into.length = MAX_TOKENS;
  return into;
}

function tsLexeme(t: string): string {
  return `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function tsVectorText(tokens: readonly string[]): string {
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

const TOP_LEVEL = 3;

function tagText(s: string): string {
  return (normalize(s).match(/[\p{L}\p{N}]+/gu) ?? []).join('').slice(0, MAX_TOKEN_LEN) || 'x';
}

function tagsOf(
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

type Grantees = Map<string | number, { units: number[]; users: number[] }>;

function granteesOf(map: Grantees, key: string | number): { units: number[]; users: number[] } {
  let g = map.get(key);
  if (!g) map.set(key, (g = { units: [], users: [] }));
  return g;
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function shareGrantees(db: Handle, items: readonly { itemType: string; itemId: number }[]): Promise<Grantees> {
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

async function insertFts(db: Handle, rows: readonly { rowid: number; title: string[]; body: string[]; tags: string[] }[]): Promise<void> {
  for (const c of chunks(rows, 100)) {
    await sql`INSERT INTO search_fts (rowid, title, body, tags) VALUES ${sql.join(c.map((r) => sql`(${r.rowid}, ${r.title.join(' ')}, ${r.body.join(' ')}, ${r.tags.join(' ')})`))}`.execute(
      db,
    );
  }
}

function pgVectors(t: { title: string[]; body: string[]; tags: string[] }): {
  grams: RawBuilder<unknown>;
  tgrams: RawBuilder<unknown>;
  tags: RawBuilder<unknown>;
} {
  return {
    grams: sql`${tsVectorText([...t.title, ...t.body])}::tsvector`,
    tgrams: sql`${tsVectorText(t.title)}::tsvector`,
    tags: sql`${t.tags.map(tsLexeme).join(' ')}::tsvector`,
  };
}

/** Recomputes the index tokens and access tags of every stored document from its text, need-to-know and share grants. */
export async function retagStored(db: Handle): Promise<number> {
  const pg = isPostgres(db);
  let after = 0;
  let n = 0;
  for (;;) {
    const docs = await db
      .selectFrom('search_doc')
      .select(['id', 'module', 'item_type', 'item_id', 'title', 'body', 'level', 'everyone', 'owner_unit_id', 'kind'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!docs.length) return n;
    const ids = docs.map((d) => Number(d.id));
    const acl: Grantees = new Map();
    for (const r of await db.selectFrom('search_acl').selectAll().where('doc_id', 'in', ids).execute()) {
      granteesOf(acl, Number(r.doc_id))[r.grantee_type === 'unit' ? 'units' : 'users'].push(r.grantee_id);
    }
    const shares = await shareGrantees(
      db,
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
      return { rowid: Number(d.id), title: gramTokens(d.title), body: gramTokens(d.body), tags };
    });
    if (pg) {
      for (const r of rows) {
        const v = pgVectors(r);
        await sql`UPDATE search_doc SET grams = ${v.grams}, tgrams = ${v.tgrams}, tags = ${v.tags} WHERE id = ${r.rowid}`.execute(db);
      }
    } else {
      await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
      await insertFts(db, rows);
    }
    n += rows.length;
    after = ids.at(-1)!;
  }
}

const ITEM_ID_SPAN = 2 ** 31;
const TYPE_SPAN = 64;

/** A document's id: its place in the index order (day, type, item id). */
export function searchDocId(date: string | null | undefined, typeIdx: number, itemId: number): number {
  const ms = date ? Date.parse(`${date.slice(0, 10)}T00:00:00Z`) : NaN;
  const day = Number.isFinite(ms) ? Math.min(65_535, Math.max(0, Math.floor(ms / 86_400_000))) : 0;
  if (!Number.isInteger(itemId) || itemId < 0 || itemId >= ITEM_ID_SPAN) throw new Error(`search: item id out of range: ${itemId}`);
  return (day * TYPE_SPAN + typeIdx) * ITEM_ID_SPAN + itemId;
}

/** The type numbers of `itemTypes`, registering new types (1…63). */
export async function searchTypeIndexes(db: Handle, itemTypes: Iterable<string>): Promise<Map<string, number>> {
  const want = [...new Set(itemTypes)];
  if (!want.length) return new Map();
  const read = async () =>
    new Map((await db.selectFrom('search_type').selectAll().where('item_type', 'in', want).execute()).map((r) => [r.item_type, Number(r.idx)]));
  let map = await read();
  const missing = want.filter((t) => !map.has(t));
  if (missing.length) {
    await db
      .insertInto('search_type')
      .values(missing.map((t) => ({ item_type: t })))
      .onConflict((oc) => oc.column('item_type').doNothing())
      .execute();
    map = await read();
  }
  for (const [t, i] of map) if (i >= TYPE_SPAN) throw new Error(`search: too many item types (${t} would be ${i})`);
  return map;
}
