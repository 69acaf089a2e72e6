import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test/dialects.js';
import { createTestEnv, describeEachDialect, type TestEnv } from '../../test/harness.js';
import type { Actor } from './actor.js';
import { grantShare } from './authz.js';
import { gramTokens, highlight, parseQuery, retagStored, type SearchDocInput, type SearchSource } from './search-index.js';

const VOCAB = [
  '经济',
  '发展',
  '督查',
  '督办',
  '改革',
  '开放',
  '调研',
  '报告',
  '会议',
  '纪要',
  '信息',
  '专报',
  '安全',
  '生产',
  '生态',
  '环境',
  '保护',
  '乡村',
  '振兴',
  '营商',
  '优化',
  '民生',
  '工程',
  '防汛',
  '值班',
  '接待',
  '档案',
  '保密',
  '落实',
  '部署',
  '高质量',
  '一体化',
  '数字政府',
  '青州市',
  '办公厅',
  '重点',
  '难点',
  '问题',
  '整改',
  '台账',
  '的',
  '和',
  '在',
  '推动',
  '加强',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(r: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += VOCAB[Math.floor(r() * VOCAB.length)]! + (r() < 0.15 ? '，' : '');
  return out;
}

const UNIT_A = 1001;
const UNIT_B = 1002;
const UNIT_C = 1003;

function actor(id: number, unitId: number, clearance: 0 | 1 | 2 | 3): Actor {
  return {
    id,
    username: `u${id}`,
    name: `u${id}`,
    unitId,
    unitName: '',
    unitCode: null,
    roles: ['staff'],
    clearance,
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/** A 公开 document of unit A in `module` (item type `<module>_item`). */
function unitADoc(module: string, itemId: number, title: string, body: string, date: string | null = null): SearchDocInput {
  return { module, itemType: `${module}_item`, itemId, title, body, unitIds: [UNIT_A], userIds: [], level: 0, date, link: `/${module}` };
}

/** A deterministic corpus over 3 modules, 4 levels and 3 units, some shared with user 7001. */
function corpus(): SearchDocInput[] {
  const r = rng(42);
  const docs: SearchDocInput[] = [];
  for (let i = 1; i <= 160; i++) {
    const module = ['library', 'supervision', 'documents'][i % 3]!;
    const unit = [UNIT_A, UNIT_B, UNIT_C][i % 3 === 0 ? 0 : Math.floor(r() * 3)]!;
    docs.push({
      module,
      itemType: `${module}_item`,
      itemId: i,
      title: sentence(r, 3 + Math.floor(r() * 3)),
      body: sentence(r, 10 + Math.floor(r() * 30)),
      unitIds: [unit],
      userIds: i % 11 === 0 ? [7001] : [],
      level: Math.floor(r() * 4),
      everyone: i % 17 === 0,
      kind: i % 2 ? '调研报告' : '讲话稿',
      date: `2026-0${1 + (i % 9)}-1${i % 10}`,
      link: `/${module}/${i}`,
    });
  }
  // every bigram of 高质量 and of 数字政府, none of them in a row: a phrase query must not find it, a conjunction would
  docs.push(unitADoc('library', 9002, '高质，质量', '数字，字政，政府'));
  docs.push({
    module: 'library',
    itemType: 'library_item',
    itemId: 9001,
    title: 'ABC <b>预案</b> & 测试',
    body: '应急预案<script>alert(1)</script>Version 2',
    unitIds: [UNIT_A],
    userIds: [],
    level: 0,
    link: '/x',
  });
  return docs;
}

/** The oracle: what the actor may see, and whether all terms occur as substrings (Han) / word prefixes (Latin). */
function oracle(docs: SearchDocInput[], a: Actor, q: string, shares: { itemType: string; itemId: number; userId: number }[] = []): string[] {
  const { terms } = parseQuery(q);
  return docs
    .filter((d) => {
      const shared = shares.some((s) => s.itemType === d.itemType && s.itemId === d.itemId && s.userId === a.id);
      if (d.level > a.clearance) return false;
      if (!(d.everyone || d.unitIds.includes(a.unitId) || d.userIds.includes(a.id) || shared)) return false;
      const text = `${d.title}\u0000${d.body}`.normalize('NFKC').toLowerCase();
      const words = gramTokens(text);
      return terms.every((t) => t.pieces.every((p) => (p.han ? text.includes(p.text) : words.some((w) => w.startsWith(p.text)))));
    })
    .map((d) => `${d.itemType}:${d.itemId}`)
    .sort();
}

describe('search tokens', () => {
  it('bigrams each Han run and ends it with its last character', () => {
    expect(gramTokens('推动经济，Version 2')).toEqual(['推动', '动经', '经济', '济', 'version', '2']);
  });
  it('splits Han from adjacent digits and letters, so "2026年安全" is found by 年安 and 安全', () => {
    expect(gramTokens('2026年安全生产第5条ABC安')).toEqual(['2026', '年安', '安全', '全生', '生产', '产第', '第', '5', '条', 'abc', '安']);
    expect(parseQuery('2026年 安全').terms.map((t) => t.pieces.map((p) => [p.text, p.han]))).toEqual([
      [
        ['2026', false],
        ['年', true],
      ],
      [['安全', true]],
    ]);
    expect(gramTokens('𠀀𠀁a')).toEqual(['𠀀𠀁', '𠀁', 'a']);
  });
  it('escapes HTML and marks matches', () => {
    expect(highlight('<b>督查</b>室', ['督查'])).toBe('&lt;b&gt;<mark>督查</mark>&lt;/b&gt;室');
  });
  it('parses multi-word queries into terms and pieces', () => {
    expect(parseQuery(' 经济  发展2026 ').terms.map((t) => t.pieces.map((p) => p.text))).toEqual([['经济'], ['发展', '2026']]);
  });
});

/** The search suite on one database; on PostgreSQL `plan` says which query plan it must be on. */
function searchSuite(env: () => TestEnv, plan?: 'rum' | 'gin') {
  it('runs on the expected PostgreSQL plan (RUM indexes when the extension is installed, GIN otherwise)', async () => {
    const { ctx } = env();
    if (env().dialect !== 'postgres') return;
    const r = await sql<{ rum: boolean; gin: boolean; ext: boolean }>`SELECT to_regclass('search_doc_grams_rum') IS NOT NULL AS rum,
          to_regclass('search_doc_grams_gin') IS NOT NULL AS gin, EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') AS ext`.execute(ctx.db);
    const want = plan ?? (r.rows[0]!.ext ? 'rum' : 'gin');
    expect(r.rows[0]).toMatchObject(want === 'rum' ? { rum: true, gin: false } : { rum: false, gin: true });
  });
  const docs = corpus();
  const shares = [{ itemType: 'library_item', itemId: 4, userId: 7002 }];
  const actors = [actor(7001, UNIT_A, 1), actor(7002, UNIT_B, 3), actor(7003, UNIT_C, 0), actor(7004, UNIT_A, 3), actor(7005, UNIT_B, 2)];
  const queries = [
    '经',
    '济',
    '督',
    '的',
    '经济',
    '济发',
    '查督',
    '发展',
    '督查',
    '高质量',
    '数字政府',
    '青州市办公厅',
    '经济 发展',
    '督查 台账 落实',
    '督 台账',
    '的 数字政府',
    'abc',
    '预案',
    'version 2',
    '不存在的词',
  ];

  async function all(a: Actor, q: string, extra: Partial<{ module: string; unitId: number; kind: string; from: string; to: string }> = {}) {
    const res = await env().ctx.search.query(env().ctx.db, a, { q, page: 1, pageSize: 1000, ...extra });
    return res;
  }

  it('indexes a corpus in one transaction', async () => {
    const { ctx } = env();
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.search.indexMany(trx, docs);
      await grantShare(trx, {
        itemType: 'library_item',
        itemId: 4,
        granteeType: 'user',
        granteeId: 7002,
        grantedBy: 1,
        at: new Date('2026-03-02T00:00:00.000Z'),
      });
    });
  });

  it('matches 1-, 2-, 3-, 4+-character and multi-word queries exactly like the substring oracle, filtered by clearance and need-to-know', async () => {
    for (const a of actors) {
      for (const q of queries) {
        const res = await all(a, q);
        const got = res.items.map((h) => `${h.itemType}:${h.itemId}`).sort();
        expect(got, `${a.username} ${q}`).toEqual(oracle(docs, a, q, shares));
        expect(res.total).toBe(got.length);
        expect(Object.values(res.byModule).reduce((x, y) => x + y, 0)).toBe(got.length);
      }
    }
  });

  it('matchItemIds finds the items of a type holding every term, whatever their visibility (1-character terms too)', async () => {
    const { ctx } = env();
    for (const type of [...new Set(docs.map((d) => d.itemType))])
      for (const q of queries) {
        const { terms } = parseQuery(q);
        const want = docs
          .filter((d) => {
            if (d.itemType !== type) return false;
            const text = `${d.title}\u0000${d.body}`.normalize('NFKC').toLowerCase();
            const words = gramTokens(text);
            return terms.every((t) => t.pieces.every((p) => (p.han ? text.includes(p.text) : words.some((w) => w.startsWith(p.text)))));
          })
          .map((d) => d.itemId)
          .sort((x, y) => x - y);
        const got = await ctx.search.matchItemIds(ctx.db, type, q, 100_000);
        expect(
          got?.sort((x, y) => x - y),
          `${type} ${q}`,
        ).toEqual(want);
      }
  });

  it('finds a 2-character term across jieba word boundaries', async () => {
    const a = actors[3]!;
    const hits = oracle(docs, a, '济发');
    expect(hits.length).toBeGreaterThan(0);
    expect((await all(a, '济发')).total).toBe(hits.length);
  });

  it('applies the classification × unit × grant matrix without leaking counts', async () => {
    const { ctx } = env();
    const matrix: SearchDocInput[] = [];
    let id = 5000;
    for (const level of [0, 1, 2, 3])
      for (const unit of [UNIT_A, UNIT_B])
        for (const granted of [false, true])
          matrix.push({
            module: 'matrix',
            itemType: 'matrix_item',
            itemId: ++id,
            title: `矩阵测试 ${level} ${unit} ${granted}`,
            body: '矩阵正文',
            unitIds: [unit],
            userIds: [],
            level,
            kind: granted ? 'g' : 'n',
            link: '/m',
          });
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.search.indexMany(trx, matrix);
      for (const m of matrix)
        if (m.kind === 'g')
          await grantShare(trx, {
            itemType: 'matrix_item',
            itemId: m.itemId,
            granteeType: 'unit',
            granteeId: UNIT_A,
            grantedBy: 1,
            at: new Date('2026-03-02T00:00:00.000Z'),
          });
    });
    for (const clearance of [0, 1, 2, 3] as const) {
      const a = actor(7100 + clearance, UNIT_A, clearance);
      const res = await all(a, '矩阵', { module: 'matrix' });
      const expected = matrix
        .filter((m) => m.level <= clearance && (m.unitIds[0] === UNIT_A || m.kind === 'g'))
        .map((m) => m.itemId)
        .sort();
      expect(res.items.map((h) => h.itemId).sort()).toEqual(expected);
      expect(res.total).toBe(expected.length);
      expect(res.byModule.matrix ?? 0).toBe(expected.length);
    }
    const admin: Actor = { ...actor(7200, UNIT_A, 3), roles: ['sysadmin'], adminRole: 'sysadmin' };
    expect(await all(admin, '矩阵')).toEqual({ total: 0, items: [], byModule: {}, more: false, countCap: 1000, moduleCountCap: 100 });
  });

  it('pages without gaps or repeats and filters by module, unit, kind and date', async () => {
    const a = actors[3]!;
    const full = await all(a, '的');
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(full.total / 7); page++) {
      const res = await env().ctx.search.query(env().ctx.db, a, { q: '的', page, pageSize: 7 });
      expect(res.total).toBe(full.total);
      paged.push(...res.items.map((h) => `${h.itemType}:${h.itemId}`));
    }
    expect(paged).toEqual(full.items.map((h) => `${h.itemType}:${h.itemId}`));
    expect(new Set(paged).size).toBe(paged.length);
    const lib = await all(a, '的', { module: 'library' });
    expect(lib.total).toBe(full.byModule.library);
    expect(lib.byModule).toEqual(full.byModule);
    expect(lib.items.every((h) => h.module === 'library')).toBe(true);
    const unit = await all(a, '的', { unitId: UNIT_B });
    expect(unit.items.every((h) => docs.find((d) => d.itemType === h.itemType && d.itemId === h.itemId)!.unitIds[0] === UNIT_B)).toBe(true);
    const kind = await all(a, '的', { kind: '调研报告', from: '2026-03-01', to: '2026-05-31' });
    expect(kind.items.every((h) => h.kind === '调研报告' && h.date! >= '2026-03-01' && h.date! <= '2026-05-31')).toBe(true);
    expect(kind.total).toBe(
      oracle(docs, a, '的').filter((k) => {
        const d = docs.find((x) => `${x.itemType}:${x.itemId}` === k)!;
        return d.kind === '调研报告' && d.date! >= '2026-03-01' && d.date! <= '2026-05-31';
      }).length,
    );
  });

  it('treats module names as data: "toString", "__proto__" and "constructor" are just modules without results', async () => {
    for (const module of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const res = await all(actors[3]!, '的', { module });
      expect([res.total, res.more, res.items]).toEqual([0, false, []]);
    }
  });

  it('escapes snippets and titles and marks the matches', async () => {
    const res = await all(actors[3]!, '预案');
    const hit = res.items.find((h) => h.itemId === 9001)!;
    expect(hit.titleHtml).toBe('ABC &lt;b&gt;<mark>预案</mark>&lt;/b&gt; &amp; 测试');
    expect(hit.snippet).toContain('应急<mark>预案</mark>&lt;script&gt;');
    expect(hit.snippet).not.toContain('<script>');
  });

  it('re-indexing replaces and remove deletes', async () => {
    const { ctx } = env();
    const a = actors[3]!;
    await ctx.db.transaction().execute((trx) => ctx.search.index(trx, { ...docs.at(-1)!, title: '新标题应急', body: '替换后的正文' }));
    expect((await all(a, '预案')).items.some((h) => h.itemId === 9001)).toBe(false);
    expect((await all(a, '替换')).items.map((h) => h.itemId)).toEqual([9001]);
    await ctx.db.transaction().execute((trx) => ctx.search.remove(trx, 'library_item', 9001));
    expect((await all(a, '替换')).total).toBe(0);
    await ctx.db.transaction().execute((trx) => ctx.search.index(trx, docs.at(-1)!));
  });

  it('rebuild equals incremental indexing', async () => {
    const { ctx } = env();
    const before = await Promise.all(actors.flatMap((a) => queries.map((q) => all(a, q))));
    const source: SearchSource = async function* () {
      for (let i = 0; i < docs.length; i += 50) yield docs.slice(i, i + 50);
    };
    const counts = await ctx.search.rebuild(ctx.db, { corpus: source });
    expect(counts).toEqual({ corpus: docs.length });
    const after = await Promise.all(actors.flatMap((a) => queries.map((q) => all(a, q))));
    expect(after).toEqual(before);
  });

  it('finds similar items the actor may see, never the item itself', async () => {
    const { ctx } = env();
    const a = actors[0]!;
    const own = docs.find((d) => d.unitIds[0] === a.unitId && d.level <= a.clearance)!;
    const sim = await ctx.search.similar(ctx.db, a, own.itemType, own.itemId, 8);
    expect(sim.length).toBeGreaterThan(0);
    for (const h of sim) {
      expect(`${h.itemType}:${h.itemId}`).not.toBe(`${own.itemType}:${own.itemId}`);
      const d = docs.find((x) => x.itemType === h.itemType && x.itemId === h.itemId)!;
      expect(d.level).toBeLessThanOrEqual(a.clearance);
      expect(d.everyone || d.unitIds.includes(a.unitId) || d.userIds.includes(a.id)).toBe(true);
    }
    const hidden = docs.find((d) => d.level > a.clearance)!;
    expect(await ctx.search.similar(ctx.db, a, hidden.itemType, hidden.itemId, 8)).toEqual([]);
  });

  it('ranks 相似条目 by the keywords they share, the title counting most, alike on both databases', async () => {
    const { ctx } = env();
    const a = actors[3]!;
    const doc = (itemId: number, title: string, body: string) => unitADoc('sim', itemId, title, body);
    await ctx.db
      .transaction()
      .execute((trx) =>
        ctx.search.indexMany(trx, [
          doc(1, '防汛抗旱应急预案修订', '防汛抗旱指挥部修订应急预案，明确水库巡查和山洪灾害预警。'),
          doc(2, '关于防汛抗旱应急预案的说明', '防汛抗旱应急预案说明，水库巡查。'),
          doc(3, '会议通知', '顺带提到防汛。'),
          doc(4, '营商环境优化', '与本题无关的材料。'),
          { ...doc(5, '防汛抗旱应急预案（机密版）', '防汛抗旱应急预案'), level: 3, unitIds: [UNIT_B] },
        ]),
      );
    const own = (hits: { itemType: string; itemId: number }[]) => hits.filter((h) => h.itemType === 'sim_item').map((h) => h.itemId);
    const sim = await ctx.search.similar(ctx.db, actor(7007, UNIT_A, 1), 'sim_item', 1, 20);
    expect(sim[0]!.itemId).toBe(2);
    expect(own(sim)).not.toContain(4);
    expect(own(sim)).not.toContain(5);
    // the 机密 one of another unit is as similar, but only its readers see it
    const cleared = own(await ctx.search.similar(ctx.db, a, 'sim_item', 1, 20));
    expect(cleared[0]).toBe(2);
    expect(cleared).not.toContain(5);
    await grantShare(ctx.db as never, {
      itemType: 'sim_item',
      itemId: 5,
      granteeType: 'user',
      granteeId: a.id,
      grantedBy: 1,
      at: new Date('2026-03-02T00:00:00Z'),
    });
    expect(own(await ctx.search.similar(ctx.db, a, 'sim_item', 1, 20)).slice(0, 2)).toEqual([2, 5]);
  });

  it('ranks items with every term in the title first, then the rest, each by date then id, whatever the history', async () => {
    const { ctx } = env();
    const a = actors[3]!;
    const doc = (itemId: number, title: string, body: string, date: string | null) => unitADoc('rank', itemId, title, body, date);
    const ranked = [
      doc(1, '其他', '正文有排序词', '2026-05-01'),
      doc(2, '排序词在标题', '正文', '2026-01-01'),
      doc(3, '另一个', '也有排序词', '2026-03-01'),
      doc(4, '排序词标题二', '', '2026-02-01'),
      doc(5, '无日期', '排序词', null),
      doc(6, '同日', '排序词', '2026-03-01'),
    ];
    for (const d of ranked) await ctx.db.transaction().execute((trx) => ctx.search.index(trx, d));
    const order = [4, 2, 1, 6, 3, 5];
    expect((await all(a, '排序词', { module: 'rank' })).items.map((h) => h.itemId)).toEqual(order);
    // a change does not move an item: the order is the same as a rebuild would give
    await ctx.db.transaction().execute((trx) => ctx.search.index(trx, { ...ranked[2]!, body: '也有排序词，已修改' }));
    expect((await all(a, '排序词', { module: 'rank' })).items.map((h) => h.itemId)).toEqual(order);
    const second = await ctx.search.query(ctx.db, a, { q: '排序词', module: 'rank', page: 2, pageSize: 4 });
    expect(second.items.map((h) => h.itemId)).toEqual([3, 5]);
  });

  it('reads newest first across the years and future dates: every page, count and date filter as one ordered scan would', async () => {
    const { ctx } = env();
    const a = actors[3]!;
    // one document every 37 days from 2012 to 2031 (past the test clock: future-dated ones too), two without a date
    const start = Date.UTC(2012, 0, 3);
    const spread: SearchDocInput[] = Array.from({ length: 190 }, (_, i) =>
      unitADoc('years', i + 1, i % 5 === 0 ? '跨年检索标题' : '其他', '跨年检索正文', new Date(start + i * 37 * 86_400_000).toISOString().slice(0, 10)),
    );
    spread.push(unitADoc('years', 500, '无日期', '跨年检索', null), unitADoc('years', 501, '跨年检索无日期', '', null));
    // a search first: what the index knew of its periods before these documents is out of date for every check below
    expect((await all(a, '跨年检索')).total).toBe(0);
    await ctx.db.transaction().execute((trx) => ctx.search.indexMany(trx, spread));
    // title hits first, then the rest; each newest first, undated last
    const newest = (x: SearchDocInput, y: SearchDocInput) => (y.date ?? '').localeCompare(x.date ?? '') || y.itemId - x.itemId;
    const ordered = [...spread.filter((d) => d.title.includes('跨年检索')).sort(newest), ...spread.filter((d) => !d.title.includes('跨年检索')).sort(newest)];
    for (const q of ['跨年检索', '跨年检', '年检', '跨']) {
      const got: number[] = [];
      for (let page = 1; page <= Math.ceil(ordered.length / 9); page++) {
        const res = await ctx.search.query(ctx.db, a, { q, module: 'years', page, pageSize: 9 });
        expect(res.total, q).toBe(ordered.length);
        got.push(...res.items.map((h) => h.itemId));
      }
      expect(got, q).toEqual(ordered.map((d) => d.itemId));
    }
    expect((await all(a, '跨年检索')).byModule.years).toBe(101);
    const ranged = await all(a, '跨年检', { module: 'years', from: '2020-01-01', to: '2023-12-31' });
    const inRange = ordered.filter((d) => d.date && d.date >= '2020-01-01' && d.date <= '2023-12-31');
    expect(inRange.length).toBeGreaterThan(30);
    expect(ranged.items.map((h) => h.itemId)).toEqual(inRange.map((d) => d.itemId));
    expect(ranged.total).toBe(inRange.length);
    // a range before every document, and one after the last: nothing, whatever the windows
    expect((await all(a, '跨年检索', { module: 'years', to: '2011-12-31' })).total).toBe(0);
    const late = ordered.filter((d) => d.date && d.date >= '2030-06-01').map((d) => d.itemId);
    expect(late.length).toBeGreaterThan(3);
    expect((await all(a, '跨年检索', { from: '2030-06-01' })).items.map((h) => h.itemId)).toEqual(late);
    await ctx.db.transaction().execute(async (trx) => {
      for (const d of spread) await ctx.search.remove(trx, d.itemType, d.itemId);
    });
  });

  it('counts up to the cap ("more than 1000") and ends pages there', async () => {
    const { ctx } = env();
    const a = actor(7301, UNIT_B, 0);
    const many: SearchDocInput[] = Array.from({ length: 1100 }, (_, i) => ({
      module: 'cap',
      itemType: 'cap_item',
      itemId: i + 1,
      title: `封顶测试${i}`,
      body: '封顶',
      unitIds: [i % 2 ? UNIT_B : UNIT_C],
      userIds: [],
      level: 0,
      everyone: i % 4 === 0,
      link: '/c',
    }));
    await ctx.db.transaction().execute((trx) => ctx.search.indexMany(trx, many));
    // visible: unit B (odd) or everyone (multiple of 4) = 550 + 275
    const visible = await all(a, '封顶', { module: 'cap' });
    expect(visible.total).toBe(825);
    const other = actor(7302, UNIT_C, 0); // unit C (even) = 550
    expect((await all(other, '封顶', { module: 'cap' })).total).toBe(550);
    const allTabs = await all(other, '封顶');
    expect(allTabs.byModule.cap).toBe(101);
    expect([allTabs.total, allTabs.more]).toEqual([100, true]);
    expect(visible.more).toBe(false);
    await ctx.db.transaction().execute((trx) =>
      ctx.search.indexMany(
        trx,
        many.map((d) => ({ ...d, everyone: true })),
      ),
    );
    const capped = await ctx.search.query(ctx.db, a, { q: '封顶', module: 'cap', page: 20, pageSize: 50 });
    expect(capped.total).toBe(1000);
    expect(capped.more).toBe(true);
    expect(capped.countCap).toBe(1000);
    expect(capped.items).toHaveLength(50);
    expect((await ctx.search.query(ctx.db, a, { q: '封顶', module: 'cap', page: 21, pageSize: 50 })).items).toEqual([]);
    await ctx.db.transaction().execute(async (trx) => {
      for (const d of many) await ctx.search.remove(trx, d.itemType, d.itemId);
    });
    expect((await all(a, '封顶')).total).toBe(0);
  });

  it('text that looks like an access tag grants nothing', async () => {
    const { ctx } = env();
    await ctx.db.transaction().execute((trx) =>
      ctx.search.index(trx, {
        module: 'tagtext',
        itemType: 'tagtext_item',
        itemId: 1,
        title: '标签伪装 _all all',
        body: `_u${UNIT_B} u${UNIT_B} _p7005 p7005 _l0 _mtagtext _v3_all _v3_u${UNIT_B} _v3_p7005_tagtext v3_all v3_u${UNIT_B}`,
        unitIds: [UNIT_C],
        userIds: [],
        level: 0,
        link: '/t',
      }),
    );
    const b = actor(7005, UNIT_B, 3);
    for (const q of ['标签伪装', 'all', `u${UNIT_B}`, 'p7005', 'v3', `v3_u${UNIT_B}`])
      expect(
        (await all(b, q)).items.some((h) => h.itemType === 'tagtext_item'),
        q,
      ).toBe(false);
    expect((await all(actor(7006, UNIT_C, 0), '标签伪装')).total).toBe(1);
  });

  it('re-tagging the stored index from its text changes no answer', async () => {
    const { ctx } = env();
    const before = await Promise.all(actors.map((a) => all(a, '的')));
    const n = await ctx.db.transaction().execute((trx) => retagStored(trx));
    expect(n).toBeGreaterThan(100);
    expect(await Promise.all(actors.map((a) => all(a, '的')))).toEqual(before);
  });
}

describeEachDialect('search index', (env) => searchSuite(env), { modules: [] });

// PostgreSQL without the RUM indexes (managed PostgreSQL without the extension): the fallback plan gives the same answers
if (testDialects().includes('postgres')) {
  describe('search index [postgres, fallback without RUM]', () => {
    let env: TestEnv | undefined;
    beforeAll(async () => {
      const before = process.env.ZHONGSHU_PG_RUM;
      process.env.ZHONGSHU_PG_RUM = 'off';
      try {
        env = await createTestEnv('postgres', { modules: [] });
      } finally {
        if (before === undefined) delete process.env.ZHONGSHU_PG_RUM;
        else process.env.ZHONGSHU_PG_RUM = before;
      }
    });
    afterAll(async () => {
      await env?.close();
    });
    searchSuite(() => env!, 'gin');
  });
}
