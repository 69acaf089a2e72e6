/** zod shapes of the 约稿 and handwritten 批示 requests (bodies, query strings). */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const dbId = z.number().int().positive().max(2_147_483_647);

/** 发起约稿: topic, description, the asked units, deadline (China date), 密级. */
export const createRequestBody = z.object({
  topic: text(200),
  description: text(5000),
  unitIds: z.array(dbId).min(1).max(100),
  deadline: z.iso.date(),
  level: z.number().int().min(0).max(3).default(0),
});
export type CreateRequestInput = z.infer<typeof createRequestBody>;

export const requestListQuery = z.object({ status: z.enum(['open', 'closed']).optional() });

export const closeRequestBody = z.object({ version: z.number().int().min(1).max(2_147_483_647) });

/**
 * 批示: typed text, handwriting (a PNG, base64, optionally as a `data:image/png;base64,` URL), or both.
 * The base64 is bounded here (≈ 1 MB of PNG); the use case checks the bytes and the real limit.
 */
export const instructBody = z.object({
  text: z.string().trim().max(2000).optional(),
  handwriting: z
    .string()
    .max(1_400_000)
    .regex(/^(data:image\/png;base64,)?[A-Za-z0-9+/]+={0,2}$/, 'base64')
    .optional(),
});
export type InstructInput = z.infer<typeof instructBody>;
