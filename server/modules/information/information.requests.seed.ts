/** Demo 约稿: one open request of 信息处 to two units (市发展改革委 answered with a report, 市财政局 not yet). */
import type { Trx } from '../../db/client.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { insertItem, insertRevision } from './information.repo.js';
import { insertAnswer, insertRequest } from './repo/information.requests.js';
import { REQUEST_REMIND_JOB, reminderAt } from './usecases/request-remind.js';

const HOUR = 3_600_000;

/** Seeds the open request, its answer (a report already adopted) and its reminder. */
export async function seedRequestDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const editor = demo.userByName.xxc_he;
  const liaison = demo.userByName.fgw_xu;
  const ndrc = demo.unitByCode.ndrc;
  const finance = demo.unitByCode.finance;
  if (!editor || !liaison || !ndrc || !finance) return;
  const now = ctx.clock.now();
  const ago = (hours: number) => iso(new Date(now.getTime() - hours * HOUR));
  const deadline = ctx.calendar.addWorkingDays(chinaDate(now), 5);
  const createdAt = ago(48);
  const requestId = await insertRequest(
    trx,
    {
      topic: '一季度稳增长政策落实情况',
      description: '请围绕一季度稳增长各项政策落实情况，报送主要做法、成效数据和存在的困难问题，并提出下一步工作建议。',
      level: 0,
      deadline,
      status: 'open',
      created_by: editor,
      created_at: createdAt,
      updated_at: createdAt,
    },
    [ndrc, finance],
  );
  const title = '市发展改革委一季度稳增长政策落实情况';
  const body = '一季度，市发展改革委牵头落实稳增长政策措施28项，新开工重点项目36个，完成投资同比增长9.2%；当前主要困难是部分项目用地指标紧张，建议统筹调剂。';
  const reportedAt = ago(20);
  const itemId = await insertItem(trx, {
    origin: 'report',
    kind: '工作动态',
    title,
    body,
    level: 0,
    unit_id: ndrc,
    reporter_id: liaison,
    event_at: ago(30),
    reported_at: reportedAt,
    due_at: iso(new Date(now.getTime() + 40 * HOUR)),
    status: 'adopted',
    editor_id: editor,
    adopt_level: 'recorded',
    adopted_at: ago(4),
    adopted_by: editor,
    created_at: reportedAt,
    updated_at: reportedAt,
  });
  await insertRevision(trx, { itemId, title, body, note: null, by: liaison, at: reportedAt });
  await insertAnswer(trx, { requestId, unitId: ndrc, itemId, by: liaison, at: reportedAt });
  const remind = reminderAt(ctx, deadline, now);
  if (remind) await ctx.scheduler.schedule(trx, { kind: REQUEST_REMIND_JOB, targetType: 'info_request', targetId: requestId, dueAt: remind });
}
