/** What the ledger's list and table share (LedgerPage, LedgerTable). */
import type { Ledger } from './api.ts';

/** Rows a page. */
export const PAGE_SIZE = 20;

/** The count line under the list: the total, or that it is capped. */
export const totalText = (data: Ledger | undefined, total: number) => (data?.totalCapped ? `超过 ${total} 件，请缩小筛选范围` : `共 ${total} 件`);
