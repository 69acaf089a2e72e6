/**
 * Battery part 8 (XSS half) — stored payloads rendered by the real web pages in headless Chromium.
 * 200 payloads go into every text field and attachment file name of every module, through the
 * modules' APIs: messages, API tokens, units (and so the audit trail); 督查事项 (title, requirement,
 * source, instruction, closing criteria, stages, progress reports), 公文 (the draft's elements,
 * 正文 rich text, incoming fields), 会议 (meetings, materials, topics), 资源库 (items, keywords,
 * notices, forum topics and replies, distribution lists). Titles are packed (every payload in some
 * title), long fields carry all 200, each module's first item carries 200 attachments named by
 * the payloads. The pages (lists walked page by page, details, search) are rendered; a payload
 * that runs bumps `window.__xss` or opens a dialog: both are counted; the pass is 0 — and every
 * payload must have been shown as text somewhere (so the pages really rendered them).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness.js';
import { chromium } from 'playwright-core';
import { createTestEnv, type TestClient, type TestResponse } from '../harness.js';
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

/** Packs payloads, in order, into strings of at most `limit` characters (each payload in exactly one pack, cut to the limit if longer). */
function packs(payloads: string[], limit: number, prefix = ''): string[] {
  const out: string[] = [];
  let cur = prefix;
  for (const whole of payloads) {
    const p = whole.slice(0, limit - prefix.length);
    const add = cur === prefix ? p : ` ${p}`;
    if (cur.length + add.length > limit && cur !== prefix) {
      out.push(cur);
      cur = `${prefix}${p}`;
    } else cur += add;
  }
  if (cur !== prefix) out.push(cur);
  return out;
}

/** The text a browser shows for an escaped payload (whitespace collapsed). */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function ok(res: TestResponse, what: string): any {
  if (res.status !== 200 && res.status !== 201) throw new Error(`${what} failed: ${res.status} ${res.body.slice(0, 300)}`);
  return res.json;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0x20), Buffer.from('\n%%EOF\n')]);

it('renders ≥ 200 stored payloads in every text field and file name of every module’s pages: 0 scripts run', async () => {
  if (!fs.existsSync(path.resolve('web/dist/index.html'))) {
    // npm test builds the web after the integration suite: build it here when it is missing
    const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('web build failed');
  }
  const started = Date.now();
  const env = await createTestEnv('sqlite');
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  const payloads = VECTORS.flatMap((v) => WRAPPERS.map((w) => w(v)));
  const { unitByCode, userByName } = env.demo;
  const zhang = userByName.dcs_zhang!;
  const titles = packs(payloads, 200, '载荷');
  const fields = { fieldsFilled: 0, itemsCreated: 0, fileNames: 0, fileNamesIntact: 0 };
  const fill = (n = 1) => (fields.fieldsFilled += n);
  /**
   * Attaches one file per payload to an item: the names carry the payloads, sent as RFC 5987
   * `filename*` so quotes survive the multipart header; `/` and backslash (refused in names by the upload
   * rule) become their full-width forms.
   */
  async function attachAll(c: TestClient, ownerType: string, ownerId: number, names: string[]): Promise<void> {
    for (const name of names) {
      const boundary = `----zsxss${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(`${name}.pdf`)}\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/files?ownerType=${ownerType}&ownerId=${ownerId}`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: c.cookie!, 'x-csrf-token': c.csrf! },
        payload,
      });
      if (res.statusCode !== 200 && res.statusCode !== 201)
        throw new Error(`upload ${ownerType}#${ownerId} "${name}": ${res.statusCode} ${res.body.slice(0, 200)}`);
      fields.fileNames++;
      const j = JSON.parse(res.body) as { filename?: string; attachment?: { filename?: string } };
      if ((j.filename ?? j.attachment?.filename) === `${name}.pdf`) fields.fileNamesIntact++;
    }
  }
  const names = payloads.map((p) => p.replace(/\//g, '／').replace(/\\/g, '＼').slice(0, 150));
  const c = await env.login('dcs_zhang');
  const pages: { user: string; path: string; paginate?: boolean }[] = [];

  // ---------------------------------------------------------------- platform (messages, tokens, units, audit)
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
  fill(2);
  for (const p of payloads.slice(0, 30)) await c.post('/api/auth/tokens', { name: p.slice(0, 100) });
  const admin = await env.login('sysadmin');
  for (const p of payloads.slice(30, 60)) await admin.post('/api/org/units', { parentId: null, name: p.slice(0, 100), kind: 'department' });
  fill(2);
  pages.push(
    { user: 'dcs_zhang', path: '/notifications', paginate: true },
    { user: 'dcs_zhang', path: '/tokens' },
    { user: 'dcs_zhang', path: '/' },
    { user: 'sysadmin', path: '/admin/units' },
    { user: 'auditor', path: '/admin/audit', paginate: true },
  );

  // ---------------------------------------------------------------- 督查督办: titles, requirement, source fields, instruction, criteria, stages, reports, file names
  const long5000 = packs(payloads, 5000);
  const long2000 = packs(payloads, 2000);
  const supIds: number[] = [];
  for (let k = 0; k < titles.length; k++) {
    const j = ok(
      await c.post('/api/supervision/items', {
        source: 'instruction',
        title: titles[k],
        requirement: long5000[k % long5000.length],
        sourceRef: titles[k],
        instructedBy: payloads[k % payloads.length]!.slice(0, 50),
        instructionText: long2000[k % long2000.length],
        closingCriteria: long2000[(k + 1) % long2000.length],
        level: 0,
        leadUnitId: unitByCode.ndrc,
        deadline: '2026-12-30',
      }),
      'supervision item',
    );
    supIds.push((j.id ?? j.item?.id) as number);
    fields.itemsCreated++;
  }
  fill(6);
  {
    const id = supIds[0]!;
    await attachAll(c, 'supervision_item', id, names);
    const item = ok(await c.get(`/api/supervision/items/${id}`), 'supervision read');
    const version = item.version ?? item.item?.version;
    const stages = payloads.slice(0, 20).map((p, i) => ({ name: p.slice(0, 100), deadline: `2026-12-${String(10 + i).padStart(2, '0')}` }));
    const split = ok(
      await c.post(`/api/supervision/items/${id}/split`, {
        version,
        tasks: [{ unitId: unitByCode.ndrc, responsibleUserId: userByName.fgw_xu, deadline: '2026-12-30', stages }],
      }),
      'split',
    );
    ok(await c.post(`/api/supervision/items/${id}/issue`, { version: split.version ?? split.item?.version ?? version + 1 }), 'issue');
    const xu = await env.login('fgw_xu');
    const detail = ok(await c.get(`/api/supervision/items/${id}`), 'supervision read');
    const task = (detail.tasks ?? detail.item?.tasks)[0];
    const reports = packs(payloads, 10000);
    let v = task.version as number;
    for (const content of reports) {
      const r = ok(await xu.post(`/api/supervision/tasks/${task.id}/reports`, { version: v, content }), 'report');
      v = r.version ?? r.task?.version ?? v + 1;
    }
    fill(2);
  }
  for (const id of supIds.slice(0, long5000.length)) pages.push({ user: 'dcs_zhang', path: `/supervision/items/${id}` });
  pages.push(
    { user: 'dcs_zhang', path: '/supervision', paginate: true },
    { user: 'dcs_zhang', path: '/supervision/tasks', paginate: true },
    { user: 'dcs_zhang', path: '/supervision/stats' },
  );

  // ---------------------------------------------------------------- 公文: 18 elements of drafts, incoming fields, 正文 (rich text), file names
  const docIds: number[] = [];
  const long500 = packs(payloads, 500);
  const long1000 = packs(payloads, 1000);
  const long100 = packs(payloads, 100);
  for (let k = 0; k < titles.length; k++) {
    const j = ok(
      await c.post('/api/documents/outgoing', {
        docType: '函',
        title: titles[k],
        level: 0,
        urgency: 'normal',
        mainTo: long500[k % long500.length],
        cc: long500[(k + 1) % long500.length],
        attachmentsNote: long1000[k % long1000.length],
        signature: titles[k],
        note: long500[(k + 2) % long500.length],
        printOrgan: long100[k % long100.length],
        issuerOrgan: long100[(k + 1) % long100.length],
        bodyHtml: `<p>${payloads.join('</p><p>')}</p>`,
      }),
      'document draft',
    );
    docIds.push(j.id as number);
    fields.itemsCreated++;
  }
  fill(9);
  const inIds: number[] = [];
  for (let k = 0; k < titles.length; k++) {
    const j = ok(
      await c.post('/api/documents/incoming', {
        title: titles[k],
        docType: '通知',
        sourceOrgan: long100[k % long100.length],
        originalNo: payloads[k % payloads.length]!.slice(0, 60),
        secrecyTerm: payloads[(k + 1) % payloads.length]!.slice(0, 30),
        level: 0,
      }),
      'document receive',
    );
    inIds.push(j.id as number);
    fields.itemsCreated++;
  }
  fill(4);
  await attachAll(c, 'document', docIds[0]!, names);
  pages.push(
    { user: 'dcs_zhang', path: '/documents', paginate: true },
    { user: 'dcs_zhang', path: `/documents/${docIds[0]}` },
    { user: 'dcs_zhang', path: `/documents/${docIds[1]}` },
    { user: 'dcs_zhang', path: `/documents/${inIds[0]}` },
    { user: 'dcs_zhang', path: '/documents/quota' },
  );

  // ---------------------------------------------------------------- 会议: meetings (title, place), materials (titles, file names), topics (title, background, file names)
  const office = await env.login('msc_zhou');
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const meetingIds: number[] = [];
  const long200 = packs(payloads, 200);
  for (let k = 0; k < titles.length; k++) {
    const m = ok(
      await office.post('/api/meetings', {
        title: titles[k],
        kind: 'deployment',
        startsAt: `${day}T02:00:00.000Z`,
        place: long200[k % long200.length],
        chairId: userByName.msc_sun,
        level: 0,
        attendeeIds: [zhang],
      }),
      'meeting',
    );
    meetingIds.push(m.id as number);
    fields.itemsCreated++;
  }
  fill(2);
  for (const [i, t] of titles.entries()) {
    const mat = ok(await office.post(`/api/meetings/${meetingIds[0]}/materials`, { title: t, kind: 'speech', level: 0 }), 'material');
    if (i === 0) await attachAll(office, 'meeting_material', mat.id, names);
  }
  fill(1);
  const topicIds: number[] = [];
  for (let k = 0; k < titles.length; k++) {
    const t = ok(
      await office.post('/api/meeting-topics', { title: titles[k], background: long5000[k % long5000.length], kind: 'deployment', level: 0 }),
      'topic',
    );
    topicIds.push(t.id as number);
    fields.itemsCreated++;
  }
  fill(2);
  await attachAll(office, 'meeting_topic', topicIds[0]!, names);
  pages.push(
    { user: 'msc_zhou', path: '/meetings' },
    { user: 'msc_zhou', path: '/meetings/topics?layer=stored' },
    { user: 'msc_zhou', path: `/meetings/${meetingIds[0]}` },
    ...topicIds.slice(0, long5000.length).map((id) => ({ user: 'msc_zhou', path: `/meetings/topics/${id}` })),
  );

  // ---------------------------------------------------------------- 资源库: items (title, source, keywords, summary, content, file names), notices, forum, distributions
  const libIds: number[] = [];
  for (let k = 0; k < titles.length; k++) {
    const j = ok(
      await c.post('/api/library/items', {
        kind: 'research_report',
        title: titles[k],
        source: long200[k % long200.length],
        level: 0,
        scope: 'everyone',
        catalog: true,
        keywords: payloads
          .slice((k * 3) % payloads.length, ((k * 3) % payloads.length) + 3)
          .map((p) => p.replace(/,/g, '，').slice(0, 30).trim())
          .filter(Boolean),
        summary: long2000[k % long2000.length],
        content: payloads.join('\n'),
        date: '2026-11-20',
      }),
      'library item',
    );
    libIds.push(j.id as number);
    fields.itemsCreated++;
  }
  fill(6);
  await attachAll(c, 'library_item', libIds[0]!, names);
  const huang = await env.login('dcs_huang');
  for (let k = 0; k < 10; k++) {
    ok(await huang.post('/api/library/notices', { category: 'meeting', title: titles[k], body: payloads.join('\n'), level: 0, date: '2026-11-20' }), 'notice');
  }
  const forumIds: number[] = [];
  for (let k = 0; k < titles.length; k++) {
    const j = ok(await c.post('/api/library/topics', { title: titles[k], body: long5000[k % long5000.length], level: 0 }), 'forum topic');
    forumIds.push(j.id as number);
    fields.itemsCreated++;
  }
  for (const body of packs(payloads, 10000)) ok(await huang.post(`/api/library/topics/${forumIds[0]}/replies`, { body }), 'forum reply');
  fill(3);
  const dist = ok(
    await c.post('/api/library/distributions', { name: payloads[0]!.slice(0, 100), kinds: ['research_report'], periodDays: 7, subscriberIds: [zhang] }),
    'distribution',
  );
  fill(1);
  pages.push(
    { user: 'dcs_zhang', path: '/library', paginate: true },
    { user: 'dcs_zhang', path: '/library?tab=notices', paginate: true },
    { user: 'dcs_zhang', path: '/library?tab=forum' },
    { user: 'dcs_zhang', path: '/library?tab=distribution' },
    { user: 'dcs_zhang', path: `/library/distributions/${dist.id}` },
    { user: 'dcs_zhang', path: `/library/items/${libIds[0]}` },
    { user: 'dcs_zhang', path: `/library/items/${libIds[1]}` },
    { user: 'dcs_zhang', path: `/library/forum/${forumIds[0]}` },
    { user: 'dcs_zhang', path: `/library/forum/${forumIds[1]}` },
    { user: 'dcs_zhang', path: `/search?q=${encodeURIComponent('载荷')}`, paginate: true },
    { user: 'msc_zhou', path: `/search?q=${encodeURIComponent('载荷')}&module=meetings`, paginate: true },
  );
  const setupSeconds = (Date.now() - started) / 1000;

  // ---------------------------------------------------------------- render in Chromium
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  let executions = 0;
  let dialogs = 0;
  let controlCaught = 0;
  let pagesSeen = 0;
  const shown = new Set<number>();
  const normPayloads = payloads.map(norm);
  const perPage: string[] = [];
  const byModule = new Map<string, Set<number>>();
  try {
    // positive control: the detector sees a payload that does run
    const control = await browser.newPage();
    await control.setContent(`<div>${VECTORS[1]}</div>`);
    await control.waitForTimeout(200);
    controlCaught = await control.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0);
    await control.close();
    const byUser = new Map<string, typeof pages>();
    for (const p of pages) byUser.set(p.user, [...(byUser.get(p.user) ?? []), p]);
    for (const [user, list] of byUser) {
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
      for (const p of list) {
        await page.goto(`${base}${p.path}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        let text = '';
        for (let n = 0; n < (p.paginate ? 6 : 1); n++) {
          // expand whatever can be expanded (tree nodes, rows) so hidden text renders too
          for (const el of (await page.locator('.ant-tree-switcher, .ant-table-row-expand-icon, .ant-collapse-header').all()).slice(0, 20))
            await el.click({ timeout: 1000 }).catch(() => undefined);
          text += norm(await page.evaluate(() => document.body.innerText));
          const next = page.locator('.ant-pagination-next:not(.ant-pagination-disabled)').first();
          if (!p.paginate || (await next.count()) === 0) break;
          await next.click({ timeout: 2000 }).catch(() => undefined);
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(200);
        }
        const group = p.path.split(/[/?]/)[1] || 'platform';
        const mod = byModule.get(group) ?? new Set<number>();
        byModule.set(group, mod);
        let here = 0;
        normPayloads.forEach((np, i) => {
          if (text.includes(np)) {
            shown.add(i);
            mod.add(i);
            here++;
          }
        });
        const ran = await page.evaluate(() => (window as unknown as { __xss: number }).__xss);
        executions += ran;
        pagesSeen++;
        perPage.push(`${user}${p.path}=${here}${ran ? `!ran${ran}` : ''}`);
        // the viewport only: full-page shots of pages with hundreds of rows cost seconds each
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, `battery-xss-${user}-${p.path.replace(/[/?=&%]/g, '_') || 'root'}.png`) });
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await env.close();
  }
  figures('8 XSS', {
    payloads: payloads.length,
    ...fields,
    pages: pagesSeen,
    payloadsShownAsText: shown.size,
    scriptExecutions: executions,
    dialogs,
    positiveControlCaught: controlCaught,
    setupSeconds,
    seconds: (Date.now() - started) / 1000,
  });
  const modules = Object.fromEntries([...byModule].map(([k, v]) => [k, v.size]));
  console.log(`[battery] 8 XSS payloads shown as text per page: ${perPage.join(' ')}`);
  console.log(`[battery] 8 XSS payloads shown as text per module: ${JSON.stringify(modules)}`);
  expect(controlCaught).toBe(1);
  expect(payloads.length).toBeGreaterThanOrEqual(200);
  // the payloads really reached the pages (as text, which is how stored input must render)
  expect(shown.size).toBe(payloads.length);
  for (const m of ['supervision', 'documents', 'meetings', 'library']) expect(modules[m], `payloads shown on the ${m} pages`).toBe(payloads.length);
  expect(executions).toBe(0);
  expect(dialogs).toBe(0);
}, 900_000);
