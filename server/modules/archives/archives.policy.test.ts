/** The 保密档案 policy as a table: actor × record/loan/review × ability → allowed (no database). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { loanActions, officeActions, recordActions, reviewActions, type LoanFacts, type RecordFacts, type ReviewFacts } from './archives.policy.js';

const ARCHIVES = 10;
const SECRECY = 11;
const SUPERVISION = 12;
const RESEARCH = 13;
const NDRC = 20;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 | 2 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}
const scope = (inOffice: boolean) => ({ archivesUnitId: ARCHIVES, secrecyUnitId: SECRECY, inOffice });
const archivist = actor(1, ARCHIVES, ['staff']);
const officer = actor(2, SECRECY, ['division_head']);
const owner = actor(3, SUPERVISION, ['staff']);
const borrower = actor(4, RESEARCH, ['staff']);
const lowBorrower = actor(5, RESEARCH, ['staff'], 0);
const liaison = actor(6, NDRC, ['liaison']);
const admin = actor(7, SECRECY, ['secadmin'], 1, 'secadmin');

const rec = (a: Actor, over: Partial<RecordFacts> = {}): RecordFacts => ({
  ...scope(![NDRC].includes(a.unitId)),
  level: 1,
  ownerUnitId: SUPERVISION,
  onLoan: false,
  loanOpen: false,
  ...over,
});

describe('archives policy', () => {
  const table: [string, Actor, Partial<RecordFacts>, string[]][] = [
    ['档案处 reads and downloads, does not borrow', archivist, {}, ['read', 'browse', 'download']],
    ['机要保密处 reads', officer, {}, ['read', 'browse', 'download']],
    ['the owning division reads its record', owner, {}, ['read', 'browse', 'download']],
    ['another division browses and may borrow', borrower, {}, ['browse', 'borrow']],
    ['…with a request open: nothing more', borrower, { loanOpen: true }, ['browse']],
    ['…on an approved, unexpired loan: reads', borrower, { onLoan: true, loanOpen: true }, ['read', 'browse', 'download']],
    ['never above clearance, even on loan', lowBorrower, { onLoan: true }, []],
    ['a liaison of another unit: nothing', liaison, {}, []],
    ['三员: nothing', admin, {}, []],
    ['above the archivist’s clearance: nothing', archivist, { level: 2 }, []],
  ];
  for (const [name, a, over, expected] of table) it(name, () => expect(presentActions(a, recordActions, rec(a, over))).toEqual(expected));

  const loan = (over: Partial<LoanFacts> = {}): LoanFacts => ({ ...scope(true), status: 'requested', borrowerId: borrower.id, level: 1, ...over });
  it('loans: the 档案处 approves or refuses requests; the borrower or the 档案处 returns', () => {
    expect(presentActions(archivist, loanActions, loan())).toEqual(['read', 'approve', 'refuse']);
    expect(presentActions(borrower, loanActions, loan())).toEqual(['read']);
    expect(presentActions(borrower, loanActions, loan({ status: 'approved' }))).toEqual(['read', 'return']);
    expect(presentActions(archivist, loanActions, loan({ status: 'approved' }))).toEqual(['read', 'return']);
    expect(presentActions(owner, loanActions, loan())).toEqual([]);
    expect(presentActions(admin, loanActions, loan())).toEqual([]);
    expect(presentActions(archivist, loanActions, loan({ level: 2 }))).toEqual([]);
  });

  const review = (over: Partial<ReviewFacts> = {}): ReviewFacts => ({ ...scope(true), status: 'pending', level: 1, ...over });
  it('reviews: only the 机要保密处 decides, once, within its clearance', () => {
    expect(presentActions(officer, reviewActions, review())).toEqual(['read', 'decide']);
    expect(presentActions(officer, reviewActions, review({ status: 'decided' }))).toEqual(['read']);
    expect(presentActions(officer, reviewActions, review({ level: 2 }))).toEqual([]);
    expect(presentActions(archivist, reviewActions, review())).toEqual([]);
    expect(presentActions(admin, reviewActions, review())).toEqual([]);
  });

  it('office abilities', () => {
    expect(officeActions.archive(archivist, scope(true))).toBe(true);
    expect(officeActions.archive(owner, scope(true))).toBe(false);
    expect(officeActions.reviewQueue(officer, scope(true))).toBe(true);
    expect(officeActions.reviewQueue(archivist, scope(true))).toBe(false);
    expect(officeActions.catalogue(admin, scope(true))).toBe(false);
  });
});
