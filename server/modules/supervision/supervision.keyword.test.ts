/**
 * The 督办台账 keyword: the index phrase of a Han keyword, the frequent-term memo and the count driven by the
 * index's matches must give exactly the rows, order and capped count of the reference computation (the
 * index's candidates by terms when at most `candidates` match, else the text scan of the whole ledger),
 * for rare, frequent, dense, 1- and 2-character, mixed-script and two-word keywords, with and without the
 * other filters, for actors who see everything, part or little of the ledger.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { dialectOf } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { gramTokens, substringPhrase } from '../../platform/search-index.js';
import { ledgerCount, ledgerPage } from './repo/supervision.lists.js';
import type { LedgerFilter } from './supervision.repo.js';
import { withKeywordCandidates } from './usecases/lists.js';

describe('substringPhrase', () => {
  it('gives the tokens every text holding the keyword has in a row, the last a prefix when the text may go on', () => {
    expect(substringPhrase('河长制')).toEqual({ tokens: ['河长', '长制'], prefix: false });
    expect(substringPhrase('督办')).toEqual({ tokens: ['督办'], prefix: false });
    expect(substringPhrase('河')).toEqual({ tokens: ['河'], prefix: true });
    // two words: the first run ends before the space (its last character is a token), the second goes on
    expect(substringPhrase('河长制 督办')).toEqual({ tokens: ['河长', '长制', '制', '督办'], prefix: false });
    expect(substringPhrase('督办 河')).toEqual({ tokens: ['督办', '办', '河'], prefix: true });
    expect(substringPhrase('督办。')).toEqual({ tokens: ['督办', '办'], prefix: false });
    expect(substringPhrase('，督办')).toEqual({ tokens: ['督办'], prefix: false });
    // a Latin letter or a digit: a word-prefix token cannot promise a mid-word substring
    expect(substringPhrase('2026年')).toBeNull();
    expect(substringPhrase('河长制abc')).toBeNull();
    expect(substringPhrase('Ｈ河长')).toBeNull();
    expect(substringPhrase('，。')).toBeNull();
    // a Han-script symbol that is not a letter (a radical) is not a token character everywhere
    expect(substringPhrase('⺀河')).toBeNull();
  });

  it('is necessary: the tokens of any text holding the keyword hold the phrase in a row', () => {
    const alphabet = ['河', '长', '制', '督', '办', '安', '全', ' ', '，', '、', 'a', '1', '〇', '々'];
    const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 30 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, i, j) => {
        const chars = Array.from(t);
        const from = i % chars.length;
        const q = chars.slice(from, from + 1 + (j % 8)).join('');
        const p = substringPhrase(q);
        if (!p) return;
        const tokens = gramTokens(t);
        const found = tokens.some((_, at) =>
          p.tokens.every((k, n) => {
            const tok = tokens[at + n];
            return tok !== undefined && (p.prefix && n === p.tokens.length - 1 ? tok.startsWith(k) : tok === k);
          }),
        );
        expect(found, `${JSON.stringify(q)} in ${JSON.stringify(t)}: ${p.tokens.join(' ')} ⊄ ${tokens.join(' ')}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describeEachDialect('supervision ledger keyword', (env) => {
  const unit = (code: string) => env().demo.unitByCode[code]!;
  const user = (name: string) => env().demo.userByName[name]!;
  const persons: Record<string, string> = { housing: 'zjj_peng', finance: 'czj_han', ecology: 'sthj_feng', emergency: 'yjj_cao', ndrc: 'fgw_xu' };

  async function register(c: TestClient, n: number, title: string, requirement: string) {
    const units = [['housing', 'finance'], ['ecology'], ['ndrc', 'emergency'], ['finance']][n % 4]!;
    const reg = await c.post('/api/supervision/items', {
      source: (['instruction', 'decision', 'assessment'] as const)[n % 3],
      ...(n % 3 === 0 ? { instructedBy: '李明华', instructedById: user('sj_li'), instructionText: '请抓紧办理' } : {}),
      title,
      requirement,
      level: n % 5 === 0 ? 0 : 1,
      leadUnitId: unit(units[0]!),
      coUnitIds: units.slice(1).map(unit),
      responsibleLeaderId: user(n % 2 ? 'msz_zhao' : 'sj_li'),
      deadline: `2026-0${3 + (n % 6)}-${String(10 + ((n * 7) % 18)).padStart(2, '0')}`,
    });
    expect(reg.status, reg.body).toBe(200);
    if (n % 2 === 0) {
      const split = await c.post(`/api/supervision/items/${reg.json.item.id}/split`, {
        version: reg.json.item.version,
        tasks: units.map((u) => ({ unitId: unit(u), responsibleUserId: user(persons[u]!), deadline: '2026-09-30' })),
      });
      expect(split.status, split.body).toBe(200);
    }
  }

  const actorOf = async (username: string): Promise<Actor> => {
    const { IdentityService } = await import('../identity/identity.service.js');
    return (await new IdentityService(env().ctx).loadActor(env().ctx.db, user(username), { ip: null, userAgent: null, locale: 'zh-CN' }))!;
  };

  it('gives the reference rows, order and capped count for every keyword, filter, actor, candidate limit and cap', async () => {
    const c = await env().login('dcs_zhang');
    const texts: [string, string][] = [
      ['推进河长制工作的督办事项', '全面落实河长制，明确责任分工'],
      ['河长制 督办事项', '按时报送进展情况'],
      ['河长制，督办事项', '河长制 督办要求'],
      ['关于河长制落实情况的督办', '请牵头单位认真研究'],
      ['安全生产专项整治', '压实安全生产主体责任，河长制同步推进'],
      ['安全生产大检查督办', '开展安全生产大检查'],
      ['2026年河长制考核', '对照问题清单逐项整改'],
      ['ABC河长制试点', '河长制2026年度任务'],
      ['督办老旧小区改造', '6月底前全部开工'],
      ['营商环境优化提升', '加强统筹协调，建立台账'],
      ['河道治理', '河长巡河制度化'],
      ['秸秆禁烧督办', '加强秸秆禁烧巡查，河长制'],
      ['森林防火', '河长制与林长制协同'],
      ['河长制', '河长制'],
      ['信访积案化解', '河长制 督办，逐件销号'],
      ['安全 生产月活动', '安全，生产两手抓'],
    ];
    for (let n = 0; n < texts.length; n++) await register(c, n, texts[n]![0], texts[n]![1]);
    const { ctx } = env();
    const th = { today: '2026-03-02', yellowUntil: '2026-03-05' };
    const keywords = [
      '河长制',
      '督办',
      '河',
      '河长制 督办',
      '河长制，督办',
      '安全生产',
      '安全 生产',
      '2026年',
      'ABC河长制',
      '河长制2026',
      '秸秆',
      '不存在的词',
      '制 督',
    ];
    const filters: LedgerFilter[] = [
      {},
      { status: 'registered' },
      { unitId: unit('finance') },
      { source: 'decision' },
      { leaderId: user('sj_li') },
      { deadlineFrom: '2026-04-01', deadlineTo: '2026-06-30' },
      { light: 'green' },
    ];
    const actors = await Promise.all(['dcs_zhang', 'zr_chen', 'fgw_xu', 'czj_han', 'jyj_dong', 'sj_li'].map(actorOf));
    let compared = 0;
    let driven = 0;
    for (const candidates of [1, 3, 2000]) {
      for (const q of keywords) {
        for (const f0 of filters) {
          const f = { ...f0, q };
          const reference = { ...f, matchedIds: await ctx.search.matchItemIds(ctx.db, 'supervision_item', q, candidates) };
          const fresh = await withKeywordCandidates(ctx, f, candidates);
          if (fresh.keywordSource) driven++;
          for (const actor of actors) {
            for (const cap of [1, 2, 1000]) {
              expect(await ledgerCount(ctx.db, actor, fresh, th, cap), `${actor.username} ${q} ${JSON.stringify(f0)} ${candidates}/${cap}`).toBe(
                await ledgerCount(ctx.db, actor, reference, th, cap),
              );
            }
            for (const page of [
              { limit: 3, offset: 0 },
              { limit: 3, offset: 3 },
              { limit: 50, offset: 0 },
            ]) {
              const got = (await ledgerPage(ctx.db, actor, fresh, th, page)).map((r) => r.id);
              expect(got, `${actor.username} ${q} ${JSON.stringify(f0)} ${candidates}`).toEqual(
                (await ledgerPage(ctx.db, actor, reference, th, page)).map((r) => r.id),
              );
            }
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(3 * keywords.length * filters.length * actors.length);
    // SQLite: the driven count did run (frequent, not dense terms), and found rows; PostgreSQL never drives
    const sqlite = dialectOf(ctx.db) === 'sqlite';
    expect(driven > 0).toBe(sqlite);
    const office = actors[0]!;
    const viaIndex: LedgerFilter = await withKeywordCandidates(ctx, { q: '河长制' }, 3);
    expect(viaIndex.keywordSource !== undefined).toBe(sqlite);
    expect(await ledgerCount(ctx.db, office, viaIndex, th, 1000)).toBeGreaterThan(3);
    // a liaison never gets an item of another unit through the keyword
    const finance = actors[3]!;
    for (const q of keywords) {
      for (const candidates of [1, 2000]) {
        const rows = await ledgerPage(ctx.db, finance, await withKeywordCandidates(ctx, { q }, candidates), th, { limit: 100, offset: 0 });
        for (const r of rows) {
          const tasks = await ctx.db.selectFrom('supervision_task').select('unit_id').where('item_id', '=', r.id).execute();
          const units = [r.owner_unit_id, r.lead_unit_id, ...tasks.map((t) => t.unit_id)];
          expect(units.includes(finance.unitId) || r.responsible_user_id === finance.id, `${q}: item ${r.id}`).toBe(true);
        }
      }
    }
  });

  it('the ledger route answers the same through the service as through the reference for a two-word keyword', async () => {
    const c = await env().login('dcs_zhang');
    await register(c, 1, '河长制 督办专项', '两个词');
    const res = await c.get(`/api/supervision/items?q=${encodeURIComponent('河长制 督办')}&pageSize=50`);
    expect(res.status, res.body).toBe(200);
    const all = await env().ctx.db.selectFrom('supervision_item').select(['id', 'title', 'requirement']).execute();
    const expected = all.filter((r) => r.title.includes('河长制 督办') || r.requirement.includes('河长制 督办')).map((r) => r.id);
    expect(res.json.total).toBe(expected.length);
    expect(res.json.items.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});
