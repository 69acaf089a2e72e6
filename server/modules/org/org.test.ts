import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';

describeEachDialect('organisation and 三员', (env) => {
  it('lets the 系统管理员 create a unit and a user who must change the password at first login', async () => {
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
    const c = await env().login('wjw_qian', 'Init#Pass2026');
    expect((await c.get('/api/auth/me')).json.user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/workbench');
    expect(blocked.status).toBe(403);
    expect(blocked.json.error).toBe('auth.password_expired');
    expect((await c.post('/api/auth/password', { oldPassword: 'Init#Pass2026', newPassword: 'Mine#Pass2026' })).status).toBe(200);
    const again = await env().login('wjw_qian', 'Mine#Pass2026');
    expect((await again.get('/api/workbench')).status).toBe(200);
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
      expect((await c.get('/api/org/users')).status).toBe(403);
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
