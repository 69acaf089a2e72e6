/** 件件有着落, office-wide: the board (GET /api/loose-ends), each module's provider, the checker (CLI command) and its daily job, on both databases. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import { buildOutgoingDocument } from '../../../test/factories/documents.js';
import { buildLibraryItem } from '../../../test/factories/library.js';
import { buildMeetingTopic } from '../../../test/factories/meetings.js';
import { buildSupervisionItem } from '../../../test/factories/supervision.js';
import type { LibraryService } from '../library/library.service.js';
import { checkLooseEnds, checkLooseEndsCommand, findingLine, LOOSE_ENDS_JOB, nextLooseEndsRun, scheduleLooseEndsCheck } from './system.loose-ends.js';

interface BoardItem {
  module: string;
  type: string;
  id: number;
  ownerUnitId: number | null;
  ownerUser: string | null;
  deadline: string | null;
  light: string;
  link: string;
}
interface Board {
  items: BoardItem[];
  byLight: { total: number; red: number; yellow: number; green: number; none: number };
  byModule: { module: string; total: number }[];
  byUnit: { unitId: number | null; total: number }[];
  truncated: string[];
}

/** Runs `fn` with `username` disabled, then enables the account again. */
async function withDisabled<T>(env: TestEnv, username: string, fn: () => Promise<T>): Promise<T> {
  const id = env.demo.userByName[username]!;
  await env.ctx.db.updateTable('user').set({ disabled: 1 }).where('id', '=', id).execute();
  try {
    return await fn();
  } finally {
    await env.ctx.db.updateTable('user').set({ disabled: 0 }).where('id', '=', id).execute();
  }
}

/** Runs `npm run cli -- check-loose-ends` (tsx server/cli.ts) as its own process on the environment's database. */
function runCli(env: TestEnv): Promise<{ code: number; stdout: string }> {
  const db = env.config.db.kind === 'postgres' ? env.config.db.url : 'sqlite';
  return new Promise((resolve) => {
    execFile(
      path.resolve('node_modules/.bin/tsx'),
      ['server/cli.ts', 'check-loose-ends'],
      {
        env: {
          ...process.env,
          ZHONGSHU_DATA_DIR: env.config.dataDir,
          ZHONGSHU_DB: db,
          ZHONGSHU_DEMO: '0',
          ZHONGSHU_AUDIT_KEY: env.config.auditKey ?? '',
          ZHONGSHU_LOG_LEVEL: 'silent',
        },
        timeout: 120_000,
      },
      (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

async function board(env: TestEnv, username: string): Promise<Board> {
  const res = await (await env.login(username)).get('/api/loose-ends');
  expect(res.status, res.body).toBe(200);
  return res.json as Board;
}

describe('nextLooseEndsRun', () => {
  it('is the next 08:00 China time strictly after now', () => {
    expect(nextLooseEndsRun(new Date('2026-03-02T01:00:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(nextLooseEndsRun(new Date('2026-03-02T00:00:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(nextLooseEndsRun(new Date('2026-03-02T23:59:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });
});

describeEachDialect('件件有着落 (office-wide board and checker)', (env) => {
  afterEach(() => vi.restoreAllMocks());

  it('the demo office has no loose ends; the board answers each business user what the modules let them see, the 三员 nothing', async () => {
    expect((await checkLooseEnds(env().ctx)).map(findingLine)).toEqual([]);
    for (const admin of ['sysadmin', 'secadmin', 'auditor']) expect((await (await env().login(admin)).get('/api/loose-ends')).status).toBe(403);
    expect((await env().anonymous().get('/api/loose-ends')).status).toBe(401);
    const director = await board(env(), 'zr_chen');
    expect(director.items.length).toBeGreaterThan(0);
    // the counts agree with the items
    expect(director.byLight.total).toBe(director.items.length);
    expect(director.byLight.red + director.byLight.yellow + director.byLight.green + director.byLight.none).toBe(director.items.length);
    expect(director.byModule.reduce((s, m) => s + m.total, 0)).toBe(director.items.length);
    expect(director.byUnit.reduce((s, u) => s + u.total, 0)).toBe(director.items.length);
    expect(new Set(director.items.map((i) => i.module))).toContain('supervision');
    // a liaison of one bureau sees less, and every supervision task it sees is its own unit's or its own
    const liaison = await board(env(), 'jyj_dong');
    expect(liaison.items.length).toBeLessThan(director.items.length);
    const me = await actorOf(env(), 'jyj_dong');
    for (const i of liaison.items.filter((x) => x.module === 'supervision' && x.type === 'task')) expect(i.ownerUnitId).toBe(me.unitId);
    // each item it sees opens for it (the link's item is readable)
    const c = await env().login('jyj_dong');
    for (const i of liaison.items.filter((x) => x.module === 'supervision').slice(0, 5)) {
      const itemId = Number(i.link.split('/').pop());
      expect((await c.get(`/api/supervision/items/${itemId}`)).status).toBe(200);
    }
  });

  it('supervision: an issued task is on the board with its light until it ends; a disabled responsible person is caught', async () => {
    const built = await buildSupervisionItem(env(), { stage: 'issued', units: ['ndrc'], input: { deadline: '2026-03-04' } });
    const task = built.tasks[0]!;
    const seen = (await board(env(), 'fgw_xu')).items.find((i) => i.module === 'supervision' && i.type === 'task' && i.id === task.id);
    expect(seen).toMatchObject({ deadline: '2026-03-04', light: 'yellow', ownerUnitId: env().demo.unitByCode.ndrc, link: `/supervision/items/${built.id}` });
    expect((await board(env(), 'jyj_dong')).items.some((i) => i.module === 'supervision' && i.id === task.id)).toBe(false);
    await withDisabled(env(), 'fgw_xu', async () => {
      expect(await checkLooseEnds(env().ctx)).toContainEqual({
        module: 'supervision',
        type: 'task',
        id: task.id,
        number: built.number,
        problem: 'no_responsible_person',
      });
    });
    // an ended item without its recorded outcome
    const closed = await buildSupervisionItem(env(), { stage: 'closed', units: ['finance'] });
    expect((await board(env(), 'zr_chen')).items.some((i) => i.module === 'supervision' && i.link === `/supervision/items/${closed.id}`)).toBe(false);
    await env().ctx.db.updateTable('supervision_item').set({ followup_note: null }).where('id', '=', closed.id).execute();
    expect(await checkLooseEnds(env().ctx)).toContainEqual({
      module: 'supervision',
      type: 'item',
      id: closed.id,
      number: closed.number,
      problem: 'no_outcome',
    });
    await env().ctx.db.updateTable('supervision_item').set({ followup_note: '已回访' }).where('id', '=', closed.id).execute();
    expect(await checkLooseEnds(env().ctx)).toEqual([]);
  });

  it('documents: an outgoing document awaiting signature is the signer’s; a disabled signer and a handled incoming one without time limit are caught', async () => {
    const doc = await buildOutgoingDocument(env(), { stage: 'to_sign', parts: { signer: 'fzr_liu' } });
    const seen = (await board(env(), 'fzr_liu')).items.find((i) => i.module === 'documents' && i.id === doc.id);
    expect(seen).toMatchObject({ type: 'outgoing', ownerUser: '刘海燕', link: `/documents/${doc.id}` });
    await withDisabled(env(), 'fzr_liu', async () => {
      expect(await checkLooseEnds(env().ctx)).toContainEqual({
        module: 'documents',
        type: 'outgoing',
        id: doc.id,
        number: null,
        problem: 'no_responsible_person',
      });
    });
    const handling = await env()
      .ctx.db.selectFrom('document')
      .select(['id', 'deadline'])
      .where('direction', '=', 'in')
      .where('status', '=', 'handling')
      .executeTakeFirst();
    expect(handling).toBeTruthy();
    await env().ctx.db.updateTable('document').set({ deadline: null }).where('id', '=', handling!.id).execute();
    expect((await checkLooseEnds(env().ctx)).filter((f) => f.id === handling!.id && f.module === 'documents').map((f) => f.problem)).toEqual(['no_time_limit']);
    await env().ctx.db.updateTable('document').set({ deadline: handling!.deadline }).where('id', '=', handling!.id).execute();
    expect(await checkLooseEnds(env().ctx)).toEqual([]);
  });

  it('meetings: a meeting not yet held is the office’s until its day; a disabled organiser and decisions of a dissolved unit or without due date are caught', async () => {
    const topic = await buildMeetingTopic(env(), { stage: 'scheduled' });
    const seen = (await board(env(), 'msc_zhou')).items.find((i) => i.module === 'meetings' && i.type === 'meeting' && i.id === topic.meetingId);
    expect(seen).toMatchObject({ deadline: '2026-03-20', light: 'green', link: `/meetings/${topic.meetingId}` });
    await withDisabled(env(), 'msc_zhou', async () => {
      expect(await checkLooseEnds(env().ctx)).toContainEqual({ module: 'meetings', type: 'meeting', id: topic.meetingId, problem: 'no_responsible_person' });
    });
    // a 议定事项 not yet turned into 督办 whose lead unit has been dissolved (inactive), and one without a due date
    const dissolved = await env()
      .ctx.db.insertInto('unit')
      .values({
        parent_id: null,
        name: '已撤销的临时指挥部',
        short_name: '临时指挥部',
        kind: 'bureau',
        code: 'dissolved_hq',
        sort: 999,
        active: 0,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const db = env().ctx.db;
    const at = env().clock.now().toISOString();
    const base = {
      meeting_id: topic.meetingId!,
      topic_id: topic.id,
      text: '议定事项',
      co_unit_ids: '[]',
      level: 0,
      created_by: env().demo.userByName.msc_zhou!,
      created_at: at,
      updated_at: at,
    };
    const gone = await db
      .insertInto('meeting_decision')
      .values({ ...base, seq: 91, lead_unit_id: dissolved.id, due_date: '2026-04-30' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const undated = await db
      .insertInto('meeting_decision')
      .values({ ...base, seq: 92, lead_unit_id: env().demo.unitByCode.housing!, due_date: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await checkLooseEnds(env().ctx)).filter((f) => f.type === 'decision').sort((a, b) => a.id - b.id)).toEqual([
      { module: 'meetings', type: 'decision', id: gone.id, problem: 'no_owner_unit' },
      { module: 'meetings', type: 'decision', id: undated.id, problem: 'no_time_limit' },
    ]);
    await db.deleteFrom('meeting_decision').where('id', 'in', [gone.id, undated.id]).execute();
    expect(await checkLooseEnds(env().ctx)).toEqual([]);
  });

  it('library: a 查阅申请 waits for the item’s filer within 3 working days; a disabled filer is caught, a decision ends it', async () => {
    const item = await buildLibraryItem(env(), { catalog: true, scope: 'scoped' });
    const svc = env().ctx.services.library as LibraryService;
    const req = await svc.requestAccess(await actorOf(env(), 'jyj_dong'), item.id, { reason: '起草材料需要参考' });
    const seen = (await board(env(), 'dys_guo')).items.find((i) => i.module === 'library' && i.id === req.id);
    expect(seen).toMatchObject({ type: 'access_request', deadline: '2026-03-05', light: 'yellow', link: '/library/requests' });
    expect((await board(env(), 'jyj_dong')).items.some((i) => i.module === 'library' && i.id === req.id)).toBe(true);
    await withDisabled(env(), 'dys_guo', async () => {
      expect(await checkLooseEnds(env().ctx)).toContainEqual({ module: 'library', type: 'access_request', id: req.id, problem: 'no_responsible_person' });
    });
    await svc.decideRequest(await actorOf(env(), 'dys_guo'), req.id, { action: 'grant', version: 1 });
    expect((await board(env(), 'dys_guo')).items.some((i) => i.module === 'library' && i.id === req.id)).toBe(false);
    expect(await checkLooseEnds(env().ctx)).toEqual([]);
  });

  it('npm run cli -- check-loose-ends, as its own process: exit 0 on the clean office, 3 with one line per finding when a responsible person is disabled', async () => {
    const built = await buildSupervisionItem(env(), { stage: 'issued', units: ['emergency'] });
    const clean = await runCli(env());
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('均无缺失');
    await withDisabled(env(), 'yjj_cao', async () => {
      const r = await runCli(env());
      expect(r.code).toBe(3);
      expect(r.stdout).toContain(`督查督办\t督办任务\t#${built.tasks[0]!.id}\t${built.number}\t缺少在岗的责任人（no_responsible_person）`);
    });
  }, 240_000);

  it('check-loose-ends prints one line per finding and exits 3, 0 when clean; the daily job tells the office directors the count only and comes back the next day', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    expect(await checkLooseEndsCommand.run(env().ctx, {})).toBe(0);
    expect(logs.at(-1)).toMatch(/^件件有着落：\d+ 个模块均无缺失/);
    const built = await buildSupervisionItem(env(), { stage: 'issued', units: ['housing'] });
    const taskId = built.tasks[0]!.id;
    const ctx = env().ctx;
    await withDisabled(env(), 'zjj_peng', async () => {
      logs.length = 0;
      expect(await checkLooseEndsCommand.run(ctx, {})).toBe(3);
      expect(logs).toContain(`督查督办\t督办任务\t#${taskId}\t${built.number}\t缺少在岗的责任人（no_responsible_person）`);
      expect(logs.at(-1)).toBe(`共 ${logs.length - 1} 处缺失`);
      // the daily job
      await ctx.db.transaction().execute((trx) => scheduleLooseEndsCheck(ctx, trx));
      await ctx.db.transaction().execute((trx) => scheduleLooseEndsCheck(ctx, trx)); // idempotent
      const pending = () => ctx.db.selectFrom('job').select(['due_at']).where('kind', '=', LOOSE_ENDS_JOB).where('status', '=', 'pending').execute();
      expect(await pending()).toEqual([{ due_at: '2026-03-03T00:00:00.000Z' }]);
      env().clock.advance(86_400_000);
      try {
        expect(await ctx.scheduler.runDue()).toBeGreaterThanOrEqual(1);
        const notes = await ctx.db
          .selectFrom('notification')
          .select(['user_id', 'title', 'body', 'link'])
          .where('kind', '=', 'system.loose_ends')
          .orderBy('user_id')
          .execute();
        const directors = ['zr_chen', 'fzr_liu'].map((u) => env().demo.userByName[u]!).sort((a, b) => a - b);
        expect(notes.map((n) => n.user_id)).toEqual(directors);
        const count = (await checkLooseEnds(ctx)).length;
        expect(notes[0]!.title).toBe(`件件有着落检查：${count} 处缺失`);
        // the count only: no item's title or number
        expect(`${notes[0]!.title}${notes[0]!.body}`).not.toContain(built.number);
        expect(await pending()).toEqual([{ due_at: '2026-03-04T00:00:00.000Z' }]);
      } finally {
        env().clock.advance(-86_400_000);
      }
    });
  });
});
