/**
 * The 信访 story in real Chromium: the 信访 staff (接待处) registers a letter and transfers it to the 住建局;
 * the 住建局 liaison, on a phone (390 px), sees the petitioner masked, accepts (now assigned: in clear)
 * and replies; the staff answers the petitioner, records the follow-up and closes the case.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let caseUrl = '';

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const SUBJECT = '滨江花园小区地下车库长期积水';

it('the 信访 staff registers a letter and transfers it', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'jd_song');
  await page.goto(`${server.url}/petitions`);
  await page.getByTestId('register').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('信访人姓名').fill('周玉梅');
  await dialog.getByLabel('联系电话').fill('13712349876');
  await dialog.getByLabel('住址').fill('青州市江北区滨江路12号');
  await dialog.getByLabel('信访事项').fill(SUBJECT);
  await dialog.getByLabel('主要内容').fill('雨后车库积水深达半米，多次向物业反映未解决。');
  await dialog.getByLabel('类别').fill('城乡建设');
  await dialog.getByLabel('问题属地').fill('江北区');
  await screenshot(page, 'petitions-01-register');
  await dialog.getByRole('button', { name: /登\s*记/ }).click();
  await page.waitForURL(/\/petitions\/\d+$/, { timeout: 20_000 });
  caseUrl = page.url();
  await page.getByText('周玉梅').waitFor();
  await page.getByTestId('case-actions').locator('.ant-select').click();
  await page.keyboard.type('住房');
  await page.locator('.ant-select-item-option').filter({ hasText: '住房和城乡建设局' }).click();
  await page.getByRole('button', { name: /转\s*办/ }).click();
  await page.getByText('已转办').first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'petitions-02-transferred');
});

it('the unit liaison on a phone: masked until accepted, then replies', async () => {
  const { page } = b;
  await b.context.clearCookies();
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, server.url, 'zjj_peng');
  await page.goto(caseUrl);
  await page.getByText('周**').waitFor({ timeout: 15_000 });
  expect(await page.content()).not.toContain('周玉梅');
  await screenshot(page, 'petitions-03-liaison-masked-390');
  await page.getByTestId('accept').click();
  await page.getByText('周玉梅').waitFor({ timeout: 15_000 });
  await page.locator('textarea').fill('已责成物业疏通排水管道并加装排水泵，积水已排除。');
  await page.getByTestId('reply').click();
  await page.getByText('单位已办复').first().waitFor({ timeout: 15_000 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  await screenshot(page, 'petitions-04-liaison-replied-390');
});

it('the staff answers the petitioner, follows up and closes', async () => {
  const { page } = b;
  await b.context.clearCookies();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, server.url, 'jd_song');
  await page.goto(caseUrl);
  await page.locator('textarea').fill('已电话答复信访人处理情况。');
  await page.getByRole('button', { name: '记录答复' }).click();
  await page.getByText('已答复').first().waitFor({ timeout: 15_000 });
  await page.getByTestId('case-actions').locator('.ant-select').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^满意$/ })
    .click();
  await page.getByRole('button', { name: /回\s*访/ }).click();
  await page.getByText(/回访 .*满意/).waitFor({ timeout: 15_000 });
  await page.getByPlaceholder('办理结果').fill('已解决');
  await page.getByRole('button', { name: /办\s*结/ }).click();
  await page.getByText('已办结').first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'petitions-05-closed');
});
