/**
 * PostgreSQL, RUM plan of the whole-system search (`search-index.ts`): matches read newest first, period by
 * period (issue #17).
 *
 * RUM answers an ordered scan (`ORDER BY id <=| MAX_DOC_ID`) by reading every match of the index condition and
 * sorting them before it returns the first row, whatever the LIMIT. At 1,000,000 documents a frequent term's
 * matches among the documents a reader may see run to the hundred thousand, and a search took 2–10 s. Every
 * document's `grams` and `tgrams` carry the keys of its period (`PERIOD_DAYS` days of its date; see
 * `search-store.ts`), so a query can ask for the newest documents only, and only reads further back while it has
 * not found enough. The windows are sized by documents, from the index's count per period (read every
 * `COUNTS_TTL_MS`): first the documents dated after the newest period (future dates: few, walked on the primary
 * key), then the newest `FIRST_WINDOW_DOCS` documents' periods, then twice as many each time, the last window
 * reaching back to period 0. The windows cover every period whatever the counts say, so counts that are out of date
 * only make a window larger or smaller: no document is missed. A frequent term stops in the first windows; a rare
 * one reaches the last, where its matches are few anyway.
 *
 * Only the conjunction of a term's bigrams goes to the index. Its phrase (a term of 3+ characters) and a
 * 1-character term are checked on the rows, in the order the index returns them: RUM evaluates an index
 * condition holding a phrase by walking every posting list of the phrase whole, whatever else the condition
 * holds (measured at 100k documents: 10 ms to find that the newest period holds nothing, 0.4 ms without the
 * phrase).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { planLiteral } from '../db/client.js';
import { bigrams, tsLexeme, tsTags, type Piece } from './search-text.js';
import { DAY_SPAN, PERIOD_DAYS, periodOf, periodRangeTags, periodStart, searchDocId, type Handle } from './search-store.js';

/**
 * The largest document id (`searchDocId`: 2^53 − 1). `d.id <=| MAX_DOC_ID` is the distance MAX_DOC_ID − id,
 * exact in float8, so ordering by it is newest first from the index.
 */
export const MAX_DOC_ID = 2 ** 53 - 1;

/** A stretch of the index order: the documents from an id on (future-dated), or those of periods `lo` … `hi`. */
export type Window = { from: number } | { lo: number; hi: number };

/** The first window holds about this many documents (counted in all modules and for every reader); then 2×, 4× … */
export const FIRST_WINDOW_DOCS = 8000;

/**
 * The windows, newest first, of an index with `counts` documents per period (newest first) whose newest period that
 * is not future-dated is `top`: documents after `top`, then ranges of periods holding `first`, 2 × `first` …
 * documents, the last reaching period 0.
 */
export function windowsOf(counts: readonly (readonly [period: number, docs: number])[], top: number, first = FIRST_WINDOW_DOCS): Window[] {
  const out: Window[] = [{ from: periodStart(top + 1) }];
  let hi = top;
  let want = first;
  let have = 0;
  for (const [p, n] of counts) {
    if (p > hi) continue;
    have += n;
    if (have >= want && p > 0) {
      out.push({ lo: p, hi });
      hi = p - 1;
      have = 0;
      want *= 2;
    }
  }
  if (hi >= 0) out.push({ lo: 0, hi });
  return out;
}

/**
 * The windows that can hold documents dated `from` … `to` (a document's period is that of its date), cut to those
 * periods: a search within dates reads no window outside them.
 */
export function withinDates(windows: readonly Window[], dates: { from?: string | undefined; to?: string | undefined }): Window[] {
  const period = (date: string) => {
    const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
    return Number.isFinite(ms) ? periodOf(searchDocId(date, 0, 0)) : null;
  };
  const lo = dates.from ? (period(dates.from) ?? 0) : 0;
  const hi = dates.to ? (period(dates.to) ?? Infinity) : Infinity;
  const out: Window[] = [];
  for (const w of windows) {
    if ('from' in w) {
      if (hi === Infinity || periodStart(hi + 1) > w.from) out.push(w);
    } else if (w.hi >= lo && w.lo <= hi) out.push({ lo: Math.max(w.lo, lo), hi: Math.min(w.hi, hi) });
  }
  return out;
}

/** What a query matches: the index part (tsquery text, never empty) and what is checked on the row. */
export interface PeriodMatch {
  col: 'grams' | 'tgrams';
  index: string;
  onRow: RawBuilder<SqlBool>[];
}

/**
 * The index part and the row checks of `terms` within the access keys `groups`, on `col`: the index gets the
 * keys and every bigram of the Han terms (a 2-character term is its one bigram: exact) and the Latin word
 * prefixes; a term of 3+ characters is checked as a phrase on the row, and a 1-character term as a prefix
 * (RUM answers a prefix by collecting every item of every lexeme it expands to).
 */
export function periodMatch(col: 'grams' | 'tgrams', terms: readonly { pieces: Piece[] }[], groups: string[][]): PeriodMatch {
  const index: string[] = groups.length ? [tsTags(groups)] : [];
  const phrases: string[] = [];
  for (const p of terms.flatMap((t) => t.pieces)) {
    const n = Array.from(p.text).length;
    if (!p.han) index.push(`${tsLexeme(p.text)}:*`);
    else if (n < 2) phrases.push(`${tsLexeme(p.text)}:*`);
    else {
      const grams = bigrams(p.text);
      index.push(...new Set(grams.map(tsLexeme)));
      if (n > 2) phrases.push(`(${grams.map(tsLexeme).join(' <-> ')})`);
    }
  }
  if (!index.length) throw new Error('search: a period query needs access keys or an indexed term');
  const c = sql.ref(`d.${col}`);
  return {
    col,
    index: index.join(' & '),
    onRow: phrases.length ? [sql<SqlBool>`ts_match_vq(${c}, CAST(${`(${phrases.join(' & ')})`} AS tsquery))`] : [],
  };
}

/** One window's rows (`SELECT 1` for a count), at most `limit`, newest first when `ordered`. */
function windowSql(w: Window, m: PeriodMatch, more: readonly RawBuilder<unknown>[], limit: number, ordered: boolean): RawBuilder<unknown> {
  const c = sql.ref(`d.${m.col}`);
  const rest = [...m.onRow, ...more];
  const and = rest.length ? sql` AND ${sql.join(rest, sql` AND `)}` : sql``;
  const what = ordered ? sql`d.id` : sql`1`;
  if ('from' in w) {
    // future-dated documents: few, read on the primary key (ts_match_vq: no text index is used)
    return sql`SELECT ${what} FROM search_doc d WHERE d.id >= ${planLiteral(w.from)} AND ts_match_vq(${c}, CAST(${m.index} AS tsquery))${and}
      ${ordered ? sql`ORDER BY d.id DESC ` : sql``}LIMIT ${limit}`;
  }
  const keys = `(${m.index}) & (${periodRangeTags(w.lo, w.hi).map(tsLexeme).join(' | ')})`;
  const order = ordered ? sql`ORDER BY d.id <=| CAST(${MAX_DOC_ID} AS bigint) ` : sql``;
  return sql`SELECT ${what} FROM search_doc d WHERE ${c} @@ CAST(${keys} AS tsquery)${and} ${order}LIMIT ${limit}`;
}

/**
 * The index's documents per period, read every `COUNTS_TTL_MS` (one pass over the primary key: 20 ms at 100,000
 * documents), and the windows they give (`windowsOf`). Documents dated after the period following today's are
 * walked on the primary key; counts that are out of date never lose a document (see the top of this file).
 */
export class PeriodWindows {
  private cached: { at: number; counts: [number, number][] } | null = null;
  private pending: Promise<[number, number][]> | null = null;

  /** The windows of the counts last read, for the period they were made in (a search asks once per statement). */
  private made: { counts: [number, number][]; today: number; windows: readonly Window[] } | null = null;

  async get(db: Handle, now: Date): Promise<readonly Window[]> {
    const today = Math.floor(Math.floor(now.getTime() / 86_400_000) / PERIOD_DAYS);
    const counts = await this.counts(db);
    if (this.made?.counts === counts && this.made.today === today) return this.made.windows;
    const top = counts.find(([p]) => p <= today + 1)?.[0] ?? today + 1;
    this.made = { counts, today, windows: windowsOf(counts, top) };
    return this.made.windows;
  }

  /** The counts; once known, out-of-date counts are answered while new ones are read (at 1,000,000 documents: 0.2–0.4 s). */
  private async counts(db: Handle): Promise<[number, number][]> {
    const cached = this.cached;
    if (cached && Date.now() - cached.at < COUNTS_TTL_MS) return cached.counts;
    this.pending ??= sql<{ p: string | number; n: string | number }>`SELECT d.id / ${planLiteral(PERIOD_DAYS * DAY_SPAN)} AS p, COUNT(*) AS n
        FROM search_doc d GROUP BY 1 ORDER BY 1 DESC`
      .execute(db)
      .then((r) => {
        const counts = r.rows.map((x): [number, number] => [Number(x.p), Number(x.n)]);
        this.cached = { at: Date.now(), counts };
        return counts;
      })
      .finally(() => {
        this.pending = null;
      });
    if (!cached) return this.pending;
    // out-of-date counts cost efficiency, never a document; a failed read is tried again by the next search
    this.pending.catch(() => undefined);
    return cached.counts;
  }
}
const COUNTS_TTL_MS = 10 * 60_000;

/**
 * Ids of the newest `need` matches, newest first, reading the windows in order until enough are found. The
 * future-dated documents are read with the window after them; the rows of one statement are put in
 * order here (the order of a UNION ALL is not SQL's promise), and the windows of later statements are older.
 */
export async function newestIds(db: Handle, windows: readonly Window[], m: PeriodMatch, more: readonly RawBuilder<unknown>[], need: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < windows.length && out.length < need;) {
    const group = 'from' in windows[i]! ? windows.slice(i, i + 2) : [windows[i]!];
    i += group.length;
    const left = need - out.length;
    const parts = group.map((w) => sql`(${windowSql(w, m, more, left, true)})`);
    const rows = await sql<{ id: string | number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
    out.push(...rows.rows.map((r) => Number(r.id)).sort((a, b) => b - a));
  }
  return out.slice(0, need);
}

/**
 * How many documents match, counting to `cap` at most: one statement, the windows in a UNION ALL under the cap.
 * PostgreSQL's Append reads its branches one after the other and the LIMIT stops it, so older windows are read
 * only while the newer ones held fewer than `cap`.
 */
export async function countUpTo(db: Handle, windows: readonly Window[], m: PeriodMatch, more: readonly RawBuilder<unknown>[], cap: number): Promise<number> {
  if (!windows.length) return 0;
  const parts = windows.map((w) => sql`(${windowSql(w, m, more, cap, false)})`);
  const rows = await sql<{ n: string | number }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM (${sql.join(parts, sql` UNION ALL `)}) u LIMIT ${cap}) x`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}
