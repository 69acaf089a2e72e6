/**
 * Demo data of 考核督查: this year's annual scheme, published, with the 考比树 (共性: 督办 on-time
 * and return rates computed from supervision, 组织考核 by the 督查室, 专业评估 by the rater 蒋芳;
 * 个性: one key task per unit), some scores already given; and next quarter's scheme as a draft.
 */
import type { Trx } from '../../db/client.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { periodDates } from './usecases/create-scheme.js';
import * as repo from './assessment.repo.js';

const UNITS = ['ndrc', 'finance', 'ecology', 'emergency', 'housing', 'education', 'district_qingshan', 'district_jiangbei'];
const KEY_TASKS: Record<string, string> = {
  ndrc: '重大项目推进',
  finance: '预算绩效管理',
  ecology: '污染防治攻坚',
  emergency: '安全生产专项整治',
  housing: '城镇老旧小区改造',
  education: '“双减”落实',
  district_qingshan: '营商环境优化',
  district_jiangbei: '乡村振兴示范',
};

type Node = { name: string; weight: number; scope: string; unit_id?: number; method?: string; auto_key?: string; rubric?: string; children?: Node[] };

async function insert(trx: Trx, schemeId: number, nodes: Node[], parent: number | null, at: string, seq: { n: number }, ids: Map<string, number>) {
  for (const n of nodes) {
    const id = await repo.insertIndicator(trx, {
      scheme_id: schemeId,
      parent_id: parent,
      seq: seq.n++,
      name: n.name,
      weight: n.weight,
      scope: n.scope,
      unit_id: n.unit_id ?? null,
      method: n.method ?? null,
      auto_key: n.auto_key ?? null,
      rubric: n.rubric ?? null,
      created_at: at,
      updated_at: at,
    });
    ids.set(n.name, id);
    await insert(trx, schemeId, n.children ?? [], id, at, seq, ids);
  }
}

/** Seeds the demo schemes (inside the demo-seeding transaction). */
export async function seedAssessmentDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const now = ctx.clock.now();
  const at = iso(now);
  const year = chinaYear(now);
  const unitIds = UNITS.map((c) => demo.unitByCode[c]).filter((u): u is number => !!u);
  const office = demo.userByName['dcs_huang']!;
  const rater = demo.userByName['py_jiang'];
  const base = {
    unit_ids: JSON.stringify(unitIds),
    top_n: 2,
    bottom_n: 2,
    results: null,
    closed_at: null,
    closed_by: null,
    created_by: office,
    created_at: at,
    updated_at: at,
  };
  const annual = periodDates('year', String(year))!;
  const schemeId = await repo.insertScheme(trx, {
    ...base,
    name: `${year}年度市直部门和区委办考核`,
    period_kind: 'year',
    period: String(year),
    period_from: annual.from,
    period_to: annual.to,
    status: 'published',
    published_at: at,
  });
  const tree: Node[] = [
    {
      name: '督查督办落实',
      weight: 50,
      scope: 'common',
      children: [
        { name: '督办按期办结率', weight: 60, scope: 'common', method: 'auto', auto_key: 'supervision.on_time_rate' },
        { name: '督办退回率', weight: 40, scope: 'common', method: 'auto', auto_key: 'supervision.return_rate' },
      ],
    },
    { name: '组织考核', weight: 20, scope: 'common', method: 'org', rubric: '对照年度目标责任书逐项核查，按完成质量评分（满分 100）；须注明核查依据。' },
    { name: '专业评估', weight: 15, scope: 'common', method: 'expert', rubric: '从工作成效、创新性、群众获得感三方面独立评分（满分 100）。' },
    {
      name: '个性指标',
      weight: 15,
      scope: 'common',
      children: UNITS.filter((c) => demo.unitByCode[c]).map((c) => ({
        name: KEY_TASKS[c]!,
        weight: 100,
        scope: 'specific',
        unit_id: demo.unitByCode[c]!,
        method: 'org',
        rubric: '按年度重点任务台账完成情况评分。',
      })),
    },
  ];
  const ids = new Map<string, number>();
  await insert(trx, schemeId, tree, null, at, { n: 1 }, ids);
  const orgScores = [92, 85, 78, 88, 70, 83, 90, 76];
  const expertScores = [88, 80, 75, 90, 72, 85, 86, 79];
  for (const [i, unitId] of unitIds.entries()) {
    const row = { scheme_id: schemeId, unit_id: unitId, evidence: null as string | null };
    await repo.upsertScore(
      trx,
      { ...row, indicator_id: ids.get('组织考核')!, rater_id: office, kind: 'org', score: orgScores[i]!, evidence: '年度目标责任书核查记录' },
      at,
    );
    if (rater && i < 5)
      await repo.upsertScore(trx, { ...row, indicator_id: ids.get('专业评估')!, rater_id: rater, kind: 'expert', score: expertScores[i]! }, at);
  }

  const q = Math.floor((Number(chinaDate(now).slice(5, 7)) - 1) / 3) + 1;
  const quarter = periodDates('quarter', `${year}Q${q}`)!;
  const draftId = await repo.insertScheme(trx, {
    ...base,
    name: `${year}年第${q}季度督查督办专项考核`,
    period_kind: 'quarter',
    period: `${year}Q${q}`,
    period_from: quarter.from,
    period_to: quarter.to,
    status: 'draft',
    published_at: null,
  });
  await insert(
    trx,
    draftId,
    [{ name: '督办按期办结率', weight: 100, scope: 'common', method: 'auto', auto_key: 'supervision.on_time_rate' }],
    null,
    at,
    { n: 1 },
    new Map(),
  );
}
