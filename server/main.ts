/** Starts Zhongshu: reads config, opens and migrates the database, seeds the demo, listens. */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './db/seed-demo.js';
import { MODULES } from './modules/index.js';

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
  const database = openDatabase(config.db);
  await migrateToLatest(database.db, MODULES);
  const { app, ctx } = await buildApp({ config, database, modules: MODULES });
  if (config.demo && (await seedDemo(ctx, MODULES))) app.log.info('demo office seeded');
  ctx.scheduler.start(config.schedulerIntervalMs);
  if (database.sqlite) setInterval(() => database.sqlite!.pragma('optimize'), 3_600_000).unref();
  // another app process may have changed the holiday calendar
  setInterval(() => void ctx.calendar.load(ctx.db).catch((err: unknown) => app.log.error({ err }, 'calendar reload failed')), 60_000).unref();
  await app.listen({ port: config.port, host: config.host });
  const where = config.db.kind === 'sqlite' ? config.db.file : 'PostgreSQL';
  console.log(`\n中枢 Zhongshu 已启动: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}  (数据库: ${where})`);
  if (config.demo) {
    console.log(`演示账号 (密码均为 ${DEMO_PASSWORD}):`);
    for (const [u, name, unit, roles] of DEMO_USERS) console.log(`  ${u.padEnd(12)} ${name}\t${unit}\t${roles.join(',')}`);
  }
  const stop = async () => {
    ctx.scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('启动失败 / start-up failed:', err);
  process.exit(1);
});
