import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';

/** The row of `username` in the account list as `c` gets it. */
async function userRow(c: TestClient, username: string) {
  const list = await c.get('/api/org/users?pageSize=200');
  return (list.json.items as { username: string }[]).find((u) => u.username === username) as any;
}

describeEachDialect('organisation and 三员', (env) => {
  it('creates a user with no role and 公开 until the 安全保密管理员 approves the requested roles (三员分立)', async () => {
    const admin = await env().login('sysadmin');
    const unit = await admin.post('/api/org/units', {
      parentId: null,
      name: '青州市卫生健康委员会',
      shortName: '市卫健委',
      kind: 'department',
      code: 'health',
    });
    expect(unit.status).toBe(200);
    const user = await admin.post('/api/org/users', {
      username: 'wjw_qian',
      name: '钱程',
      unitId: unit.json.id,
      roles: ['liaison'],
      clearance: 1,
      password: 'Init#Pass2026',
    });
    expect(user.status).toBe(200);
    expect(user.json.grantId).toEqual(expect.any(Number));
    const c = await env().login('wjw_qian', 'Init#Pass2026');
    expect((await c.get('/api/auth/me')).json.user).toMatchObject({ mustChangePassword: true, roles: [], clearance: 0 });
    const blocked = await c.get('/api/workbench');
    expect(blocked.status).toBe(403);
    expect(blocked.json.error).toBe('auth.password_expired');
    expect((await c.post('/api/auth/password', { oldPassword: 'Init#Pass2026', newPassword: 'Mine#Pass2026' })).status).toBe(200);
    const again = await env().login('wjw_qian', 'Mine#Pass2026');
    expect((await again.get('/api/auth/me')).json.user).toMatchObject({ mustChangePassword: false, roles: [], clearance: 0 });
    expect((await again.get('/api/workbench')).json.items).toEqual([]);
    expect((await again.get('/api/supervision/items')).json.items ?? []).toEqual([]);
    // both the 系统管理员 and the 安全保密管理员 see the request; only the latter decides it
    const sec = await env().login('secadmin');
    for (const who of [admin, sec]) {
      const pending = await who.get(`/api/org/grants?userId=${user.json.id}`);
      expect(pending.status).toBe(200);
      expect(pending.json.items).toEqual([
        expect.objectContaining({
          id: user.json.grantId,
          kind: 'create',
          roles: ['liaison'],
          clearance: 1,
          prevRoles: [],
          prevClearance: 0,
          status: 'pending',
        }),
      ]);
    }
    const g = (await sec.get(`/api/org/grants?userId=${user.json.id}`)).json.items[0];
    expect((await admin.post(`/api/org/grants/${g.id}/approve`, { version: g.version })).status).toBe(403);
    expect((await (await env().login('auditor')).post(`/api/org/grants/${g.id}/approve`, { version: g.version })).status).toBe(403);
    const ok = await sec.post(`/api/org/grants/${g.id}/approve`, { version: g.version });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'approved', decidedBy: { name: expect.any(String) } });
    // the approval ends the account's sessions; the next login holds the granted roles
    expect((await again.get('/api/auth/me')).status).toBe(401);
    expect((await (await env().login('wjw_qian', 'Mine#Pass2026')).get('/api/auth/me')).json.user).toMatchObject({ roles: ['liaison'], clearance: 1 });
    const decided = await sec.post(`/api/org/grants/${g.id}/reject`, { version: g.version + 1 });
    expect(decided.status).toBe(409);
    expect(decided.json.error).toBe('org.grant_decided');
  });

  it('makes a role change by the 系统管理员 a request; a rejected one changes nothing; the 安全保密管理员 creates no account', async () => {
    const admin = await env().login('sysadmin');
    const sec = await env().login('secadmin');
    const id = env().demo.userByName.dcs_zhang!;
    const u = await userRow(admin, 'dcs_zhang');
    expect(u.roles).toEqual(['staff']);
    const res = await admin.patch(`/api/org/users/${id}`, { version: u.version, roles: ['leader'], clearance: 1 });
    expect(res.status).toBe(200);
    expect(res.json.grantId).toEqual(expect.any(Number));
    const listed = await userRow(sec, 'dcs_zhang');
    expect(listed).toMatchObject({ roles: ['staff'], pendingGrant: { id: res.json.grantId, roles: ['leader'], clearance: 1 } });
    const g = (await sec.get(`/api/org/grants?userId=${id}`)).json.items[0];
    const rejected = await sec.post(`/api/org/grants/${g.id}/reject`, { version: g.version, note: '未经审批' });
    expect(rejected.json).toMatchObject({ status: 'rejected', note: '未经审批' });
    expect(await userRow(admin, 'dcs_zhang')).toMatchObject({ roles: ['staff'], pendingGrant: null });
    // the 安全保密管理员 neither creates accounts nor resets passwords nor edits them
    expect(
      (await sec.post('/api/org/users', { username: 'sec_made', name: '某某', unitId: u.unitId, roles: [], clearance: 0, password: 'Init#Pass2026' })).status,
    ).toBe(403);
    expect((await sec.post(`/api/org/users/${id}/reset-password`, { password: 'Init#Pass2026' })).status).toBe(403);
    expect((await sec.patch(`/api/org/users/${id}`, { version: listed.version, roles: ['leader'] })).status).toBe(403);
    // nor grants anything to their own account
    const self = await sec.post('/api/org/grants', { userId: env().demo.userByName.secadmin, roles: ['secadmin'], clearance: 1 });
    expect(self.status).toBe(422);
    expect(self.json.error).toBe('org.grant_self');
  });

  it('makes a reset password a one-time secret: sessions and tokens end, the user is told, roles wait for the 安全保密管理员', async () => {
    const leaderId = env().demo.userByName.msz_zhao!;
    const leader = await env().login('msz_zhao');
    await env()
      .ctx.db.transaction()
      .execute((trx) => env().ctx.notifier.send(trx, [leaderId], { kind: 'supervision.remind', title: '督办标题：重置前的业务消息', body: '正文', level: 0 }));
    const token = (await leader.post('/api/auth/tokens', { name: '脚本' })).json.token as string;
    const admin = await env().login('sysadmin');
    const reset = await admin.post(`/api/org/users/${leaderId}/reset-password`, { password: 'Once#Pass2026' });
    expect(reset.status).toBe(200);
    expect(reset.json.grantId).toEqual(expect.any(Number));
    expect((await leader.get('/api/auth/me')).status).toBe(401);
    expect(
      (
        await env()
          .anonymous()
          .get('/api/auth/me', { authorization: `Bearer ${token}` })
      ).status,
    ).toBe(401);
    // whoever holds the one-time secret may only change it, and then holds no role
    const once = await env().login('msz_zhao', 'Once#Pass2026');
    expect((await once.get('/api/auth/me')).json.user).toMatchObject({ mustChangePassword: true, roles: [], clearance: 0 });
    for (const url of ['/api/supervision/items', '/api/workbench', '/api/auth/tokens', '/api/notifications'])
      expect((await once.get(url)).json.error, url).toBe('auth.password_expired');
    expect((await once.post('/api/auth/tokens', { name: 'x' })).json.error).toBe('auth.password_expired');
    expect((await once.post('/api/auth/password', { oldPassword: 'Once#Pass2026', newPassword: 'Mine#Pass2026' })).status).toBe(200);
    const mine = await env().login('msz_zhao', 'Mine#Pass2026');
    expect((await mine.get('/api/auth/me')).json.user).toMatchObject({ roles: [], clearance: 0 });
    const inbox = await mine.get('/api/notifications');
    expect(inbox.body).toContain('密码已被系统管理员重置');
    // business messages wait for the roles: whoever took the account does not read them
    expect(inbox.body).not.toContain('重置前的业务消息');
    expect((await mine.get('/api/notifications/unread-count')).json.unread).toBe(inbox.json.items.length);
    const sec = await env().login('secadmin');
    const g = (await sec.get(`/api/org/grants?userId=${leaderId}`)).json.items[0];
    expect(g).toMatchObject({ id: reset.json.grantId, kind: 'reset', roles: ['leader'], clearance: 1, status: 'pending' });
    expect((await sec.post(`/api/org/grants/${g.id}/approve`, { version: g.version })).status).toBe(200);
    const back = await env().login('msz_zhao', 'Mine#Pass2026');
    expect((await back.get('/api/auth/me')).json.user).toMatchObject({ roles: ['leader'], clearance: 1 });
    expect((await back.get('/api/notifications')).body).toContain('重置前的业务消息');
    expect((await admin.post(`/api/org/users/${env().demo.userByName.sysadmin}/reset-password`, { password: 'Once#Pass2026' })).json.error).toBe(
      'org.self_reset',
    );
  });

  it('decides a grant request once when the 安全保密管理员 decides it from several sessions at the same moment', async () => {
    const admin = await env().login('sysadmin');
    const id = env().demo.userByName.dcs_huang!;
    const u = await userRow(admin, 'dcs_huang');
    const filed = await admin.patch(`/api/org/users/${id}`, { version: u.version, clearance: u.clearance === 1 ? 0 : 1 });
    const sessions = await Promise.all([1, 2, 3, 4, 5, 6].map(() => env().login('secadmin')));
    const g = (await sessions[0]!.get(`/api/org/grants?userId=${id}`)).json.items[0];
    expect(g.id).toBe(filed.json.grantId);
    const answers = await Promise.all(sessions.map((c, i) => c.post(`/api/org/grants/${g.id}/${i % 2 ? 'reject' : 'approve'}`, { version: g.version })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(5);
    const decisions = await env()
      .ctx.db.selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['org.grant_approve', 'org.grant_reject'])
      .where('target_id', '=', String(id))
      .execute();
    expect(decisions).toHaveLength(1);
  });

  it('shows the 安全审计员 a report of every administrator action on accounts, refused ones included', async () => {
    const auditor = await env().login('auditor');
    const report = await auditor.get('/api/org/admin-report?pageSize=200');
    expect(report.status).toBe(200);
    const actions = (report.json.items as { action: string; username: string | null; outcome: string }[]).map(
      (i) => `${i.action}:${i.username ?? ''}:${i.outcome}`,
    );
    for (const a of [
      'org.user_create:wjw_qian:success',
      'org.grant_request:wjw_qian:success',
      'org.grant_approve:wjw_qian:success',
      'org.grant_reject:dcs_zhang:success',
      'org.user_reset_password:msz_zhao:success',
      'org.grant_request:msz_zhao:success',
      'org.grant_approve:msz_zhao:success',
    ])
      expect(actions).toContain(a);
    expect(actions).toContain('POST /api/org/users::denied');
    expect(
      report.json.items.find((i: { action: string; username: string }) => i.action === 'org.user_reset_password' && i.username === 'msz_zhao').detail,
    ).toMatchObject({
      suspended: { roles: ['leader'], clearance: 1 },
      tokensRevoked: 1,
    });
    for (const u of ['sysadmin', 'secadmin', 'zr_chen']) expect((await (await env().login(u)).get('/api/org/admin-report')).status).toBe(403);
  });

  it('refuses two of the three admin roles, or an admin role with a business role (三员分立)', async () => {
    const admin = await env().login('sysadmin');
    const unitId = env().demo.unitByCode.confidential!;
    for (const roles of [
      ['sysadmin', 'auditor'],
      ['secadmin', 'staff'],
    ]) {
      const res = await admin.post('/api/org/users', { username: `x${roles.join('')}`, name: '某某', unitId, roles, clearance: 0, password: 'Init#Pass2026' });
      expect(res.status).toBe(422);
      expect(res.json.error).toBe('org.admin_roles_separated');
    }
    const users = await admin.get('/api/org/users?q=secadmin');
    const sec = users.json.items[0];
    const res = await admin.patch(`/api/org/users/${sec.id}`, { version: sec.version, roles: ['secadmin', 'leader'] });
    expect(res.json.error).toBe('org.admin_roles_separated');
  });

  it('refuses organisation management to anyone but the 系统管理员, and bad input with field names', async () => {
    for (const u of ['dcs_zhang', 'secadmin', 'auditor', 'zr_chen']) {
      const c = await env().login(u);
      expect((await c.get('/api/org/users')).status).toBe(u === 'secadmin' ? 200 : 403);
      expect((await c.get('/api/org/grants')).status).toBe(u === 'secadmin' || u === 'auditor' ? 200 : 403);
      expect((await c.post('/api/org/units', { parentId: null, name: '某单位', kind: 'department' })).status).toBe(403);
    }
    expect((await env().anonymous().get('/api/org/users')).status).toBe(401);
    const admin = await env().login('sysadmin');
    const bad = await admin.post('/api/org/users', { username: 'a b', name: '', unitId: -1, roles: ['king'], clearance: 9, password: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.details.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['body.username', 'body.name', 'body.unitId', 'body.roles.0', 'body.clearance']),
    );
  });

  it('refuses a clearance level that is not enabled in this deployment', async () => {
    const admin = await env().login('sysadmin');
    const res = await admin.post('/api/org/users', {
      username: 'mm_user',
      name: '某某',
      unitId: env().demo.unitByCode.general!,
      roles: ['staff'],
      clearance: 2,
      password: 'Init#Pass2026',
    });
    expect(res.status).toBe(422);
    expect(res.json.error).toBe('org.clearance_not_enabled');
  });

  it('detects a concurrent edit of a unit (409) and refuses a cycle in the tree', async () => {
    const admin = await env().login('sysadmin');
    const units = (await admin.get('/api/org/units')).json.items;
    const office = units.find((u: { code: string }) => u.code === 'office');
    const division = units.find((u: { code: string }) => u.code === 'duty');
    expect((await admin.patch(`/api/org/units/${office.id}`, { version: office.version, sort: 5 })).status).toBe(200);
    const stale = await admin.patch(`/api/org/units/${office.id}`, { version: office.version, name: '改名' });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toBe('stale_version');
    const cycle = await admin.patch(`/api/org/units/${office.id}`, { version: office.version + 1, parentId: division.id });
    expect(cycle.json.error).toBe('org.unit_cycle');
    const audit = await env().ctx.db.selectFrom('audit_event').selectAll().where('action', '=', 'org.unit_update').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes!)).toEqual({ sort: [office.sort, 5] });
  });

  it('lets the 安全保密管理员 change the policy; the new idle timeout applies', async () => {
    const sec = await env().login('secadmin');
    const cur = await sec.get('/api/admin/settings');
    expect(cur.json.settings.lockoutThreshold).toBe(5);
    const weak = await sec.put('/api/admin/settings', { version: cur.json.version, settings: { ...cur.json.settings, passwordMinLength: 4 } });
    expect(weak.status).toBe(400);
    const ok = await sec.put('/api/admin/settings', { version: cur.json.version, settings: { ...cur.json.settings, idleTimeoutMinutes: 10 } });
    expect(ok.status).toBe(200);
    expect((await sec.put('/api/admin/settings', { version: cur.json.version, settings: cur.json.settings })).status).toBe(409);
    const c = await env().login('msc_sun');
    env().clock.advance(11 * 60_000);
    expect((await c.get('/api/auth/me')).json.error).toBe('auth.session_expired');
    expect((await (await env().login('sysadmin')).get('/api/admin/settings')).status).toBe(403);
  });

  it('lets only the 安全审计员 browse and verify the audit trail', async () => {
    const auditor = await env().login('auditor');
    const list = await auditor.get('/api/audit?pageSize=5&action=auth.login');
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
    const v = await auditor.post('/api/audit/verify');
    expect(v.json).toMatchObject({ ok: true, firstBroken: null });
    for (const u of ['sysadmin', 'secadmin', 'dcs_huang']) expect((await (await env().login(u)).get('/api/audit')).status).toBe(403);
  });

  it('shows the three administrators no business content: empty 工作台 and no business rows', async () => {
    for (const u of ['sysadmin', 'secadmin', 'auditor']) {
      const c = await env().login(u);
      const wb = await c.get('/api/workbench');
      expect(wb.status).toBe(200);
      expect(wb.json.items).toEqual([]);
    }
  });
});

describeEachDialect('working-day calendar administration', (env) => {
  it('lets the 系统管理员 replace a year of holidays; the deadlines follow; others are refused', async () => {
    const admin = await env().login('sysadmin');
    const before = await admin.get('/api/calendar/holidays?year=2026');
    expect(before.json.items.find((d: { date: string }) => d.date === '2026-10-01')).toMatchObject({ workday: false, name: '国庆节' });
    expect(env().ctx.calendar.isWorkday('2026-03-10')).toBe(true);
    const res = await admin.put('/api/admin/holidays', { year: 2026, days: [...before.json.items, { date: '2026-03-10', workday: false, name: '临时调整' }] });
    expect(res.status).toBe(200);
    expect(env().ctx.calendar.isWorkday('2026-03-10')).toBe(false);
    expect((await admin.put('/api/admin/holidays', { year: 2026, days: [{ date: '2027-01-01', workday: false, name: 'x' }] })).json.error).toBe(
      'system.holiday_wrong_year',
    );
    const staff = await env().login('dcs_zhang');
    expect((await staff.put('/api/admin/holidays', { year: 2026, days: [] })).status).toBe(403);
    expect((await staff.get('/api/calendar/holidays?year=2026')).json.items.length).toBe(before.json.items.length + 1);
  });
});
