/** The policy as a table: actor × item × ability → allowed, no database. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { informationPolicy, requestPolicy, type LoadedInfoItem, type LoadedInfoRequest } from './information.policy.js';

const NDRC = 20;
const FINANCE = 21;
const INFO = 5;
const SUP = 4;

function actor(unitId: number, unitCode: string, roles: Actor['roles'], clearance: Actor['clearance'] = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id: unitId * 100 + roles.length, username: 'u', name: 'u', unitId, unitName: '', unitCode, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

function item(over: Partial<LoadedInfoItem> = {}): LoadedInfoItem {
  return {
    id: 1,
    origin: 'report',
    kind: '工作动态',
    title: 't',
    body: 'b',
    level: 0,
    unit_id: NDRC,
    reporter_id: 1,
    event_at: '',
    reported_at: '',
    due_at: null,
    late: 0,
    delay_minutes: null,
    first_id: null,
    event_id: null,
    status: 'submitted',
    merged_into_id: null,
    editor_id: null,
    return_reason: null,
    adopt_level: null,
    adopted_at: null,
    adopted_by: null,
    version: 1,
    created_at: '',
    updated_at: '',
    instructionCount: 0,
    openInstructionCount: 0,
    ...over,
  };
}

const liaison = actor(NDRC, 'ndrc', ['liaison']);
const otherLiaison = actor(FINANCE, 'finance', ['liaison']);
const editor = actor(INFO, 'information', ['staff']);
const lowEditor = actor(INFO, 'information', ['staff'], 0);
const leader = actor(1, 'committee', ['leader']);
const dcs = actor(SUP, 'supervision', ['staff']);
const sysadmin = actor(INFO, 'information', ['sysadmin'], 1, 'sysadmin');

const adopted = item({ status: 'adopted', adopt_level: 'special' });
const instructed = item({ status: 'adopted', adopt_level: 'special', instructionCount: 1, openInstructionCount: 1 });

const TABLE: [string, Actor, LoadedInfoItem, keyof typeof informationPolicy, boolean][] = [
  ['the unit reads its own report', liaison, item(), 'read', true],
  ['another unit does not', otherLiaison, item(), 'read', false],
  ['信息处 reads every report', editor, item(), 'read', true],
  ['信息处 not above its clearance', lowEditor, item({ level: 1 }), 'read', false],
  ['a 三员 administrator reads nothing', sysadmin, item(), 'read', false],
  ['a leader does not read a report not adopted', leader, item(), 'read', false],
  ['a leader reads an adopted item', leader, adopted, 'read', true],
  ['督查室 does not read an adopted item without 批示', dcs, adopted, 'read', false],
  ['督查室 reads an item with a 批示', dcs, instructed, 'read', true],
  ['信息处 takes a submitted report', editor, item(), 'take', true],
  ['the unit may not take', liaison, item(), 'take', false],
  ['no take once taken', editor, item({ status: 'taken' }), 'take', false],
  ['信息处 edits a taken item', editor, item({ status: 'taken' }), 'edit', true],
  ['no edit of a submitted report', editor, item(), 'edit', false],
  ['信息处 returns a taken report', editor, item({ status: 'taken' }), 'return', true],
  ['no return of a merged item', editor, item({ origin: 'merge', status: 'taken' }), 'return', false],
  ['no merge of a merged item', editor, item({ origin: 'merge', status: 'taken' }), 'merge', false],
  ['信息处 merges a submitted report', editor, item(), 'merge', true],
  ['信息处 adopts a taken item', editor, item({ status: 'taken' }), 'adopt', true],
  ['no adoption of a returned report', editor, item({ status: 'returned' }), 'adopt', false],
  ['the unit follows up its report', liaison, item(), 'followUp', true],
  ['another unit may not follow up', otherLiaison, item(), 'followUp', false],
  ['no 续报 of a returned report', liaison, item({ status: 'returned' }), 'followUp', false],
  ['a leader instructs an adopted item', leader, adopted, 'instruct', true],
  ['信息处 does not instruct', editor, adopted, 'instruct', false],
  ['督查室 converts an open 批示', dcs, instructed, 'convert', true],
  ['no conversion once converted', dcs, item({ status: 'adopted', adopt_level: 'special', instructionCount: 1, openInstructionCount: 0 }), 'convert', false],
  ['信息处 does not convert', editor, instructed, 'convert', false],
];

describe('information policy', () => {
  it.each(TABLE)('%s', (_name, a, r, ability, allowed) => {
    expect(informationPolicy[ability](a, r)).toBe(allowed);
  });

  it('abilities without a row', () => {
    expect(informationPolicy.submit(liaison, null)).toBe(true);
    expect(informationPolicy.submit(leader, null)).toBe(false);
    expect(informationPolicy.submit(sysadmin, null)).toBe(false);
    expect(informationPolicy.registerEvent(editor, null)).toBe(true);
    expect(informationPolicy.registerEvent(liaison, null)).toBe(false);
    expect(informationPolicy.viewAllStats(leader, null)).toBe(true);
    expect(informationPolicy.viewAllStats(liaison, null)).toBe(false);
    expect(informationPolicy.manageSettings(editor, null)).toBe(false);
    expect(informationPolicy.manageSettings(actor(INFO, 'information', ['division_head']), null)).toBe(true);
  });
});

function request(over: Partial<LoadedInfoRequest> = {}): LoadedInfoRequest {
  return {
    id: 1,
    topic: 't',
    description: 'd',
    level: 0,
    deadline: '2026-03-06',
    status: 'open',
    created_by: 1,
    closed_by: null,
    closed_at: null,
    version: 1,
    created_at: '',
    updated_at: '',
    unitIds: [NDRC],
    ...over,
  };
}

const REQUEST_TABLE: [string, Actor, LoadedInfoRequest, keyof typeof requestPolicy, boolean][] = [
  ['信息处 reads a request', editor, request(), 'read', true],
  ['信息处 not above its clearance', lowEditor, request({ level: 1 }), 'read', false],
  ['an asked unit reads it', liaison, request(), 'read', true],
  ['an asked unit not above its clearance', actor(NDRC, 'ndrc', ['liaison'], 0), request({ level: 1 }), 'read', false],
  ['a unit not asked does not', otherLiaison, request(), 'read', false],
  ['a leader is not asked', leader, request(), 'read', false],
  ['a 三员 administrator reads nothing', sysadmin, request(), 'read', false],
  ['an asked liaison answers an open request', liaison, request(), 'answer', true],
  ['no answer once closed', liaison, request({ status: 'closed' }), 'answer', false],
  ['a unit not asked does not answer', otherLiaison, request(), 'answer', false],
  ['信息处 answers nothing it was not asked', editor, request(), 'answer', false],
  ['信息处 closes an open request', editor, request(), 'close', true],
  ['no close once closed', editor, request({ status: 'closed' }), 'close', false],
  ['an asked liaison does not close', liaison, request(), 'close', false],
  ['信息处 below the level does not close', lowEditor, request({ level: 1 }), 'close', false],
];

describe('约稿 policy', () => {
  it.each(REQUEST_TABLE)('%s', (_name, a, r, ability, allowed) => {
    expect(requestPolicy[ability](a, r)).toBe(allowed);
  });

  it('creating a request is 信息处’s', () => {
    expect(requestPolicy.create(editor, null)).toBe(true);
    expect(requestPolicy.create(liaison, null)).toBe(false);
    expect(requestPolicy.create(leader, null)).toBe(false);
    expect(requestPolicy.create(sysadmin, null)).toBe(false);
  });
});
