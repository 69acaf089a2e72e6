/**
 * 件件有着落 of 信息刊物: an issue submitted for sign-off is 信息处's division head's until signed, then the
 * director's; due `SIGN_WORKING_DAYS` working days after it reached the signer. The checker flags a
 * pending issue nobody can sign.
 */
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import type { AppContext, LooseEnd, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { INFO_DESK_UNIT_CODE } from '../information.constants.js';
import { infoDeskUnitId, unitUsers } from '../information.repo.js';
import { allPendingIssues, directorIds, pendingSignatures } from '../repo/information.publications.js';
import { issueLabel } from './publication-common.js';

/** Working days a signer has for an issue before it is overdue. */
export const SIGN_WORKING_DAYS = 2;

async function signerOf(db: Db, status: string, level: number): Promise<number | null> {
  const ids = status === 'submitted' ? await unitUsers(db, { code: INFO_DESK_UNIT_CODE }, ['division_head'], level) : await directorIds(db, level);
  return ids[0] ?? null;
}

/** The issues waiting for a signature the actor may see. */
async function openIssues(ctx: AppContext, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const desk = (await infoDeskUnitId(db)) ?? null;
  const out: OpenItem[] = [];
  for (const status of ['submitted', 'head_signed'] as const)
    for (const r of await pendingSignatures(db, actor, status, limit)) {
      const since = (status === 'submitted' ? r.submitted_at : r.head_signed_at) ?? r.submitted_at;
      out.push({
        module: 'information',
        type: 'issue',
        id: r.id,
        title: `待签：${issueLabel(r.publication_name, null, null)}`,
        ownerUnitId: desk,
        ownerUserId: await signerOf(db, status, r.level),
        deadline: since ? ctx.calendar.addWorkingDays(chinaDate(new Date(since)), SIGN_WORKING_DAYS) : null,
        status,
        link: `/information/issues/${r.id}`,
      });
    }
  return out;
}

/** A pending issue without a signer (ids and codes only). */
async function check(db: Db): Promise<LooseEnd[]> {
  const out: LooseEnd[] = [];
  for (const r of await allPendingIssues(db))
    if ((await signerOf(db, r.status, r.level)) === null) out.push({ module: 'information', type: 'issue', id: r.id, problem: 'no_responsible_person' });
  return out;
}

/** Adds the 刊物 rows to the module's loose-ends provider. */
export function withPublicationLooseEnds(ctx: AppContext, base: LooseEndsProvider): LooseEndsProvider {
  return {
    async open(db, actor, opts) {
      const all = [...(await base.open(db, actor, opts)), ...(await openIssues(ctx, db, actor, opts.limit))];
      all.sort((a, b) => (a.deadline === b.deadline ? a.id - b.id : a.deadline === null ? -1 : b.deadline === null ? 1 : a.deadline < b.deadline ? -1 : 1));
      return all.slice(0, opts.limit);
    },
    async check(db) {
      return [...(await base.check(db)), ...(await check(db))];
    },
  };
}
