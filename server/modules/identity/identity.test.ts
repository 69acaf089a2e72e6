import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';

describeEachDialect('identity', (env) => {
  it('logs in a demo user and answers /me with roles, unit and a CSRF token', async () => {
    const c = await env().login('dcs_zhang');
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ username: 'dcs_zhang', name: '张伟', unitName: '督查室', roles: ['staff'], adminRole: null });
    expect(me.json.csrfToken).toBe(c.csrf);
  });

  it('answers 401 with a Chinese message when not logged in, English on request', async () => {
    const zh = await env().anonymous().get('/api/auth/me');
    expect(zh.status).toBe(401);
    expect(zh.json).toEqual({ error: 'auth.required', message: '请先登录' });
    const en = await env().anonymous().get('/api/auth/me', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json.message).toBe('Please log in');
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const a = await env().anonymous().post('/api/auth/login', { username: 'msc_zhou', password: 'Wrong#Pass1' });
    const b = await env().anonymous().post('/api/auth/login', { username: 'nobody_here', password: 'Wrong#Pass1' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.json).toEqual(b.json);
    expect(a.json.message).toBe('用户名或密码错误');
  });

  it('locks an account after 5 failures for 15 minutes; the right password is refused meanwhile', async () => {
    const anon = env().anonymous();
    for (let i = 0; i < 5; i++) expect((await anon.post('/api/auth/login', { username: 'zhc_zheng', password: `bad${i}` })).status).toBe(401);
    const sixth = await anon.post('/api/auth/login', { username: 'zhc_zheng', password: 'Zhongshu@2026' });
    expect(sixth.status).toBe(429);
    expect(sixth.json.error).toBe('auth.locked');
    expect(sixth.json.message).toContain('锁定');
    env().clock.advance(16 * 60_000);
    expect((await anon.post('/api/auth/login', { username: 'zhc_zheng', password: 'Zhongshu@2026' })).status).toBe(200);
  });

  it('counts failures per account: another account is not locked by them', async () => {
    const anon = env().anonymous();
    for (let i = 0; i < 5; i++) await anon.post('/api/auth/login', { username: 'xxc_he', password: `bad${i}` });
    expect((await anon.post('/api/auth/login', { username: 'xxc_lin', password: 'Zhongshu@2026' })).status).toBe(200);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const c = await env().login('msc_zhou');
    env().clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    env().clock.advance(31 * 60_000);
    const res = await c.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('auth.session_expired');
    expect((await c.get('/api/auth/me')).json.error).toBe('auth.required');
  });

  it('issues a fresh session id at each login (no fixation) and logout ends it', async () => {
    const a = await env().login('dys_ma');
    const b = await env().login('dys_ma');
    expect(a.cookie).not.toBe(b.cookie);
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    // a cookie the attacker planted before login is not adopted
    const planted = await env().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: 'zs_sid=attacker-chosen' },
      payload: { username: 'dys_ma', password: 'Zhongshu@2026' },
    });
    expect(String(planted.headers['set-cookie'])).not.toContain('attacker-chosen');
  });

  it('refuses a state-changing request without the CSRF token or from a foreign origin, and changes nothing', async () => {
    const c = await env().login('dys_guo');
    const noToken = await c.request('POST', '/api/auth/tokens', { name: 'x' }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.json.error).toBe('auth.csrf');
    const foreign = await c.request('POST', '/api/auth/tokens', { name: 'x' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await c.get('/api/auth/tokens')).json.items).toHaveLength(0);
    expect((await c.post('/api/auth/tokens', { name: 'ok' })).status).toBe(200);
  });

  it('changes the password under the policy and ends every session of the user', async () => {
    const a = await env().login('da_liang');
    const b = await env().login('da_liang');
    const weak = await a.post('/api/auth/password', { oldPassword: 'Zhongshu@2026', newPassword: 'abcdefgh' });
    expect(weak.status).toBe(422);
    expect(weak.json.error).toBe('auth.password_weak');
    const wrongOld = await a.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'Better#Pass2026' });
    expect(wrongOld.json.error).toBe('auth.wrong_old_password');
    expect((await a.post('/api/auth/password', { oldPassword: 'Zhongshu@2026', newPassword: 'Better#Pass2026' })).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    await env().login('da_liang', 'Better#Pass2026');
  });

  it('authenticates a personal API token as Bearer, without CSRF, until revoked', async () => {
    const c = await env().login('jd_song');
    const created = await c.post('/api/auth/tokens', { name: '脚本' });
    expect(created.json.token).toMatch(/^zs_/);
    const bearer = { authorization: `Bearer ${created.json.token}` };
    const me = await env().anonymous().get('/api/auth/me', bearer);
    expect(me.json.user.username).toBe('jd_song');
    expect((await env().anonymous().request('POST', '/api/notifications/read-all', {}, bearer)).status).toBe(200);
    expect((await c.delete(`/api/auth/tokens/${created.json.id}`)).status).toBe(200);
    expect((await env().anonymous().get('/api/auth/me', bearer)).json.error).toBe('auth.token_invalid');
  });

  it('rejects bad login input with a validation error naming the field, never a 500', async () => {
    const res = await env().anonymous().post('/api/auth/login', { username: '', password: 123 });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation_error');
    expect(res.json.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
    const broken = await env().app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(broken.statusCode).toBe(400);
  });

  it('audits refused logins', async () => {
    await env().anonymous().post('/api/auth/login', { username: 'sw_ye', password: 'nope' });
    const rows = await env()
      .ctx.db.selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'denied')
      .where('target_id', '=', 'sw_ye')
      .execute();
    expect(rows.length).toBe(1);
  });
});

describe('login rate limit', () => {
  it.each(['sqlite'] as const)('answers 429 past the per-IP limit [%s]', async (dialect) => {
    const { createTestEnv } = await import('../../../test/harness.js');
    const e = await createTestEnv(dialect, { env: { ZHONGSHU_LOGIN_RATE_PER_MIN: '3' } });
    try {
      const anon = e.anonymous();
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await anon.post('/api/auth/login', { username: `u${i}`, password: 'x' })).status);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await e.close();
    }
  });
});

describeEachDialect('unknown API routes', (env) => {
  it('answer 404 route_not_found in JSON, never the web page', async () => {
    const c = await env().login('dcs_zhang');
    for (const url of ['/api/nonexistent', '/api/supervision/nothing-here/1']) {
      const res = await c.get(url);
      expect(res.status).toBe(404);
      expect(res.json.error).toBe('route_not_found');
    }
  });
});
