/**
 * The 信息刊物 story in real Chromium: 何敏 (信息处) starts an issue of 《信息专报》 and assembles it from two
 * adopted items in the order she sets, with a 按语, and submits it; 林晓 (信息处处长) signs; 陈志远 (主任)
 * signs last and the issue gets its number; 李明华 (市委领导) opens it on a phone (390 px) — his read receipt
 * appears on 信息处's page — and can go on to the 批示 of an item; the PDF is downloaded. axe-core on every page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let issueUrl = '';
const FIRST = '全市一季度外贸进出口增长8.3%';
const SECOND = '城区背街小巷环境整治完成过半';

beforeAll(async () => {
  server = await startServer({}, 240_000); // a shared, loaded machine: the demo seed may take minutes
  b = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function noAxe(page: Page, where: string) {
  const found = await axeFindings(page);
  expect(found, `${where}: ${JSON.stringify(found)}`).toEqual([]);
}

async function as(username: string, width = 1366) {
  await b.context.clearCookies();
  await b.page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await loginAs(b.page, server.url, username);
}

it('two reports are adopted into 专报 (set-up through the API)', async () => {
  const { page } = b;
  await as('fgw_xu');
  const ids: number[] = [];
  for (const title of [FIRST, SECOND]) {
    const r = await callApi(page, 'POST', '/api/information/items', {
      kind: '工作动态',
      title,
      body: `${title}。有关情况正在进一步跟踪。`,
      level: 0,
      eventAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(r.status).toBe(201);
    ids.push(r.json.id);
  }
  await as('xxc_he');
  for (const id of ids) {
    expect((await callApi(page, 'POST', `/api/information/items/${id}/take`, { version: 1 })).status).toBe(200);
    expect((await callApi(page, 'POST', `/api/information/items/${id}/adopt`, { version: 2, level: 'special' })).status).toBe(200);
  }
}, 180_000);

it('信息处 assembles the issue from the two items, sets their order and the 按语, and submits it', async () => {
  const { page } = b;
  await page.goto(`${server.url}/information/issues`);
  await page.getByTestId('issue-new').waitFor({ timeout: 20_000 });
  await noAxe(page, 'issue list');
  await page.getByTestId('issue-new').click();
  await page.getByLabel('刊物').last().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '信息专报' }).first().click();
  await page
    .locator('.ant-modal-footer')
    .getByRole('button', { name: /新建一期/ })
    .click();
  await page.waitForURL(/\/information\/issues\/\d+$/, { timeout: 20_000 });
  issueUrl = page.url();
  await page.getByTestId('issue-editor').waitFor();
  for (const title of [SECOND, FIRST]) {
    await page.getByRole('combobox', { name: '可编入的已采用信息' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: title }).first().click();
    await page.getByTestId('issue-add-item').click();
  }
  // the editor wants the 外贸 item first: move it up
  await page.getByTestId('issue-editor').getByRole('button', { name: '上移' }).nth(1).click();
  await page.getByTestId('issue-note').fill('两条信息反映了一季度经济运行和城市管理的新进展，供领导参阅。');
  await page.getByTestId('issue-save').click();
  await page.getByTestId('issue-item-1').getByRole('heading', { name: SECOND }).waitFor({ timeout: 15_000 });
  await expect(page.getByTestId('issue-item-0').textContent()).resolves.toContain(FIRST);
  await noAxe(page, 'issue draft');
  await screenshot(page, 'information-publications-01-draft');
  await page.getByTestId('issue-submit').click();
  await page.getByText('待处长审签').first().waitFor({ timeout: 15_000 });
}, 180_000);

it('the 信息处 division head signs, then the director signs and the issue gets its number', async () => {
  const { page } = b;
  await as('xxc_lin');
  await page.goto(issueUrl);
  await page.getByTestId('issue-head-sign').click();
  await page.getByText('待主任签发').first().waitFor({ timeout: 15_000 });
  await as('zr_chen');
  await page.goto(issueUrl);
  await page.getByTestId('issue-director-sign').click();
  await page.getByText('已印发').first().waitFor({ timeout: 15_000 });
  await page
    .getByTestId('issue-reader')
    .getByText(/\d{4}年第\d+期/)
    .waitFor();
  await screenshot(page, 'information-publications-02-published');
}, 180_000);

it('a leader opens it on a phone: the read receipt shows on 信息处’s page; the PDF downloads', async () => {
  const { page } = b;
  await as('sj_li', 390);
  const read = page.waitForResponse((r) => r.url().endsWith('/read') && r.request().method() === 'POST', { timeout: 20_000 });
  await page.goto(issueUrl);
  await page.getByTestId('issue-reader').getByRole('heading', { name: FIRST }).waitFor({ timeout: 20_000 });
  expect((await read).status()).toBe(200);
  await page.getByTestId('issue-instruct-0').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await noAxe(page, 'issue on a phone');
  await screenshot(page, 'information-publications-03-leader-phone');
  const pdf = await page.request.get(`${server.url}/api/information/issues/${issueUrl.split('/').pop()}/render.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  // the 批示 is written on the issue itself (typed here; the pen canvas is the same dialog's)
  await page.getByTestId('issue-instruct-0').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('info-instruction').fill('请信息处跟踪了解，适时再报。');
  await screenshot(page, 'information-publications-03b-instruct-on-issue');
  const posted = page.waitForResponse((r) => /\/api\/information\/items\/\d+\/instructions$/.test(r.url()) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: '提交批示' }).click();
  expect((await posted).status()).toBe(201);
  await dialog.waitFor({ state: 'hidden' });
  // … and shows on the item's page
  await page.getByTestId('issue-item-link-0').click();
  await page.getByText('请信息处跟踪了解，适时再报。').waitFor({ timeout: 15_000 });

  await as('xxc_he');
  await page.goto(issueUrl);
  await page.getByTestId('issue-receipts').getByText('李明华').waitFor({ timeout: 15_000 });
  await noAxe(page, 'issue with receipts');
  await screenshot(page, 'information-publications-04-receipts');
}, 180_000);
