/**
 * The 资源共享 story in real Chromium: 调研室 files a result as a 查阅条目 with restricted content;
 * 督查室 staff find it with a 2-character search, cannot open it, request access; the head of
 * 调研室 grants; the content opens. Then the item is circulated and the receipts show who has read.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot, startServer, type BrowserSession, type RunningServer, pageAs } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let itemUrl = '';

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const as = (username: string): Promise<Page> => pageAs(b, server.url, username);

it('调研室 files a 查阅条目 with restricted content', async () => {
  const ma = await as('dys_ma');
  await ma.goto(`${server.url}/library`);
  await ma.getByTestId('new-item').click();
  await ma.waitForURL(/\/library\/items\/new$/);
  await ma.locator('[data-testid="item-title-input"]').waitFor();
  await ma.getByTestId('item-title-input').fill('关于城市更新片区改造资金平衡的调研报告');
  await ma.getByTestId('item-summary-input').fill('调研了老城区三个更新片区的资金平衡方式，提出多元筹资建议。');
  await ma.getByTestId('item-content-input').fill('受限正文：三个片区改造资金缺口约12亿元，建议设立城市更新基金，引入社会资本参与。');
  // the narrow choice is the default: the entry is published only when the filer checks it, and the form says what that publishes
  await expect.poll(() => ma.getByTestId('item-catalog').isChecked()).toBe(false);
  expect(await ma.getByTestId('item-catalog-help').innerText()).toMatch(/不勾选（默认）.*标题、摘要和关键词将公开给全体具备相应密级的人员.*搜索/s);
  await ma.getByTestId('item-catalog').check();
  await expect.poll(() => ma.getByTestId('item-catalog').isChecked()).toBe(true);
  await screenshot(ma, 'library-01-new-item');
  await ma.getByTestId('item-submit').click();
  await ma.waitForURL(/\/library\/items\/\d+$/);
  itemUrl = new URL(ma.url()).pathname;
  await expect.poll(() => ma.getByTestId('item-content').innerText()).toContain('资金缺口约12亿元');
  await screenshot(ma, 'library-02-item-owner');
  await ma.context().close();
});

it('督查室 finds the entry by a 2-character search, cannot open it, and requests access', async () => {
  const zhang = await as('dcs_zhang');
  await zhang.getByTestId('global-search').fill('片区');
  await zhang.getByTestId('global-search').press('Enter');
  await zhang.waitForURL(/\/search\?q=/);
  const hit = zhang.getByTestId('search-hit').filter({ hasText: '关于城市更新片区改造资金平衡的调研报告' });
  await hit.waitFor();
  expect(await hit.locator('mark').first().innerText()).toBe('片区');
  await screenshot(zhang, 'library-03-search-2char');
  // the restricted content is not searchable by others
  await zhang.goto(`${server.url}/search?q=${encodeURIComponent('缺口')}`);
  await expect.poll(() => zhang.getByTestId('search-total').innerText()).toContain('共 0 条');
  await zhang.goto(`${server.url}${itemUrl}`);
  await zhang.getByTestId('item-locked').waitFor();
  expect(await zhang.getByTestId('item-content').count()).toBe(0);
  await zhang.getByTestId('request-access').click();
  await zhang.getByTestId('request-reason').fill('督办城市更新工作，需参考资金平衡测算');
  await zhang
    .locator('.ant-modal')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await expect.poll(() => zhang.getByTestId('item-locked').innerText()).toContain('等待审批');
  await screenshot(zhang, 'library-04-locked-requested');
  await zhang.context().close();
});

it('the head of 调研室 grants; the content opens for 督查室', async () => {
  const guo = await as('dys_guo');
  await guo.goto(`${server.url}/library/requests`);
  const row = guo.locator('tr').filter({ hasText: '关于城市更新片区改造资金平衡的调研报告' });
  await row.waitFor();
  await screenshot(guo, 'library-05-requests');
  await row.locator('[data-testid^="grant-"]').click();
  await guo.getByTestId('decide-note').fill('同意，请注意保密');
  await guo
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /^同\s*意$/ })
    .click();
  await expect.poll(() => row.innerText()).toContain('已同意');
  await guo.context().close();

  const zhang = await as('dcs_zhang');
  await zhang.goto(`${server.url}${itemUrl}`);
  await expect.poll(() => zhang.getByTestId('item-content').innerText()).toContain('资金缺口约12亿元');
  await screenshot(zhang, 'library-06-opened');
  await zhang.context().close();
});

it('the item is circulated and the receipts show who has read it', async () => {
  const ma = await as('dys_ma');
  await ma.goto(`${server.url}${itemUrl}`);
  await ma.getByTestId('circulate').click();
  const modal = ma.locator('.ant-modal').filter({ has: ma.getByTestId('circulate-purpose') });
  for (const name of ['陈志远', '黄振华']) {
    const input = modal.getByLabel('传阅对象');
    await input.click();
    await input.fill(name);
    await ma.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
  }
  await ma.keyboard.press('Escape').catch(() => undefined);
  await modal.getByTestId('circulate-purpose').fill('呈阅，供领导参阅');
  await modal.getByRole('button', { name: /提\s*交/ }).click();
  await ma.getByTestId('circulation').first().waitFor();
  await ma.context().close();

  const chen = await as('zr_chen');
  await chen.goto(`${server.url}/`);
  await chen.getByText('传阅：关于城市更新片区改造资金平衡的调研报告').first().waitFor();
  await screenshot(chen, 'library-07-workbench');
  await chen.goto(`${server.url}${itemUrl}`); // opening signs the receipt
  await chen.getByTestId('item-content').waitFor();
  await chen.context().close();

  const ma2 = await as('dys_ma');
  await ma2.goto(`${server.url}${itemUrl}`);
  const receipts = ma2.getByTestId('circulation').first();
  await expect.poll(() => receipts.innerText()).toContain('已阅 1/2');
  const text = await receipts.innerText();
  expect(text).toMatch(/陈志远\s+\d{4}-\d{2}-\d{2}/);
  expect(text).toMatch(/黄振华\s+未读/);
  await screenshot(ma2, 'library-08-receipts');
  await ma2.context().close();
});
