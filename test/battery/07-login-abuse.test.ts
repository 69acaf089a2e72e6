/**
 * Battery part 7 — login abuse (身份鉴别): lockout after repeated failures, counted per account;
 * no user enumeration (same answer, latency difference under 10 ms); rate limits on every
 * secret-guessing endpoint (login, password change, API tokens); the idle timeout.
 */
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/db/seed-demo.js';
import { describeEachDialect } from '../harness.js';
import { CI_TIER, ciSize, figures, percentile } from './battery-kit.js';

const RATE = 20;

async function login(app: FastifyInstance, username: string, password: string, ip: string) {
  const t0 = process.hrtime.bigint();
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { status: res.statusCode, json: JSON.parse(res.body) as { error?: string; message?: string }, ms, headers: res.headers };
}

describeEachDialect(
  'battery 7: login abuse',
  (env) => {
    it('locks an account after the threshold, counting per account, and says so without revealing the password was right', async () => {
      const { app } = env();
      const threshold = 5; // DEFAULT_SECURITY.lockoutThreshold
      for (let i = 0; i < threshold; i++) expect((await login(app, 'zhc_zheng', 'wrong-password', `10.7.1.${i}`)).status).toBe(401);
      // from yet another address, with the RIGHT password: still locked (the count is per account, not per IP)
      const locked = await login(app, 'zhc_zheng', DEMO_PASSWORD, '10.7.2.1');
      expect(locked.status).toBe(429);
      expect(locked.json.error).toBe('auth.locked');
      // another account is not affected
      expect((await login(app, 'zhc_wu', DEMO_PASSWORD, '10.7.2.2')).status).toBe(200);
      // after the lockout period the right password works again
      env().clock.advance(16 * 60_000);
      expect((await login(app, 'zhc_zheng', DEMO_PASSWORD, '10.7.2.3')).status).toBe(200);
      figures(`7 lockout [${env().dialect}]`, { threshold, lockedAfter: threshold, perAccount: true });
    });

    it('does not reveal whether a user exists: same status and message; latency difference < 10 ms', async () => {
      const { app, ctx } = env();
      const n = ciSize(200, 40, 1_000);
      const known: number[] = [];
      const unknown: number[] = [];
      const users = ['msc_sun', 'msc_zhou', 'xxc_lin', 'dys_guo', 'dys_ma', 'jy_luo', 'da_liang', 'sthj_feng'];
      const bodies = new Set<string>();
      const t0 = Date.now();
      // warm-up (argon2 and the dummy hash)
      await login(app, 'nobody_warm', 'x', '10.7.3.250');
      await login(app, 'msc_sun', 'x', '10.7.3.251');
      for (let i = 0; i < n; i++) {
        await ctx.db.deleteFrom('login_throttle').execute(); // keep both sides below the lockout (lockout timing is not the question here)
        await ctx.db.deleteFrom('rate_limit').execute();
        // alternate the order so drift in machine load falls on both sides alike
        const knownFirst = i % 2 === 0;
        const first = await login(app, knownFirst ? users[i % users.length]! : `ghost_${i}_user`, `wrong-${i}`, `10.7.3.${i % 200}`);
        const second = await login(app, knownFirst ? `ghost_${i}_user` : users[i % users.length]!, `wrong-${i}`, `10.7.4.${i % 200}`);
        const [a, b] = knownFirst ? [first, second] : [second, first];
        known.push(a.ms);
        unknown.push(b.ms);
        expect(a.status).toBe(401);
        expect(b.status).toBe(401);
        bodies.add(JSON.stringify(a.json));
        bodies.add(JSON.stringify(b.json));
      }
      const mk = percentile(known, 50);
      const mu = percentile(unknown, 50);
      figures(`7 enumeration [${env().dialect}]`, {
        tier: CI_TIER,
        samples: n,
        medianKnownMs: mk,
        medianUnknownMs: mu,
        diffMs: Math.abs(mk - mu),
        distinctAnswers: bodies.size,
        ms: Date.now() - t0,
      });
      expect(bodies.size).toBe(1);
      expect(Math.abs(mk - mu)).toBeLessThan(10);
    }, 900_000);

    it('rate-limits login attempts per address (429), whatever the usernames', async () => {
      const { app } = env();
      const statuses: number[] = [];
      for (let i = 0; i < RATE + 5; i++) statuses.push((await login(app, `spray_${i}`, 'Password1!', '10.7.5.1')).status);
      expect(statuses.slice(0, RATE).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(RATE).every((s) => s === 429)).toBe(true);
      // another address is not blocked
      expect((await login(app, 'spray_x', 'Password1!', '10.7.5.2')).status).toBe(401);
      figures(`7 login rate [${env().dialect}]`, { limitPerMin: RATE, refusedAfter: statuses.indexOf(429) });
    });

    it('rate-limits guessing the old password on the password-change endpoint', async () => {
      const c = await env().login('dys_ma');
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await c.post('/api/auth/password', { oldPassword: `guess-${i}`, newPassword: 'Brand#New2026pass' })).status);
      figures(`7 password-change guessing [${env().dialect}]`, { attempts: 30, firstRefusal: statuses.indexOf(429) });
      expect(statuses).toContain(429);
      expect(statuses.indexOf(429)).toBeLessThanOrEqual(10);
    });

    it('rate-limits guessing API tokens per address', async () => {
      const { app } = env();
      const statuses: number[] = [];
      for (let i = 0; i < RATE + 10; i++) {
        const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer zs_guess${i}` }, remoteAddress: '10.7.6.1' });
        statuses.push(res.statusCode);
      }
      figures(`7 token guessing [${env().dialect}]`, { attempts: statuses.length, firstRefusal: statuses.indexOf(429) });
      expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
      expect(statuses).toContain(429);
    });

    it('ends a session after the idle timeout (30 min by default), and not before', async () => {
      const c = await env().login('zhc_wu');
      env().clock.advance(29 * 60_000);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      env().clock.advance(29 * 60_000);
      expect((await c.get('/api/auth/me')).status).toBe(200); // activity renewed it
      env().clock.advance(31 * 60_000);
      const expired = await c.get('/api/auth/me');
      expect(expired.status).toBe(401);
      expect(expired.json.error).toBe('auth.session_expired');
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });
  },
  { env: { ZHONGSHU_LOGIN_RATE_PER_MIN: String(RATE) } },
);
