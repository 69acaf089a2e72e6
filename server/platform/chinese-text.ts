/**
 * How official texts write dates and join sentences: one helper for every DOCX/PDF body and timeline
 * line, so 督办通知, 会议纪要 and 公文 read alike (2026年12月31日, never 2026-12-31; 「群众满意。已销号。」,
 * never 「群众满意。；销号」).
 */
import { chinaDate } from './clock.js';

/**
 * 2026-03-02 (or an ISO instant, read as its China date) → 2026年3月2日: Arabic numerals without leading
 * zeros, as GB/T 9704-2012 7.3.5.3 writes 成文日期. Text that is not a date is answered as it is.
 */
export function chineseDate(date: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : /^\d{4}-\d{2}-\d{2}T/.test(date) ? chinaDate(new Date(date)) : null;
  if (!day) return date;
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const END = /[。！？!?…”’）)》]$/;
const DANGLING = /[；;，,、：:\s]+$/;

/**
 * A user's text as a whole sentence: trailing 、，；： dropped, 。 added unless it already ends like a
 * sentence. `endSentence('群众满意。') + '已销号。'` reads 「群众满意。已销号。」.
 */
export function endSentence(text: string): string {
  const t = text.trim().replace(DANGLING, '');
  if (!t) return '';
  return END.test(t) ? t : `${t}。`;
}
