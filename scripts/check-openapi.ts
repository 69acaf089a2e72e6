/**
 * Fails (exit 1) when the OpenAPI document the app serves leaves a client guessing. Builds the app as
 * the tests do, on SQLite in a temporary directory, reads /api/openapi.json and checks:
 *   1. our own rules (server/platform/openapi.ts `openApiProblems`): an operationId each, a schema for
 *      every 2xx answer, files with their media type, a security requirement, 4xx answers with the error
 *      body, uploads as multipart;
 *   2. Redocly's lint (redocly.yaml: the recommended rules, warnings as errors): 0 problems;
 *   3. the generated client types (test/api-client/openapi.d.ts) are what the document generates now.
 * Run by `npm run check`: `tsx scripts/check-openapi.ts`; `--write` rewrites the generated types.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { MODULES } from '../server/modules/index.js';
import { openApiProblems, type OpenApiDocument } from '../server/platform/openapi.js';
import { API_TYPES_FILE, generateApiTypes } from './openapi-types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Redocly's lint of the document in `file`: its report, and whether it found nothing. */
function redoclyLint(file: string): { ok: boolean; report: string } {
  const cli = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');
  const run = spawnSync(process.execPath, [cli, 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'codeframe'], {
    encoding: 'utf8',
    // no telemetry, no update check: the check runs offline
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    timeout: 180_000,
  });
  const report = `${run.stdout ?? ''}${run.stderr ?? ''}`.replace(/^.*[║═╔╗╚╝].*\n/gm, '').trim();
  return { ok: run.status === 0, report };
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
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
    await app.close();
    const doc = res.json() as OpenApiDocument & OpenAPI3;
    const count = Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);

    const problems = openApiProblems(doc);
    if (problems.length) {
      console.error(`OpenAPI: ${problems.length} problem(s) in ${count} operations:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log(`OpenAPI: ${count} operations, each with an operationId, its answers' schemas, its security and its error answers.`);

    const file = path.join(dataDir, 'openapi.json');
    fs.writeFileSync(file, res.body);
    const lint = redoclyLint(file);
    if (!lint.ok) {
      console.error(`OpenAPI lint (redocly.yaml) failed:\n${lint.report}`);
      process.exitCode = 1;
    } else console.log('OpenAPI lint (Redocly, redocly.yaml): no problems.');

    const types = await generateApiTypes(doc);
    const kept = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : '';
    if (types === kept) console.log(`Client types: ${path.relative(root, API_TYPES_FILE)} is up to date.`);
    else if (write) {
      fs.writeFileSync(API_TYPES_FILE, types);
      console.log(`Client types: ${path.relative(root, API_TYPES_FILE)} rewritten.`);
    } else {
      console.error(
        `Client types: ${path.relative(root, API_TYPES_FILE)} differs from what the served document generates; run \`npx tsx scripts/check-openapi.ts --write\`.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await database.db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
