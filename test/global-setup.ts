/** Decides once which dialects the suite runs on, and says so plainly. */
import { postgresAvailable, PG_ADMIN_URL } from './dialects.js';

export default async function setup(): Promise<void> {
  if (process.env.ZHONGSHU_TEST_DIALECTS) return;
  const pgOk = await postgresAvailable();
  process.env.ZHONGSHU_TEST_DIALECTS = pgOk ? 'sqlite,postgres' : 'sqlite';
  if (!pgOk) console.warn(`\n*** PostgreSQL did not answer at ${PG_ADMIN_URL}: the suite runs on SQLite ONLY (PostgreSQL SKIPPED) ***\n`);
  else console.log(`\nRunning the suite on SQLite and PostgreSQL (${PG_ADMIN_URL}).\n`);
}
