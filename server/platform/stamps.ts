/**
 * This process's caches of rarely written data — the settings and the names of units and users — kept
 * exact by version stamps (issue #17: they were three of the six queries of a task's detail).
 *
 * The `cache_stamp` table holds a counter per kind, bumped by triggers in every transaction that writes
 * the data, whoever writes it. Every authenticated request reads the counters in its one session query
 * and reports them here (`observeStamps`) before any handler runs. A cache answers only:
 * - outside a transaction (a write reads the database, always);
 * - while its entries were read at the newest stamp reported, and that report is under a second old.
 * So a request sees every change committed before it began, in any process, and its own writes (`StampWatch`);
 * code outside requests (jobs, tests calling services directly) reads the database unless a request reported
 * the stamp within the last second.
 */
import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db, Trx } from '../db/client.js';

export type StampKind = 'settings' | 'names';

/** How long a reported stamp stays good for code that did not report one itself. */
const FRESH_MS = 1000;
/** How long after this process wrote cached data its caches wait for a request to report the new stamp. */
const WROTE_MS = 5000;
/** Entries kept per cache; past this the cache starts again (it refills from the next misses). */
const MAX_ENTRIES = 50_000;

/** The newest stamps reported to this process for one database. */
class Stamps {
  readonly seen: Record<StampKind, number> = { settings: -1, names: -1 };
  at = 0;
  /** After this process writes: no cache answers below this stamp (until `until`; a rolled-back write never moves it). */
  private readonly floor: Record<StampKind, { stamp: number; until: number }> = { settings: { stamp: 0, until: 0 }, names: { stamp: 0, until: 0 } };

  /** This process is writing data of `kind`: its caches wait for the stamp the write will leave. */
  wrote(kind: StampKind): void {
    this.floor[kind] = { stamp: this.seen[kind] + 1, until: Date.now() + WROTE_MS };
  }

  observe(settings: number | null | undefined, names: number | null | undefined): void {
    // stamps only grow: a request that read its stamp earlier but reports later cannot move them back
    if (typeof settings === 'number' && settings > this.seen.settings) this.seen.settings = settings;
    if (typeof names === 'number' && names > this.seen.names) this.seen.names = names;
    this.at = Date.now();
  }

  /** The stamp a cache may answer at now, or null (read the database). */
  current(kind: StampKind): number | null {
    const v = this.seen[kind];
    const now = Date.now();
    if (v < 0 || now - this.at >= FRESH_MS) return null;
    const f = this.floor[kind];
    return v < f.stamp && now < f.until ? null : v;
  }
}

/** The cached tables, and the columns of theirs that matter (null: every write). */
const WATCHED: Record<string, { kind: StampKind; columns: readonly string[] | null }> = {
  setting: { kind: 'settings', columns: null },
  unit: { kind: 'names', columns: ['name', 'short_name'] },
  user: { kind: 'names', columns: ['name'] },
};

function tableName(node: OperationNode | undefined): string | undefined {
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; node?: OperationNode } | undefined;
  if (n?.kind === 'TableNode') return n.table?.identifier?.name;
  if (n?.kind === 'AliasNode') return tableName(n.node);
  return undefined;
}

/**
 * A Kysely plugin on the database handle (and so on its transactions): a write of a cached table through the query
 * builder makes this process's caches of it wait for the new stamp — the request that wrote, reading after its
 * commit, sees its own write. Other processes learn it from the stamp their next request reads.
 */
export class StampWatch implements KyselyPlugin {
  readonly stamps = new Stamps();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as unknown as {
      kind: string;
      into?: OperationNode;
      table?: OperationNode;
      from?: { froms?: readonly OperationNode[] };
      updates?: readonly { column: { column?: { name?: string } } }[];
    };
    const table =
      node.kind === 'InsertQueryNode'
        ? tableName(node.into)
        : node.kind === 'UpdateQueryNode'
          ? tableName(node.table)
          : node.kind === 'DeleteQueryNode'
            ? tableName(node.from?.froms?.[0])
            : undefined;
    const w = table ? WATCHED[table] : undefined;
    if (w && (node.kind !== 'UpdateQueryNode' || !w.columns || (node.updates ?? []).some((u) => w.columns!.includes(u.column.column?.name ?? ''))))
      this.stamps.wrote(w.kind);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const stampsByDb = new WeakMap<object, Stamps>();

/** The stamps of `db` (its `StampWatch` when it has one: `openDatabase` adds it). */
function stampsOf(db: Db): Stamps {
  let s = stampsByDb.get(db);
  if (!s) stampsByDb.set(db, (s = new Stamps()));
  return s;
}

/** Ties a database handle to the plugin it was opened with. */
export function watchStamps(db: Db, watch: StampWatch): void {
  stampsByDb.set(db, watch.stamps);
}

/** Reports the stamps a request read with its session (identity's session and token queries). */
export function observeStamps(db: Db, stamps: { settings_stamp?: number | null; names_stamp?: number | null }): void {
  stampsOf(db).observe(stamps.settings_stamp, stamps.names_stamp);
}

/**
 * A map from keys to values read from the database, valid at one stamp of `kind`. `lookup` answers the
 * keys it holds and reads the others with `load` (one query for all the misses).
 */
export class StampedCache<K, V> {
  private readonly byDb = new WeakMap<object, { stamp: number; entries: Map<K, V> }>();
  constructor(private readonly kind: StampKind) {}

  /**
   * The entries of `keys` (keys the database does not have are left out). `load` reads the missing keys;
   * without a current stamp (in a transaction, or no request reported one lately) everything is read.
   */
  async lookup(db: Db | Trx, keys: readonly K[], load: (db: Db | Trx, keys: K[]) => Promise<Map<K, V>>): Promise<Map<K, V>> {
    const stamp = db.isTransaction ? null : stampsOf(db as Db).current(this.kind);
    if (stamp === null) return load(db, [...keys]);
    let c = this.byDb.get(db);
    if (!c || c.stamp !== stamp || c.entries.size > MAX_ENTRIES) this.byDb.set(db, (c = { stamp, entries: new Map() }));
    const out = new Map<K, V>();
    const missing: K[] = [];
    for (const k of keys) {
      const v = c.entries.get(k);
      if (v === undefined) missing.push(k);
      else out.set(k, v);
    }
    if (missing.length) {
      // read at `stamp` or later: a value newer than its stamp is only dropped sooner, never kept too long
      const loaded = await load(db, missing);
      for (const [k, v] of loaded) {
        c.entries.set(k, v);
        out.set(k, v);
      }
    }
    return out;
  }
}
