/** Gap-free serial numbers per (prefix, year): 督字〔2026〕1号, 青委办发〔2026〕12号. */
import { sql } from 'kysely';
import type { Trx } from '../db/client.js';

/**
 * Takes the next number of (prefix, year) inside `trx`. The counter row is locked by the upsert until
 * the transaction ends, so concurrent callers queue, and a rollback gives the number back: no gaps,
 * no duplicates, on both dialects.
 */
export async function nextSerial(trx: Trx, prefix: string, year: number): Promise<number> {
  const row = await sql<{ last_value: number }>`
    INSERT INTO serial_counter (prefix, year, last_value) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last_value = serial_counter.last_value + 1
    RETURNING last_value`.execute(trx);
  return Number(row.rows[0]!.last_value);
}

/** Formats a document-style number: 代字〔年份〕序号号. */
export function formatSerial(code: string, year: number, n: number): string {
  return `${code}〔${year}〕${n}号`;
}
