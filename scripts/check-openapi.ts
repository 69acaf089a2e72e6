/**
 * Fails (exit 1) when the OpenAPI document the app serves leaves a client guessing: an operation
 * without an operationId (or a duplicate one), an operation without a 2xx answer, or a 2xx answer
 * without a schema for its body. Builds the app as the tests do, on SQLite in a temporary directory.
 * Run by `npm run check`: `tsx scripts/check-openapi.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { MODULES } from '../server/modules/index.js';
import { openApiProblems, type OpenApiDocument } from '../server/platform/openapi.js';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-openapi-'));
  const config = loadConfig({
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_DB: 'sqlite',
    ZHONGSHU_SCHEDULER_MS: '0',
    ZHONGSHU_AUDIT_KEY: 'openapi-check-key-0123456789abcdef012345',
  });
  const database = openDatabase(config.db);
  try {
    await migrateToLatest(database.db, MODULES);
    const { app } = await buildApp({ config, database, modules: MODULES, logger: false });
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json() as OpenApiDocument;
    await app.close();
    const problems = openApiProblems(doc);
    const count = Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
    if (problems.length) {
      console.error(`OpenAPI: ${problems.length} problem(s) in ${count} operations:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log(`OpenAPI: ${count} operations, each with an operationId and a schema for every 2xx answer.`);
  } finally {
    await database.db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
