/**
 * Administration commands: `npm run cli -- <command> [--flag value]`.
 *   create-admin --username U --name N --role sysadmin|secadmin|auditor --password P [--unit-code C]
 *   reset-password --username U --password P
 *   verify-audit
 *   backup --out DIR
 *   restore --from DIR [--to DATA_DIR] [--db postgres://…]
 * and each module's commands (e.g. check-loose-ends).
 */
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { withStartupLock } from './db/startup-lock.js';
import { createContext } from './app.js';
import { SYSTEM_ACTOR } from './platform/actor.js';
import { backup, restore } from './platform/backup.js';
import { iso } from './platform/clock.js';
import { AppError } from './platform/errors.js';
import { assertPasswordPolicy, hashPassword } from './platform/passwords.js';
import { errorMessage } from '../common/error-messages.js';
import { MODULES } from './modules/index.js';

function parseArgs(argv: string[]): { command: string; args: Record<string, string> } {
  const [command = 'help', ...rest] = argv;
  const args: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i]!;
    if (k.startsWith('--')) args[k.slice(2)] = rest[i + 1]?.startsWith('--') || rest[i + 1] === undefined ? 'true' : rest[++i]!;
  }
  return { command, args };
}

function need(args: Record<string, string>, ...names: string[]): void {
  const missing = names.filter((n) => !args[n]);
  if (missing.length) throw new Error(`缺少参数 / missing: ${missing.map((m) => `--${m}`).join(' ')}`);
}

async function main(): Promise<number> {
  const { command, args } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  if (command === 'restore') {
    need(args, 'from');
    const to = args.to ?? config.dataDir;
    const m = restore(args.from!, to, args.db ?? (config.db.kind === 'postgres' ? config.db.url : undefined));
    console.log(`已恢复 / restored ${m.dialect} backup of ${m.createdAt} into ${m.dialect === 'sqlite' ? to : 'the database'} (${m.files.length} attachments)`);
    return 0;
  }
  const database = openDatabase(config.db);
  try {
    await withStartupLock(database, () => migrateToLatest(database.db, MODULES));
    const ctx = await createContext({ config, database, modules: MODULES });
    switch (command) {
      case 'create-admin': {
        need(args, 'username', 'name', 'role', 'password');
        if (!['sysadmin', 'secadmin', 'auditor'].includes(args.role!)) throw new Error('--role must be sysadmin, secadmin or auditor');
        assertPasswordPolicy(args.password!, (await ctx.settings.get(ctx.db)).value);
        const hash = await hashPassword(args.password!);
        await ctx.db.transaction().execute(async (trx) => {
          const at = iso(ctx.clock.now());
          const code = args['unit-code'] ?? 'system_admin';
          let unit = await trx.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirst();
          unit ??= await trx
            .insertInto('unit')
            .values({ parent_id: null, name: '系统管理', short_name: '系统管理', kind: 'office', code, sort: 9999, active: 1, created_at: at, updated_at: at })
            .returning('id')
            .executeTakeFirstOrThrow();
          const user = await trx
            .insertInto('user')
            .values({
              username: args.username!.toLowerCase(),
              name: args.name!,
              unit_id: unit.id,
              clearance: 0,
              password_hash: hash,
              password_changed_at: at,
              must_change_password: 1,
              disabled: 0,
              created_at: at,
              updated_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx.insertInto('user_role').values({ user_id: user.id, role: args.role! }).execute();
          await ctx.audit.append(trx, {
            actor: SYSTEM_ACTOR,
            action: 'org.user_create',
            targetType: 'user',
            targetId: user.id,
            detail: { via: 'cli', role: args.role },
          });
        });
        console.log(`已创建 ${args.role} 账号 ${args.username}（首次登录须修改密码）`);
        return 0;
      }
      case 'reset-password': {
        need(args, 'username', 'password');
        assertPasswordPolicy(args.password!, (await ctx.settings.get(ctx.db)).value);
        const hash = await hashPassword(args.password!);
        const done = await ctx.db.transaction().execute(async (trx) => {
          const u = await trx.selectFrom('user').select('id').where('username', '=', args.username!.toLowerCase()).executeTakeFirst();
          if (!u) return false;
          await trx
            .updateTable('user')
            .set({ password_hash: hash, password_changed_at: iso(ctx.clock.now()), must_change_password: 1 })
            .where('id', '=', u.id)
            .execute();
          await trx.deleteFrom('session').where('user_id', '=', u.id).execute();
          await trx.deleteFrom('login_throttle').where('username', '=', args.username!.toLowerCase()).execute();
          await ctx.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'org.user_reset_password', targetType: 'user', targetId: u.id, detail: { via: 'cli' } });
          return true;
        });
        console.log(done ? `已重置 ${args.username} 的密码（下次登录须修改）` : `用户不存在: ${args.username}`);
        return done ? 0 : 1;
      }
      case 'verify-audit': {
        const r = await ctx.audit.verify(ctx.db);
        if (r.ok) console.log(`审计链完整 / audit chain OK: ${r.checked} entries (${r.algo})`);
        else
          console.log(`审计链被破坏 / audit chain BROKEN at entry #${r.firstBroken!.seq} (${r.firstBroken!.reason}); ${r.checked} entries before it verified`);
        return r.ok ? 0 : 2;
      }
      case 'backup': {
        need(args, 'out');
        const m = await backup(database, config.dataDir, args.out!, config.db.kind === 'postgres' ? config.db.url : undefined);
        console.log(`已备份 / backup written to ${args.out}: ${m.database.file} (${m.database.size} bytes), ${m.files.length} attachments`);
        return 0;
      }
      default: {
        for (const m of MODULES) {
          const c = m.commands?.[command];
          if (c) return await c.run(ctx, args);
        }
        console.log(
          '用法 / usage: npm run cli -- <command>\n  create-admin --username U --name N --role sysadmin|secadmin|auditor --password P\n  reset-password --username U --password P\n  verify-audit\n  backup --out DIR\n  restore --from DIR [--to DATA_DIR]',
        );
        for (const m of MODULES) for (const [name, c] of Object.entries(m.commands ?? {})) console.log(`  ${name}  — ${c.summary}`);
        return command === 'help' ? 0 : 64;
      }
    }
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof AppError ? errorMessage(err.code, 'zh-CN', err.params) : err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
