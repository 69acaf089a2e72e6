/** The 信息刊物 policy as a table: actor × issue × ability → allowed, no database. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { fittingLevels, publicationsPolicy } from './information.publications.policy.js';
import type { LoadedIssue } from './repo/information.publications.js';

const INFO = 5;
const NDRC = 20;
const EDU = 22;
const OFFICE = 3;

function actor(
  id: number,
  unitId: number,
  unitCode: string,
  roles: Actor['roles'],
  clearance: Actor['clearance'] = 1,
  adminRole: Actor['adminRole'] = null,
): Actor {
  return { id, username: 'u', name: 'u', unitId, unitName: '', unitCode, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

function issue(over: Partial<LoadedIssue> = {}): LoadedIssue {
  return {
    id: 1,
    publication_id: 2,
    unit_id: INFO,
    editor_id: 51,
    level: 0,
    note: '',
    status: 'draft',
    year: null,
    number: null,
    total_number: null,
    submitted_at: null,
    head_signed_by: null,
    head_signed_at: null,
    director_signed_by: null,
    published_at: null,
    return_reason: null,
    version: 1,
    created_at: '',
    updated_at: '',
    reader: false,
    ...over,
  };
}

const editor = actor(51, INFO, 'information', ['staff']);
const head = actor(52, INFO, 'information', ['division_head']);
const lowHead = actor(53, INFO, 'information', ['division_head'], 0);
const director = actor(43, OFFICE, 'office', ['director']);
const leader = actor(41, 1, 'committee', ['leader']);
const liaison = actor(60, NDRC, 'ndrc', ['liaison']);
const otherLiaison = actor(61, EDU, 'education', ['liaison']);
const sysadmin = actor(1, INFO, 'information', ['sysadmin'], 1, 'sysadmin');

const draft = issue();
const submitted = issue({ status: 'submitted' });
const headSigned = issue({ status: 'head_signed' });
const published = issue({ status: 'published', number: 3, year: 2026, director_signed_by: 43 });
const publishedToReader = { ...published, reader: true };
const secret = issue({ status: 'published', level: 1, reader: true });

const TABLE: [string, Actor, LoadedIssue, keyof typeof publicationsPolicy, boolean][] = [
  ['信息处 reads its draft', editor, draft, 'read', true],
  ['信息处 edits a draft', editor, draft, 'edit', true],
  ['信息处 cannot edit once submitted', editor, submitted, 'edit', false],
  ['信息处 submits a draft', editor, draft, 'submit', true],
  ['信息处 abandons a draft', editor, draft, 'abandon', true],
  ['a unit does not read a draft', liaison, draft, 'read', false],
  ['a leader does not read a draft', leader, draft, 'read', false],
  ['the director does not read a draft', director, draft, 'read', false],
  ['staff cannot sign', editor, submitted, 'headSign', false],
  ['the division head signs a submitted issue', head, submitted, 'headSign', true],
  ['the division head returns a submitted issue', head, submitted, 'return', true],
  ['the division head cannot sign for the director', head, headSigned, 'directorSign', false],
  ['a division head below the 密级 reads nothing', lowHead, issue({ status: 'submitted', level: 1 }), 'headSign', false],
  ['the director reads an issue awaiting the last signature', director, headSigned, 'read', true],
  ['the director signs it', director, headSigned, 'directorSign', true],
  ['the director returns it', director, headSigned, 'return', true],
  ['the director cannot sign before the division head', director, submitted, 'directorSign', false],
  ['a leader cannot sign', leader, headSigned, 'directorSign', false],
  ['a leader reads every published issue', leader, published, 'read', true],
  ['a leader marks it read', leader, published, 'markRead', true],
  ['a leader cannot see the receipts', leader, published, 'viewReceipts', false],
  ['信息处 sees the receipts', editor, published, 'viewReceipts', true],
  ['a unit in the readership reads it', liaison, publishedToReader, 'read', true],
  ['a unit outside the readership does not', otherLiaison, published, 'read', false],
  ['the readership does not lift the 密级', actor(62, NDRC, 'ndrc', ['liaison'], 0), secret, 'read', false],
  ['no edit once published', editor, published, 'edit', false],
  ['the 三员 read nothing', sysadmin, published, 'read', false],
];

describe('information publications policy', () => {
  it.each(TABLE)('%s', (_name, a, row, ability, expected) => {
    expect(publicationsPolicy[ability](a, row)).toBe(expected);
  });

  it('configuration and starting issues', () => {
    expect(publicationsPolicy.managePublications(head)).toBe(true);
    expect(publicationsPolicy.managePublications(editor)).toBe(false);
    expect(publicationsPolicy.managePublications(director)).toBe(false);
    expect(publicationsPolicy.create(editor)).toBe(true);
    expect(publicationsPolicy.create(liaison)).toBe(false);
    expect(publicationsPolicy.create(sysadmin)).toBe(false);
  });

  it('an item fits a publication at or above its lowest 采用 level', () => {
    expect(fittingLevels('recorded')).toEqual(['recorded', 'special', 'upper']);
    expect(fittingLevels('special')).toEqual(['special', 'upper']);
    expect(fittingLevels('upper')).toEqual(['upper']);
  });
});
