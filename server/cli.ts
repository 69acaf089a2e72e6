/**
 * Administration commands: `npm run cli -- <command> [--flag value]`.
 *   create-admin --username U --name N --role sysadmin|secadmin|auditor --password P [--unit-code C]
 *   reset-password --username U --password P
 *   verify-audit [--anchor FILE]
 *   backup --out DIR [--include-audit-key]
 *   restore --from DIR [--to DATA_DIR] [--db postgres://…]
 * and each module's commands, e.g. check-loose-ends (the system module's: every module's 件件有着落 check, exit 3 on any finding).
 */
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { withStartupLock } from './db/startup-lock.js';
import { createContext } from './app.js';
import type { AppContext } from './platform/module.js';
import { SYSTEM_ACTOR } from './platform/actor.js';
import path from 'node:path';
import { AuditTrail, loadAuditKey, type BrokenEntry } from './platform/audit.js';
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
    if (!m.auditKey && !config.auditKey)
      console.log(
        `审计密钥不随备份：请由密钥保管人将其放回 ${path.join(to, 'audit.key')}（或设置 ZHONGSHU_AUDIT_KEY）后再启动 / the audit key is not in the backup: its custodian puts it back as ${path.join(to, 'audit.key')} (or sets ZHONGSHU_AUDIT_KEY) before the start`,
      );
    return 0;
  }
  const database = openDatabase(config.db);
  try {
    await withStartupLock(database, () => migrateToLatest(database.db, MODULES));
    const ctx = await createContext({ config, database, modules: MODULES });
    switch (command) {
      case 'create-admin':
        return await createAdmin(ctx, args);
      case 'reset-password':
        return await resetPassword(ctx, args);
      case 'verify-audit':
        return await verifyAudit(ctx, config, args);
      case 'backup':
        return await runBackup(ctx, database, config, args);
      default:
        return await moduleCommandOrUsage(ctx, command, args);
    }
  } finally {
    await database.close();
  }
}

/** create-admin: one 三员 account, created outside the web (first start without the demo). */
async function createAdmin(ctx: AppContext, args: Record<string, string>): Promise<number> {
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

/** reset-password: a one-time password; the user changes it at the next login. */
async function resetPassword(ctx: AppContext, args: Record<string, string>): Promise<number> {
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

/** verify-audit: checks the chain (against a kept anchor with --anchor FILE). */
async function verifyAudit(ctx: AppContext, config: Config, args: Record<string, string>): Promise<number> {
  // --anchor FILE: an anchor the operator keeps apart (a copy of audit.anchor and audit.anchor.log)
  const trail = args.anchor ? new AuditTrail(loadAuditKey(config.auditKey, config.dataDir), ctx.clock, path.resolve(args.anchor)) : ctx.audit;
  const r = await trail.verify(ctx.db);
  if (r.ok) console.log(`审计链完整 / audit chain OK: ${r.checked} entries (${r.algo})`);
  else console.log(`审计链被破坏 / audit chain BROKEN at entry #${r.firstBroken!.seq}: ${brokenText(r.firstBroken!)}; ${r.checked} entries before it verified`);
  return r.ok ? 0 : 2;
}

/** backup: database and attachments (the audit key only when asked). */
async function runBackup(ctx: AppContext, database: Database, config: Config, args: Record<string, string>): Promise<number> {
  need(args, 'out');
  const includeAuditKey = args['include-audit-key'] === 'true';
  if (includeAuditKey)
    console.error(
      '警告：备份将包含审计密钥。持有此备份者可改写审计记录并重算校验值；请将备份交由密钥保管人保管 / WARNING: the backup includes the audit key; whoever holds it can rewrite audit entries and recompute their hashes',
    );
  // anchor the chain as it is now, so the backup carries the anchor of its own entries
  const v = await ctx.audit.verify(ctx.db);
  if (!v.ok) console.error(`警告：审计链被破坏 / WARNING: audit chain BROKEN at entry #${v.firstBroken!.seq}: ${brokenText(v.firstBroken!)}`);
  const m = await backup(database, config.dataDir, args.out!, config.db.kind === 'postgres' ? config.db.url : undefined, { includeAuditKey });
  console.log(`已备份 / backup written to ${args.out}: ${m.database.file} (${m.database.size} bytes), ${m.files.length} attachments`);
  console.log(
    m.auditKey
      ? '审计密钥已随备份 / the audit key is in the backup'
      : '审计密钥未随备份（由密钥保管人另行保管）/ the audit key is not in the backup (its custodian keeps it apart)',
  );
  return 0;
}

/** A module's own command (e.g. check-loose-ends), or the usage. */
async function moduleCommandOrUsage(ctx: AppContext, command: string, args: Record<string, string>): Promise<number> {
  for (const m of MODULES) {
    const c = m.commands?.[command];
    if (c) return await c.run(ctx, args);
  }
  console.log(
    '用法 / usage: npm run cli -- <command>\n  create-admin --username U --name N --role sysadmin|secadmin|auditor --password P\n  reset-password --username U --password P\n  verify-audit [--anchor FILE]\n  backup --out DIR [--include-audit-key]\n  restore --from DIR [--to DATA_DIR]',
  );
  for (const m of MODULES) for (const [name, c] of Object.entries(m.commands ?? {})) console.log(`  ${name}  — ${c.summary}`);
  return command === 'help' ? 0 : 64;
}

function brokenText(b: BrokenEntry): string {
  const why: Record<BrokenEntry['reason'], string> = {
    hash_mismatch: '内容被改动 / altered',
    prev_hash_mismatch: '链接被改动 / chain link altered',
    missing_entries: '前面的记录被删除 / entries before it deleted',
    unknown_algorithm: '未知算法 / unknown algorithm',
    truncated: '自此起的记录被删除 / entries from here on deleted',
    anchor_mismatch: '与锚点记录不符（持密钥者改写）/ differs from the anchor (rewritten with the key)',
  };
  return `${why[b.reason]} (${b.reason})`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof AppError ? errorMessage(err.code, 'zh-CN', err.params) : err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
