import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { StaleVersionError } from './errors.js';
import { readSetting, writeSetting } from './settings.js';

const DEFAULTS = { a: 1, b: 'x' };
const parse = (v: unknown) => v as Partial<typeof DEFAULTS>;

describeEachDialect('settings', (env) => {
  it('reads the defaults at version 0, then what was written over them', async () => {
    const { db } = env().ctx;
    expect(await readSetting(db, 'test.read', DEFAULTS, parse)).toEqual({ value: DEFAULTS, version: 0 });
    await db.transaction().execute((trx) => writeSetting(trx, 'test.read', 0, { a: 2 }, new Date()));
    expect(await readSetting(db, 'test.read', DEFAULTS, parse)).toEqual({ value: { a: 2, b: 'x' }, version: 1 });
  });

  it('lets exactly one of 8 concurrent writers win from each version; the others get a stale version, never a database error', async () => {
    const { db } = env().ctx;
    for (const version of [0, 1]) {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => db.transaction().execute((trx) => writeSetting(trx, 'test.race', version, { a: i }, new Date()))),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect((won[0] as PromiseFulfilledResult<number>).value).toBe(version + 1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StaleVersionError);
      expect((await readSetting(db, 'test.race', DEFAULTS, parse)).version).toBe(version + 1);
    }
  });
});
