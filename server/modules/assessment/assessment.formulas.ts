/**
 * 考比树 arithmetic, pure (no database): the automatic indicators' formulas, the weight rule of the
 * indicator tree, and a unit's weighted score and the ranking with 先进 / 落后.
 */

/** The modules an automatic indicator reads its counts from, each through its own contract. */
export type AutoSource = 'supervision' | 'information' | 'documents' | 'meetings' | 'library' | 'research';

/** The counts an automatic indicator is computed from, by count key (one source's figures for one unit). */
export type AutoInputs = Record<string, number>;

/** A count a formula uses: its key in the source's figures and its name as shown (zh / en). */
export interface InputName {
  key: string;
  zh: string;
  en: string;
}

/** An automatic indicator: its name, the formula shown to users, the counts it uses and its score 0–100 from them. */
export interface AutoFormula {
  key: string;
  source: AutoSource;
  zh: string;
  en: string;
  formulaZh: string;
  formulaEn: string;
  inputs: readonly InputName[];
  score(c: AutoInputs): number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number) => round2(Math.min(100, Math.max(0, n)));
/** `part / whole × 100`, or `none` when `whole` is 0. */
const rate = (part: number | undefined, whole: number | undefined, none: number) => (whole ? clamp((100 * (part ?? 0)) / whole) : none);
const n = (c: AutoInputs, k: string) => c[k] ?? 0;

/** The names of every count a formula may use, by source and key. */
export const INPUT_NAMES: Readonly<Record<AutoSource, Readonly<Record<string, [string, string]>>>> = {
  supervision: { closed: ['办结数', 'tasks closed'], closedOnTime: ['按期办结数', 'closed on time'], returned: ['退回次数', 'returns'] },
  information: {
    reported: ['报送数', 'reports'],
    adopted: ['采用数', 'adopted'],
    instructions: ['批示数', 'instructions'],
    late: ['迟报数', 'late reports'],
    missed: ['漏报数', 'missed reports'],
  },
  documents: {
    issued: ['发文数', 'documents issued'],
    withinQuota: ['配额内发文数', 'issued within quota'],
    withinLength: ['篇幅合规数', 'within the length guide'],
  },
  meetings: {
    onAgenda: ['上会议题数', 'topics on the agenda'],
    firstPass: ['一次通过把关议题数', 'gates passed at first submission'],
    decisionsDue: ['到期议定事项数', 'decisions due'],
    decisionsOnTime: ['按期落实议定事项数', 'decisions done on time'],
  },
  library: { provided: ['提供数', 'provided'], applied: ['应用数', 'applied'], converted: ['转化数', 'converted'] },
  research: {
    due: ['到期课题数', 'topics due'],
    finishedOnTime: ['按期结题课题数', 'topics concluded on time'],
    conversions: ['成果转化数', 'conversions'],
    instruction: ['转化为领导批示数', 'turned into leaders’ instructions'],
    document: ['转化为文件数', 'turned into documents'],
    meeting_decision: ['转化为会议决策数', 'turned into meeting decisions'],
    supervision: ['转化为督办事项数', 'turned into supervision tasks'],
  },
};

function formula(
  key: string,
  source: AutoSource,
  names: [string, string],
  text: [string, string],
  keys: string[],
  score: (c: AutoInputs) => number,
): AutoFormula {
  const inputs = keys.map((k) => ({ key: k, zh: INPUT_NAMES[source][k]![0], en: INPUT_NAMES[source][k]![1] }));
  return { key, source, zh: names[0], en: names[1], formulaZh: text[0], formulaEn: text[1], inputs, score };
}

/** The automatic indicators, by key. Every score depends on the unit's own counts only. */
export const AUTO_FORMULAS: Readonly<Record<string, AutoFormula>> = Object.fromEntries(
  [
    formula(
      'supervision.on_time_rate',
      'supervision',
      ['督办按期办结率', 'Supervision tasks closed on time'],
      [
        '督办按期办结率 = 按期办结数 / 办结数 × 100（本期无办结事项计 0 分）',
        'On-time rate = tasks closed on time / tasks closed × 100 (0 when none was closed in the period)',
      ],
      ['closedOnTime', 'closed'],
      (c) => rate(c.closedOnTime, c.closed, 0),
    ),
    formula(
      'supervision.return_rate',
      'supervision',
      ['督办退回率', 'Supervision reports returned'],
      [
        '得分 = 100 − 退回次数 / 办结数 × 100（不低于 0；本期无办结事项计 0 分）',
        'Score = 100 − returns / tasks closed × 100 (not below 0; 0 when none was closed in the period)',
      ],
      ['returned', 'closed'],
      (c) => (c.closed ? clamp(100 - (100 * n(c, 'returned')) / c.closed) : 0),
    ),
    formula(
      'information.reported',
      'information',
      ['信息报送数', 'Information reports'],
      ['得分 = 报送数 × 5（满分 100）', 'Score = reports × 5 (at most 100)'],
      ['reported'],
      (c) => clamp(5 * n(c, 'reported')),
    ),
    formula(
      'information.adoption_rate',
      'information',
      ['信息采用率', 'Information adoption rate'],
      ['信息采用率 = 采用数 / 报送数 × 100（本期无报送计 0 分）', 'Adoption rate = adopted / reports × 100 (0 when nothing was reported)'],
      ['adopted', 'reported'],
      (c) => rate(c.adopted, c.reported, 0),
    ),
    formula(
      'information.instructions',
      'information',
      ['信息获领导批示', 'Reports with leaders’ instructions'],
      ['得分 = 批示数 × 20（满分 100）', 'Score = instructions × 20 (at most 100)'],
      ['instructions'],
      (c) => clamp(20 * n(c, 'instructions')),
    ),
    formula(
      'information.timeliness',
      'information',
      ['信息报送及时性（迟报、漏报）', 'Timely reporting (late, missed)'],
      ['得分 = 100 − 迟报数 × 10 − 漏报数 × 20（不低于 0）', 'Score = 100 − late × 10 − missed × 20 (not below 0)'],
      ['late', 'missed'],
      (c) => clamp(100 - 10 * n(c, 'late') - 20 * n(c, 'missed')),
    ),
    formula(
      'documents.quota',
      'documents',
      ['发文配额执行', 'Documents within quota'],
      [
        '配额执行率 = 配额内发文数 / 发文数 × 100（经超配额审批印发的不计入配额内；本期未发文计 100 分）',
        'Quota rate = documents issued within quota / documents issued × 100 (issued with an over-quota approval: not within; 100 when none was issued)',
      ],
      ['withinQuota', 'issued'],
      (c) => rate(c.withinQuota, c.issued, 100),
    ),
    formula(
      'documents.length',
      'documents',
      ['文风（篇幅合规）', 'Length compliance (文风)'],
      [
        '篇幅合规率 = 正文字数不超过该文种字数规范的发文数 / 发文数 × 100（本期未发文计 100 分）',
        'Compliance = documents within the length guide of their type / documents issued × 100 (100 when none was issued)',
      ],
      ['withinLength', 'issued'],
      (c) => rate(c.withinLength, c.issued, 100),
    ),
    formula(
      'meetings.first_pass',
      'meetings',
      ['议题把关一次通过率', 'Topic gates passed at first submission'],
      [
        '一次通过率 = 各项把关均一次确认（无异议、未改写）的上会议题数 / 本期上会议题数 × 100（本期无上会议题计 0 分）',
        'Rate = topics whose every gate was confirmed at the first submission (no dissent, no rewrite) / topics on the agenda in the period × 100 (0 when none)',
      ],
      ['firstPass', 'onAgenda'],
      (c) => rate(c.firstPass, c.onAgenda, 0),
    ),
    formula(
      'meetings.decisions_on_time',
      'meetings',
      ['会议决定事项按期落实率', 'Meeting decisions done on time'],
      [
        '按期落实率 = 会后督办于完成时限前销号的议定事项数 / 本期到期的议定事项数 × 100（本期无到期事项计 100 分）',
        'Rate = decisions whose follow-up supervision was closed by the time limit / decisions due in the period × 100 (100 when none was due)',
      ],
      ['decisionsOnTime', 'decisionsDue'],
      (c) => rate(c.decisionsOnTime, c.decisionsDue, 100),
    ),
    formula(
      'library.sharing',
      'library',
      ['资源共享（提供、应用、转化）', 'Resource sharing (provided, applied, converted)'],
      ['得分 = 提供数 × 5 + 应用数 × 10 + 转化数 × 20（满分 100）', 'Score = provided × 5 + applied × 10 + converted × 20 (at most 100)'],
      ['provided', 'applied', 'converted'],
      (c) => clamp(5 * n(c, 'provided') + 10 * n(c, 'applied') + 20 * n(c, 'converted')),
    ),
    formula(
      'research.on_time_rate',
      'research',
      ['调研课题按期结题率', 'Research topics concluded on time'],
      [
        '按期结题率 = 结束日期在本期且于结束日期前结题的课题数 / 结束日期在本期的课题数 × 100（本期无到期课题计 100 分）',
        'Rate = topics due in the period concluded by their end date / topics whose end date falls in the period × 100 (100 when none was due)',
      ],
      ['finishedOnTime', 'due'],
      (c) => rate(c.finishedOnTime, c.due, 100),
    ),
    formula(
      'research.conversions',
      'research',
      ['调研成果转化', 'Research results turned into action'],
      [
        '得分 = 本期记录的成果转化数 × 25（满分 100；领导批示、文件、会议决策、督办事项均计入）',
        'Score = conversions recorded in the period × 25 (at most 100; leaders’ instructions, documents, meeting decisions and supervision tasks all count)',
      ],
      ['conversions', 'instruction', 'document', 'meeting_decision', 'supervision'],
      (c) => clamp(25 * n(c, 'conversions')),
    ),
  ].map((f) => [f.key, f]),
);

/** A node of the indicator tree as the rules need it. */
export interface TreeNode {
  name: string;
  weight: number;
  scope: 'common' | 'specific';
  unitId?: number | null;
  method?: 'auto' | 'org' | 'expert' | 'public' | null;
  autoKey?: string | null;
  children?: TreeNode[];
}

/** A broken weight rule: the level (parent name, or null for the top level), the unit it was counted for, the sum. */
export interface WeightProblem {
  parent: string | null;
  unitId: number | null;
  sum: number;
}

/** Whether a node applies to a unit (共性 to all, 个性 to its own unit). */
export const appliesTo = (n: { scope: string; unitId?: number | null }, unitId: number) => n.scope === 'common' || n.unitId === unitId;

/**
 * The first level whose weights do not add up to 100 for some assessed unit: at each level, the
 * 共性 siblings plus the unit's own 个性 siblings must make 100 (a group with only 共性 siblings is
 * counted once). Null when every level adds up.
 */
export function weightProblem(nodes: readonly TreeNode[], unitIds: readonly number[], parent: string | null = null): WeightProblem | null {
  if (!nodes.length) return null;
  const hasSpecific = nodes.some((n) => n.scope === 'specific');
  const units: (number | null)[] = hasSpecific ? [...unitIds] : [null];
  for (const u of units) {
    const sum = nodes.filter((n) => u === null || appliesTo(n, u)).reduce((a, n) => a + n.weight, 0);
    if (sum !== 100) return { parent, unitId: u, sum };
  }
  for (const n of nodes) {
    const p = weightProblem(n.children ?? [], n.scope === 'specific' && n.unitId ? [n.unitId] : unitIds, n.name);
    if (p) return p;
  }
  return null;
}

/** A leaf as scored: its path weight (product of weights / 100 down the tree, in %) and its score 0–100. */
export interface ScoredLeaf {
  indicatorId: number;
  /** Share of the total, in percent (e.g. 40 × 50 / 100 = 20). */
  pathWeight: number;
  score: number;
}

/** A unit's total: Σ pathWeight × score / 100, rounded to 2 decimals. */
export function weightedTotal(leaves: readonly ScoredLeaf[]): number {
  return round2(leaves.reduce((a, l) => a + (l.pathWeight * l.score) / 100, 0));
}

/** The expert score of a leaf: the mean of the raters' scores, the highest and lowest dropped when there are at least `dropAt` raters. */
export function expertScore(scores: readonly number[], dropAt = 5): number | null {
  if (!scores.length) return null;
  const s = [...scores].sort((a, b) => a - b);
  const kept = s.length >= dropAt ? s.slice(1, -1) : s;
  return round2(kept.reduce((a, b) => a + b, 0) / kept.length);
}

/** The mean of the assessors' scores (organisation scoring), or null when none scored. */
export function meanScore(scores: readonly number[]): number | null {
  return scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
}

/** Ranks units by total (ties share a rank) and marks the top `topN` 先进 and the bottom `bottomN` 落后 (never both). */
export function rank<T extends { unitId: number; total: number }>(rows: readonly T[], topN: number, bottomN: number) {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.unitId - b.unitId);
  const ranked = sorted.map((r, i) => ({ ...r, rank: sorted.findIndex((x) => x.total === r.total) + 1, index: i }));
  return ranked.map(({ index, ...r }) => ({
    ...r,
    mark: index < topN ? ('advanced' as const) : index >= sorted.length - bottomN ? ('lagging' as const) : null,
  }));
}
