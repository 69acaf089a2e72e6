import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { authorize, DeniedError, presentAbilities, presentActions, RefusedError } from './authz.js';

const actor: Actor = {
  id: 1,
  username: 'u1',
  name: 'u1',
  unitId: 10,
  unitName: '',
  unitCode: null,
  roles: ['staff'],
  clearance: 1,
  adminRole: null,
  ip: null,
  locale: 'zh-CN',
};
const policy = {
  read: (a: Actor, r: { owner: number }) => r.owner === a.unitId,
  edit: (a: Actor, r: { owner: number; locked: boolean }) => r.owner === a.unitId && !r.locked,
  remove: () => false,
};
const target = { action: 'm.edit', targetType: 'thing', targetId: 7 };

describe('authorize', () => {
  it('passes when the ability holds', () => {
    expect(() => authorize(actor, policy.edit, { owner: 10, locked: false }, target)).not.toThrow();
  });
  it('an absent row is 404 audited under the action', () => {
    const e = (() => {
      try {
        authorize(actor, policy.edit, undefined, target);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DeniedError);
    expect(e).toMatchObject({ status: 404, code: 'not_found', action: 'm.edit', targetType: 'thing', targetId: 7 });
  });
  it('a refused read is 404, a refused write 403 with its action and target', () => {
    expect(() => authorize(actor, policy.read, { owner: 20 }, { ...target, mode: 'read' })).toThrow(DeniedError);
    let err: unknown;
    try {
      authorize(actor, policy.edit, { owner: 10, locked: true }, target);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toMatchObject({ status: 403, code: 'forbidden', action: 'm.edit', targetId: 7 });
  });
});

describe('presentActions / presentAbilities', () => {
  it('lists the abilities held, in the policy order', () => {
    expect(presentActions(actor, policy, { owner: 10, locked: false })).toEqual(['read', 'edit']);
    expect(presentActions(actor, policy, { owner: 10, locked: true })).toEqual(['read']);
    expect(presentAbilities(actor, policy, { owner: 20, locked: false })).toEqual({ read: false, edit: false, remove: false });
  });
});
