/**
 * 考核督查 traceability in real Chromium: the 督查室 runs a scheme of automatic indicators from 公文 and
 * 资源共享 and closes it; the 综合处 head drills from his unit's score to the documents counted and opens
 * one; a liaison of another unit sees the same records only as 「已计入（无权查看内容）」; the ranking
 * downloads as xlsx. axe: no critical or serious finding on the drill-down; phone width looked at. The
 * 驾驶舱 at phone width says when its figures were computed and how often, and the director refreshes them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let schemeId = 0;
let general = 0;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function switchUser(username: string) {
  await b.context.clearCookies();
  await loginAs(b.page, server.url, username);
}

async function openDrill(unitName: RegExp) {
  const { page } = b;
  await page.goto(`${server.url}/assessment/${schemeId}`);
  await page.getByRole('tab', { name: '考核结果' }).click();
  const row = page.getByTestId('results').locator('.ant-table-row').filter({ hasText: unitName }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.locator('.ant-table-row-expand-icon').click();
  await page.getByTestId('drill').first().click();
  await page.getByTestId('drill-down').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(600); // the drawer's opening animation (axe reads colours mid-fade otherwise)
}

it('the 督查室 runs and closes a scheme of automatic indicators from 公文 and 资源共享', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'dcs_zhang');
  const units = (await callApi(page, 'GET', '/api/org/units')).json.items as { id: number; code: string }[];
  general = units.find((u) => u.code === 'general')!.id;
  const research = units.find((u) => u.code === 'research')!.id;
  const created = await callApi(page, 'POST', '/api/assessment/schemes', {
    name: '2026年度精文简会与资源共享考核',
    periodKind: 'year',
    period: '2026',
    unitIds: [general, research],
    topN: 1,
    bottomN: 1,
  });
  expect(created.status).toBe(200);
  schemeId = created.json.id;
  const indicators = [
    { name: '发文配额执行', weight: 50, scope: 'common', method: 'auto', autoKey: 'documents.quota' },
    { name: '资源共享', weight: 50, scope: 'common', method: 'auto', autoKey: 'library.sharing' },
  ];
  const set = await callApi(page, 'PUT', `/api/assessment/schemes/${schemeId}/indicators`, { version: created.json.version, indicators });
  expect(set.status).toBe(200);
  const pub = await callApi(page, 'POST', `/api/assessment/schemes/${schemeId}/publish`, { version: set.json.version });
  expect(pub.status).toBe(200);
  await switchUser('dcs_huang');
  const closed = await callApi(page, 'POST', `/api/assessment/schemes/${schemeId}/close`, { version: pub.json.version });
  expect(closed.status).toBe(200);
  const results = (await callApi(page, 'GET', `/api/assessment/schemes/${schemeId}/results`)).json;
  const mine = results.rows.find((r: { unitId: number }) => r.unitId === general);
  expect(mine.leaves[0].inputs.issued).toBeGreaterThan(0);
});

it("the 综合处 head drills from his unit's score to the documents counted and opens one", async () => {
  const { page } = b;
  await switchUser('zhc_wu');
  await openDrill(/综合处/);
  const drawer = page.getByTestId('drill-down');
  await drawer.getByText(/计算公式/).waitFor();
  const link = drawer.getByTestId('counted-record').locator('a').first();
  await link.waitFor({ timeout: 10_000 });
  expect(await drawer.getByText('已计入（无权查看内容）').count()).toBe(0);
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'assessment-drill-01-records');
  const title = (await link.textContent())!;
  await link.click();
  await page.waitForURL(/\/documents\/\d+$/, { timeout: 15_000 });
  await page.getByText(title).first().waitFor({ timeout: 15_000 });
});

it('a liaison of another unit sees that the records were counted, not what they are; the ranking downloads as xlsx', async () => {
  const { page } = b;
  await switchUser('fgw_xu');
  await openDrill(/综合处/);
  const drawer = page.getByTestId('drill-down');
  await drawer.getByText('已计入（无权查看内容）').first().waitFor({ timeout: 10_000 });
  const drill = await callApi(page, 'GET', `/api/assessment/schemes/${schemeId}/results`);
  expect(drill.status).toBe(200);
  await screenshot(page, 'assessment-drill-02-counted-only');
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ranking').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  expect(file).toBeTruthy();
});

it('the drill-down stays readable at phone width', async () => {
  const { page } = b;
  await page.setViewportSize({ width: 390, height: 844 });
  await openDrill(/综合处/);
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'assessment-drill-03-phone');
});

it("the 驾驶舱 shows this week's 信息流转 and this year's 发文配额执行, each figure opening its list, and when its figures were computed", async () => {
  const { page } = b;
  await page.setViewportSize({ width: 390, height: 844 });
  await switchUser('zr_chen');
  await page.goto(`${server.url}/assessment/cockpit`);
  await page.getByTestId('cockpit-information').waitFor({ timeout: 15_000 });
  // the snapshot's time and interval, within the phone's width, and 刷新 for the office director
  const freshness = page.getByTestId('cockpit-freshness');
  await expect.poll(() => freshness.innerText()).toMatch(/数据更新于 \d\d:\d\d（每5分钟更新）/);
  const box = (await freshness.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByTestId('cockpit').locator('svg').first().waitFor({ timeout: 15_000 }); // the charts drawn
  await screenshot(page, 'assessment-drill-04a-cockpit-freshness-phone');
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/assessment/cockpit/refresh') && r.request().method() === 'POST');
  await freshness.getByRole('button', { name: /刷\s*新/ }).click();
  expect((await refreshed).status()).toBe(200);
  await page.getByTestId('cockpit-documents').scrollIntoViewIfNeeded();
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'assessment-drill-04-cockpit-phone');
  await page.getByTestId('cockpit-documents').locator('tbody a').first().click();
  await page.waitForURL(/\/documents\/quota$/, { timeout: 15_000 });
});
