/** What the use cases of 考核督查 share: loading a scheme the actor may read. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { ConflictError } from '../../../platform/errors.js';
import { assessmentPolicy } from '../assessment.policy.js';
import * as repo from '../assessment.repo.js';

/** Loads a scheme and authorizes reading it (absent or unreadable: 404, audited as denied under `action`). */
export async function loadReadable(db: Db | Trx, actor: Actor, id: number, action: string): Promise<repo.SchemeRow> {
  const s = await repo.loadScheme(db, id);
  authorize(actor, assessmentPolicy.read, s, { action, targetType: 'assessment_scheme', targetId: id, mode: 'read' });
  return s;
}

/** 409 unless the scheme is in `status` (closed: `assessment.closed`). */
export function assertStatus(s: repo.SchemeRow, status: 'draft' | 'published'): void {
  if (s.status === status) return;
  if (s.status === 'closed') throw new ConflictError('assessment.closed');
  throw new ConflictError(status === 'draft' ? 'assessment.not_draft' : 'assessment.not_published');
}
