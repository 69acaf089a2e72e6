/**
 * Migrated and seeded databases that test environments copy instead of migrating and seeding their own:
 * on SQLite the data directory (database file, audit anchor, stored files), on PostgreSQL a template
 * database (`CREATE DATABASE … TEMPLATE`) plus its data directory. One per dialect, module set and clock
 * start, built once per run by whichever test process asks first; the others wait for it. The global
 * set-up makes the run's folder (ZHONGSHU_TEST_TEMPLATES) and removes it, and the template databases, at
 * the end. Without that folder (a test process started some other way) every environment builds its own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery } from './dialects.js';

/** The prefix of the run's template databases' names (the global teardown drops the databases that start with it). */
export function pgTemplatePrefix(root: string): string {
  return `zs_tpl_${path
    .basename(root)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()}_`;
}

/** A built template: the data directory to copy and, on PostgreSQL, the template database's name. */
export interface DbTemplate {
  dataDir: string;
  pgDatabase: string | null;
}

const inProcess = new Map<string, Promise<DbTemplate | null>>();

/**
 * The template for `key`, built by `build(dataDir, pgDatabase)` (which must leave nothing connected to the
 * database when it returns), or null when there is no run folder, or when another process's build failed or
 * did not finish in 5 minutes (then the caller builds its environment the ordinary way). A build that fails
 * in this process throws, as creating the environment would have.
 */
export function dbTemplate(
  key: string,
  dialect: 'sqlite' | 'postgres',
  build: (dataDir: string, pgDatabase: string | null) => Promise<void>,
): Promise<DbTemplate | null> {
  const root = process.env.ZHONGSHU_TEST_TEMPLATES;
  if (!root || !fs.existsSync(root)) return Promise.resolve(null);
  let p = inProcess.get(key);
  if (!p) {
    p = buildOrWait(root, key, dialect, build);
    inProcess.set(key, p);
  }
  return p;
}

async function buildOrWait(
  root: string,
  key: string,
  dialect: 'sqlite' | 'postgres',
  build: (dataDir: string, pgDatabase: string | null) => Promise<void>,
): Promise<DbTemplate | null> {
  const id = crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
  const dir = path.join(root, id);
  const ready = path.join(dir, 'ready.json');
  try {
    fs.mkdirSync(dir); // atomic: the one process that makes it builds the template
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return null;
    // another process builds it: wait for its answer (a build takes seconds; give up after 5 minutes)
    for (let waited = 0; waited < 300_000; waited += 100) {
      if (fs.existsSync(ready)) return JSON.parse(fs.readFileSync(ready, 'utf8')) as DbTemplate | null;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }
  let answer: DbTemplate | null = null;
  try {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const pgDatabase = dialect === 'postgres' ? `${pgTemplatePrefix(root)}${id}` : null;
    if (pgDatabase) await adminQuery(`CREATE DATABASE ${pgDatabase}`);
    await build(dataDir, pgDatabase);
    answer = { dataDir, pgDatabase };
  } finally {
    fs.writeFileSync(`${ready}.tmp`, JSON.stringify(answer));
    fs.renameSync(`${ready}.tmp`, ready);
  }
  return answer;
}
