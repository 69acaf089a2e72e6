/**
 * 考比树 arithmetic, pure (no database): the automatic indicators' formulas, the weight rule of the
 * indicator tree, and a unit's weighted score and the ranking with 先进 / 落后.
 */

/** The counts an automatic indicator is computed from (supervision's `countsByUnit`). */
export interface AutoInputs {
  closedOnTime: number;
  closed: number;
  returned: number;
}

/** An automatic indicator: its name, the formula shown to users, and its score 0–100 from the counts. */
export interface AutoFormula {
  key: string;
  source: 'supervision';
  zh: string;
  en: string;
  formulaZh: string;
  formulaEn: string;
  score(c: AutoInputs): number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The automatic indicators, by key. */
export const AUTO_FORMULAS: Readonly<Record<string, AutoFormula>> = {
  'supervision.on_time_rate': {
    key: 'supervision.on_time_rate',
    source: 'supervision',
    zh: '督办按期办结率',
    en: 'Supervision tasks closed on time',
    formulaZh: '督办按期办结率 = 按期办结数 / 办结数 × 100（本期无办结事项计 0 分）',
    formulaEn: 'On-time rate = tasks closed on time / tasks closed × 100 (0 when none was closed in the period)',
    score: (c) => (c.closed ? round2((100 * c.closedOnTime) / c.closed) : 0),
  },
  'supervision.return_rate': {
    key: 'supervision.return_rate',
    source: 'supervision',
    zh: '督办退回率',
    en: 'Supervision reports returned',
    formulaZh: '得分 = 100 − 退回次数 / 办结数 × 100（不低于 0；本期无办结事项计 0 分）',
    formulaEn: 'Score = 100 − returns / tasks closed × 100 (not below 0; 0 when none was closed in the period)',
    score: (c) => (c.closed ? round2(Math.max(0, 100 - (100 * c.returned) / c.closed)) : 0),
  },
};

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
