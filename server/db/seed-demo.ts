/**
 * The demo office (seeded on first start unless ZHONGSHU_DEMO=0): a city committee general office,
 * its divisions, responsible units, upper/lower offices and about 30 users covering every role.
 */
import type { Role } from '../../common/enums.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { iso } from '../platform/clock.js';
import { DEMO_HOLIDAYS_2026 } from '../platform/deadlines.js';
import type { AppContext, DemoDirectory } from '../platform/module.js';
import { hashPassword } from '../platform/passwords.js';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Zhongshu@2026';

/** Demo units: [code, name, short name, kind, parent code]. */
export const DEMO_UNITS: [string, string, string, string, string | null][] = [
  ['province_office', '省委办公厅', '省委办公厅', 'upper', null],
  ['committee', '中共青州市委', '市委', 'committee', null],
  ['office', '中共青州市委办公厅', '市委办公厅', 'office', 'committee'],
  ['secretariat', '秘书处', '秘书处', 'division', 'office'],
  ['general', '综合处', '综合处', 'division', 'office'],
  ['supervision', '督查室', '督查室', 'division', 'office'],
  ['information', '信息处', '信息处', 'division', 'office'],
  ['research', '调研室', '调研室', 'division', 'office'],
  ['confidential', '机要保密处', '机要保密处', 'division', 'office'],
  ['archives', '档案处', '档案处', 'division', 'office'],
  ['reception', '接待处', '接待处', 'division', 'office'],
  ['duty', '值班室', '值班室', 'division', 'office'],
  ['ndrc', '青州市发展和改革委员会', '市发展改革委', 'department', null],
  ['finance', '青州市财政局', '市财政局', 'department', null],
  ['ecology', '青州市生态环境局', '市生态环境局', 'department', null],
  ['emergency', '青州市应急管理局', '市应急管理局', 'department', null],
  ['housing', '青州市住房和城乡建设局', '市住房城乡建设局', 'department', null],
  ['education', '青州市教育局', '市教育局', 'department', null],
  ['district_qingshan', '中共青山区委办公室', '青山区委办', 'lower', 'committee'],
  ['district_jiangbei', '中共江北区委办公室', '江北区委办', 'lower', 'committee'],
];

/** Demo users: [username, name, unit code, roles, clearance]. */
export const DEMO_USERS: [string, string, string, Role[], number][] = [
  ['sj_li', '李明华', 'committee', ['leader'], 1],
  ['msz_zhao', '赵国强', 'committee', ['leader'], 1],
  ['zr_chen', '陈志远', 'office', ['director', 'leader'], 1],
  ['fzr_liu', '刘海燕', 'office', ['director'], 1],
  ['msc_sun', '孙立', 'secretariat', ['division_head'], 1],
  ['msc_zhou', '周静', 'secretariat', ['staff'], 1],
  ['zhc_wu', '吴涛', 'general', ['division_head'], 1],
  ['zhc_zheng', '郑洁', 'general', ['staff'], 1],
  ['dcs_huang', '黄振华', 'supervision', ['division_head'], 1],
  ['dcs_zhang', '张伟', 'supervision', ['staff'], 1],
  ['xxc_lin', '林晓', 'information', ['division_head'], 1],
  ['xxc_he', '何敏', 'information', ['staff'], 1],
  ['dys_guo', '郭文', 'research', ['division_head'], 1],
  ['dys_ma', '马骏', 'research', ['staff'], 1],
  ['jy_luo', '罗清', 'confidential', ['division_head'], 1],
  ['da_liang', '梁红', 'archives', ['staff'], 1],
  ['jd_song', '宋杰', 'reception', ['staff'], 0],
  ['jd_wang', '王磊', 'reception', ['division_head'], 1],
  ['zbs_tang', '唐宁', 'duty', ['staff'], 0],
  ['fgw_xu', '徐鹏', 'ndrc', ['liaison'], 1],
  ['czj_han', '韩雪', 'finance', ['liaison'], 1],
  ['sthj_feng', '冯磊', 'ecology', ['liaison'], 1],
  ['yjj_cao', '曹阳', 'emergency', ['liaison'], 1],
  ['zjj_peng', '彭宇', 'housing', ['liaison'], 1],
  ['jyj_dong', '董丽', 'education', ['liaison'], 0],
  ['qs_yuan', '袁博', 'district_qingshan', ['liaison', 'staff'], 1],
  ['jb_pan', '潘婷', 'district_jiangbei', ['liaison', 'staff'], 1],
  ['sw_ye', '叶青', 'province_office', ['staff'], 1],
  ['py_jiang', '蒋芳', 'general', ['rater'], 0],
  ['sysadmin', '系统管理员', 'confidential', ['sysadmin'], 0],
  ['secadmin', '安全保密管理员', 'confidential', ['secadmin'], 0],
  ['auditor', '安全审计员', 'confidential', ['auditor'], 0],
];

const MARKER = 'demo_seeded';

/** Seeds the demo office once, then each module's demo data once per module. Returns true if anything was seeded. */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  const db = ctx.db;
  let seeded = false;
  const marker = await db.selectFrom('setting').select('value').where('key', '=', MARKER).executeTakeFirst();
  if (!marker) {
    // every demo account has the same published password: one hash serves them all
    const demoHash = await hashPassword(DEMO_PASSWORD);
    seeded = await db.transaction().execute(async (trx) => {
      // checked again inside the transaction: on SQLite it holds the write lock (another process
      // starting at the same moment may have seeded meanwhile); PostgreSQL callers hold the start-up lock
      if (await trx.selectFrom('setting').select('key').where('key', '=', MARKER).executeTakeFirst()) return false;
      const at = iso(ctx.clock.now());
      const unitByCode: Record<string, number> = {};
      let sort = 0;
      for (const [code, name, shortName, kind, parent] of DEMO_UNITS) {
        const row = await trx
          .insertInto('unit')
          .values({
            parent_id: parent ? unitByCode[parent]! : null,
            name,
            short_name: shortName,
            kind,
            code,
            sort: sort++,
            active: 1,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        unitByCode[code] = row.id;
      }
      for (const [username, name, unit, roles, clearance] of DEMO_USERS) {
        const row = await trx
          .insertInto('user')
          .values({
            username,
            name,
            unit_id: unitByCode[unit]!,
            clearance,
            password_hash: demoHash,
            password_changed_at: at,
            must_change_password: 0,
            disabled: 0,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const role of roles) await trx.insertInto('user_role').values({ user_id: row.id, role }).execute();
      }
      for (const h of DEMO_HOLIDAYS_2026)
        await trx
          .insertInto('holiday')
          .values(h)
          .onConflict((oc) => oc.column('date').doNothing())
          .execute();
      await trx
        .insertInto('setting')
        .values({ key: MARKER, value: JSON.stringify({ at }), updated_at: at })
        .execute();
      await ctx.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'system.demo_seed', detail: { units: DEMO_UNITS.length, users: DEMO_USERS.length } });
      return true;
    });
    await ctx.calendar.load(db);
  }
  const directory = await demoDirectory(ctx);
  for (const m of ctx.modules) {
    const seedModule = m.seedDemo;
    if (!seedModule) continue;
    const key = `${MARKER}:${m.name}`;
    if (await db.selectFrom('setting').select('key').where('key', '=', key).executeTakeFirst()) continue;
    const done = await db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('setting').select('key').where('key', '=', key).executeTakeFirst()) return false;
      await seedModule(trx, directory);
      await trx
        .insertInto('setting')
        .values({ key, value: '{}', updated_at: iso(ctx.clock.now()) })
        .execute();
      await ctx.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'system.demo_seed', detail: { module: m.name } });
      return true;
    });
    seeded ||= done;
  }
  return seeded;
}

/** Unit ids by code and user ids by username, of the demo office. */
export async function demoDirectory(ctx: AppContext): Promise<DemoDirectory> {
  const units = await ctx.db.selectFrom('unit').select(['id', 'code']).execute();
  const users = await ctx.db.selectFrom('user').select(['id', 'username']).execute();
  return {
    unitByCode: Object.fromEntries(units.filter((u) => u.code).map((u) => [u.code!, u.id])),
    userByName: Object.fromEntries(users.map((u) => [u.username, u.id])),
  };
}
