/** The two 公文 state machines, declared as data: 收文办理 (incoming) and 发文办理 (outgoing). */
import { hasRole, type Actor } from '../../platform/actor.js';
import type { Ability } from '../../platform/authz.js';
import { defineWorkflow } from '../../platform/workflow.js';
import { canReadDocument, isHandler, isOwnerClerk, isReceiver, type LoadedDocument } from './documents.policy.js';

type Input = Record<string, unknown>;

const IN_CIRCULATE_FROM = ['registered', 'to_propose', 'to_instruct', 'handling', 'done'] as const;

/** 收文办理: 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 (传阅、催办) → 答复/办结 → 归档. */
export const incomingWorkflow = defineWorkflow<LoadedDocument, Input>({
  name: 'documents.in',
  table: 'document',
  states: {
    to_receive: { zh: '待签收', en: 'To sign for' },
    received: { zh: '待登记', en: 'To register' },
    registered: { zh: '待初审', en: 'To check' },
    returned: { zh: '已退回', en: 'Returned', terminal: true },
    to_propose: { zh: '待拟办', en: 'To propose' },
    to_instruct: { zh: '待批办', en: 'Awaiting instruction' },
    handling: { zh: '承办中', en: 'Being handled' },
    done: { zh: '已办结', en: 'Completed' },
    archived: { zh: '已归档', en: 'Archived', terminal: true },
  },
  transitions: {
    receive: { label: { zh: '签收', en: 'Sign for' }, from: ['to_receive'], to: 'received', allowed: isReceiver },
    register: { label: { zh: '登记', en: 'Register' }, from: ['received'], to: 'registered', allowed: isOwnerClerk, required: ['docType', 'sourceOrgan'] },
    accept: { label: { zh: '初审通过', en: 'Accept' }, from: ['registered'], to: 'to_propose', allowed: isOwnerClerk },
    return: { label: { zh: '退回', en: 'Return' }, from: ['registered'], to: 'returned', allowed: isOwnerClerk, required: ['reason'] },
    propose: { label: { zh: '拟办', en: 'Propose' }, from: ['to_propose'], to: 'to_instruct', allowed: isOwnerClerk, required: ['proposal', 'leaderId'] },
    instruct: {
      label: { zh: '批办', en: 'Instruct' },
      from: ['to_instruct'],
      to: 'handling',
      allowed: (a, d) => canReadDocument(a, d) && a.id === d.leader_id,
      required: ['instruction', 'leadUnitId'],
    },
    circulate: {
      label: { zh: '传阅', en: 'Circulate' },
      from: IN_CIRCULATE_FROM,
      to: (d) => d.status,
      allowed: (a, d) => isOwnerClerk(a, d) || (canReadDocument(a, d) && a.id === d.leader_id),
      required: ['userIds'],
    },
    to_supervision: {
      label: { zh: '转督办', en: 'To supervision' },
      from: ['handling', 'done'],
      to: (d) => d.status,
      // the 督查室 registers the item from the leader's instruction
      allowed: (a, d) =>
        canReadDocument(a, d) &&
        a.unitCode === 'supervision' &&
        hasRole(a, 'staff', 'division_head', 'director') &&
        d.supervision_item_id === null &&
        d.instruction !== null &&
        d.lead_unit_id !== null,
    },
    urge: { label: { zh: '催办', en: 'Urge' }, from: ['handling'], to: 'handling', allowed: isOwnerClerk },
    reply: { label: { zh: '答复', en: 'Reply' }, from: ['handling'], to: 'handling', allowed: isHandler, required: ['reply'] },
    complete: {
      label: { zh: '办结', en: 'Complete' },
      from: ['handling'],
      to: 'done',
      allowed: (a, d) => isOwnerClerk(a, d) || (isHandler(a, d) && a.unitId === d.lead_unit_id),
      required: ['result'],
    },
    archive: { label: { zh: '归档', en: 'Archive' }, from: ['done'], to: 'archived', allowed: isOwnerClerk, required: ['retention'] },
  },
});

function isSigner(a: Actor, d: LoadedDocument): boolean {
  return canReadDocument(a, d) && a.id === d.signer_id;
}

/** 发文办理: 起草 → 审核 → (会签) → 签发 → 复核 → 登记 (编号) → 印制 → 核发 → 归档. */
export const outgoingWorkflow = defineWorkflow<LoadedDocument, Input>({
  name: 'documents.out',
  table: 'document',
  states: {
    draft: { zh: '起草', en: 'Draft' },
    reviewing: { zh: '审核中', en: 'In review' },
    countersigning: { zh: '会签中', en: 'Countersigning' },
    to_sign: { zh: '待签发', en: 'To sign' },
    signed: { zh: '已签发', en: 'Signed' },
    checked: { zh: '已复核', en: 'Rechecked' },
    registered: { zh: '已登记', en: 'Numbered' },
    printed: { zh: '已印制', en: 'Printed' },
    distributed: { zh: '已核发', en: 'Distributed' },
    archived: { zh: '已归档', en: 'Archived', terminal: true },
  },
  transitions: {
    submit: {
      label: { zh: '送审', en: 'Submit for review' },
      from: ['draft'],
      to: 'reviewing',
      allowed: (a, d) => a.id === d.created_by || isOwnerClerk(a, d),
      required: ['reviewerIds'],
    },
    approve: {
      label: { zh: '审核通过', en: 'Approve' },
      from: ['reviewing'],
      // the last pending reviewer moves it on; 联合发文 goes to 会签 first
      to: (d) => (d.pendingReviewerIds.length > 1 ? 'reviewing' : d.jointUnitIds.length > 0 ? 'countersigning' : 'to_sign'),
      allowed: (a, d) => canReadDocument(a, d) && d.pendingReviewerIds.includes(a.id),
    },
    reject: {
      label: { zh: '审核退回', en: 'Return to drafter' },
      from: ['reviewing'],
      to: 'draft',
      allowed: (a, d) => canReadDocument(a, d) && d.pendingReviewerIds.includes(a.id),
      required: ['comment'],
    },
    countersign: {
      label: { zh: '会签', en: 'Countersign' },
      from: ['countersigning'],
      to: (d) => (d.pendingCountersignUnitIds.length > 1 ? 'countersigning' : 'to_sign'),
      allowed: (a, d) =>
        canReadDocument(a, d) && d.pendingCountersignUnitIds.includes(a.unitId) && hasRole(a, 'leader', 'director', 'division_head', 'liaison'),
    },
    sign: { label: { zh: '签发', en: 'Sign' }, from: ['to_sign'], to: 'signed', allowed: isSigner },
    decline: { label: { zh: '不予签发', en: 'Decline' }, from: ['to_sign'], to: 'draft', allowed: isSigner, required: ['comment'] },
    resubmit: {
      label: { zh: '实质性修改退回签发人', en: 'Back to signer after change' },
      from: ['signed', 'checked'],
      to: 'to_sign',
      allowed: (a, d) => a.id === d.created_by || isOwnerClerk(a, d),
    },
    recheck: { label: { zh: '复核', en: 'Recheck' }, from: ['signed'], to: 'checked', allowed: isOwnerClerk },
    register: {
      label: { zh: '登记编号', en: 'Register (number)' },
      from: ['checked'],
      to: 'registered',
      allowed: isOwnerClerk,
      required: ['mainUnitIds', 'printCount'],
    },
    print: { label: { zh: '印制', en: 'Print' }, from: ['registered'], to: 'printed', allowed: isOwnerClerk },
    distribute: { label: { zh: '核发', en: 'Distribute' }, from: ['printed'], to: 'distributed', allowed: isOwnerClerk },
    archive: { label: { zh: '归档', en: 'Archive' }, from: ['distributed'], to: 'archived', allowed: isOwnerClerk, required: ['retention'] },
  },
});

/** The workflow of a document's direction. */
export function workflowOf(d: Pick<LoadedDocument, 'direction'>) {
  return d.direction === 'in' ? incomingWorkflow : outgoingWorkflow;
}

/** Transitions that only the service triggers (no button). */
export const INTERNAL_ACTIONS: readonly string[] = ['resubmit'];

/**
 * The steps of a workflow as named abilities (state allows it AND the actor may take it), without
 * the internal ones: what `presentActions` turns into the detail page's buttons.
 */
export function stepAbilities(wf: ReturnType<typeof workflowOf>): Record<string, Ability<LoadedDocument>> {
  return Object.fromEntries(
    Object.entries(wf.transitions)
      .filter(([k]) => !INTERNAL_ACTIONS.includes(k))
      .map(([k, t]) => [k, (a: Actor, d: LoadedDocument) => t.from.includes(d.status) && t.allowed(a, d)]),
  );
}
