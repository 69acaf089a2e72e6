/**
 * The 调研 story in real Chromium: 韩雪 (市财政局 liaison) proposes a 调研选题; 马骏 (调研室) records the
 * 调研联席会议's decision — the proposal becomes a 课题 with a team from several units — and adds a
 * milestone; 韩雪 completes the milestone on her phone (390 px) and uploads the report; 郭文 (调研室处长)
 * concludes the 课题 with the report's summary, and the report is filed into 资源共享 where the team finds
 * it. Every page is scanned with axe-core (no critical or serious finding).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let topicUrl = '';
const TITLE = '关于政府采购营商环境的调研';
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function noAxe(page: Page, where: string) {
  const found = await axeFindings(page);
  expect(found, `${where}: ${JSON.stringify(found)}`).toEqual([]);
}

async function pick(page: Page, label: string, typed: string, option: string) {
  await page.getByLabel(label).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function date(page: Page, label: string, value: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function as(username: string, width = 1366) {
  await b.context.clearCookies();
  await b.page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await loginAs(b.page, server.url, username);
}

it('a unit liaison proposes a 调研选题', async () => {
  const { page } = b;
  await as('czj_han');
  await page.goto(`${server.url}/research/proposals`);
  await page.getByTestId('propose').waitFor({ timeout: 20_000 });
  await noAxe(page, 'proposals');
  await page.getByTestId('propose').click();
  await page.getByLabel('题目').fill(TITLE);
  await page.getByLabel('背景和必要性').fill('政府采购领域仍存在隐性门槛，需摸清情况提出对策。');
  await page.waitForTimeout(800); // the modal's opening animation fades its button's colours in
  await noAxe(page, 'propose form');
  await pick(page, '建议牵头单位', '调研', '调研室');
  await screenshot(page, 'research-01-propose');
  await page
    .getByRole('button', { name: /提出选题/ })
    .last()
    .click();
  await page.getByRole('cell', { name: TITLE }).waitFor({ timeout: 15_000 });
  // still undecided, the proposer may correct it
  await page
    .getByRole('row')
    .filter({ hasText: TITLE })
    .getByRole('button', { name: /修\s*改/ })
    .click();
  const dialog = page.getByRole('dialog', { name: '修改调研选题' });
  await expect.poll(() => dialog.getByLabel('题目').inputValue()).toBe(TITLE);
  await dialog.getByLabel('背景和必要性').fill('政府采购领域仍存在隐性门槛和付款拖欠，需摸清情况提出对策。');
  const put = page.waitForResponse((r) => /\/api\/research\/proposals\/\d+$/.test(r.url()) && r.request().method() === 'PUT');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  expect((await put).status()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });
});

it('the 调研室 records the 调研联席会议 decision: the proposal becomes a 课题 with a team from several units', async () => {
  const { page } = b;
  await as('dys_ma');
  await page.goto(`${server.url}/research/proposals`);
  await page.getByRole('cell', { name: TITLE }).waitFor({ timeout: 20_000 });
  await page.getByTestId('decide').click();
  await date(page, '会议日期', day(0));
  await page.getByLabel('会议（名称或编号）').fill('2026年第3次调研联席会议');
  await page.getByLabel('出席人员').fill('陈志远、郭文、吴涛');
  await pick(page, `${TITLE} 决定`, '立项', '立项');
  await date(page, `${TITLE} 结束日期`, day(60));
  await pick(page, `${TITLE} 负责人`, '郭', '郭文');
  await pick(page, `${TITLE} 课题组`, '韩', '韩雪');
  await page.keyboard.press('Escape');
  await pick(page, `${TITLE} 课题组`, '袁', '袁博');
  await page.keyboard.press('Escape');
  await screenshot(page, 'research-02-decision');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForURL(/\/research\/topics\/\d+$/, { timeout: 20_000 });
  topicUrl = page.url();
  await page.locator('.ant-descriptions-item-content').filter({ hasText: '韩雪（市财政局）、袁博（青山区委办）' }).waitFor({ timeout: 15_000 });
  await page.getByLabel('节点名称').fill('完成采购企业座谈');
  await date(page, '时限', day(20));
  await page.getByTestId('add-milestone').click();
  await page.getByText('完成采购企业座谈').waitFor({ timeout: 15_000 });
  await noAxe(page, 'topic page (调研室)');
  await screenshot(page, 'research-03-topic');
  // 修改课题: the period moves; the page shows the new end date
  await page.getByTestId('topic-edit').click();
  const dialog = page.getByRole('dialog', { name: '修改课题' });
  await dialog.getByLabel('题目').waitFor();
  await date(page, '结束日期', day(75));
  await page.waitForTimeout(800); // the modal's opening animation fades its button's colours in
  await noAxe(page, 'edit topic');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page
    .locator('.ant-descriptions-item-content')
    .filter({ hasText: `至 ${day(75)}` })
    .waitFor({ timeout: 15_000 });
});

it('a team member completes the milestone on her phone (390 px) and uploads the report', async () => {
  const { page } = b;
  await as('czj_han', 390);
  await page.goto(`${server.url}/`);
  await page
    .getByText(/调研节点：.*完成采购企业座谈/)
    .first()
    .waitFor({ timeout: 20_000 });
  await page.goto(topicUrl);
  await page.getByText('完成采购企业座谈').waitFor({ timeout: 20_000 });
  await noAxe(page, 'topic 390');
  await page
    .getByTestId('milestones')
    .getByRole('button', { name: /完\s*成/ })
    .click();
  await page.getByText('已完成 韩雪').waitFor({ timeout: 15_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await page
    .getByTestId('report-file')
    .setInputFiles({ name: '政府采购营商环境调研报告.txt', mimeType: 'text/plain', buffer: Buffer.from('调研报告正文：建议清理隐性门槛。') });
  await page.getByText('政府采购营商环境调研报告.txt').waitFor({ timeout: 15_000 });
  await screenshot(page, 'research-04-phone-390');
});

it('the 调研室处长 concludes with the report, which is filed into 资源共享 for the team', async () => {
  const { page } = b;
  await as('dys_guo');
  await page.goto(topicUrl);
  await page.getByLabel('报告摘要').fill('政府采购领域隐性门槛集中在资格条件设置，建议开展专项清理。');
  await page.getByTestId('conclude').click();
  await page.getByText('已入资源共享库').waitFor({ timeout: 15_000 });
  await noAxe(page, 'concluded topic');
  await screenshot(page, 'research-05-concluded');
  await as('czj_han');
  const topic = await callApi<{ libraryItemId: number }>(page, 'GET', `/api/research/topics/${topicUrl.split('/').pop()}`);
  expect(topic.json.libraryItemId).toBeGreaterThan(0);
  await page.goto(`${server.url}/library/items/${topic.json.libraryItemId}`);
  await page.getByText(TITLE).first().waitFor({ timeout: 20_000 });
  await page.getByText('政府采购营商环境调研报告.txt').first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'research-06-library');
  await as('dcs_zhang');
  expect((await callApi(page, 'GET', `/api/library/items/${topic.json.libraryItemId}`)).status).toBe(404);
});
