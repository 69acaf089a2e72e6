/**
 * The 政务接待 story in real Chromium: 宋杰 (接待处) drafts a plan for a visiting delegation with two items
 * for today; 王磊 (接待处处长) approves, then 陈志远 (主任); 宋杰 changes the 座谈's time after approval (第2版,
 * change log) and 徐鹏 (市发展改革委, responsible for it) is notified; on his phone (390 px) he marks his
 * item done on the day-of checklist; 宋杰 marks the pick-up done, records the actual costs and closes the
 * plan. Every page is scanned with axe-core (no critical or serious finding).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let planUrl = '';
const TITLE = '临江市委办公室学习交流团';
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

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

async function as(username: string, width = 1366) {
  await b.context.clearCookies();
  await b.page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await loginAs(b.page, server.url, username);
}

it('the 接待处 drafts a plan with its itinerary and submits it', async () => {
  const { page } = b;
  await as('jd_song');
  await page.goto(`${server.url}/reception`);
  await page.getByText('江州市委办公室考察团').waitFor({ timeout: 20_000 });
  await noAxe(page, 'plan list');
  await page.getByTestId('draft').click();
  await page.getByLabel('方案名称').fill(TITLE);
  await page.getByLabel('来访单位').fill('中共临江市委办公室');
  await page.getByLabel('抵达日期').fill(today);
  await page.getByLabel('离开日期').fill(today);
  await page.getByLabel('来访事由').fill('学习我市督查督办和政务接待工作经验');
  await page.getByLabel('来宾1 姓名').fill('郑远');
  await page.getByLabel('来宾1 职务').fill('临江市委副秘书长');
  // scanned before any Select is opened (an opened antd dropdown leaves its unnamed listbox behind)
  await noAxe(page, 'plan form');
  await page.getByLabel('第1项 事项').fill('高铁站接站');
  await page.getByLabel('第1项 时间').fill(`${today}T09:00`);
  await page.getByLabel('第1项 地点').fill('青州高铁站');
  await pick(page, '第1项 责任处室', '接待', '接待处');
  await pick(page, '第1项 责任人', '宋', '宋杰');
  await page.getByLabel('第1项 车辆').fill('商务车1辆');
  await page.getByLabel('第1项 预算').fill('300');
  await page.getByTestId('add-item').click();
  await pick(page, '第2项 类别', '交流', '交流');
  await page.getByLabel('第2项 事项').fill('重点项目推进座谈');
  await page.getByLabel('第2项 时间').fill(`${today}T14:30`);
  await page.getByLabel('第2项 地点').fill('市发展改革委301会议室');
  await pick(page, '第2项 责任处室', '发展', '市发展改革委');
  await pick(page, '第2项 责任人', '徐', '徐鹏');
  await screenshot(page, 'reception-01-draft');
  await page.getByTestId('save').click();
  await page.waitForURL(/\/reception\/plans\/\d+$/, { timeout: 20_000 });
  planUrl = page.url();
  await page.getByText('草拟').first().waitFor();
  await page.getByTestId('submit').click();
  await page.getByText('待处长审核').first().waitFor({ timeout: 15_000 });
});

it('approved by the division head, then the office director', async () => {
  const { page } = b;
  await as('jd_wang');
  await page.goto(`${server.url}/`);
  await page.getByText(`审批接待方案：${TITLE}`).first().waitFor({ timeout: 20_000 });
  await page.goto(planUrl);
  await page.getByTestId('approve').click();
  await page.getByText('待主任审批').first().waitFor({ timeout: 15_000 });
  await noAxe(page, 'plan page (head)');
  await as('zr_chen');
  await page.goto(planUrl);
  await page.getByTestId('approve').click();
  await page.getByText('已批准').first().waitFor({ timeout: 15_000 });
  await page.getByTestId('revision').filter({ hasText: '第1版' }).waitFor();
  await screenshot(page, 'reception-02-approved');
});

it('changed after approval: 第2版 with its change log, the responsible person notified', async () => {
  const { page } = b;
  await as('jd_song');
  await page.goto(planUrl);
  await page.getByTestId('edit').click();
  await page.getByLabel('第2项 时间').fill(`${today}T15:30`);
  await page.getByLabel('变更原因').fill('市领导日程调整，座谈推迟一小时');
  await page.getByTestId('save').click();
  await page.getByTestId('revision').filter({ hasText: '第2版' }).waitFor({ timeout: 15_000 });
  await page.getByTestId('changes').getByText('交流「重点项目推进座谈」：时间').waitFor();
  await screenshot(page, 'reception-03-changed');
  await as('fgw_xu');
  const inbox = await callApi<{ items: { title: string; body: string; link: string }[] }>(page, 'GET', '/api/notifications');
  const note = inbox.json.items.find((n) => n.title === '接待方案变更');
  expect(note?.body).toContain('第2版');
  expect(note?.body).toContain('时间');
  expect(note?.link).toBe(new URL(planUrl).pathname);
});

it('the responsible person marks his item done on the day-of checklist at 390 px', async () => {
  const { page } = b;
  await as('fgw_xu', 390);
  await page.goto(`${server.url}/reception/checklist`);
  const card = page.locator('[data-testid^="item-"]').filter({ hasText: '重点项目推进座谈' });
  await card.waitFor({ timeout: 20_000 });
  await expect(card.getByText('15:30')).toBeTruthy();
  await noAxe(page, 'checklist 390');
  await card.getByRole('button', { name: /完\s*成/ }).click();
  await card.getByText(/完成：徐鹏/).waitFor({ timeout: 15_000 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  await screenshot(page, 'reception-04-checklist-390');
  // the plan itself, as the notification links it, on the phone
  await page.goto(planUrl);
  await page.getByTestId('revision').filter({ hasText: '第2版' }).waitFor({ timeout: 15_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await noAxe(page, 'plan page 390');
  await screenshot(page, 'reception-04b-plan-390');
});

it('the 接待处 completes the day, records the actual costs and closes the plan', async () => {
  const { page } = b;
  await as('jd_song');
  await page.goto(`${server.url}/reception/checklist`);
  const card = page.locator('[data-testid^="item-"]').filter({ hasText: '高铁站接站' });
  await card.getByRole('button', { name: /完\s*成/ }).click();
  await card.getByText(/完成：宋杰/).waitFor({ timeout: 15_000 });
  await page.goto(planUrl);
  await page.getByLabel('高铁站接站 实际费用').fill('260');
  await page.getByLabel('重点项目推进座谈 实际费用').fill('0');
  await page.getByLabel('接待工作小结').fill('交流团学习顺利，费用低于预算。');
  await page.getByTestId('save-costs').click();
  await page.getByText('已保存实际费用').first().waitFor({ timeout: 15_000 });
  await noAxe(page, 'plan page (costs)');
  await page.getByTestId('close').click();
  await page.getByText('已办结').first().waitFor({ timeout: 15_000 });
  await page.getByText('交流团学习顺利，费用低于预算。').first().waitFor();
  await screenshot(page, 'reception-05-closed');
});
