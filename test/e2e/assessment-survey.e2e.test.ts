/**
 * 群众评价, 加减分 and 申诉 in real Chromium: the 督查室 opens a survey on a scheme and takes a code; an
 * anonymous respondent answers at phone width (390 px) with no account; the same link is refused
 * afterwards; a deduction is proposed and approved by the 处长; after the period closes the unit's
 * liaison appeals and wins, and the ranking updates. Screenshots kept, axe-core 0 critical/serious.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  axeFindings,
  callApi,
  dialogSettled,
  launchBrowser,
  loginAs,
  pageAs,
  screenshot,
  startServer,
  REDUCED_MOTION,
  type BrowserSession,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let schemeId = 0;
let link = '';
let ndrcId = 0;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function noSeriousAxe(page: Page, where: string) {
  const found = await axeFindings(page);
  expect(found, `${where}: ${JSON.stringify(found)}`).toEqual([]);
}

it('the 督查室 opens a survey on a scheme and takes a one-time code', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'dcs_zhang');
  const units = (await callApi(page, 'GET', '/api/org/units')).json;
  const list = (units.items ?? units) as { id: number; code: string }[];
  ndrcId = list.find((u) => u.code === 'ndrc')!.id;
  const financeId = list.find((u) => u.code === 'finance')!.id;
  const created = await callApi(page, 'POST', '/api/assessment/schemes', {
    name: '2027年一季度群众满意度考核',
    periodKind: 'quarter',
    period: '2027Q1',
    unitIds: [ndrcId, financeId],
    topN: 1,
    bottomN: 1,
  });
  schemeId = created.json.id;
  const tree = await callApi(page, 'PUT', `/api/assessment/schemes/${schemeId}/indicators`, {
    version: created.json.version,
    indicators: [
      { name: '组织考核', weight: 70, scope: 'common', method: 'org' },
      { name: '群众评价', weight: 30, scope: 'common', method: 'public' },
    ],
  });
  expect((await callApi(page, 'POST', `/api/assessment/schemes/${schemeId}/publish`, { version: tree.json.version })).status).toBe(200);

  await page.goto(`${server.url}/assessment/${schemeId}`);
  await page.getByRole('tab', { name: '群众评价' }).click();
  await page.getByLabel('问卷标题').fill('2027年一季度群众满意度测评');
  await page.getByLabel(/问题（每行一个/).fill('服务态度与办事效率');
  await page.getByRole('button', { name: '发起评价' }).click();
  await page.getByRole('button', { name: '生成评价码' }).click();
  const first = page.getByTestId('survey-codes').locator('li').first();
  await first.waitFor({ timeout: 15_000 });
  link = (await first.locator('.ant-typography').first().innerText()).trim();
  expect(link).toMatch(new RegExp(`^${server.url}/survey/[A-Za-z0-9_-]{22}$`));
  await screenshot(page, 'assessment-survey-01-codes');
  await noSeriousAxe(page, 'survey codes');
});

it('an anonymous respondent answers at 390 px with no account; the same link is refused afterwards', async () => {
  const context = await b.browser.newContext({ reducedMotion: REDUCED_MOTION, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByText('服务态度与办事效率').first().waitFor({ timeout: 15_000 });
  expect(await page.getByRole('button', { name: /退出|工作台/ }).count()).toBe(0); // outside the shell
  await noSeriousAxe(page, 'public survey');
  await page.getByRole('group', { name: /发展/ }).getByText('5', { exact: true }).click();
  await page.getByRole('group', { name: /财政/ }).getByText('4', { exact: true }).click();
  await page.getByLabel('意见建议（选填）').fill('办事效率明显提高');
  await screenshot(page, 'assessment-survey-02-phone-answer');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('提交成功，感谢您的参与！').waitFor({ timeout: 15_000 });
  await screenshot(page, 'assessment-survey-03-thanks');
  await page.goto(link);
  await page.getByText('该评价码已使用，每个评价码只能提交一次').waitFor({ timeout: 15_000 });
  await screenshot(page, 'assessment-survey-04-replay-refused');
  await noSeriousAxe(page, 'replay refused');
  await context.close();
});

it('a deduction is proposed, approved by the 处长; after close the unit appeals and wins, and the ranking updates', async () => {
  const { page } = b;
  await page.goto(`${server.url}/assessment/${schemeId}`);
  await page.getByRole('tab', { name: '加减分与申诉' }).click();
  const reviews = page.getByTestId('reviews');
  await reviews.getByLabel('单位').click();
  await page.getByTitle(/发展和改革委员会/).click();
  await reviews.getByLabel('分值').fill('5');
  await reviews.getByLabel('事由').fill('重点工作信息迟报两次');
  await reviews.getByRole('button', { name: '提出加减分' }).click();
  await reviews.getByText('待审批').waitFor({ timeout: 15_000 });

  const head = await pageAs(b, server.url, 'dcs_huang');
  await head.goto(`${server.url}/assessment/${schemeId}`);
  await head.getByRole('tab', { name: '加减分与申诉' }).click();
  await head
    .getByTestId('reviews')
    .getByRole('button', { name: /^批\s?准$/ })
    .click();
  await head.getByTestId('reviews').getByText('已批准').waitFor({ timeout: 15_000 });
  await screenshot(head, 'assessment-survey-05-deduction-approved');
  const scheme = (await callApi(head, 'GET', `/api/assessment/schemes/${schemeId}`)).json;
  expect((await callApi(head, 'POST', `/api/assessment/schemes/${schemeId}/close`, { version: scheme.version })).status).toBe(200);
  const before = (await callApi(head, 'GET', `/api/assessment/schemes/${schemeId}/results`)).json.rows.find((r: { unitId: number }) => r.unitId === ndrcId);
  expect(before.adjustment).toBe(-5);

  const liaison = await pageAs(b, server.url, 'fgw_xu');
  await liaison.setViewportSize({ width: 390, height: 844 });
  await liaison.goto(`${server.url}/assessment/${schemeId}`);
  await liaison.getByRole('tab', { name: '加减分与申诉' }).click();
  await liaison
    .getByTestId('reviews')
    .getByRole('button', { name: /^申\s?诉$/ })
    .click();
  await dialogSettled(liaison);
  await liaison.getByLabel('申诉理由').fill('两次信息均按时报送，附系统报送记录');
  await liaison.getByRole('button', { name: /确\s*定|OK/ }).click();
  await liaison.getByTestId('reviews').getByText('待裁决').waitFor({ timeout: 15_000 });
  await screenshot(liaison, 'assessment-survey-06-appeal-phone');
  await noSeriousAxe(liaison, 'appeal');

  await head.reload();
  await head.getByRole('tab', { name: '加减分与申诉' }).click();
  await head
    .getByTestId('reviews')
    .getByRole('button', { name: /^裁\s?决$/ })
    .click();
  await dialogSettled(head);
  await head.getByLabel('裁决理由').fill('报送记录属实，撤销扣分');
  await head.getByRole('button', { name: /确\s*定|OK/ }).click();
  await head.getByTestId('reviews').getByText('申诉成立').first().waitFor({ timeout: 15_000 });
  await head.getByTestId('reviews').getByText('已撤销（申诉成立）').waitFor({ timeout: 15_000 });
  const after = (await callApi(head, 'GET', `/api/assessment/schemes/${schemeId}/results`)).json.rows.find((r: { unitId: number }) => r.unitId === ndrcId);
  expect([after.adjustment, after.total]).toEqual([0, Math.round((before.total + 5) * 100) / 100]);
  await head.getByRole('tab', { name: '考核结果' }).click();
  await head.getByTestId('results').getByText(String(after.total)).first().waitFor({ timeout: 15_000 });
  await screenshot(head, 'assessment-survey-07-ranking-updated');
  await noSeriousAxe(head, 'ranking');
});
