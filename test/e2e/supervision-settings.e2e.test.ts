/**
 * 督查督办设置: 督查室's 处长 sets who approves 延期, 办结 and 销号 per item source (and the yellow-light span);
 * a 工作人员 reads the settings without a save button. axe-core finds nothing serious.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, pageAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

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

const as = (username: string): Promise<Page> => pageAs(b, server.url, username);

it('the 处长 lets 工作人员 decide extensions of 督查室 items; the 工作人员 only reads the settings', async () => {
  const huang = await as('dcs_huang');
  await huang.goto(`${server.url}/supervision/settings`);
  const cell = huang.getByLabel('决策督查（督查室立项）：延期审批', { exact: true });
  await cell.waitFor();
  await cell.click();
  await huang.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '督查室工作人员' }).first().click();
  const yellow = huang.getByLabel('黄灯（距时限工作日数）', { exact: true });
  await yellow.fill('5');
  await huang.getByTestId('settings-save').click();
  await expect
    .poll(async () => (await callApi(huang, 'GET', '/api/supervision/settings')).json.settings)
    .toMatchObject({ yellowDays: 5, approvers: { decision: { extension: 'staff', accept: 'division_head', close: 'division_head' } } });
  await screenshot(huang, 'supervision-settings-01');
  expect(await axeFindings(huang)).toEqual([]);
  await huang.context().close();

  const zhang = await as('dcs_zhang');
  await zhang.goto(`${server.url}/supervision/settings`);
  await zhang.getByText('只有督查室处长或主任可以修改设置').waitFor();
  expect(await zhang.getByTestId('settings-save').count()).toBe(0);
  expect(await axeFindings(zhang)).toEqual([]);
  await zhang.context().close();
});
