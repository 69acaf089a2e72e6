/** 刊物 configuration: 信息处's division head adds, renames, deactivates publications and sets their readership and 密级. */
import { isBusinessUser, type Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, NotFoundError } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { AppContext } from '../../../platform/module.js';
import { ISSUE_STATES, publicationsPolicy } from '../information.publications.policy.js';
import { insertPublication, listPublications, loadPublication, updatePublication } from '../repo/information.publications.js';
import { assertLevel } from './common.js';
import { presentPublication } from './publication-common.js';

export interface PublicationInput {
  name: string;
  minAdoptLevel: 'recorded' | 'special' | 'upper';
  level: number;
  orgName: string;
  readership: { units: number[]; users: number[] };
  reportTo?: string | null | undefined;
}

/** The publications (every business user sees the list: the names are not secret). */
export async function publications(ctx: AppContext, actor: Actor) {
  const rows = isBusinessUser(actor) ? await listPublications(ctx.db) : [];
  return {
    items: rows.map(presentPublication),
    canManage: publicationsPolicy.managePublications(actor),
    canCreateIssue: publicationsPolicy.create(actor),
    states: ISSUE_STATES,
  };
}

/** Adds a publication (`information.publication_create`). */
export async function createPublication(ctx: AppContext, actor: Actor, input: PublicationInput) {
  return ctx.db.transaction().execute(async (trx) => {
    authorize(actor, publicationsPolicy.managePublications, null, { action: 'information.publication_create', targetType: 'info_publication' });
    await assertLevel(ctx, trx, actor, input.level);
    if ((await listPublications(trx)).some((p) => p.name === input.name.trim())) throw new ConflictError('information.publication_name_taken');
    const at = iso(ctx.clock.now());
    const id = await insertPublication(trx, {
      name: input.name.trim(),
      prefix: `info-pub:new:${at}`,
      min_adopt_level: input.minAdoptLevel,
      level: input.level,
      org_name: input.orgName,
      readership: JSON.stringify(input.readership),
      report_to: input.reportTo ?? null,
      created_at: at,
      updated_at: at,
    });
    // the numbering counter's prefix, fixed for the publication's life (a rename keeps its numbers)
    await updatePublication(trx, { id, version: 1 }, { prefix: `info-pub:${id}` });
    await ctx.audit.append(trx, { actor, action: 'information.publication_create', targetType: 'info_publication', targetId: id });
    return { id, version: 2 };
  });
}

/** Renames, (de)activates, sets readership and 密级 (`information.publication_update`). */
export async function updatePublicationConfig(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<PublicationInput> & { active?: boolean | undefined; version: number },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadPublication(trx, id);
    if (!p) throw new NotFoundError();
    authorize(actor, publicationsPolicy.managePublications, p, { action: 'information.publication_update', targetType: 'info_publication', targetId: id });
    assertVersion(p, input.version);
    if (input.level !== undefined) await assertLevel(ctx, trx, actor, input.level);
    if (input.name !== undefined && (await listPublications(trx)).some((o) => o.id !== id && o.name === input.name!.trim()))
      throw new ConflictError('information.publication_name_taken');
    const set = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.minAdoptLevel !== undefined ? { min_adopt_level: input.minAdoptLevel } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.orgName !== undefined ? { org_name: input.orgName } : {}),
      ...(input.readership !== undefined ? { readership: JSON.stringify(input.readership) } : {}),
      ...(input.reportTo !== undefined ? { report_to: input.reportTo } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: iso(ctx.clock.now()),
    };
    const version = await updatePublication(trx, p, set);
    await ctx.audit.append(trx, {
      actor,
      action: 'information.publication_update',
      targetType: 'info_publication',
      targetId: id,
      changes: Object.fromEntries(
        Object.keys(set)
          .filter((k) => k !== 'updated_at')
          .map((k) => [k, [p[k as keyof typeof p], set[k as keyof typeof set]]]),
      ),
    });
    return { id, version };
  });
}
