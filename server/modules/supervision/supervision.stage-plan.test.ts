/**
 * The ledger's light reads each shown task's late open stages (`taskStatusesQuery`). On SQLite, without statistics for
 * `supervision_stage` (a new database, or one analyzed while the table was nearly empty), the planner chose the
 * office-wide `(done_at, deadline)` index and read every late open stage once per task of the page: 1.4–1.6 s a page
 * with 100,000 open stages. The plan must use the task's own index whatever the statistics say; before and after
 * stages exist, with and without `ANALYZE`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { MODULES } from '../index.js';
import { taskStatusesQuery } from './repo/supervision.lists.js';

describe('the ledger light’s late stages [sqlite plan]', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-stage-plan-'));
    database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'z.db') });
    await migrateToLatest(database.db, MODULES);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The details of SQLite's plan of the query for 20 items, as the ledger asks it. */
  function plan(): string[] {
    const q = taskStatusesQuery(
      database.db,
      Array.from({ length: 20 }, (_, i) => i + 1),
      '2026-12-07',
    ).compile();
    return database
      .sqlite!.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .all(...(q.parameters as unknown[]))
      .map((r) => (r as { detail: string }).detail);
  }

  const stageSearch = (details: string[]) => details.find((d) => /SEARCH s /.test(d)) ?? details.join(' | ');

  it('reads the stages of each task through the task’s open-stage index', async () => {
    expect(await database.db.selectFrom('supervision_stage').select('id').limit(1).execute()).toEqual([]);
    expect(stageSearch(plan())).toMatch(/supervision_stage_task_open_idx \(task_id=\? AND done_at=\? AND deadline<\?\)/);
    // many late open stages, with no statistics for them, then analyzed: the same index either way
    const sqlite = database.sqlite!;
    sqlite.pragma('foreign_keys = OFF');
    const ins = sqlite.prepare(
      `INSERT INTO supervision_stage (task_id, seq, name, deadline, done_at, created_at, updated_at) VALUES (?, ?, '节点', ?, ?, 'x', 'x')`,
    );
    sqlite.transaction(() => {
      for (let t = 1; t <= 5000; t++) for (let s = 1; s <= 3; s++) ins.run(t, s, `2026-0${1 + (t % 9)}-10`, s === 1 ? '2026-01-01' : null);
    })();
    sqlite.pragma('foreign_keys = ON');
    expect(stageSearch(plan())).toMatch(/supervision_stage_task_open_idx \(task_id=\? AND done_at=\? AND deadline<\?\)/);
    sqlite.exec('ANALYZE');
    expect(stageSearch(plan())).toMatch(/supervision_stage_task_open_idx \(task_id=\? AND done_at=\? AND deadline<\?\)/);
  });
});
