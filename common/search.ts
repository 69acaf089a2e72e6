/**
 * Shapes of the whole-system search (全文检索) answer, shared by the server (`/api/search`,
 * `/api/search/similar`) and the web.
 */

/** One hit as the API presents it. */
export interface SearchHit {
  module: string;
  itemType: string;
  itemId: number;
  title: string;
  /** The title, HTML-escaped, with `<mark>` around matches. */
  titleHtml: string;
  /** A window of the body, HTML-escaped, with `<mark>` around matches. */
  snippet: string;
  link: string;
  date: string | null;
  kind: string | null;
}

/** A page of results with per-module counts (of what the actor may see). */
export interface SearchResult {
  /** Matches that can be paged through (at most `countCap`). */
  total: number;
  /** There are more matches than `total` ("1000+", or "500+" when module tabs are over their cap). */
  more: boolean;
  /** Results and pages end here: narrow the search to see further. */
  countCap: number;
  /** The cap of `byModule` counts (`moduleCountCap + 1` means "more than moduleCountCap"). */
  moduleCountCap: number;
  items: SearchHit[];
  byModule: Record<string, number>;
}

/** The answer of `/api/search/similar` (相似条目). */
export interface SimilarResult {
  items: SearchHit[];
}
import { z } from 'zod';
import { searchHit } from './views.js';

/** Answer of `GET /api/search` (全文检索（全系统）). */
export const searchResponse = z.object({
  total: z.number(),
  more: z.boolean(),
  countCap: z.number(),
  moduleCountCap: z.number(),
  items: z.array(searchHit),
  byModule: z.record(z.string(), z.number()),
});

/** Answer of `GET /api/search/similar` (相似条目（举一反三）). */
export const similarResponse = z.object({ items: z.array(searchHit) });
