/** Handwritten 批示: the PNG a leader draws beside the typed text — checked by its bytes and size, stored with the 批示, served only to readers of the item. */
import crypto from 'node:crypto';
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { DeniedError } from '../../../platform/authz.js';
import { NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { loadInstruction } from '../information.repo.js';
import { insertInk, loadInk } from '../repo/information.requests.js';
import { loadReadable } from './common.js';

/** The largest handwriting image kept (a phone-width canvas at 2× is well under it). */
export const MAX_INK_BYTES = 512 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG of a `handwriting` field (base64, or a `data:image/png;base64,` URL): 422 unless PNG by its magic bytes and within the limit. */
export function decodeInk(handwriting: string): Buffer {
  const b64 = handwriting.replace(/^data:image\/png;base64,/, '');
  const png = Buffer.from(b64, 'base64');
  if (png.length > MAX_INK_BYTES) throw new RuleError('information.handwriting_too_large', { maxKb: MAX_INK_BYTES / 1024 });
  // the signature, then an IHDR chunk: a PNG header and nothing else is not a drawing
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.subarray(12, 16).toString('latin1') !== 'IHDR')
    throw new RuleError('information.handwriting_invalid');
  return png;
}

/** Keeps the handwriting of 批示 `instructionId`. */
export async function storeInk(trx: Trx, instructionId: number, png: Buffer, at: string): Promise<{ size: number; sha256: string }> {
  const sha256 = crypto.createHash('sha256').update(png).digest('hex');
  await insertInk(trx, { instruction_id: instructionId, png_base64: png.toString('base64'), size: png.length, sha256, created_at: at });
  return { size: png.length, sha256 };
}

/** The handwriting of a 批示 for a reader of its item (404 otherwise, audited; 404 too when it has none). */
export async function readInk(ctx: AppContext, actor: Actor, instructionId: number): Promise<Buffer> {
  const ins = await loadInstruction(ctx.db, instructionId);
  if (!ins) throw new DeniedError('information.handwriting_read', 'info_instruction', instructionId);
  await loadReadable(ctx.db, actor, ins.item_id, 'information.handwriting_read');
  const ink = await loadInk(ctx.db, instructionId);
  if (!ink) throw new NotFoundError();
  return Buffer.from(ink.png_base64, 'base64');
}
