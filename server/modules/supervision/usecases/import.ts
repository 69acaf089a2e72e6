/** 台账 import: every row validated and reported row by row; 'all' imports nothing if a row is invalid, 'valid' exactly the valid rows. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { activeUnits, activeUsers } from '../repo/supervision.lists.js';
import type { RegisterInput } from '../supervision.constants.js';
import { readImportRows } from '../supervision.excel.js';
import { supervisionPolicy } from '../supervision.policy.js';
import { today as todayOf } from './common.js';
import { registerWithTasks } from './register-with-tasks.js';

/**
 * 台账 import: validates every row and reports row by row. `mode` 'all' imports nothing if any row
 * is invalid; 'valid' imports exactly the valid rows. Either way the import is one transaction.
 */
export async function importLedger(ctx: AppContext, actor: Actor, buffer: Buffer, mode: 'all' | 'valid', dryRun = false) {
  authorize(actor, supervisionPolicy.register, null, { action: 'supervision.import', targetType: 'supervision_item', code: 'supervision.not_office' });
  let read: Awaited<ReturnType<typeof readImportRows>>;
  try {
    read = await readImportRows(buffer);
  } catch {
    throw new RuleError('supervision.import_file');
  }
  if ('header' in read) {
    const { missing, unknown, duplicate } = read.header;
    const list = (names: string[]) => names.map((n) => `“${n}”`).join('、') || '—';
    throw new RuleError('supervision.import_columns', { missing: list(missing), unknown: list([...unknown, ...duplicate]) }, read.header);
  }
  const rows = read.rows;
  const units = await activeUnits(ctx.db);
  const users = await activeUsers(ctx.db);
  const unitOf = (name: string) => units.find((u) => u.short_name === name || u.name === name);
  const sources: Record<string, RegisterInput['source']> = { 决策督查: 'decision', 专项督查: 'instruction', 考核督查: 'assessment' };
  const cadences: Record<string, RegisterInput['cadence']> = { '': 'once', 一次性: 'once', 每周: 'weekly', 每月: 'monthly' };
  const levels: Record<string, number> = { '': 0, 公开: 0, 内部: 1, 秘密: 2, 机密: 3 };
  const enabled = (await ctx.settings.get(ctx.db)).value.enabledLevels;
  const today = todayOf(ctx);
  const report: { row: number; ok: boolean; errors: string[]; title: string; number?: string }[] = [];
  const valid: { row: number; input: RegisterInput }[] = [];
  for (const { row, values: v, problems } of rows) {
    const errors: string[] = Object.values(problems);
    const unread = (col: keyof typeof problems) => problems[col] !== undefined;
    if (!v.事项 && !unread('事项')) errors.push('缺少“事项”');
    if (v.事项.length > 200) errors.push('“事项”超过200字');
    if (!v.工作要求 && !unread('工作要求')) errors.push('缺少“工作要求”');
    const source = sources[v.来源];
    if (!source && !unread('来源')) errors.push(`“来源”须为 决策督查/专项督查/考核督查（现为“${v.来源}”）`);
    const lead = unitOf(v.牵头单位);
    if (!lead && !unread('牵头单位')) errors.push(`牵头单位“${v.牵头单位}”不存在`);
    const co = v.协办单位 ? v.协办单位.split(/[、,，;；\s]+/).filter(Boolean) : [];
    const coUnits = co.map((n) => ({ n, u: unitOf(n) }));
    for (const c of coUnits) if (!c.u) errors.push(`协办单位“${c.n}”不存在`);
    const leader = v.责任领导 ? users.filter((u) => u.name === v.责任领导) : [];
    if (v.责任领导 && leader.length !== 1) errors.push(leader.length ? `责任领导“${v.责任领导}”重名，请在系统中指定` : `责任领导“${v.责任领导}”不存在`);
    const instructor = v.批示领导 ? users.filter((u) => u.name === v.批示领导) : [];
    if (!unread('时限')) {
      if (!v.时限) errors.push('缺少“时限”');
      else if (v.时限 < today) errors.push('“时限”早于今天');
    }
    const level = levels[v.密级];
    if (!unread('密级')) {
      if (level === undefined || !enabled.includes(level)) errors.push(`密级“${v.密级}”未启用`);
      else if (level > actor.clearance) errors.push('密级高于您的涉密等级');
    }
    const cadence = cadences[v.反馈周期];
    if (!cadence && !unread('反馈周期')) errors.push(`“反馈周期”须为 一次性/每周/每月（现为“${v.反馈周期}”）`);
    report.push({ row, ok: errors.length === 0, errors, title: v.事项 });
    if (!errors.length)
      valid.push({
        row,
        input: {
          source: source!,
          title: v.事项,
          requirement: v.工作要求,
          instructedBy: v.批示领导 || null,
          instructedById: instructor.length === 1 ? instructor[0]!.id : null,
          instructionText: v.批示内容 || null,
          leadUnitId: lead!.id,
          coUnitIds: coUnits.map((c) => c.u!.id),
          responsibleLeaderId: leader[0]?.id ?? null,
          deadline: v.时限,
          level: level!,
          cadence: cadence!,
          sourceRef: '台账导入',
        },
      });
  }
  const invalid = report.filter((r) => !r.ok).length;
  if (dryRun || (mode === 'all' && invalid > 0) || valid.length === 0) return { imported: 0, invalid, total: report.length, rows: report, committed: false };
  await ctx.db.transaction().execute(async (trx) => {
    for (const v of valid) {
      const res = await registerWithTasks(ctx, trx, actor, { ...v.input, sourceType: 'import', sourceId: v.row });
      const r = report.find((x) => x.row === v.row)!;
      r.number = res.number;
    }
    await ctx.audit.append(trx, { actor, action: 'supervision.import', detail: { mode, imported: valid.length, invalid } });
  });
  return { imported: valid.length, invalid, total: report.length, rows: report, committed: true };
}
