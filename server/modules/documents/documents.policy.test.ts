import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { allowedTransitions } from '../../platform/workflow.js';
import { presentActions } from '../../platform/authz.js';
import { documentsPolicy, type DocumentsAbility, type LoadedDocument } from './documents.policy.js';
import { incomingWorkflow, outgoingWorkflow, stepAbilities } from './documents.workflow.js';

const OWNER = 10;
const OTHER = 20;
const HANDLER_UNIT = 30;

function actor(id: number, unitId: number, roles: Actor['roles'], clearance: 0 | 1 | 2 | 3 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

function doc(over: Partial<LoadedDocument> = {}): LoadedDocument {
  return {
    id: 1,
    direction: 'out',
    status: 'draft',
    doc_type: '通知',
    title: 't',
    level: 1,
    secrecy_term: null,
    urgency: 'normal',
    owner_unit_id: OWNER,
    created_by: 1,
    deadline: null,
    receive_no: null,
    source_organ: null,
    original_no: null,
    pages: null,
    copies: null,
    received_at: null,
    attachments_note: null,
    return_reason: null,
    proposal: null,
    leader_id: 5,
    instruction: null,
    lead_unit_id: null,
    supervision_item_id: null,
    source_document_id: null,
    result: null,
    org_code: '青委办发',
    year: 2026,
    serial: null,
    doc_no: null,
    issuer_organ: null,
    flow: 'down',
    important: 0,
    joint_unit_ids: '[]',
    signer_id: 4,
    signed_at: null,
    main_to: null,
    cc: null,
    body_html: '',
    signature: null,
    doc_date: null,
    note: null,
    print_organ: null,
    print_date: null,
    copy_no: null,
    print_count: null,
    main_unit_ids: '[]',
    cc_unit_ids: '[]',
    over_quota_approval_id: null,
    retention: null,
    archive_no: null,
    archived_at: null,
    version: 1,
    created_at: '',
    updated_at: '',
    handlerUnitIds: [],
    circulationUserIds: [],
    reviewerIds: [2],
    pendingReviewerIds: [2],
    pendingCountersignUnitIds: [],
    jointUnitIds: [],
    shared: false,
    ...over,
  };
}

const drafter = actor(1, OWNER, ['staff']);
const reviewer = actor(2, OTHER, ['division_head']);
const clerk = actor(3, OWNER, ['staff']);
const signer = actor(4, OTHER, ['leader']);
const leader = actor(5, OTHER, ['leader']);
const stranger = actor(6, OTHER, ['staff']);
const lowClearance = actor(7, OWNER, ['staff'], 0);
const sysadmin = actor(8, OWNER, ['sysadmin'], 3, 'sysadmin');
const reader = actor(9, OTHER, ['director']);
const handler = actor(11, HANDLER_UNIT, ['liaison']);

describe('documents policy: read (密级 AND need-to-know)', () => {
  it.each([
    ['drafter', drafter, true],
    ['owner-unit clerk', clerk, true],
    ['reviewer', reviewer, true],
    ['signer', signer, true],
    ['stranger', stranger, false],
    ['owner unit, clearance below level', lowClearance, false],
    ['sysadmin (三员)', sysadmin, false],
    ['传阅 recipient', reader, false],
  ])('%s → %s', (_n, a, expected) => {
    expect(documentsPolicy.read(a, doc())).toBe(expected);
  });
  it('a 传阅 recipient and a handler unit may read; a share grant opens it', () => {
    expect(documentsPolicy.read(reader, doc({ circulationUserIds: [9] }))).toBe(true);
    expect(documentsPolicy.read(handler, doc({ handlerUnitIds: [HANDLER_UNIT] }))).toBe(true);
    expect(documentsPolicy.read(stranger, doc({ shared: true }))).toBe(true);
    expect(documentsPolicy.read(stranger, doc({ shared: true, level: 2 }))).toBe(false);
  });
});

describe('documents policy: who may take which step', () => {
  const cases: [string, 'in' | 'out', string, Partial<LoadedDocument>, Actor, string[]][] = [
    ['drafter submits a draft', 'out', 'draft', {}, drafter, ['submit']],
    ['stranger: nothing', 'out', 'draft', {}, stranger, []],
    ['pending reviewer approves or returns', 'out', 'reviewing', {}, reviewer, ['approve', 'reject']],
    ['only the signer signs', 'out', 'to_sign', {}, signer, ['sign', 'decline']],
    ['the drafter cannot sign', 'out', 'to_sign', {}, drafter, []],
    ['clerk rechecks after 签发', 'out', 'signed', {}, clerk, ['resubmit', 'recheck']],
    ['clerk numbers', 'out', 'checked', {}, clerk, ['resubmit', 'register']],
    ['archived: nothing for anyone', 'out', 'archived', {}, clerk, []],
    [
      '会签 by a pending co-issuing unit',
      'out',
      'countersigning',
      { jointUnitIds: [HANDLER_UNIT], pendingCountersignUnitIds: [HANDLER_UNIT] },
      handler,
      ['countersign'],
    ],
    ['incoming: clerk registers', 'in', 'received', {}, clerk, ['register']],
    ['incoming: the 联络员 of the owning unit signs for a delivered copy', 'in', 'to_receive', { owner_unit_id: HANDLER_UNIT }, handler, ['receive']],
    ['incoming: a 联络员 of another unit cannot sign for it', 'in', 'to_receive', {}, handler, []],
    ['incoming: the 联络员 does not register (the 文书 does)', 'in', 'received', { owner_unit_id: HANDLER_UNIT }, handler, []],
    ['incoming: only the named leader instructs', 'in', 'to_instruct', {}, leader, ['instruct', 'circulate']],
    ['incoming: clerk cannot instruct', 'in', 'to_instruct', {}, clerk, ['circulate']],
    [
      'incoming: handler replies and the lead completes',
      'in',
      'handling',
      { handlerUnitIds: [HANDLER_UNIT], lead_unit_id: HANDLER_UNIT },
      handler,
      ['reply', 'complete'],
    ],
    ['incoming: co-unit only replies', 'in', 'handling', { handlerUnitIds: [HANDLER_UNIT], lead_unit_id: OTHER }, handler, ['reply']],
    ['incoming: 传阅 recipient reads only', 'in', 'handling', { circulationUserIds: [9] }, reader, []],
    ['incoming: returned is terminal', 'in', 'returned', {}, clerk, []],
  ];
  it.each(cases)('%s', (_n, direction, status, over, a, expected) => {
    const wf = direction === 'in' ? incomingWorkflow : outgoingWorkflow;
    expect(allowedTransitions(wf, a, doc({ direction, status, ...over })).sort()).toEqual([...expected].sort());
  });
  it('edit: drafts and signed documents by the drafter; never archived or by a reader', () => {
    expect(documentsPolicy.edit(drafter, doc())).toBe(true);
    expect(documentsPolicy.edit(drafter, doc({ status: 'signed' }))).toBe(true);
    expect(documentsPolicy.edit(drafter, doc({ status: 'archived' }))).toBe(false);
    expect(documentsPolicy.edit(reader, doc({ circulationUserIds: [9] }))).toBe(false);
    expect(documentsPolicy.attach(clerk, doc({ status: 'archived' }))).toBe(false);
  });
});

describe('documents policy: the table of named abilities (actor × document → abilities held)', () => {
  const director = actor(12, OWNER, ['director']);
  const otherLeader = actor(13, OTHER, ['leader']);
  const incoming = doc({ direction: 'in', status: 'handling', handlerUnitIds: [HANDLER_UNIT], circulationUserIds: [9] });
  const rows: [string, Actor, LoadedDocument, DocumentsAbility[]][] = [
    ['drafter, own draft', drafter, doc(), ['read', 'edit', 'attach', 'render', 'draft', 'receive', 'viewQuota']],
    ['drafter, signed draft', drafter, doc({ status: 'signed' }), ['read', 'edit', 'attach', 'render', 'draft', 'receive', 'viewQuota']],
    ['drafter, archived', drafter, doc({ status: 'archived' }), ['read', 'render', 'draft', 'receive', 'viewQuota']],
    ['owner clerk, in review', clerk, doc({ status: 'reviewing' }), ['read', 'attach', 'render', 'draft', 'receive', 'viewQuota']],
    ['reviewer of another unit', reviewer, doc({ status: 'reviewing' }), ['read', 'render', 'draft', 'receive', 'viewQuota']],
    ['signer (leader)', signer, doc({ status: 'to_sign' }), ['read', 'render', 'draft', 'viewQuota', 'viewAllQuotas']],
    ['stranger', stranger, doc(), ['draft', 'receive', 'viewQuota']],
    ['owner unit below the level', lowClearance, doc({ level: 1 }), ['draft', 'receive', 'viewQuota']],
    ['sysadmin (三员): no business ability', sysadmin, doc(), []],
    [
      'office director of the owner unit',
      director,
      doc(),
      ['read', 'edit', 'attach', 'render', 'manageQuota', 'draft', 'receive', 'viewQuota', 'viewAllQuotas'],
    ],
    ['a leader of another unit, not named', otherLeader, doc(), ['draft', 'viewQuota', 'viewAllQuotas']],
    ['传阅 recipient of an incoming document', reader, incoming, ['read', 'markRead', 'manageQuota', 'draft', 'receive', 'viewQuota', 'viewAllQuotas']],
    ['handler-unit liaison of an incoming document', handler, incoming, ['read', 'viewQuota']],
    ['owner clerk, returned incoming', clerk, doc({ direction: 'in', status: 'returned' }), ['read', 'draft', 'receive', 'viewQuota']],
  ];
  it.each(rows)('%s', (_n, a, d, expected) => {
    expect(presentActions(a, documentsPolicy, d)).toEqual((Object.keys(documentsPolicy) as DocumentsAbility[]).filter((k) => expected.includes(k)));
  });
  it('the table exercises every ability both ways', () => {
    for (const k of Object.keys(documentsPolicy) as DocumentsAbility[]) {
      const held = rows.map(([, a, d]) => documentsPolicy[k](a, d));
      expect(held, k).toContain(true);
      expect(held, k).toContain(false);
    }
  });
  it('the step buttons are the workflow transitions the actor may take now, internal ones left out', () => {
    expect(presentActions(clerk, stepAbilities(outgoingWorkflow), doc({ status: 'signed' }))).toEqual(['recheck']);
    expect(presentActions(signer, stepAbilities(outgoingWorkflow), doc({ status: 'to_sign' }))).toEqual(['sign', 'decline']);
    expect(presentActions(stranger, stepAbilities(incomingWorkflow), doc({ direction: 'in', status: 'received' }))).toEqual([]);
  });
});
