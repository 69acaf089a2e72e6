/**
 * Battery part 8 (XSS half) — stored payloads rendered by the real web pages in headless Chromium.
 * ≥ 200 payloads go into text fields (message titles and bodies, unit names, API-token names, and
 * so the audit trail's details) and are rendered on 消息, 访问令牌, 单位管理 and 审计日志. A payload
 * that runs bumps `window.__xss` or opens a dialog: both are counted; the pass is 0.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { CHROMIUM, CHROMIUM_ARGS, screenshot } from '../e2e/harness.js';
import { chromium } from 'playwright-core';
import { createTestEnv } from '../harness.js';
import { figures } from './battery-kit.js';

const RUN = 'window.__xss=(window.__xss||0)+1';
const VECTORS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload="${RUN}">`,
  `<svg><script>${RUN}</script></svg>`,
  `"><img src=x onerror=${RUN}>`,
  `'><script>${RUN}</script>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>">`,
  `<body onload="${RUN}">`,
  `<details open ontoggle="${RUN}">`,
  `<a href="javascript:${RUN}">点我</a>`,
  `<math><mtext><img src=x onerror=${RUN}></mtext></math>`,
  `<input autofocus onfocus="${RUN}">`,
  `<video><source onerror="${RUN}"></video>`,
  `<object data="javascript:${RUN}">`,
  `<embed src="javascript:${RUN}">`,
  `<style>@import 'javascript:${RUN}';</style>`,
  `<marquee onstart="${RUN}">`,
  `{{constructor.constructor('${RUN}')()}}`,
  `\${alert(1)}`,
  `<scr<script>ipt>${RUN}</script>`,
  `<IMG SRC=x ONERROR=alert(1)>`,
  `<img src=x onerror=alert(document.domain)>`,
  `<svg/onload=alert(1)>`,
  `javascript:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  `<div style="background:url(javascript:alert(1))">`,
  `<form><button formaction="javascript:${RUN}">x</button></form>`,
  `<base href="javascript:/">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">`,
  `<img src=x onerror=\u0061lert(1)>`,
  `</textarea><script>${RUN}</script>`,
  `</title><script>${RUN}</script>`,
  `<template><script>${RUN}</script></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<select autofocus onfocus="${RUN}">`,
  `<keygen autofocus onfocus="${RUN}">`,
  `<audio src=x onerror="${RUN}">`,
  `<isindex type=image src=1 onerror=${RUN}>`,
  `<x onclick=${RUN}>点</x>`,
];
const WRAPPERS = [(v: string) => v, (v: string) => `督查${v}事项`, (v: string) => `${v}${v}`, (v: string) => `"${v}'`, (v: string) => `<b>${v}</b>`];

it('renders ≥ 200 stored payloads on the real pages: 0 scripts run', async () => {
  if (!fs.existsSync(path.resolve('web/dist/index.html'))) {
    // npm test builds the web after the integration suite: build it here when it is missing
    const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('web build failed');
  }
  const env = await createTestEnv('sqlite');
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  const payloads = VECTORS.flatMap((v) => WRAPPERS.map((w) => w(v)));
  const zhang = env.demo.userByName.dcs_zhang!;
  // messages: 20 on the first page, each with several payloads in title and body
  await env.ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 20; i++) {
      const slice = payloads.slice(i * 10, i * 10 + 10);
      await env.ctx.notifier.send(trx, [zhang], {
        kind: 'battery',
        title: slice.slice(0, 5).join(' '),
        body: slice.slice(5).join(' '),
        link: '/notifications',
        level: 0,
      });
    }
  });
  // API-token names and unit names (through the API, so the audit trail holds them too)
  const c = await env.login('dcs_zhang');
  for (const p of payloads.slice(0, 30)) await c.post('/api/auth/tokens', { name: p.slice(0, 100) });
  const admin = await env.login('sysadmin');
  for (const p of payloads.slice(30, 60)) await admin.post('/api/org/units', { parentId: null, name: p.slice(0, 100), kind: 'department' });

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  let executions = 0;
  let dialogs = 0;
  const pagesSeen: string[] = [];
  let controlCaught = 0;
  try {
    // positive control: the detector sees a payload that does run
    const control = await browser.newPage();
    await control.setContent(`<div>${VECTORS[1]}</div>`);
    await control.waitForTimeout(200);
    controlCaught = await control.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0);
    await control.close();
    for (const [user, paths] of [
      ['dcs_zhang', ['/notifications', '/tokens', '/']],
      ['sysadmin', ['/admin/units']],
      ['auditor', ['/admin/audit']],
    ] as const) {
      const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
      await ctx.addInitScript(() => {
        (window as unknown as { __xss: number }).__xss = 0;
      });
      const page = await ctx.newPage();
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await page.goto(`${base}/login`);
      await page.getByTestId('login-username').fill(user);
      await page.getByTestId('login-password').fill('Zhongshu@2026');
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
      for (const p of paths) {
        await page.goto(`${base}${p}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        // expand whatever can be expanded (tree nodes, rows), then hover and click text to trigger handlers
        for (const el of (await page.locator('.ant-tree-switcher, .ant-table-row-expand-icon').all()).slice(0, 20))
          await el.click({ timeout: 1000 }).catch(() => undefined);
        executions += await page.evaluate(() => (window as unknown as { __xss: number }).__xss);
        pagesSeen.push(`${user}${p}`);
        await screenshot(page, `battery-xss-${user}-${p.replace(/\//g, '_') || 'root'}`);
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await env.close();
  }
  figures('8 XSS', { payloads: payloads.length, pages: pagesSeen.length, scriptExecutions: executions, dialogs, positiveControlCaught: controlCaught });
  expect(controlCaught).toBe(1);
  expect(payloads.length).toBeGreaterThanOrEqual(200);
  expect(executions).toBe(0);
  expect(dialogs).toBe(0);
}, 600_000);
