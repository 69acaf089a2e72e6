/**
 * 督办 of a late case: the scheduler runs `petitions.overdue` the day after a 受理 or 办理 time limit; if
 * the case is still waiting at that stage, it is marked supervised (督办 count), the responsible unit and
 * the 信访 staff are notified (number and subject only: no personal data), and the next 督办 is scheduled
 * a week later while it stays late. At the first 督办 the case is also handed to 督查督办 as a 专项督查 item
 * (source 'instruction', sourceType 'petition') on behalf of its registrar, when that module runs; a refusal
 * there (e.g. a unit without a liaison) leaves the 督办 by notification alone.
 */
import type { Trx } from '../../../db/client.js';
import type { Job } from '../../../platform/scheduler.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import * as repo from '../petitions.repo.js';
import { config, dueDate } from './common.js';

/** Handles one `petitions.overdue` job inside the scheduler's transaction. */
export async function supervise(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const { stage, due } = (job.payload ?? {}) as { stage?: 'accept' | 'handle'; due?: string };
  const row = await repo.findCase(trx, job.targetId);
  if (!row || !stage || !due) return;
  const late = stage === 'accept' ? row.status === 'transferred' && row.accept_due === due : row.status === 'accepted' && row.handle_due === due;
  if (!late) return;
  const { cfg } = await config(trx);
  const now = ctx.clock.now();
  const handed = row.supervision_item_id === null ? await handToSupervision(ctx, trx, row, cfg, stage, due) : null;
  await repo.updateCase(trx, row, {
    supervised_count: row.supervised_count + 1,
    last_supervised_at: iso(now),
    updated_at: iso(now),
    ...(handed ? { supervision_item_id: handed.id, supervision_number: handed.number } : {}),
  });
  await ctx.audit.append(trx, {
    actor: null,
    action: 'petitions.supervise',
    targetType: 'petition_case',
    targetId: row.id,
    changes: {
      supervised_count: [row.supervised_count, row.supervised_count + 1],
      ...(handed ? { supervision_item_id: [null, handed.id] as [unknown, unknown] } : {}),
    },
    detail: { stage, due },
  });
  const unitUsers = row.unit_id !== null ? await repo.usersOf(trx, [row.unit_id], ['liaison', 'division_head', 'director']) : [];
  const staff = await repo.usersOf(trx, cfg.staffUnitIds, ['staff', 'division_head']);
  const what = stage === 'accept' ? '受理' : '办理';
  await ctx.notifier.send(trx, [...unitUsers, ...(row.handler_id !== null ? [row.handler_id] : []), ...staff], {
    kind: 'petitions.supervise',
    title: '信访件督办',
    body: `${row.number}「${row.subject}」已超过${what}时限（${due}），请抓紧办理${handed ? `；已转督查督办 ${handed.number}` : ''}`,
    link: `/petitions/${row.id}`,
    level: row.level,
  });
  await ctx.scheduler.schedule(trx, {
    kind: 'petitions.overdue',
    targetType: 'petition_case',
    targetId: row.id,
    dueAt: new Date(now.getTime() + 7 * 86_400_000),
    payload: { stage, due },
  });
}

/** Registers a 专项督查 item for a late case (in a savepoint: a refusal by 督查督办 undoes only its own writes). */
async function handToSupervision(ctx: AppContext, trx: Trx, row: repo.CaseRecord, cfg: repo.PetitionsConfig, stage: string, due: string) {
  const supervision = ctx.services.supervision;
  if (!supervision || row.unit_id === null) return null;
  const actor = await repo.actorOfUser(trx, row.registered_by);
  if (!actor || actor.clearance < row.level) return null;
  const unitId = row.unit_id;
  return repo.withSavepoint(trx, () =>
    supervision.createFromSource(trx, actor, {
      source: 'instruction',
      sourceType: 'petition',
      sourceId: row.id,
      sourceRef: `信访件 ${row.number}`,
      title: `信访件超期督办：${row.subject}`,
      requirement: `${row.number}已超过${stage === 'accept' ? '受理' : '办理'}时限（${due}），请责任单位抓紧办理并按期办复。`,
      leadUnitId: unitId,
      coUnitIds: [],
      deadline: dueDate(ctx, cfg, ctx.clock.now(), 10),
      level: row.level,
    }),
  );
}
