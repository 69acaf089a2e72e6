/** Demo data of 政务值班: this month's roster and a few duty-log entries (one handled, one open). */
import type { Trx } from '../../db/client.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import './repo/duty.tables.js';
import { daysOf, staffTurn } from './usecases/roster.js';
import { shiftKeyAt } from './usecases/common.js';

/** Seeds the demo duty desk (inside the demo-seeding transaction). */
export async function seedDutyDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const now = ctx.clock.now();
  const at = iso(now);
  const p = (name: string) => demo.userByName[name]!;
  const leaders = [p('zr_chen'), p('msz_zhao'), p('sj_li')];
  const staff = [p('zbs_tang'), p('msc_zhou')];
  let l = 0;
  for (const [dayIndex, date] of daysOf(chinaDate(now).slice(0, 7)).entries()) {
    const off = !ctx.calendar.isWorkday(date);
    const dayLeader = leaders[l++ % leaders.length]!;
    for (const [shiftIndex, shift] of ['day', 'night'].entries()) {
      await trx
        .insertInto('duty_shift')
        .values({
          date,
          shift,
          holiday: off ? 1 : 0,
          leader_id: off && shift === 'night' ? leaders[l++ % leaders.length]! : dayLeader,
          staff_id: staff[staffTurn(dayIndex, shiftIndex, staff.length)]!,
          status: 'scheduled',
          created_by: p('msc_sun'),
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  }
  const key = shiftKeyAt(now);
  const shift = await trx.selectFrom('duty_shift').selectAll().where('date', '=', key.date).where('shift', '=', key.shift).executeTakeFirst();
  const base = {
    shift_id: shift?.id ?? null,
    kind: 'routine',
    level: 0,
    leader_id: shift?.leader_id ?? null,
    target_unit_id: null,
    supervision_item_id: null,
    supervision_number: null,
    report_due_at: null,
    report_text: null,
    reported_at: null,
    escalated_at: null,
    carried_over: 0,
    registered_by: p('zbs_tang'),
    created_at: at,
    updated_at: at,
  };
  await trx
    .insertInto('duty_entry')
    .values([
      {
        ...base,
        received_at: iso(new Date(now.getTime() - 2 * 3600_000)),
        channel: 'phone',
        caller: '王科长',
        caller_unit: '市应急管理局',
        summary: '报告今晨城东片区短时强降雨，未造成人员伤亡，已启动四级应急响应。',
        urgency: 'urgent',
        status: 'handled',
        owner_user_id: p('zbs_tang'),
        outcome_kind: 'on_spot',
        outcome: '已记录并告知市应急管理局续报雨情。',
      },
      {
        ...base,
        received_at: iso(new Date(now.getTime() - 3600_000)),
        channel: 'fax',
        caller: '省委办公厅值班室',
        caller_unit: '省委办公厅',
        summary: '传真通知：请于明日12时前报送本市节日期间值班安排。',
        urgency: 'normal',
        status: 'open',
        owner_user_id: p('zbs_tang'),
        outcome_kind: null,
        outcome: null,
      },
    ])
    .execute();
}
