/**
 * Sub-objects that the answers of several modules share, as zod schemas: a module's response schema
 * reuses them instead of writing them out again. Reused instances are emitted inline, so the served
 * OpenAPI document is the same as with the objects written out.
 */
import { z } from 'zod';

/** A stored file (附件) as the API presents it: the answer of an upload and an entry of every `attachments` list. */
export const attachmentView = z.object({
  id: z.number(),
  filename: z.string(),
  size: z.number(),
  mime: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.number(),
});

/** A file as the API presents it. */
export type AttachmentView = z.infer<typeof attachmentView>;

/** A unit or a person named by id: `{ id, name }`. */
export const namedRef = z.object({ id: z.number(), name: z.string() });

/** A time limit's traffic light: green on track, yellow near the limit, red overdue, none when done. */
export const lightView = z.enum(['green', 'yellow', 'red', 'none']);

/** A business or administrator role key. */
export const roleKey = z.enum(['leader', 'director', 'division_head', 'staff', 'liaison', 'rater', 'sysadmin', 'secadmin', 'auditor']);

/** One hit of the whole-system search (全文检索) or of a similar-items list (相似条目). */
export const searchHit = z.object({
  module: z.string(),
  itemType: z.string(),
  itemId: z.number(),
  title: z.string(),
  titleHtml: z.string(),
  snippet: z.string(),
  link: z.string(),
  date: z.string().nullable(),
  kind: z.string().nullable(),
});
