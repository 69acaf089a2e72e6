/**
 * 决策把关 (decision gates) as data: the gate catalogue, the meeting kinds, a configurable checklist
 * per kind, and the pure evaluation of a topic's gates against a checklist. "情况不明的不上会，不符合
 * 法定程序的不上会，未经专家论证的不决策，未经民主讨论的不决策" — each gate is passed only with evidence
 * and the name of who confirmed it.
 */

/** 会议类型: 决策类 (常委会, 全委会), 部署工作类, 专题类, 现场类. */
export const MEETING_KINDS = ['standing_committee', 'plenary', 'deployment', 'special', 'onsite'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Display names and category of each meeting kind. */
export const MEETING_KIND_INFO: Record<MeetingKind, { zh: string; en: string; decision: boolean }> = {
  standing_committee: { zh: '常委会', en: 'Standing committee', decision: true },
  plenary: { zh: '全委会', en: 'Plenary session', decision: true },
  deployment: { zh: '部署工作类会议', en: 'Work deployment meeting', decision: false },
  special: { zh: '专题类会议', en: 'Thematic meeting', decision: false },
  onsite: { zh: '现场类会议', en: 'On-site meeting', decision: false },
};

/** The gates a checklist may contain. */
export const GATE_KEYS = ['situation_clear', 'legal_review', 'expert_review', 'democratic', 'consensus', 'materials_ready', 'research_done'] as const;
export type GateKey = (typeof GATE_KEYS)[number];

/** Names of the gates; `perUnit` gates need one confirmation from each concerned department. */
export const GATE_INFO: Record<GateKey, { zh: string; en: string; perUnit?: boolean }> = {
  situation_clear: { zh: '情况明（材料齐全）', en: 'Situation clear (materials complete)' },
  legal_review: { zh: '程序合法（合法性审查）', en: 'Lawful procedure (legal review)' },
  expert_review: { zh: '专家论证', en: 'Expert review' },
  democratic: { zh: '民主讨论/征求意见', en: 'Democratic discussion / consultation' },
  consensus: { zh: '会前协商一致', en: 'Prior agreement of the departments concerned', perUnit: true },
  materials_ready: { zh: '会议材料齐备（传达提纲、发言材料、领导讲话）', en: 'Meeting materials ready' },
  research_done: { zh: '调研摸底', en: 'Prior research done' },
};

/** One entry of a checklist: a gate and when it applies. */
export interface ChecklistEntry {
  key: GateKey;
  /** `always`, or only when the topic is marked as needing expert review. */
  when: 'always' | 'expert_needed';
}

/** The checklists of every meeting kind. */
export type Checklists = Record<MeetingKind, ChecklistEntry[]>;

const DECISION_CHECKLIST: ChecklistEntry[] = [
  { key: 'situation_clear', when: 'always' },
  { key: 'legal_review', when: 'always' },
  { key: 'expert_review', when: 'expert_needed' },
  { key: 'democratic', when: 'always' },
  { key: 'consensus', when: 'always' },
];

/** The default checklists: the full five gates for decision meetings, lighter ones for the others. */
export const DEFAULT_CHECKLISTS: Checklists = {
  standing_committee: DECISION_CHECKLIST,
  plenary: DECISION_CHECKLIST,
  deployment: [
    { key: 'situation_clear', when: 'always' },
    { key: 'materials_ready', when: 'always' },
  ],
  special: [
    { key: 'research_done', when: 'always' },
    { key: 'consensus', when: 'always' },
  ],
  onsite: [{ key: 'research_done', when: 'always' }],
};

/** A recorded confirmation as the evaluation needs it. */
export interface GateEntryFact {
  gateKey: string;
  unitId: number;
  status: 'confirmed' | 'dissent' | string;
}

/** The state of one gate of one topic. */
export type GateState = 'passed' | 'pending' | 'dissent' | 'not_required';

/** One gate's evaluation; per-unit gates list each department's state. */
export interface GateEvaluation {
  key: GateKey;
  state: GateState;
  units?: { unitId: number; state: 'passed' | 'pending' | 'dissent' }[];
}

/** Evaluates a topic's gates against a checklist (pure). */
export function evaluateGates(
  checklist: readonly ChecklistEntry[],
  topic: { needsExpert: boolean; concernedUnitIds: readonly number[] },
  entries: readonly GateEntryFact[],
): GateEvaluation[] {
  return checklist.map((c) => {
    if (c.when === 'expert_needed' && !topic.needsExpert) return { key: c.key, state: 'not_required' };
    if (GATE_INFO[c.key].perUnit) {
      if (topic.concernedUnitIds.length === 0) return { key: c.key, state: 'not_required', units: [] };
      const units = topic.concernedUnitIds.map((unitId) => {
        const e = entries.find((x) => x.gateKey === c.key && x.unitId === unitId);
        return { unitId, state: e?.status === 'confirmed' ? ('passed' as const) : e?.status === 'dissent' ? ('dissent' as const) : ('pending' as const) };
      });
      const state: GateState = units.some((u) => u.state === 'dissent') ? 'dissent' : units.every((u) => u.state === 'passed') ? 'passed' : 'pending';
      return { key: c.key, state, units };
    }
    const e = entries.find((x) => x.gateKey === c.key && x.unitId === 0);
    return { key: c.key, state: e?.status === 'confirmed' ? 'passed' : 'pending' };
  });
}

/** The gates that block placing on an agenda (required and not passed). */
export function failedGates(evaluations: readonly GateEvaluation[]): GateEvaluation[] {
  return evaluations.filter((g) => g.state === 'pending' || g.state === 'dissent');
}
