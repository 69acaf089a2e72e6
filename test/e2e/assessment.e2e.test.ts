/**
 * The 考核督查 story in real Chromium: the rater 蒋芳 scores this year's scheme (her sheet only), the
 * 督查室 opens the ranking (chart, 先进 / 落后, the automatic indicator's formula and counts), then
 * drafts next quarter's 考比树 and is told which level's weights do not add up; the ranking at phone width.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

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

async function switchUser(username: string) {
  await b.context.clearCookies();
  await loginAs(b.page, server.url, username);
}

it('the rater scores the published scheme on her own sheet', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'py_jiang');
  await page.goto(`${server.url}/assessment`);
  await page.getByRole('link', { name: /年度市直部门和区委办考核/ }).click();
  await page.getByTestId('scoring').waitFor({ timeout: 15_000 });
  const input = page.getByLabel('专业评估 青州市生态环境局');
  await input.fill('82');
  await screenshot(page, 'assessment-01-rater-sheet');
  await page.getByRole('button', { name: /保存评分/ }).click();
  await page.getByText(/已保存 \d+ 项评分/).waitFor({ timeout: 15_000 });
  const schemeId = Number(page.url().split('/').pop());
  const sheet = await callApi(page, 'GET', `/api/assessment/schemes/${schemeId}/scoring`);
  expect(sheet.json.cells.some((c: { score: number }) => c.score === 82)).toBe(true);
  expect((await callApi(page, 'GET', `/api/assessment/schemes/${schemeId}/results`)).status).toBe(403);
});

it('the 督查室 sees the ranking with 先进 and 落后 and the formula behind the automatic score', async () => {
  const { page } = b;
  await switchUser('dcs_huang');
  await page.goto(`${server.url}/assessment`);
  await page.getByRole('link', { name: /年度市直部门和区委办考核/ }).click();
  await page.getByRole('tab', { name: '考核结果' }).click();
  await page.getByTestId('ranking-chart').waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('results').locator('.ant-tag').filter({ hasText: '先进' }).count()).toBe(2);
  await expect.poll(() => page.getByTestId('results').locator('.ant-tag').filter({ hasText: '落后' }).count()).toBe(2);
  await page.getByTestId('results').locator('.ant-table-row-expand-icon').first().click();
  await page
    .getByTestId('results')
    .getByText(/督办按期办结率 = 按期办结数/)
    .first()
    .waitFor({ timeout: 10_000 });
  await screenshot(page, 'assessment-02-ranking');
});

it('a draft tree whose weights do not add up is refused, naming the level', async () => {
  const { page } = b;
  await page.goto(`${server.url}/assessment`);
  await page.getByRole('link', { name: /季度督查督办专项考核/ }).click();
  await page.getByTestId('indicator-tree').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: /添加一级指标/ }).click();
  await page.getByTestId('indicator-tree').locator('.ant-input-number-input').last().fill('20');
  await page.getByRole('button', { name: /保存指标树/ }).click();
  await page.getByText('一级指标的权重合计为 120，应为 100').waitFor({ timeout: 10_000 });
  await screenshot(page, 'assessment-03-weights-refused');
});

it('the ranking stays readable at phone width', async () => {
  const { page } = b;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/assessment`);
  await page.getByRole('link', { name: /年度市直部门和区委办考核/ }).click();
  await page.getByRole('tab', { name: '考核结果' }).click();
  await page.getByTestId('ranking-chart').waitFor({ timeout: 15_000 });
  await screenshot(page, 'assessment-04-phone');
});

it('the 处长 changes the 申诉 window on the settings page; a staff member reads it but may not change it', async () => {
  const { page } = b;
  await page.setViewportSize({ width: 1366, height: 900 });
  await switchUser('dcs_huang');
  await page.goto(`${server.url}/assessment`);
  await page.getByRole('link', { name: '设置' }).click();
  const days = page.getByLabel('申诉期限');
  await expect.poll(() => days.inputValue(), { timeout: 15_000 }).toBe('5');
  await days.fill('8');
  await page.getByTestId('settings-save').click();
  await page.getByText('设置已保存').waitFor({ timeout: 10_000 });
  expect((await callApi(page, 'GET', '/api/assessment/settings')).json.settings.appealWorkingDays).toBe(8);
  const found = await axeFindings(page);
  expect(found, JSON.stringify(found)).toEqual([]);
  await screenshot(page, 'assessment-05-settings');

  await switchUser('dcs_zhang');
  await page.goto(`${server.url}/assessment/settings`);
  await page.getByText('只有督查室处长或主任可以修改设置，您可以查看。').waitFor({ timeout: 15_000 });
  await expect.poll(() => days.inputValue()).toBe('8');
  expect(await days.isDisabled()).toBe(true);
  expect(await page.getByTestId('settings-save').count()).toBe(0);
});
