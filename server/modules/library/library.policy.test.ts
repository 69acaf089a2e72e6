import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import type { Actor } from '../../platform/actor.js';
import { grantShare } from '../../platform/authz.js';
import { libraryModule } from './library.module.js';
import { canDecide, canReadContent, canReadEntry, libraryPolicy, type ItemFacts } from './library.policy.js';
import { contentVisibleTo, decidedBy, entryVisibleTo } from './repo/library.visibility.js';

const OWN = 10;
const OTHER = 20;

function actor(over: Partial<Actor> = {}): Actor {
  return {
    id: 1,
    username: 'a',
    name: 'a',
    unitId: OWN,
    unitName: '',
    unitCode: null,
    roles: ['staff'],
    clearance: 1,
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
    ...over,
  };
}
function item(over: Partial<ItemFacts> = {}): ItemFacts {
  return { level: 1, ownerUnitId: OTHER, createdBy: 99, scope: 'scoped', catalog: false, scopeUnits: [], scopeUsers: [], shared: false, ...over };
}

describe('library policy (table)', () => {
  // [description, actor, item, entry, content]
  const rows: [string, Actor, ItemFacts, boolean, boolean][] = [];
  for (const level of [0, 1, 2, 3]) {
    for (const clearance of [0, 1, 2, 3] as const) {
      for (const own of [true, false]) {
        for (const granted of [true, false]) {
          for (const catalog of [true, false]) {
            const cleared = clearance >= level;
            const content = cleared && (own || granted);
            rows.push([
              `L${level} C${clearance} ${own ? 'own' : 'other'} ${granted ? 'granted' : '-'} ${catalog ? 'catalog' : '-'}`,
              actor({ clearance }),
              item({ level, ownerUnitId: own ? OWN : OTHER, shared: granted, catalog }),
              cleared && (catalog || content),
              content,
            ]);
          }
        }
      }
    }
  }
  rows.push(['scope everyone, cleared', actor(), item({ scope: 'everyone' }), true, true]);
  rows.push(['scope everyone, not cleared', actor({ clearance: 0 }), item({ scope: 'everyone' }), false, false]);
  rows.push(['scope names my unit', actor(), item({ scopeUnits: [OWN] }), true, true]);
  rows.push(['scope names me', actor(), item({ scopeUsers: [1] }), true, true]);
  rows.push(['filer of the item', actor(), item({ createdBy: 1 }), true, true]);
  rows.push([
    '三员 never',
    actor({ roles: ['sysadmin'], adminRole: 'sysadmin', clearance: 3 }),
    item({ scope: 'everyone', level: 0, catalog: true }),
    false,
    false,
  ]);

  it.each(rows)('%s', (_d, a, i, entry, content) => {
    expect(canReadEntry(a, i)).toBe(entry);
    expect(canReadContent(a, i)).toBe(content);
    expect(libraryPolicy.requestAccess(a, i)).toBe(entry && !content);
  });

  it.each([
    ['filer decides', actor({ id: 99, unitId: OTHER }), true],
    ['head of the owner unit decides', actor({ unitId: OTHER, roles: ['division_head'] }), true],
    ['staff of the owner unit does not', actor({ unitId: OTHER }), false],
    ['head of another unit does not', actor({ roles: ['division_head'] }), false],
    ['uncleared head does not', actor({ unitId: OTHER, roles: ['division_head'], clearance: 0 }), false],
  ] as const)('%s', (_d, a, ok) => {
    expect(canDecide(a, item())).toBe(ok);
  });

  it('moderation, notices and weights belong to the office', () => {
    expect(libraryPolicy.moderate(actor({ roles: ['director'] }))).toBe(true);
    expect(libraryPolicy.moderate(actor())).toBe(false);
    expect(libraryPolicy.issueNotice(actor({ roles: ['division_head'] }))).toBe(true);
    expect(libraryPolicy.issueNotice(actor())).toBe(false);
    expect(libraryPolicy.manageWeights(actor({ roles: ['director'] }))).toBe(true);
  });

  const admin = actor({ roles: ['sysadmin'], adminRole: 'sysadmin', clearance: 3 });
  const director = actor({ roles: ['director'] });
  const topic = (level: number, status: string) => ({ level, status });

  // [ability, actor, row, allowed]: the abilities of the forum, lists, requests and circulations
  it.each([
    ['openTopic: cleared, open', actor(), topic(1, 'open'), true],
    ['openTopic: above clearance', actor(), topic(2, 'open'), false],
    ['openTopic: closed is still readable', actor(), topic(0, 'closed'), true],
    ['openTopic: hidden, staff', actor(), topic(0, 'hidden'), false],
    ['openTopic: hidden, director', director, topic(0, 'hidden'), true],
    ['openTopic: 三员 never', admin, topic(0, 'open'), false],
    ['reply: open', actor(), topic(1, 'open'), true],
    ['reply: closed', actor(), topic(1, 'closed'), false],
    ['reply: hidden, director', director, topic(0, 'hidden'), false],
    ['reply: above clearance', actor(), topic(3, 'open'), false],
    ['createTopic: business user', actor(), null, true],
    ['createTopic: 三员', admin, null, false],
    ['createList: business user', actor(), null, true],
    ['createList: 三员', admin, null, false],
    ['readRequest: the requester', actor(), { item: item(), requesterId: 1 }, true],
    ['readRequest: the filer decides', actor({ id: 99, unitId: OTHER }), { item: item(), requesterId: 5 }, true],
    ['readRequest: head of the owner unit', actor({ unitId: OTHER, roles: ['division_head'] }), { item: item(), requesterId: 5 }, true],
    ['readRequest: staff of the owner unit', actor({ unitId: OTHER }), { item: item(), requesterId: 5 }, false],
    ['readRequest: someone else', actor(), { item: item(), requesterId: 5 }, false],
    ['signReceipt: recipient, cleared', actor(), { recipient: true, level: 1 }, true],
    ['signReceipt: recipient, above clearance', actor(), { recipient: true, level: 2 }, false],
    ['signReceipt: not a recipient', actor(), { recipient: false, level: 0 }, false],
    ['signReceipt: 三员 never', admin, { recipient: true, level: 0 }, false],
    ['remind: the sender', actor(), { createdBy: 1 }, true],
    ['remind: not the sender', actor({ roles: ['director'] }), { createdBy: 2 }, false],
    ['remind: 三员 never', admin, { createdBy: 1 }, false],
    ['readAllReceipts: the sender', actor(), { createdBy: 1, ownerUnitId: OTHER }, true],
    ['readAllReceipts: the owner unit', actor(), { createdBy: 2, ownerUnitId: OWN }, true],
    ['readAllReceipts: a recipient elsewhere', actor(), { createdBy: 2, ownerUnitId: OTHER }, false],
  ] as const)('%s', (name, a, row, allowed) => {
    const ability = libraryPolicy[name.split(':')[0] as keyof typeof libraryPolicy] as (a: Actor, r: unknown) => boolean;
    expect(ability(a, row)).toBe(allowed);
  });
});

describeEachDialect(
  'library visibility SQL agrees with the policy',
  (env) => {
    it('on a matrix of levels × units × catalog × scope × grants for several actors', async () => {
      const { ctx, demo } = env();
      const own = demo.unitByCode.research!;
      const other = demo.unitByCode.supervision!;
      const creator = demo.userByName.dcs_huang!;
      const ids: { id: number; facts: Omit<ItemFacts, 'shared'>; grantedTo: number | null }[] = [];
      const users = ['dys_ma', 'dys_guo', 'jd_song', 'dcs_zhang', 'dcs_huang'];
      await ctx.db.transaction().execute(async (trx) => {
        for (const level of [0, 1, 2, 3])
          for (const unit of [own, other])
            for (const catalog of [0, 1])
              for (const scope of ['everyone', 'scoped', 'unit'])
                for (const grant of [null, demo.userByName.dys_ma!]) {
                  const row = await trx
                    .insertInto('library_item')
                    .values({
                      kind: 'material',
                      title: 't',
                      source: '',
                      owner_unit_id: unit,
                      created_by: creator,
                      level,
                      secrecy_period: null,
                      scope: scope === 'everyone' ? 'everyone' : 'scoped',
                      catalog,
                      keywords: '',
                      summary: '',
                      content: '',
                      date: '2026-03-01',
                      status: 'active',
                      created_at: 'x',
                      updated_at: 'x',
                    })
                    .returning('id')
                    .executeTakeFirstOrThrow();
                  const scopeUnits = scope === 'unit' ? [demo.unitByCode.reception!] : [];
                  for (const u of scopeUnits) await trx.insertInto('library_scope').values({ item_id: row.id, grantee_type: 'unit', grantee_id: u }).execute();
                  if (grant)
                    await grantShare(trx, {
                      itemType: 'library_item',
                      itemId: row.id,
                      granteeType: 'user',
                      granteeId: grant,
                      grantedBy: creator,
                      at: new Date(),
                    });
                  ids.push({
                    id: row.id,
                    facts: {
                      level,
                      ownerUnitId: unit,
                      createdBy: creator,
                      scope: scope === 'everyone' ? 'everyone' : 'scoped',
                      catalog: catalog === 1,
                      scopeUnits,
                      scopeUsers: [],
                    },
                    grantedTo: grant,
                  });
                }
      });
      const min = Math.min(...ids.map((i) => i.id));
      for (const username of users) {
        const u = await ctx.db.selectFrom('user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
        const a: Actor = {
          id: u.id,
          username,
          name: u.name,
          unitId: u.unit_id,
          unitName: '',
          unitCode: null,
          roles: ['staff'],
          clearance: u.clearance as Actor['clearance'],
          adminRole: null,
          ip: null,
          locale: 'zh-CN',
        };
        const entry = (await ctx.db.selectFrom('library_item').select('id').where('id', '>=', min).where(entryVisibleTo(a)).execute())
          .map((r) => r.id)
          .sort((x, y) => x - y);
        const content = (await ctx.db.selectFrom('library_item').select('id').where('id', '>=', min).where(contentVisibleTo(a)).execute())
          .map((r) => r.id)
          .sort((x, y) => x - y);
        expect(entry, username).toEqual(ids.filter((i) => canReadEntry(a, { ...i.facts, shared: i.grantedTo === a.id })).map((i) => i.id));
        expect(content, username).toEqual(ids.filter((i) => canReadContent(a, { ...i.facts, shared: i.grantedTo === a.id })).map((i) => i.id));
        // the incoming box of access requests and the 工作台 select with decidedBy: the same rule as canDecide
        for (const roles of [['staff'], ['division_head']] as Actor['roles'][]) {
          const head = { ...a, roles };
          const decided = (await ctx.db.selectFrom('library_item').select('id').where('id', '>=', min).where(decidedBy(head)).execute())
            .map((r) => r.id)
            .sort((x, y) => x - y);
          expect(decided, `${username} ${roles.join()}`).toEqual(ids.filter((i) => canDecide(head, i.facts)).map((i) => i.id));
        }
      }
    });
  },
  { modules: [libraryModule] },
);
