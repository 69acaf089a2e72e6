/**
 * Decides once which dialects the suite runs on, and says so plainly; makes the run's folder of database
 * templates (test/db-templates.ts) and removes it, with the template databases, when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pgTemplatePrefix } from './db-templates.js';
import { adminQuery, postgresAvailable, PG_ADMIN_URL, testDialects } from './dialects.js';

export default async function setup(): Promise<() => Promise<void>> {
  if (!process.env.ZHONGSHU_TEST_DIALECTS) {
    const pgOk = await postgresAvailable();
    process.env.ZHONGSHU_TEST_DIALECTS = pgOk ? 'sqlite,postgres' : 'sqlite';
    if (!pgOk) console.warn(`\n*** PostgreSQL did not answer at ${PG_ADMIN_URL}: the suite runs on SQLite ONLY (PostgreSQL SKIPPED) ***\n`);
    else console.log(`\nRunning the suite on SQLite and PostgreSQL (${PG_ADMIN_URL}).\n`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zstpl'));
  process.env.ZHONGSHU_TEST_TEMPLATES = root;
  return async () => {
    fs.rmSync(root, { recursive: true, force: true });
    if (!testDialects().includes('postgres')) return;
    const prefix = pgTemplatePrefix(root);
    const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}')`);
    for (const r of rows as { datname: string }[]) await adminQuery(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  };
}
