/**
 * Accessibility (GB/T 37668-2019, WCAG 2.x A/AA) in real Chromium: axe-core on the pages each role
 * works in, at desktop width and at 390 px, finds nothing critical or serious; every page has its own
 * title, one <h1>, a <nav>; 跳到主要内容 is the first Tab stop and a navigation moves the focus to
 * the new page's heading.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeFindings, launchBrowser, loginAs, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

/** Opens each path as `username` (in a fresh window of the given width) and collects axe's findings per page. */
async function scan(username: string, paths: string[], width = 1366): Promise<Record<string, string[]>> {
  const context = await b.browser.newContext({ locale: 'zh-CN', viewport: { width, height: width < 500 ? 844 : 860 } });
  const page = await context.newPage();
  await loginAs(page, server.url, username);
  const found: Record<string, string[]> = {};
  for (const p of paths) {
    await page.goto(`${server.url}${p}`);
    await page.waitForLoadState('networkidle');
    await settle(page);
    const f = await axeFindings(page);
    if (f.length) found[p] = f.map((x) => `${x.id}: ${x.nodes.join(' | ')}`);
  }
  await context.close();
  return found;
}

/** Waits until no antd skeleton or spinner is on the page (the page shows its data). */
async function settle(page: Page) {
  await page
    .waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning, .zs-spin, .ant-card-loading-content'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
}

it('the login page has nothing critical or serious', async () => {
  const { page } = b;
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').waitFor();
  expect(await axeFindings(page)).toEqual([]);
});

it('the pages of the 督查室 at desktop width have nothing critical or serious', async () => {
  const first = await fetch(`${server.url}/api/health`);
  expect(first.status).toBe(200);
  const found = await scan('dcs_zhang', [
    '/',
    '/supervision',
    '/supervision/items/1',
    '/documents',
    '/meetings',
    '/meetings/topics',
    '/library',
    '/search?q=防汛',
    '/notifications',
  ]);
  expect(found).toEqual({});
});

it('the pages of a 联络员 and a leader at 390 px have nothing critical or serious', async () => {
  expect(await scan('fgw_xu', ['/', '/supervision/tasks', '/documents'], 390)).toEqual({});
  expect(await scan('sj_li', ['/', '/supervision'], 390)).toEqual({});
});

it('the pages of 信息报送, 政务值班, 信访 and 考核 have nothing critical or serious (staff at desktop, leader and liaison at 390 px)', async () => {
  expect(await scan('xxc_he', ['/information', '/information/intake', '/information/events', '/information/stats', '/information/items/1'])).toEqual({});
  expect(await scan('zbs_tang', ['/duty', '/duty/roster', '/duty/entries/1'])).toEqual({});
  expect(await scan('jd_song', ['/petitions', '/petitions/stats', '/petitions/1'])).toEqual({});
  expect(await scan('dcs_huang', ['/assessment', '/assessment/1'])).toEqual({});
  expect(await scan('sj_li', ['/assessment/cockpit', '/information/instructions'], 390)).toEqual({});
  expect(await scan('fgw_xu', ['/information', '/petitions'], 390)).toEqual({});
});

it('the 安全审计员 audit page has nothing critical or serious', async () => {
  expect(await scan('auditor', ['/admin/audit'])).toEqual({});
});

it('each page has its own title, one h1 and a nav; 跳到主要内容 comes first; navigation focuses the new heading', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'dcs_zhang');
  await page.goto(`${server.url}/supervision`);
  await expect.poll(() => page.title()).toBe('督查督办 - 中枢');
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.getByTestId('page-heading').innerText()).toBe('督查督办');
  expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(1);
  // the first Tab stop of a freshly loaded page skips to the content
  await page.reload();
  await page.getByTestId('page-heading').waitFor({ state: 'attached' });
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
  // a click on the menu: the title follows, and the focus is on the new page's heading
  await page.getByRole('navigation').getByRole('link', { name: '公文' }).click();
  await expect.poll(() => page.title()).toBe('公文 - 中枢');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('公文');
});
