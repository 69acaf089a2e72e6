/**
 * Test factory: a 督查事项 in one call, through `SupervisionService` (the same use cases as the
 * routes, with their checks, audit entries, notices and notifications), on whichever dialect the
 * environment runs.
 */
import type { Criteria, RegisterInput, SupervisionService } from '../../server/modules/supervision/supervision.service.js';
import { CLOSING_CRITERIA } from '../../server/modules/supervision/supervision.constants.js';
import type { TestEnv } from '../harness.js';
import { actorOf } from './actors.js';

/**
 * How far the item has gone: 立项 and 分解 (tasks not yet issued), 交办 (tasks in progress), every
 * unit has asked to close (申请办结, tasks awaiting review), 督查室 accepted every task (事项办结, 待回访),
 * or 回访销号.
 */
export type SupervisionStage = 'registered' | 'issued' | 'reported' | 'concluded' | 'closed';

/** The liaison of each demo unit, who is the responsible person of its task by default. */
export const DEMO_LIAISONS: Readonly<Record<string, string>> = {
  ndrc: 'fgw_xu',
  finance: 'czj_han',
  ecology: 'sthj_feng',
  emergency: 'yjj_cao',
  housing: 'zjj_peng',
  education: 'jyj_dong',
  district_qingshan: 'qs_yuan',
  district_jiangbei: 'jb_pan',
};

/** Options of `buildSupervisionItem`. */
export interface SupervisionItemOptions {
  /** Default 'registered'. */
  stage?: SupervisionStage;
  /** The 督查室 user who registers and issues (default 张伟, dcs_zhang). */
  officer?: string;
  /**
   * Who approves 办结 and 销号 (default 督查室's 处长 黄振华, dcs_huang; 销号 of a 批示件 by the 办公厅主任 刘海燕, fzr_liu,
   * as the default approver table of the module settings wants).
   */
  approver?: string;
  /** Unit codes of the tasks, lead unit first (default ['housing']). */
  units?: string[];
  /** Responsible person (username) per unit code; default the unit's liaison (`DEMO_LIAISONS`). */
  persons?: Record<string, string>;
  /** Overrides of the 立项 input (title, level, deadline, source…); units come from `units`. */
  input?: Partial<Omit<RegisterInput, 'leadUnitId' | 'coUnitIds'>>;
}

/** One task of a built item. */
export interface BuiltSupervisionTask {
  id: number;
  unitId: number;
  version: number;
  status: string;
}

/** An item built by the factory, with its tasks (as its officer sees them). */
export interface BuiltSupervisionItem {
  id: number;
  number: string;
  version: number;
  status: string;
  tasks: BuiltSupervisionTask[];
}

const STAGES: SupervisionStage[] = ['registered', 'issued', 'reported', 'concluded', 'closed'];

/** Builds a supervision item up to `stage` (default 立项 with its tasks split), through `SupervisionService`. */
export async function buildSupervisionItem(env: TestEnv, opts: SupervisionItemOptions = {}): Promise<BuiltSupervisionItem> {
  const svc = env.ctx.services.supervision as SupervisionService | undefined;
  if (!svc) throw new Error('the supervision module is not in this test environment');
  const reached = (s: SupervisionStage) => STAGES.indexOf(opts.stage ?? 'registered') >= STAGES.indexOf(s);
  const officer = await actorOf(env, opts.officer ?? 'dcs_zhang');
  const unitCodes = opts.units ?? ['housing'];
  const unitId = (code: string) => {
    const id = env.demo.unitByCode[code];
    if (id === undefined) throw new Error(`no demo unit ${code}`);
    return id;
  };
  const personOf = (code: string) => {
    const name = opts.persons?.[code] ?? DEMO_LIAISONS[code];
    if (!name) throw new Error(`no responsible person for unit ${code}: pass persons`);
    return name;
  };
  const deadline = opts.input?.deadline ?? '2026-04-30';
  const registered = await svc.register(officer, {
    source: 'decision',
    title: '督办老旧小区改造工作',
    requirement: '6月底前全部开工，每月反馈进展',
    level: 0,
    deadline,
    ...opts.input,
    leadUnitId: unitId(unitCodes[0]!),
    coUnitIds: unitCodes.slice(1).map(unitId),
  });
  const id = registered.item.id;
  let detail = await svc.split(officer, id, {
    version: registered.item.version,
    tasks: unitCodes.map((code) => ({ unitId: unitId(code), responsibleUserId: env.demo.userByName[personOf(code)]!, deadline })),
  });
  if (reached('issued')) detail = await svc.issue(officer, id, { version: detail.item.version });
  if (reached('reported')) {
    for (const code of unitCodes) {
      const task = detail.tasks.find((t) => t.unitId === unitId(code))!;
      await svc.report(await actorOf(env, personOf(code)), task.id, { version: task.version, content: `${code}：任务已完成，申请办结`, final: true });
    }
    detail = await svc.getItem(officer, id);
  }
  if (reached('concluded')) {
    const criteria = Object.fromEntries(CLOSING_CRITERIA.map((c) => [c, true])) as Criteria;
    const approver = await actorOf(env, opts.approver ?? 'dcs_huang');
    for (const task of detail.tasks) await svc.review(approver, task.id, { version: task.version, decision: 'accept', criteria });
    detail = await svc.getItem(officer, id);
  }
  if (reached('closed')) {
    const closer = await actorOf(env, opts.approver ?? (opts.input?.source === 'instruction' ? 'fzr_liu' : 'dcs_huang'));
    detail = await svc.followUp(closer, id, { version: detail.item.version, note: '经回访，群众满意', rating: 5 });
  }
  return {
    id,
    number: detail.item.number,
    version: detail.item.version,
    status: detail.item.status,
    tasks: detail.tasks.map((t) => ({ id: t.id, unitId: t.unitId, version: t.version, status: t.status })),
  };
}
