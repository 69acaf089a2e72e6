/**
 * Two app servers on one database (the same SQLite file through its own connection; the same PostgreSQL
 * database through its own pool), each with its own actor and settings caches, as two processes have:
 * what one server changes about an account, a unit or the security settings is seen by the other's next
 * request, and a session one server ends (logout, disable, password reset, a grant approved) answers 401 on
 * the other at once, although the other had that session's actor cached.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { openDatabase, type Database } from '../../db/client.js';
import { MODULES } from '../index.js';
import { createTestEnv, TestClient, type TestEnv } from '../../../test/harness.js';
import { testDialects } from '../../../test/dialects.js';

for (const dialect of testDialects()) {
  describe(`actors across processes [${dialect}]`, () => {
    let a: TestEnv;
    let bApp: FastifyInstance;
    let bDatabase: Database;
    beforeAll(async () => {
      a = await createTestEnv(dialect);
      bDatabase = openDatabase(a.config.db, { poolSize: 4 });
      bApp = (await buildApp({ config: a.config, database: bDatabase, modules: MODULES, clock: a.clock, logger: false })).app;
    });
    afterAll(async () => {
      await bApp?.close();
      await bDatabase?.close();
      await a?.close();
    });

    /** The same session (cookie and CSRF token), sent to server B. */
    const onB = (c: TestClient) => new TestClient(bApp, c.cookie, c.csrf);
    const userRow = async (admin: TestClient, username: string) =>
      ((await admin.get(`/api/org/users?pageSize=200`)).json.items as { id: number; username: string; version: number }[]).find(
        (u) => u.username === username,
      )!;

    it('a name or unit renamed on A, and roles or clearance written by any other writer, show on B’s next request', async () => {
      const zhang = await a.login('dcs_zhang');
      const b = onB(zhang);
      expect((await b.get('/api/auth/me')).json.user).toMatchObject({ name: '张伟', unitName: '督查室', roles: ['staff'], clearance: 1 });
      const admin = await a.login('sysadmin');
      const row = await userRow(admin, 'dcs_zhang');
      expect((await admin.patch(`/api/org/users/${row.id}`, { version: row.version, name: '张伟伟' })).status).toBe(200);
      expect((await b.get('/api/auth/me')).json.user.name).toBe('张伟伟');

      const unitId = a.demo.unitByCode.supervision!;
      const unit = ((await admin.get('/api/org/units')).json.items as { id: number; version: number }[]).find((u) => u.id === unitId)!;
      expect((await admin.patch(`/api/org/units/${unitId}`, { version: unit.version, name: '督查督办室' })).status).toBe(200);
      expect((await b.get('/api/auth/me')).json.user.unitName).toBe('督查督办室');

      // the CLI or a repair script: no service bumps anything, the database does
      const userId = a.demo.userByName.dcs_zhang!;
      await a.database.db.updateTable('user').set({ clearance: 0 }).where('id', '=', userId).execute();
      await a.database.db.insertInto('user_role').values({ user_id: userId, role: 'division_head' }).execute();
      expect((await b.get('/api/auth/me')).json.user).toMatchObject({ roles: ['division_head', 'staff'], clearance: 0 });
      await a.database.db.deleteFrom('user_role').where('user_id', '=', userId).where('role', '=', 'division_head').execute();
      expect((await b.get('/api/auth/me')).json.user.roles).toEqual(['staff']);
      expect((await zhang.get('/api/auth/me')).json.user).toMatchObject({ name: '张伟伟', unitName: '督查督办室', roles: ['staff'], clearance: 0 });
    });

    it('display names and module settings cached on B follow every writer on A from B’s next request (the stamps of issue #17)', async () => {
      const zhang = await a.login('dcs_zhang');
      const b = onB(zhang);
      const listed = (await b.get('/api/supervision/tasks?scope=all&pageSize=1')).json.items[0] as { id: number; unitId: number; responsibleUserId: number };
      const task = async () => (await b.get(`/api/supervision/tasks/${listed.id}`)).json.task as { unitName: string; responsibleUserName: string };
      const yellowDays = async () => (await b.get('/api/supervision/settings')).json.settings.yellowDays as number;
      const before = await task();
      expect(before.unitName).not.toBe('');
      expect(await task()).toEqual(before);
      const days = await yellowDays();
      const db = a.database.db;
      // a rename that also puts the stamp back is not seen: B answers from its cache
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('unit').set({ short_name: '改名甲' }).where('id', '=', listed.unitId).execute();
        await sql`UPDATE cache_stamp SET version = version - 1 WHERE key = 'names'`.execute(trx);
      });
      expect((await task()).unitName).toBe(before.unitName);
      // any writer moves the stamp: raw SQL, then the API
      await db.updateTable('unit').set({ short_name: '改名乙' }).where('id', '=', listed.unitId).execute();
      expect((await task()).unitName).toBe('改名乙');
      await db.updateTable('user').set({ name: '改名丙' }).where('id', '=', listed.responsibleUserId).execute();
      expect(await task()).toMatchObject({ unitName: '改名乙', responsibleUserName: '改名丙' });
      const admin = await a.login('sysadmin');
      const unit = ((await admin.get('/api/org/units')).json.items as { id: number; version: number }[]).find((u) => u.id === listed.unitId)!;
      expect((await admin.patch(`/api/org/units/${listed.unitId}`, { version: unit.version, shortName: '改名丁' })).status).toBe(200);
      expect((await task()).unitName).toBe('改名丁');

      const head = await a.login('dcs_huang');
      const cur = (await head.get('/api/supervision/settings')).json;
      expect((await head.put('/api/supervision/settings', { version: cur.version, settings: { ...cur.settings, yellowDays: days + 1 } })).status).toBe(200);
      expect(await yellowDays()).toBe(days + 1);
      const stored = await db.selectFrom('setting').select('value').where('key', '=', 'supervision').executeTakeFirstOrThrow();
      await db
        .updateTable('setting')
        .set({ value: JSON.stringify({ ...JSON.parse(stored.value), yellowDays: days + 2 }) })
        .where('key', '=', 'supervision')
        .execute();
      expect(await yellowDays()).toBe(days + 2);
    });

    it('logout, disabling, a password reset and an approved grant on A end the session on B at once', async () => {
      const admin = await a.login('sysadmin');
      const sec = await a.login('secadmin');
      const cases: [string, (c: TestClient) => Promise<void>][] = [
        [
          'dcs_huang',
          async (c) => {
            expect((await c.post('/api/auth/logout')).status).toBe(200);
          },
        ],
        [
          'xxc_lin',
          async () => {
            const row = await userRow(admin, 'xxc_lin');
            expect((await admin.patch(`/api/org/users/${row.id}`, { version: row.version, disabled: true })).status).toBe(200);
          },
        ],
        [
          'dys_ma',
          async () => {
            expect((await admin.post(`/api/org/users/${a.demo.userByName.dys_ma}/reset-password`, { password: 'Once#Pass2026' })).status).toBe(200);
          },
        ],
        [
          'fgw_xu',
          async () => {
            const row = await userRow(admin, 'fgw_xu');
            const filed = await admin.patch(`/api/org/users/${row.id}`, { version: row.version, clearance: 0 });
            const g = (await sec.get(`/api/org/grants?userId=${row.id}`)).json.items.find((x: { id: number }) => x.id === filed.json.grantId);
            expect((await sec.post(`/api/org/grants/${g.id}/approve`, { version: g.version })).status).toBe(200);
          },
        ],
      ];
      for (const [username, end] of cases) {
        const c = await a.login(username);
        const b = onB(c);
        expect((await b.get('/api/auth/me')).status, username).toBe(200); // B has the actor cached now
        await end(c);
        const res = await b.get('/api/auth/me');
        expect([username, res.status, res.json.error]).toEqual([username, 401, 'auth.required']);
      }
    });

    it('security settings changed on A hold on B’s next request: a shorter idle timeout, a password expiry', async () => {
      const zhou = await a.login('msc_zhou');
      const b = onB(zhou);
      expect((await b.get('/api/auth/me')).status).toBe(200); // B has the settings cached now
      const sec = await a.login('secadmin');
      const current = (await sec.get('/api/admin/settings')).json;
      const put = await sec.put('/api/admin/settings', { version: current.version, settings: { ...current.settings, idleTimeoutMinutes: 5 } });
      expect(put.status).toBe(200);
      a.clock.advance(6 * 60_000);
      expect((await b.get('/api/auth/me')).json.error).toBe('auth.session_expired');

      // two days on, passwords 1 day old expire: B, with the 90-day settings cached, refuses at once
      a.clock.advance(2 * 86_400_000);
      const fresh = onB(await a.login('dcs_zhang'));
      expect((await fresh.get('/api/supervision/items?pageSize=1')).status).toBe(200);
      const sec2 = await a.login('secadmin');
      const v = (await sec2.get('/api/admin/settings')).json;
      expect((await sec2.put('/api/admin/settings', { version: v.version, settings: { ...v.settings, passwordExpiryDays: 1 } })).status).toBe(200);
      expect((await fresh.get('/api/supervision/items?pageSize=1')).json.error).toBe('auth.password_expired');
    });
  });
}
