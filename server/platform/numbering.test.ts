import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { formatSerial, nextSerial } from './numbering.js';

describeEachDialect('numbering', (env) => {
  it('gives 50 concurrent requests the numbers 1..50 with no gap and no duplicate', async () => {
    const { db } = env().ctx;
    const got = await Promise.all(Array.from({ length: 50 }, () => db.transaction().execute((trx) => nextSerial(trx, '测字', 2026))));
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('gives a number back when its transaction rolls back', async () => {
    const { db } = env().ctx;
    await expect(
      db.transaction().execute(async (trx) => {
        await nextSerial(trx, '测委发', 2026);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.transaction().execute((trx) => nextSerial(trx, '测委发', 2026))).toBe(1);
  });

  it('counts per prefix and per year', async () => {
    const { db } = env().ctx;
    expect(await db.transaction().execute((trx) => nextSerial(trx, '测委发', 2027))).toBe(1);
    expect(await db.transaction().execute((trx) => nextSerial(trx, '测委函', 2026))).toBe(1);
    expect(formatSerial('青委办发', 2026, 12)).toBe('青委办发〔2026〕12号');
  });
});
