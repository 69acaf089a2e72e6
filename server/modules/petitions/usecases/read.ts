/** Reading cases (one case: 404 unless readable; the list, filtered by visibility), the settings (read and change) and the 工作台 entries. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext, WorkbenchItem } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { officeActions } from '../petitions.policy.js';
import { searchDocs } from '../repo/petitions.search.js';
import * as repo from '../petitions.repo.js';
import { config, limitOf, loadCase, presentCase, presentListItem, viewer, type H } from './common.js';
import type { Db } from '../../../db/client.js';

/** One case. */
export async function getCase(ctx: AppContext, actor: Actor, id: number) {
  const { cfg } = await config(ctx.db);
  const c = await loadCase(ctx.db, actor, cfg, id, 'petitions.read');
  return presentCase(ctx, ctx.db, actor, cfg, c.row);
}

/** A page of the cases the actor may see. */
export async function listCases(ctx: AppContext, actor: Actor, f: repo.CaseFilter) {
  const { cfg } = await config(ctx.db);
  const { rows, total } = await repo.listCases(ctx.db, viewer(actor, cfg), f);
  const units = await repo.unitNames(
    ctx.db,
    rows.flatMap((r) => (r.unit_id !== null ? [r.unit_id] : [])),
  );
  return { items: rows.map((r) => presentListItem(ctx, actor, cfg, r, units)), total, canRegister: officeActions.register(actor, cfg) };
}

/** The configuration (any business user may read it). */
export async function getConfig(ctx: AppContext, actor: Actor) {
  const { cfg, cfgVersion } = await config(ctx.db);
  return {
    ...cfg,
    staffUnitIds: [...cfg.staffUnitIds],
    overseerUnitIds: [...cfg.overseerUnitIds],
    version: cfgVersion,
    canConfigure: officeActions.configure(actor, cfg),
  };
}

/** Changes the configuration (信访 division head or director; audited as `petitions.config_update`). */
export async function putConfig(ctx: AppContext, actor: Actor, input: repo.PetitionsConfig & { version: number }) {
  await ctx.db.transaction().execute(async (trx) => {
    const { cfg, cfgVersion } = await config(trx);
    authorize(actor, officeActions.configure, cfg, { action: 'petitions.config_update', targetType: 'setting' });
    assertVersion({ version: cfgVersion }, input.version);
    for (const u of [...input.staffUnitIds, ...input.overseerUnitIds]) if (!(await repo.activeUnit(trx, u))) throw new RuleError('petitions.unknown_unit');
    const { version: _v, ...value } = input;
    await repo.writeConfig(trx, cfgVersion, value, ctx.clock.now());
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of Object.keys(value) as (keyof repo.PetitionsConfig)[])
      if (JSON.stringify(cfg[k]) !== JSON.stringify(value[k])) changes[k] = [cfg[k], value[k]];
    await ctx.audit.append(trx, { actor, action: 'petitions.config_update', targetType: 'setting', targetId: 'petitions.config', changes });
    // the index carries need-to-know in its tags: new 信访 or overseeing units re-tag every case
    if (changes.staffUnitIds || changes.overseerUnitIds) for await (const batch of searchDocs(trx)) await ctx.search.indexMany(trx, batch);
  });
  return getConfig(ctx, actor);
}

/** The actor's open cases as a unit (to accept, to reply) for the 工作台. */
export async function workbench(ctx: AppContext, db: Db | H, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
  const { cfg } = await config(db);
  const rows = await repo.openForUnit(db, viewer(actor, cfg));
  const units = await repo.unitNames(
    db,
    rows.flatMap((r) => (r.unit_id !== null ? [r.unit_id] : [])),
  );
  return rows.map((r) => {
    const { due, light } = limitOf(ctx, r, now);
    return {
      module: 'petitions',
      moduleName: { zh: '信访', en: 'Petitions' },
      id: r.id,
      title: `${r.number} ${r.subject}`,
      ownerUnit: r.unit_id !== null ? (units.get(r.unit_id) ?? '') : '',
      deadline: due,
      light,
      status: r.status,
      link: `/petitions/${r.id}`,
    };
  });
}
