/**
 * Starts Zhongshu: reads config, opens and migrates the database, seeds the demo, listens.
 *
 * With `ZHONGSHU_WORKERS` above 1 (or "auto": one per CPU) this process migrates and seeds, then
 * forks that many app processes sharing the port (node:cluster) and replaces any that dies. They
 * share the database like several app servers do: SQLite in WAL mode lets their reads run in
 * parallel and serializes their writes (transactions begin immediate); the audit chain, numbering,
 * rate limits and jobs live in the database. Worker 0 runs the scheduler.
 */
import cluster, { type Worker } from 'node:cluster';
import { buildApp, createContext } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { ROLE_NAMES } from '../common/enums.js';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, seedDemo } from './db/seed-demo.js';
import { withStartupLock } from './db/startup-lock.js';
import { MODULES } from './modules/index.js';
import { scheduleLooseEndsCheck } from './modules/system/system.loose-ends.js';

function banner(config: Config): void {
  const where = config.db.kind === 'sqlite' ? config.db.file : 'PostgreSQL';
  const procs = config.workers > 1 ? `, ${config.workers} 个服务进程` : '';
  console.log(`\n中枢 Zhongshu 已启动: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}  (数据库: ${where}${procs})`);
  if (config.demo) {
    console.log(`演示账号 (密码均为 ${DEMO_PASSWORD}):`);
    const unitName = new Map(DEMO_UNITS.map(([code, , short]) => [code, short]));
    for (const [u, name, unit, roles] of DEMO_USERS)
      console.log(`  ${u.padEnd(12)} ${name}\t${unitName.get(unit) ?? unit}\t${roles.map((r) => ROLE_NAMES[r].zh).join('、')}`);
  }
}

/** One app process: the whole server (workers = 1), or a forked worker. */
async function serve(config: Config): Promise<void> {
  const database = openDatabase(config.db, { checkpointer: true });
  const worker = cluster.isWorker ? Number(process.env.ZHONGSHU_WORKER_INDEX ?? 0) : null;
  // several app servers may start at once on one database: one migrates and seeds at a time
  const { app, ctx } = await withStartupLock(database, async () => {
    if (worker === null) await migrateToLatest(database.db, MODULES);
    const built = await buildApp({ config, database, modules: MODULES });
    if (worker === null && config.demo && (await seedDemo(built.ctx))) built.app.log.info('demo office seeded');
    return built;
  });
  if (worker === null || worker === 0) {
    // 件件有着落: the daily office-wide check (idempotent: one job per due time)
    await ctx.db.transaction().execute((trx) => scheduleLooseEndsCheck(ctx, trx));
    ctx.scheduler.start(config.schedulerIntervalMs);
    if (database.sqlite) setInterval(() => database.sqlite!.pragma('optimize'), 3_600_000).unref();
  }
  // another app process may have changed the holiday calendar
  setInterval(() => void ctx.calendar.load(ctx.db).catch((err: unknown) => app.log.error({ err }, 'calendar reload failed')), 60_000).unref();
  await app.listen({ port: config.port, host: config.host });
  if (worker === null) banner(config);
  const stop = async () => {
    ctx.scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The primary of several app processes: prepares the database, then keeps `workers` running. */
async function supervise(config: Config): Promise<void> {
  const database = openDatabase(config.db);
  await withStartupLock(database, async () => {
    await migrateToLatest(database.db, MODULES);
    if (config.demo) {
      const ctx = await createContext({ config, database, modules: MODULES });
      if (await seedDemo(ctx)) console.log('demo office seeded');
    }
  });
  await database.close();
  let stopping = false;
  let listening = 0;
  const workers = new Map<number, Worker>();
  const fork = (index: number) => {
    const w = cluster.fork({ ZHONGSHU_WORKER_INDEX: String(index) });
    workers.set(index, w);
    w.once('listening', () => {
      if (++listening === config.workers) banner(config);
    });
    w.once('exit', (code, signal) => {
      workers.delete(index);
      if (stopping) {
        if (!workers.size) process.exit(0);
        return;
      }
      console.error(`服务进程 ${index} 退出 (code ${code}, signal ${signal})，1 秒后重启 / worker ${index} exited, restarting`);
      // not unref'd: with every worker gone, this timer is what keeps the primary alive to restart them
      setTimeout(() => {
        if (!stopping) fork(index);
      }, 1000);
    });
  };
  for (let i = 0; i < config.workers; i++) fork(i);
  const stop = (sig: NodeJS.Signals) => {
    stopping = true;
    if (!workers.size) process.exit(0);
    for (const w of workers.values()) w.process.kill(sig);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  if (config.workers > 1 && cluster.isPrimary) await supervise(config);
  else await serve(config);
}

main().catch((err: unknown) => {
  console.error('启动失败 / start-up failed:', err);
  process.exit(1);
});
