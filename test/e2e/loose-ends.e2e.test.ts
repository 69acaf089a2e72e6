/**
 * 件件有着落 in real Chromium: the 秘书处 plans a meeting; the office director's board (办公厅 view)
 * shows it with its light, by division and by module, on a desktop and on a phone (390 px); the
 * meeting is cancelled through the API and, on reload, the board no longer lists it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, loginAs, pageAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let meetingId = 0;
const TITLE = '件件有着落专题推进会';

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

it('the office director sees a planned meeting on the board with its light, by division and by module', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'zr_chen');
  const me = (await callApi<{ user: { id: number } }>(page, 'GET', '/api/auth/me')).json.user;
  const office = await pageAs(b, server.url, 'msc_zhou');
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  startsAt.setUTCHours(1, 0, 0, 0);
  const created = await callApi<{ id: number }>(office, 'POST', '/api/meetings', {
    title: TITLE,
    kind: 'special',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    place: '市委第一会议室',
    chairId: me.id,
    attendeeIds: [me.id],
  });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  meetingId = created.json.id;
  await office.context().close();

  await page.goto(`${server.url}/loose-ends`);
  const link = page.getByTestId(`loose-end-meetings-meeting-${meetingId}`);
  await link.waitFor({ timeout: 20_000 });
  const row = page.locator('tr', { has: link });
  await expect(row.locator('[data-light]').first().textContent()).resolves.toMatch(/临期|正常|超期/);
  await expect(row.textContent()).resolves.toContain('秘书处');
  // by module: the 会议 group counts it
  await page.getByTestId('loose-ends-groups').waitFor();
  await page.getByText('按模块', { exact: true }).click();
  await page.getByTestId('loose-ends-groups').getByText('会议', { exact: true }).click();
  // filtered to the 会议 group: only meetings are listed, ours among them
  await expect(page.getByTestId('loose-ends-items').getByText('督查督办', { exact: true }).count()).resolves.toBe(0);
  await link.waitFor();
  await screenshot(page, 'loose-ends-01-director');
  expect(await axeFindings(page)).toEqual([]);
  // the link opens the item
  await link.click();
  await page.waitForURL(new RegExp(`/meetings/${meetingId}$`), { timeout: 15_000 });
  await page.getByText(TITLE).first().waitFor({ timeout: 15_000 });
});

it('on a phone (390 px) the board reads, and once the meeting is cancelled it is gone', async () => {
  const { page } = b;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/loose-ends`);
  await page.getByTestId(`loose-end-meetings-meeting-${meetingId}`).waitFor({ timeout: 20_000 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  await screenshot(page, 'loose-ends-02-phone-390');
  expect(await axeFindings(page)).toEqual([]);

  const office = await pageAs(b, server.url, 'msc_zhou');
  const m = await callApi<{ version: number }>(office, 'GET', `/api/meetings/${meetingId}`);
  const cancelled = await callApi(office, 'POST', `/api/meetings/${meetingId}/transitions/cancel`, { version: m.json.version });
  expect(cancelled.status).toBe(200);
  await office.context().close();
  await page.reload();
  await page.getByTestId('loose-ends-items').waitFor({ timeout: 20_000 });
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20_000 });
  expect(await page.getByTestId(`loose-end-meetings-meeting-${meetingId}`).count()).toBe(0);
  await screenshot(page, 'loose-ends-03-after-cancel-390');
});
