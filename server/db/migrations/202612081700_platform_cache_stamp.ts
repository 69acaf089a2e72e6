/**
 * Version stamps of rarely written data that every process keeps in memory (issue #17): `settings`
 * (any row of `setting`) and `names` (the names of units and users). A trigger bumps the stamp in the
 * writing transaction, whoever writes (the app, the CLI, an import, raw SQL), so the stamp is exact on
 * both dialects. Every authenticated request reads the stamps with its session (`findSessionStamp`);
 * `platform/stamps.ts` serves the caches only at the newest stamp a request has reported.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../migration-kit.js';

/** The stamps, and the writes that move them. */
const WATCHED: { kind: 'settings' | 'names'; table: string; event: string; when: { sqlite: string; postgres: string } | null }[] = [
  { kind: 'settings', table: 'setting', event: 'INSERT', when: null },
  { kind: 'settings', table: 'setting', event: 'UPDATE', when: null },
  { kind: 'settings', table: 'setting', event: 'DELETE', when: null },
  {
    kind: 'names',
    table: 'unit',
    event: 'UPDATE',
    when: {
      sqlite: 'OLD.name IS NOT NEW.name OR OLD.short_name IS NOT NEW.short_name',
      postgres: 'OLD.name IS DISTINCT FROM NEW.name OR OLD.short_name IS DISTINCT FROM NEW.short_name',
    },
  },
  { kind: 'names', table: 'unit', event: 'DELETE', when: null },
  { kind: 'names', table: 'user', event: 'UPDATE', when: { sqlite: 'OLD.name IS NOT NEW.name', postgres: 'OLD.name IS DISTINCT FROM NEW.name' } },
  { kind: 'names', table: 'user', event: 'DELETE', when: null },
];

const bump = (kind: string) => `UPDATE cache_stamp SET version = version + 1 WHERE key = '${kind}';`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cache_stamp')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO cache_stamp (key, version) VALUES ('settings', 1), ('names', 1)`.execute(db);
  const d = dialectOf(db);
  for (const w of WATCHED) {
    const name = `cache_stamp_${w.table}_${w.event.toLowerCase()}`;
    const when = w.when ? w.when[d] : null;
    if (d === 'sqlite') {
      await sql.raw(`CREATE TRIGGER ${name} AFTER ${w.event} ON "${w.table}" FOR EACH ROW ${when ? `WHEN ${when} ` : ''}BEGIN ${bump(w.kind)} END`).execute(db);
    } else {
      // statement-level where it can be (one bump per statement); a row condition needs a row trigger
      await sql.raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${bump(w.kind)} RETURN NULL; END; $$ LANGUAGE plpgsql`).execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${w.event} ON "${w.table}" ${when ? `FOR EACH ROW WHEN (${when})` : 'FOR EACH STATEMENT'} EXECUTE FUNCTION ${name}()`,
        )
        .execute(db);
    }
  }
}
