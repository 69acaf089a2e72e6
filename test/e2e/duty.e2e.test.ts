/**
 * The duty desk on a phone (390 px) in real Chromium: the desk registers a call from the duty log,
 * opens it and 转办 it into 督查督办; the month's roster shows the shifts; the shift's hand-over page
 * lists what is still open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialogSettled, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser({ viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

it('the desk registers a night call at 390 px and transfers it into 督查督办', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'zbs_tang');
  await page.goto(`${server.url}/duty`);
  await page.locator('[data-action="register"]').click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByLabel('来电（来文）人').fill('李主任');
  await drawer.getByLabel('单位').fill('市应急管理局');
  await drawer.getByLabel('内容摘要').fill('城东片区排涝泵站故障，请求协调抢修。');
  await screenshot(page, 'duty-01-register-390');
  await drawer.getByRole('button', { name: /登\s*记/ }).click();
  await page.waitForURL(/\/duty\/entries\/\d+$/, { timeout: 20_000 });
  await page.locator('[data-action="toSupervision"]').click();
  await dialogSettled(page);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('办理结果 / 转办意见').fill('请市应急管理局牵头抢修并报结果。');
  await dialog.getByLabel('牵头单位').fill('应急');
  await page.locator('.ant-select-item-option').filter({ hasText: '青州市应急管理局' }).click();
  await dialog.getByLabel('办理时限').click();
  await page.locator('.ant-picker-dropdown .ant-picker-cell-in-view').last().click();
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('督字');
  await screenshot(page, 'duty-02-entry-supervised-390');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
});

it('the roster and the hand-over page at 390 px', async () => {
  const { page } = b;
  await page.goto(`${server.url}/duty/roster`);
  await page.locator('.ant-table-row').first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'duty-03-roster-390');
  await page.getByRole('link', { name: '交接班' }).first().click();
  await page.waitForURL(/\/duty\/shifts\/\d+\/handover$/);
  await expect.poll(() => page.locator('body').innerText()).toContain('未办结事项');
  await screenshot(page, 'duty-04-handover-390');
});
