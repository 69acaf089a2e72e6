/**
 * 件件有着落, office-wide: the board of open items (`GET /api/loose-ends`), fed by every started module's
 * `looseEnds` provider, and the checker (`npm run cli -- check-loose-ends`, and the daily job that tells
 * the office directors how many findings there are — the count only, no business text).
 */
import type { Db, Trx } from '../../db/client.js';
import { isBusinessUser, type Actor } from '../../platform/actor.js';
import { ForbiddenError } from '../../platform/errors.js';
import type { AppContext, LooseEnd, LooseEndProblem, ModuleCommand, OpenItem } from '../../platform/module.js';
import { unitNames, userNames } from '../../platform/names.js';
import type { Job } from '../../platform/scheduler.js';
import type { Light } from '../../../common/enums.js';
import { activeDirectorIds } from './system.repo.js';

/** The daily check's job kind. */
export const LOOSE_ENDS_JOB = 'system.loose_ends_check';
/** The board's default and largest number of items per module. */
export const BOARD_PER_MODULE = { default: 200, max: 500 } as const;

/** Business modules' names on the board (a module not listed shows its key). */
export const MODULE_NAMES: Record<string, { zh: string; en: string }> = {
  supervision: { zh: '督查督办', en: 'Supervision' },
  documents: { zh: '公文', en: 'Documents' },
  meetings: { zh: '会议', en: 'Meetings' },
  library: { zh: '资源共享', en: 'Library' },
  information: { zh: '信息报送', en: 'Information' },
  research: { zh: '调查研究', en: 'Research' },
  assessment: { zh: '考核', en: 'Assessment' },
  duty: { zh: '政务值班', en: 'Duty desk' },
  reception: { zh: '政务接待', en: 'Reception' },
  petitions: { zh: '信访', en: 'Petitions' },
  archives: { zh: '档案', en: 'Archives' },
};

/** What a finding means, in Chinese (the CLI prints it). */
export const PROBLEM_NAMES: Record<LooseEndProblem, string> = {
  no_owner_unit: '缺少在用的责任单位',
  no_responsible_person: '缺少在岗的责任人',
  no_time_limit: '缺少办理时限',
  no_outcome: '已办结但未记录办理结果',
  orphaned: '无人在办（没有在办的任务）',
};

/** Item types in Chinese, by `module.type` (a type not listed prints its key). */
export const TYPE_NAMES: Record<string, string> = {
  'supervision.item': '督查事项',
  'supervision.task': '督办任务',
  'documents.incoming': '收文',
  'documents.outgoing': '发文',
  'meetings.meeting': '会议',
  'meetings.minutes': '会议纪要',
  'meetings.decision': '议定事项',
  'library.access_request': '查阅申请',
  'information.item': '信息',
  'information.event': '已知事件',
  'information.instruction': '领导批示',
  'information.request_unit': '约稿未报单位',
  'information.request': '约稿',
  'duty.entry': '值班登记',
  'duty.report': '突发事件报告',
  'duty.swap': '换班申请',
  'petitions.case': '信访件',
  'petitions.follow_up': '信访回访',
  'assessment.scheme': '考核方案',
  'assessment.expert_scoring': '专家评分',
  'reception.reception_item': '接待任务',
  'reception.reception_plan': '接待方案',
  'archives.archive_loan': '档案借阅',
};

const moduleName = (m: string) => MODULE_NAMES[m] ?? { zh: m, en: m };
type Counts = { total: number; red: number; yellow: number; green: number; none: number };
const zero = (): Counts => ({ total: 0, red: 0, yellow: 0, green: 0, none: 0 });
function count(c: Counts, light: Light): void {
  c.total++;
  c[light]++;
}

/** The board for `actor`: each module's open items the actor may see (at most `perModule` each), with lights and counts by light, module and unit. The 三员 are refused. */
export async function looseEndsBoard(ctx: AppContext, actor: Actor, perModule: number) {
  if (!isBusinessUser(actor)) throw new ForbiddenError();
  const now = ctx.clock.now();
  const open: OpenItem[] = [];
  const truncated: string[] = [];
  for (const m of ctx.modules) {
    if (!m.looseEnds) continue;
    const got = await m.looseEnds.open(ctx.db, actor, { limit: perModule + 1 });
    if (got.length > perModule) truncated.push(m.name);
    open.push(...got.slice(0, perModule));
  }
  const units = await unitNames(
    ctx.db,
    open.map((i) => i.ownerUnitId),
    'short',
  );
  const users = await userNames(
    ctx.db,
    open.map((i) => i.ownerUserId),
  );
  const byLight = zero();
  const byModule = new Map<string, Counts>();
  const byUnit = new Map<number | null, Counts>();
  const items = open.map((i) => {
    const light = ctx.calendar.light(i.deadline, now);
    count(byLight, light);
    if (!byModule.has(i.module)) byModule.set(i.module, zero());
    count(byModule.get(i.module)!, light);
    if (!byUnit.has(i.ownerUnitId)) byUnit.set(i.ownerUnitId, zero());
    count(byUnit.get(i.ownerUnitId)!, light);
    return {
      ...i,
      moduleName: moduleName(i.module),
      ownerUnit: i.ownerUnitId === null ? null : (units.get(i.ownerUnitId) ?? null),
      ownerUser: i.ownerUserId === null ? null : (users.get(i.ownerUserId) ?? null),
      light,
    };
  });
  const order = { none: 0, red: 1, yellow: 2, green: 3 } as const;
  items.sort(
    (a, b) => order[a.light] - order[b.light] || (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.module.localeCompare(b.module) || a.id - b.id,
  );
  return {
    items,
    truncated,
    byLight,
    byModule: [...byModule].map(([module, c]) => ({ module, moduleName: moduleName(module), ...c })),
    byUnit: [...byUnit]
      .map(([unitId, c]) => ({ unitId, unit: unitId === null ? null : (units.get(unitId) ?? null), ...c }))
      .sort((a, b) => b.total - a.total || (a.unitId ?? 0) - (b.unitId ?? 0)),
  };
}

/** Every started module's findings (ids and codes only). */
export async function checkLooseEnds(ctx: AppContext, db: Db | Trx = ctx.db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  for (const m of ctx.modules) if (m.looseEnds) out.push(...(await m.looseEnds.check(db)));
  return out;
}

/** One finding as the CLI prints it: module, type, id, number, problem in Chinese. */
export function findingLine(f: LooseEnd): string {
  return [
    moduleName(f.module).zh,
    TYPE_NAMES[`${f.module}.${f.type}`] ?? f.type,
    `#${f.id}`,
    f.number ?? '—',
    `${PROBLEM_NAMES[f.problem] ?? f.problem}（${f.problem}）`,
  ].join('\t');
}

/** `npm run cli -- check-loose-ends`: prints one line per finding, exits 3 on any. */
export const checkLooseEndsCommand: ModuleCommand = {
  summary: '件件有着落：列出各模块未办结却缺少责任单位、责任人或时限的事项，及已办结未记录结果的事项（有则退出码 3）',
  async run(ctx) {
    const found = await checkLooseEnds(ctx);
    for (const f of found) console.log(findingLine(f));
    const modules = ctx.modules.filter((m) => m.looseEnds).map((m) => m.name);
    console.log(found.length === 0 ? `件件有着落：${modules.length} 个模块均无缺失（${modules.join('、')}）` : `共 ${found.length} 处缺失`);
    return found.length === 0 ? 0 : 3;
  },
};

/** The next daily run: 08:00 China time (00:00 UTC) after `now`. */
export function nextLooseEndsRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return d.getTime() > now.getTime() ? d : new Date(d.getTime() + 86_400_000);
}

/** Makes sure the daily check is scheduled (idempotent: one job per due time). */
export async function scheduleLooseEndsCheck(ctx: AppContext, trx: Trx): Promise<void> {
  await ctx.scheduler.schedule(trx, { kind: LOOSE_ENDS_JOB, targetType: 'system', targetId: 0, dueAt: nextLooseEndsRun(ctx.clock.now()) });
}

/** The daily job: runs the check, tells the office directors the count (no business text), schedules the next run. */
export async function runLooseEndsCheckJob(ctx: AppContext, trx: Trx, _job: Job): Promise<void> {
  const found = await checkLooseEnds(ctx, trx);
  if (found.length > 0)
    await ctx.notifier.send(trx, await activeDirectorIds(trx), {
      kind: 'system.loose_ends',
      title: `件件有着落检查：${found.length} 处缺失`,
      body: '有未办结事项缺少责任单位、责任人或时限，或已办结事项未记录结果；请运行检查或查看件件有着落。',
      link: '/loose-ends',
      level: 0,
    });
  await scheduleLooseEndsCheck(ctx, trx);
}
